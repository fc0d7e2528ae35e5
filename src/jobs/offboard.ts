/**
 * Job: run one offboarding. For each revoke step in plan order the worker takes the step's lease,
 * reads the agency's access first (a rerun after a crash may find the platform already acted),
 * records `requested` BEFORE the revoke call and the result after it, and marks the grant revoked
 * with its `grant.revoked` webhook in the same transaction. When the platform refuses a removal,
 * the step becomes the plan's exact manual step. Then every step is read back: the offboarding
 * completes only when nothing Latchkey granted remains. Idempotent: a rerun does no extra revoke.
 */
import { z } from 'zod';
import { manualStepFor } from '../domain/offboarding-plan.ts';
import { PlatformError } from '../platforms/errors.ts';
import type { AgencyIdentity, Platform } from '../platforms/types.ts';
import {
  findOffboarding,
  leaseOffboardingStep,
  listOffboardingSteps,
  setOffboardingStatus,
  type Offboarding,
  updateOffboardingStep,
  type OffboardingStep,
} from '../store/offboardings.ts';
import { findGrant } from '../store/grants.ts';
import { agencyIdentityFor, clientTokenFor, GrantBlocked } from './grant-deps.ts';
import { withRateShare } from './rate-limiter.ts';
import { canBatch, revokeInBatches } from './offboard-batch.ts';
import { finishOffboarding, recordRevoked } from './offboard-record.ts';
import { defineJob } from './queue.ts';
import { describeError, withPlatformRetry, type LifecycleDeps } from './verify-grants-deps.ts';
import { ownValue } from '../lib/own.ts';

export const offboardJob = defineJob({
  name: 'lifecycle.offboard',
  payload: z.object({ offboardingId: z.uuid() }).strict(),
  // A worker killed mid-run: pg-boss retries the job after the heartbeat lapses (J2); the rerun
  // re-reads before any revoke, so nothing is done twice (J1).
  queue: {
    retryLimit: 8,
    retryDelay: 10,
    retryBackoff: true,
    retryDelayMax: 600,
    heartbeatSeconds: 30,
    expireInSeconds: 3_600,
    deleteAfterSeconds: 86_400,
  },
  concurrency: 2,
  handler: async (payload, deps: LifecycleDeps) => {
    await runOffboarding(deps, payload.offboardingId);
  },
});

type Connection = { platform: Platform; agency: AgencyIdentity };

/** Runs (or resumes) an offboarding to completed or needs_attention. */
export async function runOffboarding(deps: LifecycleDeps, offboardingId: string): Promise<void> {
  const offboarding = await findOffboarding(deps.database.db, offboardingId);
  if (!offboarding) throw new Error(`offboarding ${offboardingId} does not exist`);
  // Its platform calls are one share of the limiter: a big one does not starve an approval.
  const share = `${offboarding.agencyId}/offboarding/${offboarding.id}`;
  await withRateShare(share, () => run(deps, offboarding));
}

async function run(deps: LifecycleDeps, offboarding: Offboarding): Promise<void> {
  const db = deps.database.db;
  const offboardingId = offboarding.id;
  const connections = new Map<string, Connection>();
  const connect = async (platformId: string): Promise<Connection> => {
    const known = connections.get(platformId);
    if (known) return known;
    const platform = ownValue(deps.platforms, platformId);
    if (!platform) throw new PlatformError('invalid', `No connector for ${platformId}`, 'none');
    const made = {
      platform,
      agency: await agencyIdentityFor(deps, offboarding.agencyId, platformId),
    };
    connections.set(platformId, made);
    return made;
  };
  if (offboarding.status !== 'running')
    await setOffboardingStatus(db, offboardingId, 'running', deps.now());
  const open: OffboardingStep[] = [];
  for (const step of await listOffboardingSteps(db, offboardingId)) {
    if (step.action === 'manual' && step.status === 'pending') {
      await updateOffboardingStep(db, step.id, { status: 'manual_pending' });
      continue;
    }
    if (step.action === 'revoke' && ['pending', 'requested', 'failed'].includes(step.status))
      open.push(step);
  }
  const oneByOne = async (step: OffboardingStep) => {
    const leased = await leaseOffboardingStep(db, step.id, deps.now(), deps.lifecycle.stepLeaseMs);
    if (!leased) throw new Error(`offboarding step ${step.id} is held by another worker`);
    try {
      await revokeStep(deps, offboarding.agencyId, leased, await connect(leased.platform));
    } catch (error) {
      // Give the lease back so the job's retry can take the step at once.
      await updateOffboardingStep(db, leased.id, { detail: describeError(error), release: true });
      throw error;
    }
  };
  // Platforms are independent: their removals run side by side (each paced by its own limiter).
  const platformIds = [...new Set(open.map((s) => s.platform))];
  const outcomes = await Promise.allSettled(
    platformIds.map(async (platformId) => {
      const steps = open.filter((s) => s.platform === platformId);
      const connection = await connect(platformId);
      if (canBatch(connection.platform)) {
        const plan = { agencyId: offboarding.agencyId, plannedAt: offboarding.plannedAt };
        return revokeInBatches(deps, plan, connection, steps, oneByOne);
      }
      for (const step of steps) await oneByOne(step);
    }),
  );
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
  await setOffboardingStatus(db, offboardingId, 'verifying', deps.now());
  // A removal a member confirmed by hand (no API can see it) stays as they confirmed it.
  const toVerify = (await listOffboardingSteps(db, offboardingId)).filter(
    (s) => s.action !== 'keep' && s.verified !== 'confirmed',
  );
  for (const platformId of [...new Set(toVerify.map((s) => s.platform))]) {
    // No API can read this access (YouTube, Shopify): it stays with a person, unknown.
    if ((ownValue(deps.platforms, platformId)?.manifest.verification ?? 'api') !== 'api') {
      for (const step of toVerify.filter((s) => s.platform === platformId))
        await verifyStep(deps, step, 'unknown');
      continue;
    }
    const connection = await connect(platformId);
    const steps = toVerify.filter((s) => s.platform === platformId);
    const readings = await readBack(deps, connection, steps);
    for (const step of steps) await verifyStep(deps, step, readings.get(step.id) ?? 'unknown');
  }
  await finishOffboarding(deps, offboardingId);
}

