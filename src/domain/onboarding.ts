/**
 * The onboarding state machine: started (link opened) → approved (the client chose assets; grants
 * run) → completed (every grant granted) or partial (every grant settled, some not granted).
 * Grants still waiting for a person keep the onboarding approved.
 */
import { isJobFinal, type GrantStatus } from './grant.ts';

export type OnboardingStatus = 'started' | 'approved' | 'completed' | 'partial' | 'abandoned';

/** The onboarding's status given its grants' statuses (after approval). */
export function deriveOnboardingStatus(grants: readonly GrantStatus[]): OnboardingStatus {
  if (grants.length === 0) return 'approved';
  if (grants.every((status) => status === 'granted')) return 'completed';
  const settled = grants.every((status) => ['granted', 'failed', 'revoked'].includes(status));
  return settled ? 'partial' : 'approved';
}

/**
 * True when no grant still needs the client's token: every job is final. Pending acceptance and
 * manual steps are re-checked with the agency's identity, so the client's token can go.
 */
export function clientTokenNoLongerNeeded(grants: readonly GrantStatus[]): boolean {
  return grants.length > 0 && grants.every(isJobFinal);
}

/** Whether the client may still approve: only before approval, once per onboarding. */
export function canApprove(status: OnboardingStatus): boolean {
  return status === 'started';
}
