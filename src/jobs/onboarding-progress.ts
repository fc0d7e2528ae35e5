/**
 * Settling a grant and moving its onboarding on, in one transaction with the audit events and
 * webhook events: grant.granted / grant.failed for the grant; request.completed or
 * request.partially_completed when the onboarding ends; and the client's token deleted as soon
 * as no grant needs it any more (SECURITY-RELIABILITY S12).
 */
import type { Transaction } from 'kysely';
import { requestStatusFor } from '../domain/access-request.ts';
import { confirmedBy } from '../domain/grant.ts';
import { clientTokenNoLongerNeeded, deriveOnboardingStatus } from '../domain/onboarding.ts';
import { setAccessRequestStatus } from '../store/access-requests.ts';
import { systemActor, withAudit, type Actor, type AuditEvent } from '../store/audit.ts';
import {
  settleGrants,
  listGrantStatuses,
  type Grant,
  type GrantSettlement,
} from '../store/grants.ts';
import { lockOnboardingState, setOnboardingStatus } from '../store/onboardings.ts';
import type { GrantStatus, Schema } from '../store/schema.ts';
import { emitWebhookEvent } from '../store/webhook-events.ts';
import type { GrantDeps } from './grant-deps.ts';
import {
  deleteClientTokens,
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
    for (const [i, grant] of grants.entries()) {
      const input = inputs[i];
      if (grant && input) await recordSettled(tx, grant, input, before.get(grant.id), audit);
    }
    const onboardingIds = new Set(grants.flatMap((g) => (g ? [g.onboardingId] : [])));
    for (const onboardingId of onboardingIds) {
      const advanced = await advanceOnboarding(tx, deps, onboardingId, now);
      audit.push(...advanced.audit);
      revocable.push(...advanced.revocable);
    }
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
async function recordSettled(
  tx: Transaction<Schema>,
  grant: Grant,
  input: SettleInput,
  before: GrantStatus | undefined,
  audit: AuditEvent[],
): Promise<void> {
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
    await emitWebhookEvent(tx, {
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
  const onboarding = await lockOnboardingState(tx, onboardingId);
  if (!onboarding || onboarding.status === 'started') return { audit: [], revocable: [] };
  const grants = await listGrantStatuses(tx, onboardingId);
  const statuses = grants.map((grant) => grant.status);
  const audit: AuditEvent[] = [];
  const next = deriveOnboardingStatus(statuses);
  const target = { kind: 'onboarding', id: onboardingId };
  if (next !== onboarding.status && (await setOnboardingStatus(tx, onboardingId, next, now))) {
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
    if (
      request &&
      requestStatus &&
      (await setAccessRequestStatus(tx, request.id, requestStatus, now))
    ) {
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
          data: { request_id: request.id, onboarding_id: onboardingId, grants: statuses.length },
        });
      }
    }
  }
  if (!clientTokenNoLongerNeeded(statuses)) return { audit, revocable: [] };
  const deleted = await deleteClientTokens(tx, deps, onboarding, grants);
  return { audit: [...audit, ...deleted.audit], revocable: deleted.revocable };
}
