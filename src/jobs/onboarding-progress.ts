/**
 * Settling a grant and moving its onboarding on, in one transaction with the audit events and
 * webhook events: grant.granted / grant.failed for the grant; request.completed or
 * request.partially_completed when the onboarding ends; and the client's token deleted as soon
 * as no grant needs it any more (SECURITY-RELIABILITY S12).
 */
import type { Transaction } from 'kysely';
import { requestStatusFor } from '../domain/access-request.ts';
import { confirmedBy } from '../domain/grant.ts';
import {
  clientTokenNoLongerNeeded,
  deriveOnboardingStatus,
  type GrantOnPlatform,
} from '../domain/onboarding.ts';
import { setAccessRequestStatus } from '../store/access-requests.ts';
import { systemActor, withAudit, type Actor, type AuditEvent } from '../store/audit.ts';
import {
  settleGrants,
  listGrantStatusesByOnboarding,
  type Grant,
  type GrantSettlement,
} from '../store/grants.ts';
import {
  lockOnboardingStates,
  setOnboardingStatus,
  type OnboardingState,
} from '../store/onboardings.ts';
import type { GrantStatus, Schema } from '../store/schema.ts';
import { emitWebhookEvent, emitWebhookEvents, type WebhookEvent } from '../store/webhook-events.ts';
import type { GrantDeps } from './grant-deps.ts';
import {
  deleteClientTokensOf,
  revokeAtPlatforms,
  type ClientTokenDeps,
  type RevocableToken,
} from './revoke-client-tokens.ts';

/** Webhook payload for a grant: ids and facts only. */
function grantEventData(grant: Grant): Record<string, unknown> {
  return {
    grant_id: grant.id,
    onboarding_id: grant.onboardingId,
    platform: grant.platform,
    asset_type: grant.assetType,
    asset_id: grant.assetId,
    permission_level: grant.permissionLevel,
    status: grant.status,
    // Granted through an API read (verified) or on a person's word where no API can read it.
    ...(grant.status === 'granted'
      ? { verified: grant.verifiedAt !== null, confirmed_by: confirmedBy(grant) }
      : {}),
    ...(grant.failureReason ? { failure_reason: grant.failureReason } : {}),
  };
}

export interface SettleInput {
  readonly grantId: string;
  readonly owner?: string;
  readonly from?: readonly GrantStatus[];
  readonly settlement: GrantSettlement;
  readonly actor?: Actor;
  /** The status the guard guarantees (saves a read). */
  readonly previousStatus?: GrantStatus;
}

type SettleDeps = Pick<GrantDeps, 'database' | 'now'> & ClientTokenDeps;

/** What advancing an onboarding wrote to the audit, and the client tokens to revoke after commit. */
export interface OnboardingAdvance {
  readonly audit: AuditEvent[];
  readonly revocable: RevocableToken[];
}

/**
 * Settles one grant (guarded by lease owner or expected states) and advances its onboarding.
 * Returns the grant as stored, or undefined when the guard did not match (someone else moved it).
 */
export async function settleGrantAndAdvance(
  deps: SettleDeps,
  input: SettleInput,
): Promise<Grant | undefined> {
  const [settled] = await settleGrantsAndAdvance(deps, [input]);
  return settled;
}

/**
 * Settles several grants in one transaction, then advances each onboarding they belong to once:
 * what a batch of workers finishing together costs (see groupCommit). One result per input.
 */
export async function settleGrantsAndAdvance(
  deps: SettleDeps,
  inputs: readonly SettleInput[],
): Promise<(Grant | undefined)[]> {
  const now = deps.now();
  const revocable: RevocableToken[] = [];
  const settled = await withAudit(deps.database.db, async (tx) => {
    const audit: AuditEvent[] = [];
    const before = await statusesBefore(tx, inputs);
    const grants = await settleGrants(
      tx,
      inputs.map((input) => ({
        id: input.grantId,
        settlement: input.settlement,
        ...(input.owner === undefined ? {} : { owner: input.owner }),
        ...(input.from === undefined ? {} : { from: input.from }),
      })),
      now,
    );
    const events: WebhookEvent[] = [];
    for (const [i, grant] of grants.entries()) {
      const input = inputs[i];
      if (grant && input) recordSettled(grant, input, before.get(grant.id), { audit, events });
    }
    await emitWebhookEvents(tx, events);
    const onboardingIds = new Set(grants.flatMap((g) => (g ? [g.onboardingId] : [])));
    const advanced = await advanceOnboardings(tx, deps, [...onboardingIds], now);
    audit.push(...advanced.audit);
    revocable.push(...advanced.revocable);
    return { result: grants, audit };
  });
  if (revocable.length > 0) await revokeAtPlatforms(deps, revocable);
  return settled;
}

/** Each grant's status before settling: given by the caller's guard, else read (one statement). */
async function statusesBefore(
  tx: Transaction<Schema>,
  inputs: readonly SettleInput[],
): Promise<Map<string, GrantStatus>> {
  const known = new Map<string, GrantStatus>();
  const unknown: string[] = [];
  for (const input of inputs) {
    if (input.previousStatus !== undefined) known.set(input.grantId, input.previousStatus);
    else unknown.push(input.grantId);
  }
  if (unknown.length === 0) return known;
  const rows = await tx
    .selectFrom('grants')
    .select(['id', 'status'])
    .where('id', 'in', unknown)
    .execute();
  for (const row of rows) known.set(row.id, row.status);
  return known;
}

