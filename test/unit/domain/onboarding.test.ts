import { describe, expect, it } from 'vitest';
import {
  canApprove,
  clientTokenNoLongerNeeded,
  clientTokensToKeep,
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
  it("keeps a platform's client token while its connector finishes a grant waiting for acceptance", () => {
    // Snapchat gives the ad-account role with the client's token once the agency joined.
    const connectors = { snapchat: { continueGrant: () => undefined }, tiktok: {} };
    expect(
      clientTokensToKeep(
        [
          { platform: 'snapchat', status: 'granted' },
          { platform: 'snapchat', status: 'pending_acceptance' },
          { platform: 'tiktok', status: 'pending_acceptance' },
          { platform: 'pinterest', status: 'failed' },
        ],
        connectors,
      ),
    ).toEqual(new Set(['snapchat']));
  });
  it('lets every client token go once no grant waits on a connector that needs it', () => {
    const connectors = { snapchat: { continueGrant: () => undefined } };
    for (const status of ['granted', 'failed', 'revoked', 'needs_manual_step'] as const) {
      expect(clientTokensToKeep([{ platform: 'snapchat', status }], connectors).size).toBe(0);
    }
    expect(clientTokensToKeep([], connectors).size).toBe(0);
    // A platform without a connector here, or a name off the record's prototype, keeps nothing.
    expect(
      clientTokensToKeep(
        [
          { platform: 'linkedin', status: 'pending_acceptance' },
          { platform: 'constructor', status: 'pending_acceptance' },
        ],
        connectors,
      ).size,
    ).toBe(0);
  });
  it('approves once', () => {
    expect(canApprove('started')).toBe(true);
    expect(canApprove('approved')).toBe(false);
  });
});
