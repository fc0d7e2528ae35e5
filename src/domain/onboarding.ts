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
 * True when no grant job still needs the client's tokens: every job is final. Pending acceptance
 * and manual steps are mostly re-checked with the agency's identity, so the tokens can go, except
 * those clientTokensToKeep names.
 */
export function clientTokenNoLongerNeeded(grants: readonly GrantStatus[]): boolean {
  return grants.length > 0 && grants.every(isJobFinal);
}

/** A grant as the client-token rule sees it. */
export interface GrantOnPlatform {
  readonly platform: string;
  readonly status: GrantStatus;
}

/** What the rule needs of a connector: whether it finishes a waiting grant with the client's token. */
export type ClientTokenUsers = Readonly<
  Partial<Record<string, { readonly continueGrant?: unknown }>>
>;

/**
 * The platforms whose client token must outlive the grant jobs: one of their grants waits for
 * acceptance and their connector finishes it with the client's token once the agency accepts
 * (Snapchat gives the ad-account role only to a member of the organization). The token goes when
 * the last such grant settles; every other platform's token goes as soon as no job needs it.
 */
export function clientTokensToKeep(
  grants: readonly GrantOnPlatform[],
  connectors: ClientTokenUsers,
): ReadonlySet<string> {
  const keep = new Set<string>();
  for (const { platform, status } of grants) {
    const connector = Object.hasOwn(connectors, platform) ? connectors[platform] : undefined;
    if (status === 'pending_acceptance' && connector?.continueGrant) keep.add(platform);
  }
  return keep;
}

/** Whether the client may still approve: only before approval, once per onboarding. */
export function canApprove(status: OnboardingStatus): boolean {
  return status === 'started';
}