/** A settled grant's audit event and, when it is final, its webhook event. */
function recordSettled(
  grant: Grant,
  input: SettleInput,
  before: GrantStatus | undefined,
  { audit, events }: { audit: AuditEvent[]; events: WebhookEvent[] },
): void {
  if (before === grant.status) return;
  audit.push({
    agencyId: grant.agencyId,
    actor: input.actor ?? systemActor,
    action: `grant.${grant.status}`,
    target: { kind: 'grant', id: grant.id },
    data: {
      from: before ?? null,
      to: grant.status,
      asset_type: grant.assetType,
      asset_id: grant.assetId,
      level: grant.permissionLevel,
      ...(grant.failureReason ? { reason: grant.failureReason } : {}),
    },
  });
  if (grant.status === 'granted' || grant.status === 'failed') {
    events.push({
      agencyId: grant.agencyId,
      type: `grant.${grant.status}`,
      data: grantEventData(grant),
    });
  }
}

/**
 * Recomputes the onboarding's status from its grants under the onboarding's row lock, updates
 * the request, emits the request webhook once, and deletes the client's tokens once unneeded
 * (but those a grant waiting for acceptance still needs, until it settles). The tokens to revoke
 * at their platforms are returned: the caller revokes them once the transaction commits.
 */
export async function advanceOnboarding(
  tx: Transaction<Schema>,
  deps: ClientTokenDeps,
  onboardingId: string,
  now: Date,
): Promise<OnboardingAdvance> {
  return advanceOnboardings(tx, deps, [onboardingId], now);
}

/**
 * advanceOnboarding for every onboarding a settlement touched: their locks (in id order), their
 * grants and their tokens each in one statement, so a settlement that finishes ten clients'
 * grants costs what one costs; only an onboarding whose status changes adds its own writes.
 */
export async function advanceOnboardings(
  tx: Transaction<Schema>,
  deps: ClientTokenDeps,
  onboardingIds: readonly string[],
  now: Date,
): Promise<OnboardingAdvance> {
  const locked = await lockOnboardingStates(tx, onboardingIds);
  const onboardings = locked.filter((onboarding) => onboarding.status !== 'started');
  const grantsOf = await listGrantStatusesByOnboarding(
    tx,
    onboardings.map((onboarding) => onboarding.id),
  );
  const audit: AuditEvent[] = [];
  const finished: { onboarding: OnboardingState; grants: readonly GrantOnPlatform[] }[] = [];
  for (const onboarding of onboardings) {
    const grants = grantsOf.get(onboarding.id) ?? [];
    const statuses = grants.map((grant) => grant.status);
    audit.push(...(await moveOnboardingStatus(tx, onboarding, statuses, now)));
    if (clientTokenNoLongerNeeded(statuses)) finished.push({ onboarding, grants });
  }
  if (finished.length === 0) return { audit, revocable: [] };
  const deleted = await deleteClientTokensOf(tx, deps, finished);
  return { audit: [...audit, ...deleted.audit], revocable: deleted.revocable };
}

/**
 * Sets the onboarding's status derived from its grants' and, when that changes it, the request's,
 * with the request's webhook once it ends; returns the audit events of what changed.
 */
async function moveOnboardingStatus(
  tx: Transaction<Schema>,
  onboarding: OnboardingState,
  statuses: readonly GrantStatus[],
  now: Date,
): Promise<AuditEvent[]> {
  const audit: AuditEvent[] = [];
  const next = deriveOnboardingStatus(statuses);
  const target = { kind: 'onboarding', id: onboarding.id };
  if (next === onboarding.status || !(await setOnboardingStatus(tx, onboarding.id, next, now))) {
    return audit;
  }
  audit.push({
    agencyId: onboarding.agencyId,
    actor: systemActor,
    action: `onboarding.${next}`,
    target,
    data: { from: onboarding.status, to: next },
  });
  const request = await tx
    .selectFrom('access_requests')
    .select(['id', 'status'])
    .where('id', '=', onboarding.requestId)
    .executeTakeFirst();
  const requestStatus = request ? requestStatusFor(request.status, next) : undefined;
  if (!request || !requestStatus) return audit;
  if (!(await setAccessRequestStatus(tx, request.id, requestStatus, now))) return audit;
  audit.push({
    agencyId: onboarding.agencyId,
    actor: systemActor,
    action: `request.${requestStatus}`,
    target: { kind: 'access_request', id: request.id },
    data: { from: request.status, to: requestStatus },
  });
  if (requestStatus === 'completed' || requestStatus === 'partial') {
    await emitWebhookEvent(tx, {
      agencyId: onboarding.agencyId,
      type: requestStatus === 'completed' ? 'request.completed' : 'request.partially_completed',
      data: { request_id: request.id, onboarding_id: onboarding.id, grants: statuses.length },
    });
  }
  return audit;
}
