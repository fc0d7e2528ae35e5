/**
 * Offboarding one platform's removals in batches (issue #16), for connectors that remove many
 * assets in one call (`revokeAssets`) and list what the agency holds (`listAgencyHoldings`).
 * What each asset's state is comes from the plan's read when that read is fresh and the step was
 * never requested; otherwise (a rerun after a crash, an old plan) from one paged read for all of
 * them, never one read per asset. Held assets are then removed in the platform's largest batches
 * (side by side, paced by the rate limiter), after `requested` is recorded for all of them in one
 * statement, so a rerun reads back before acting again. Assets found pending (not live) go the
 * one-by-one way, which reads first and turns a refusal into the plan's manual step.
 */
import { manualStepFor } from '../domain/offboarding-plan.ts';
import { PlatformError } from '../platforms/errors.ts';
import type { AgencyIdentity, Platform } from '../platforms/types.ts';
import {
  leaseOffboardingSteps,
  markStepsRequested,
  updateOffboardingStep,
  type OffboardingStep,
} from '../store/offboardings.ts';
import type { PlannedHolding } from '../store/schema.ts';
import { recordRevoked } from './offboard-record.ts';
import { describeError, withPlatformRetry, type LifecycleDeps } from './verify-grants-deps.ts';

/** A plan's read older than this is read again before removing. */
export const PLAN_FRESH_MS = 10 * 60_000;

export interface BatchConnection {
  readonly platform: Platform;
  readonly agency: AgencyIdentity;
}

/** Whether this connector can take the batched way. */
export function canBatch(platform: Platform): boolean {
  return platform.revokeAssets !== undefined && platform.listAgencyHoldings !== undefined;
}

/**
 * Removes these steps' assets (one platform). Steps that fail transiently are released and the
 * first such error is thrown after every other step is recorded, so the job's retry takes them.
 */
export async function revokeInBatches(
  deps: LifecycleDeps,
  input: { agencyId: string; plannedAt: Date | null },
  connection: BatchConnection,
  steps: readonly OffboardingStep[],
  oneByOne: (step: OffboardingStep) => Promise<void>,
): Promise<void> {
  const db = deps.database.db;
  const leased = await leaseOffboardingSteps(
    db,
    steps.map((s) => s.id),
    deps.now(),
    deps.lifecycle.stepLeaseMs,
  );
  if (leased.length < steps.length) throw new Error('offboarding steps are held by another worker');
  const states = await statesOf(deps, input.plannedAt, connection, leased);
  const failures: unknown[] = [];
  const held: OffboardingStep[] = [];
  for (const step of leased) {
    const state = states.get(step.id);
    if (state === 'absent') {
      const status = step.status === 'requested' ? 'revoked' : 'not_present';
      await recordRevoked(deps, input.agencyId, step, status, 'read: no access left');
    } else if (state === 'held') held.push(step);
    else {
      await updateOffboardingStep(db, step.id, { release: true });
      await oneByOne(step).catch((error: unknown) => void failures.push(error));
    }
  }
  await markStepsRequested(
    db,
    held.map((s) => s.id),
    deps.now(),
  );
  const types = [...new Set(held.map((s) => s.assetType))];
  await Promise.all(
    types.map(async (type) => {
      const ofType = held.filter((s) => s.assetType === type);
      const results = await removeAll(deps, connection, type, ofType);
      for (const step of ofType) {
        const result = results.get(step.assetId);
        if (result && 'outcome' in result) {
          const status = result.outcome.kind === 'revoked' ? 'revoked' : 'not_present';
          await recordRevoked(deps, input.agencyId, step, status, result.outcome.kind);
          continue;
        }
        const error = result?.error ?? new Error('no answer for this asset');
        if (isRefusal(error)) {
          await updateOffboardingStep(db, step.id, {
            status: 'manual_pending',
            detail: `The platform refused the removal (${describeError(error)}); a person must do it.`,
            manualStep: step.manualStep ?? manualStepFor(step),
            release: true,
          });
          continue;
        }
        failures.push(error);
        await updateOffboardingStep(db, step.id, { detail: describeError(error), release: true });
      }
    }),
  );
  if (failures.length > 0) throw failures[0];
}

async function removeAll(
  deps: LifecycleDeps,
  { platform, agency }: BatchConnection,
  assetType: string,
  steps: readonly OffboardingStep[],
) {
  const revoke = platform.revokeAssets?.bind(platform);
  if (!revoke) throw new Error(`${platform.manifest.id} cannot remove in batches`);
  const results = await revoke({
    agency,
    assetType,
    assetIds: steps.map((s) => s.assetId),
    retry: (call) => withPlatformRetry(deps, platform.manifest.id, call),
  });
  return new Map(results.map((r) => [r.assetId, r]));
}

/** Each step's asset state: the plan's read where it still stands, else one paged read. */
async function statesOf(
  deps: LifecycleDeps,
  plannedAt: Date | null,
  { platform, agency }: BatchConnection,
  steps: readonly OffboardingStep[],
): Promise<Map<string, PlannedHolding>> {
  const fresh = plannedAt !== null && deps.now().getTime() - plannedAt.getTime() < PLAN_FRESH_MS;
  const states = new Map<string, PlannedHolding>();
  const toRead: OffboardingStep[] = [];
  for (const step of steps) {
    if (fresh && step.status === 'pending' && step.plannedHolding !== null)
      states.set(step.id, step.plannedHolding);
    else toRead.push(step);
  }
  const list = platform.listAgencyHoldings?.bind(platform);
  if (toRead.length === 0 || !list) return states;
  const holdings = await list({
    agency,
    assetTypes: [...new Set(toRead.map((s) => s.assetType))],
    retryPage: (read) => withPlatformRetry(deps, platform.manifest.id, read),
  });
  for (const step of toRead) {
    const found = holdings.find((h) => h.type === step.assetType && h.id === step.assetId);
    states.set(step.id, found?.reading.kind === 'holds' ? 'held' : found ? 'pending' : 'absent');
  }
  return states;
}

function isRefusal(error: unknown): boolean {
  return (
    error instanceof PlatformError && (error.kind === 'permission' || error.kind === 'invalid')
  );
}
