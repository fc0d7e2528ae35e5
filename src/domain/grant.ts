/**
 * The grant state machine. A grant is one asset, one permission level, one state. Its job records
 * each remote side effect as a step before taking the next one, so a retry knows whether the
 * platform may already have acted and must be read back first (recovery points, after Brandur's
 * idempotency keys).
 */
export type GrantStatus =
  | 'queued'
  | 'running'
  | 'granted'
  | 'pending_acceptance'
  | 'needs_manual_step'
  | 'failed'
  | 'revoked';

/** States the job leaves a grant in; nothing runs for it until a re-check or a person acts. */
export const jobFinalStatuses: ReadonlySet<GrantStatus> = new Set([
  'granted',
  'pending_acceptance',
  'needs_manual_step',
  'failed',
  'revoked',
]);

/** States that wait for someone (the agency accepting, the client's manual step): re-checked. */
export const awaitingStatuses: ReadonlySet<GrantStatus> = new Set([
  'pending_acceptance',
  'needs_manual_step',
]);

const transitions: Record<GrantStatus, readonly GrantStatus[]> = {
  queued: ['running', 'failed', 'revoked'],
  running: ['running', 'queued', 'granted', 'pending_acceptance', 'needs_manual_step', 'failed'],
  pending_acceptance: ['granted', 'pending_acceptance', 'needs_manual_step', 'failed', 'revoked'],
  needs_manual_step: ['granted', 'pending_acceptance', 'needs_manual_step', 'failed', 'revoked'],
  granted: ['revoked'],
  failed: ['queued'],
  revoked: [],
};

/** True when the state machine allows `from` → `to`. */
export function canTransition(from: GrantStatus, to: GrantStatus): boolean {
  return transitions[from].includes(to);
}

/** True once the job has nothing more to do for the grant. */
export function isJobFinal(status: GrantStatus): boolean {
  return jobFinalStatuses.has(status);
}

export interface GrantKeyParts {
  readonly onboardingId: string;
  readonly platform: string;
  readonly assetType: string;
  readonly assetId: string;
  readonly level: string;
}

/** The deterministic idempotency key: the same ask in the same onboarding is the same grant. */
export function grantIdempotencyKey(parts: GrantKeyParts): string {
  return [
    'grant',
    'v1',
    parts.onboardingId,
    parts.platform,
    parts.assetType,
    parts.assetId,
    parts.level,
  ]
    .map((part) => encodeURIComponent(part))
    .join(':');
}

export type GrantStepName =
  | 'claimed'
  | 'read_back'
  | 'grant_requested'
  | 'grant_answered'
  | 'retry_scheduled'
  | 'verified'
  | 'failed';

export interface GrantStepRecord {
  readonly name: string;
  readonly at: string;
  readonly detail?: string;
}

/**
 * True when an earlier attempt asked the platform to grant and no answer was recorded: the platform
 * may have acted, so the next attempt must read the current access before calling again.
 */
export function mustReadBackFirst(steps: readonly GrantStepRecord[]): boolean {
  let open = false;
  for (const step of steps) {
    if (step.name === 'grant_requested') open = true;
    if (step.name === 'grant_answered' || step.name === 'read_back') open = false;
  }
  return open;
}

/** Levels lowest privilege first; `held` satisfies `wanted` when it is at least as high. */
export function levelSatisfies(levels: readonly string[], held: string, wanted: string): boolean {
  const heldRank = levels.indexOf(held);
  const wantedRank = levels.indexOf(wanted);
  if (heldRank < 0 || wantedRank < 0) return held === wanted;
  return heldRank >= wantedRank;
}

/** Who said a grant is done when no API could read it: the client, the agency, or nobody. */
export function confirmedBy(grant: {
  readonly steps: readonly { readonly name: string }[];
}): 'client' | 'agency' | null {
  if (grant.steps.some((s) => s.name === 'client_confirmed')) return 'client';
  if (grant.steps.some((s) => s.name === 'agency_confirmed')) return 'agency';
  return null;
}
