/**
 * The offboarding's writes that go with an audit event: one step's revoke result with the grant
 * marked revoked and its `grant.revoked` webhook, and the final status with the summary event.
 * A grant revoked while it waited for acceptance may have been the last reason to keep a client
 * token (Snapchat's): its onboarding's tokens are released by the same rule as settling.
 */
import type { Transaction } from 'kysely';
import { withAudit, type Actor } from '../store/audit.ts';
import {
  findOffboarding,
  listOffboardingSteps,
  setOffboardingStatus,
  updateOffboardingStep,
  type OffboardingStep,
} from '../store/offboardings.ts';
import type { Schema } from '../store/schema.ts';
import { markGrantRevoked } from '../store/verifications-grants.ts';
import { emitWebhookEvent } from '../store/webhook-events.ts';
import {
  releaseClientTokens,
  revokeAtPlatforms,
  type DeletedClientTokens,
} from './revoke-client-tokens.ts';
import type { LifecycleDeps } from './verify-grants-deps.ts';

/**
 * Marks the step's grant revoked and, the first time, emits its `grant.revoked` webhook with
 * `facts` added and releases the client tokens its onboarding no longer needs; undefined when
 * this call did not revoke it.
 */
async function revokeGrantOf(
  tx: Transaction<Schema>,
  deps: LifecycleDeps,
  step: OffboardingStep,
  now: Date,
  facts: { result: string; verified?: boolean },
): Promise<DeletedClientTokens | undefined> {
  if (!step.grantId) return undefined;
  const onboardingId = await markGrantRevoked(
    tx,
    step.grantId,
    `offboarding ${step.offboardingId}`,
    now,
  );
  if (onboardingId === undefined) return undefined;
  await emitWebhookEvent(tx, {
    agencyId: step.agencyId,
    type: 'grant.revoked',
    data: {
      grant_id: step.grantId,
      offboarding_id: step.offboardingId,
      platform: step.platform,
      asset_type: step.assetType,
      asset_id: step.assetId,
      ...facts,
    },
  });
  return releaseClientTokens(tx, deps, onboardingId);
}

/** Records a step's result and, the first time, the grant's revocation. */
export async function recordRevoked(
  deps: LifecycleDeps,
  agencyId: string,
  step: OffboardingStep,
  status: 'revoked' | 'not_present',
  detail: string,
): Promise<void> {
  const now = deps.now();
  const released = await withAudit(deps.database.db, async (tx) => {
    await updateOffboardingStep(tx, step.id, { status, detail, doneAt: now, release: true });
    const revoked = await revokeGrantOf(tx, deps, step, now, { result: status });
    return {
      result: revoked,
      audit: revoked
        ? [
            {
              agencyId,
              actor: { kind: 'system', id: null },
              action: 'grant.revoked',
              target: { kind: 'grant', id: step.grantId },
              data: { offboarding_id: step.offboardingId, result: status },
            },
            ...revoked.audit,
          ]
        : [],
    };
  });
  if (released?.revocable.length) await revokeAtPlatforms(deps, released.revocable);
}

/**
 * A member of the agency confirms a removal done by hand that no API can check (a YouTube
 * channel's permissions, a Shopify collaborator account): the step is done and `confirmed`,
 * which the report shows as confirmed by that member and not verified; the grant is revoked and
 * the offboarding's status worked out again.
 */
export async function confirmManualRemoval(
  deps: LifecycleDeps,
  step: OffboardingStep,
  confirmedBy: { actor: Actor; name: string },
): Promise<void> {
  const now = deps.now();
  const released = await withAudit(deps.database.db, async (tx) => {
    await updateOffboardingStep(tx, step.id, {
      status: 'revoked',
      verified: 'confirmed',
      detail: `Removed by hand; confirmed by ${confirmedBy.name}, not verified (${step.platform} has no API that shows it).`,
      doneAt: now,
      verifiedAt: now,
      release: true,
    });
    const revoked = await revokeGrantOf(tx, deps, step, now, {
      result: 'revoked',
      verified: false,
    });
    return {
      result: revoked,
      audit: [
        {
          agencyId: step.agencyId,
          actor: confirmedBy.actor,
          action: 'offboarding.removal_confirmed',
          target: { kind: 'offboarding', id: step.offboardingId },
          data: {
            step_id: step.id,
            grant_id: step.grantId,
            platform: step.platform,
            asset_type: step.assetType,
            asset_id: step.assetId,
          },
        },
        ...(revoked?.audit ?? []),
      ],
    };
  });
  if (released?.revocable.length) await revokeAtPlatforms(deps, released.revocable);
  await finishOffboarding(deps, step.offboardingId);
}

/**
 * Sets the final status: completed when every removal is verified gone (or, where no API can
 * check it, confirmed by a member), else needs_attention.
 */
export async function finishOffboarding(deps: LifecycleDeps, offboardingId: string): Promise<void> {
  const steps = await listOffboardingSteps(deps.database.db, offboardingId);
  const offboarding = await findOffboarding(deps.database.db, offboardingId);
  if (!offboarding) return;
  const removals = steps.filter((s) => s.action !== 'keep');
  const clean = removals.every((s) => s.verified === 'gone' || s.verified === 'confirmed');
  const status = clean ? 'completed' : 'needs_attention';
  const now = deps.now();
  await withAudit(deps.database.db, async (tx) => {
    await setOffboardingStatus(tx, offboardingId, status, now);
    return {
      result: undefined,
      audit: {
        agencyId: offboarding.agencyId,
        actor: { kind: 'system', id: null },
        action: `offboarding.${status}`,
        target: { kind: 'offboarding', id: offboardingId },
        data: {
          removed: removals.filter((s) => s.verified === 'gone').length,
          confirmed: removals.filter((s) => s.verified === 'confirmed').length,
          still_present: removals.filter((s) => s.verified === 'still_present').length,
          unknown: removals.filter((s) => s.verified === 'unknown').length,
          manual_pending: removals.filter((s) => s.status === 'manual_pending').length,
          kept: steps.length - removals.length,
        },
      },
    };
  });
}
