import { describe, expect, it } from 'vitest';
import {
  canApprove,
  clientTokenNoLongerNeeded,
  deriveOnboardingStatus,
} from '../../../src/domain/onboarding.ts';

describe('onboarding status', () => {
  it('completes when every grant is granted', () => {
    expect(deriveOnboardingStatus(['granted', 'granted'])).toBe('completed');
  });
  it('is partial when everything settled and something failed', () => {
    expect(deriveOnboardingStatus(['granted', 'failed'])).toBe('partial');
  });
  it('stays approved while a grant runs or waits for a person', () => {
    expect(deriveOnboardingStatus(['granted', 'pending_acceptance'])).toBe('approved');
    expect(deriveOnboardingStatus(['running', 'failed'])).toBe('approved');
    expect(deriveOnboardingStatus([])).toBe('approved');
  });
  it('drops the client token once every job is final', () => {
    expect(
      clientTokenNoLongerNeeded(['granted', 'needs_manual_step', 'pending_acceptance', 'failed']),
    ).toBe(true);
    expect(clientTokenNoLongerNeeded(['granted', 'queued'])).toBe(false);
    expect(clientTokenNoLongerNeeded([])).toBe(false);
  });
  it('approves once', () => {
    expect(canApprove('started')).toBe(true);
    expect(canApprove('approved')).toBe(false);
  });
});