async function revokeStep(
  deps: LifecycleDeps,
  agencyId: string,
  step: OffboardingStep,
  { platform, agency }: Connection,
): Promise<void> {
  const db = deps.database.db;
  const asset = {
    type: step.assetType,
    id: step.assetId,
    ...(step.ownerId ? { ownerId: step.ownerId } : {}),
  };
  const retry = <T>(operation: () => Promise<T>) =>
    withPlatformRetry(deps, step.platform, operation);
  if (step.status !== 'pending') {
    // A previous run may have reached the platform (crash, lost answer): read back first.
    const before = await retry(() => platform.readAccess({ agency, asset }));
    if (before.kind === 'lost') {
      const status = step.status === 'requested' ? 'revoked' : 'not_present';
      return recordRevoked(deps, agencyId, step, status, 'read back: no access left');
    }
  }
  await updateOffboardingStep(db, step.id, {
    status: 'requested',
    requestedAt: deps.now(),
    countAttempt: true,
  });
  const clientToken = await waitingClientToken(deps, platform, step);
  try {
    const outcome = await retry(() =>
      platform.revokeAccess({ agency, asset, ...(clientToken ? { clientToken } : {}) }),
    );
    return recordRevoked(
      deps,
      agencyId,
      step,
      outcome.kind === 'revoked' ? 'revoked' : 'not_present',
      outcome.kind,
    );
  } catch (error) {
    if (
      error instanceof PlatformError &&
      (error.kind === 'permission' || error.kind === 'invalid')
    ) {
      await updateOffboardingStep(db, step.id, {
        status: 'manual_pending',
        detail: `The platform refused the removal (${describeError(error)}); a person must do it.`,
        manualStep: step.manualStep ?? manualStepFor(step),
        release: true,
      });
      return;
    }
    throw error;
  }
}

/**
 * The client's token, when the step's grant still waits for the agency to accept on a platform
 * that finishes grants with it (Snapchat): that token is kept for the grant (clientTokensToKeep),
 * and only it can withdraw the invitation the agency has not accepted yet.
 */
async function waitingClientToken(
  deps: LifecycleDeps,
  platform: Platform,
  step: OffboardingStep,
): Promise<string | undefined> {
  if (!platform.continueGrant || step.grantId === null) return undefined;
  const grant = await findGrant(deps.database.db, step.grantId);
  if (grant?.status !== 'pending_acceptance') return undefined;
  try {
    return await clientTokenFor(deps, grant.onboardingId, grant.platform);
  } catch (error) {
    if (error instanceof GrantBlocked) return undefined;
    throw error;
  }
}

type Verified = 'gone' | 'still_present' | 'unknown';

/**
 * Reads every asset back with the agency's connection: one list per asset type when the connector
 * offers it, else one read per asset. A failed read is unknown, never gone.
 */
async function readBack(
  deps: LifecycleDeps,
  { platform, agency }: Connection,
  steps: readonly OffboardingStep[],
): Promise<Map<string, Verified>> {
  const out = new Map<string, Verified>();
  const retry = <T>(operation: () => Promise<T>) =>
    withPlatformRetry(deps, platform.manifest.id, operation);
  for (const type of [...new Set(steps.map((s) => s.assetType))]) {
    const ofType = steps.filter((s) => s.assetType === type);
    if (platform.listAgencyHoldings) {
      const list = platform.listAgencyHoldings.bind(platform);
      try {
        const held = await list({ agency, assetTypes: [type], retryPage: retry });
        for (const step of ofType) {
          const found = held.find((h) => h.id === step.assetId && h.reading.kind !== 'lost');
          out.set(step.id, found ? 'still_present' : 'gone');
        }
      } catch {
        for (const step of ofType) out.set(step.id, 'unknown');
      }
      continue;
    }
    for (const step of ofType) {
      const asset = {
        type: step.assetType,
        id: step.assetId,
        ...(step.ownerId ? { ownerId: step.ownerId } : {}),
      };
      try {
        const reading = await retry(() => platform.readAccess({ agency, asset }));
        out.set(step.id, reading.kind === 'lost' ? 'gone' : 'still_present');
      } catch {
        out.set(step.id, 'unknown');
      }
    }
  }
  return out;
}

/** Records one asset's read-back; a manual step a person did is then done. */
async function verifyStep(
  deps: LifecycleDeps,
  step: OffboardingStep,
  verified: Verified,
): Promise<void> {
  const done = step.status === 'manual_pending' && verified === 'gone';
  await updateOffboardingStep(deps.database.db, step.id, {
    verified,
    verifiedAt: deps.now(),
    ...(done ? { status: 'revoked' as const, doneAt: deps.now() } : {}),
  });
  if (done && step.grantId) {
    await recordRevoked(
      deps,
      step.agencyId,
      { ...step, status: 'revoked' },
      'revoked',
      'done by a person, verified',
    );
  }
}
