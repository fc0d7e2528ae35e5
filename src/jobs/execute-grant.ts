/**
 * Job: execute one grant, or the first attempts of an approval's grants together (a wave). The
 * worker leases each grant, records `grant_requested` BEFORE asking the platform and
 * `grant_answered` after, so a retry after a crash or an unanswered call reads the platform back
 * first and never grants twice (R2, J1). Retryable platform errors are retried
 * here with full-jitter backoff, honouring the platform's wait and the shared rate limiter (J3,
 * L2); permanent ones fail the grant at once with the connector's human-readable reason.
 */
import { z } from 'zod';
import { awaitingStatuses, levelSatisfies, mustReadBackFirst } from '../domain/grant.ts';
import { retryDelayMs } from '../domain/grant-retry.ts';
import { ownValue } from '../lib/own.ts';
import { PlatformError } from '../platforms/errors.ts';
import type { AccessReading, AgencyIdentity, GrantOutcome, Platform } from '../platforms/types.ts';
import {
  appendGrantStep,
  findGrant,
  listUntriedGrants,
  releaseGrant,
  type Grant,
  type GrantSettlement,
} from '../store/grants.ts';
import { blockCalls, withRateShare } from './rate-limiter.ts';
import { GrantBlocked, newLeaseOwner, platformFor, type GrantDeps } from './grant-deps.ts';
import { grantBatching } from './grant-batching.ts';
import { defineJob, enqueue } from './queue.ts';
import { scheduleRecheck } from './recheck-soon.ts';

const RETRY_LIMIT = 5;
/** Seconds before a job's first retry (pg-boss doubles it after each failure, up to 300). */
const RETRY_DELAY_S = 5;
/** The most grants one job carries (the approve route's MAX_SELECTIONS; more go in several). */
export const GRANTS_PER_WAVE_JOB = 1_000;

export const executeGrantJob = defineJob({
  name: 'grants.execute',
  payload: z.union([
    z.object({ grantId: z.uuid() }).strict(),
    // The grants of one approval, in one job: their first attempts start together (one insert,
    // one fetch, one claim), and each one that fails is retried in a job of its own.
    z.object({ grantIds: z.array(z.uuid()).min(1).max(GRANTS_PER_WAVE_JOB) }).strict(),
  ]),
  // Job-level retries cover crashes and exhausted in-job retries; heartbeats let pg-boss notice a
  // dead worker (J2); completed jobs are deleted after a day (J6: payloads hold ids only).
  queue: {
    retryLimit: RETRY_LIMIT,
    retryDelay: RETRY_DELAY_S,
    retryBackoff: true,
    retryDelayMax: 300,
    heartbeatSeconds: 30,
    expireInSeconds: 900,
    deleteAfterSeconds: 86_400,
    policy: 'short',
  },
  concurrency: 2_000,
  // The grants ready at one moment start together, so their platform calls can be batched
  // (shares of up to 50, one read back per wave): one fetch for up to 250 jobs (an approval's
  // wave, or a retried grant), and one claim for the grants of the jobs fetched together. A
  // worker is busy until every grant of its fetch has settled, so there are eight: approvals
  // that land while others' waves run (ten clients approving within 250 ms on PostgreSQL) start
  // at once instead of waiting a whole wave for a free worker (over a second, measured).
  batchSize: 250,
  handler: async (payload, deps: GrantDeps, job) => {
    if ('grantIds' in payload) return executeGrantWave(deps, payload.grantIds);
    await executeGrant(deps, payload.grantId, { lastAttempt: job.retryCount >= RETRY_LIMIT });
  },
});

/**
 * Runs the first attempts of a wave of grants side by side. A grant that must be tried again
 * (released, not failed) gets a job of its own, with its own retries and back-off, so one flaky
 * grant never spends the others' retries; the wave job then completes. Without a queue to send
 * to, or if sending fails, the wave job fails and pg-boss runs it again: the grants done by then
 * are skipped by their claims, so only the others run.
 */
async function executeGrantWave(deps: GrantDeps, grantIds: readonly string[]): Promise<void> {
  const readsFrom = await prepareWave(deps, grantIds);
  const outcomes = await Promise.allSettled(
    grantIds.map((id) => executeGrant(deps, id, { lastAttempt: false, readsFrom })),
  );
  await queueAgain(deps, grantIds, outcomes);
}

/**
 * Runs the grants an approval inserted already claimed by `owner` (insertGrants' `claimedBy`), in
 * the process that took the approval when it works grants (onboarding-approve.ts): their first
 * attempts start as soon as the approval commits, without the queue's fetch and a claim of their
 * own (at 1,000 grants on the embedded database, over 100 ms before the first share), deciding
 * from reads begun since the approval began (`approvedAt`). Each grant is then as a wave's: one
 * that must be tried again gets a job of its own. Should this process die first, the crash watch
 * queues them again once their lease lapses, and each reads the platform back before any call.
 */
export function runApprovedGrants(
  deps: GrantDeps,
  grants: readonly Grant[],
  owner: string,
  approvedAt: Date,
): Promise<void> {
  const readsFrom = new Map(grants.map((g) => [`${g.onboardingId} ${g.platform}`, approvedAt]));
  const run = Promise.allSettled(
    grants.map((grant) => runHeld(deps, grant, owner, { lastAttempt: false, readsFrom })),
  ).then((outcomes) =>
    queueAgain(
      deps,
      grants.map((g) => g.id),
      outcomes,
    ),
  );
  const runs = approvedRuns.get(deps) ?? new Set();
  approvedRuns.set(deps, runs);
  const tracked = run.finally(() => runs.delete(tracked)).catch(() => undefined);
  runs.add(tracked);
  return run;
}

/** The runs of runApprovedGrants under way, per GrantDeps (per process in production). */
const approvedRuns = new WeakMap<GrantDeps, Set<Promise<void>>>();

/**
 * Waits, at most `timeoutMs`, for the grants this process's approvals run (runApprovedGrants) to
 * end: a process that stops lets them finish rather than leave them to the crash watch.
 */
export async function approvedGrantsDone(deps: GrantDeps, timeoutMs: number): Promise<void> {
  const runs = [...(approvedRuns.get(deps) ?? [])];
  if (runs.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(runs),
    new Promise((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
}

/**
 * Gives each grant of a wave whose run was rejected (released for a retry, not failed) a job of
 * its own. Without a queue to send to, throws the first rejection: the wave job is retried, and
 * a released grant with no job is found by the sweep (listStrandedGrants).
 */
async function queueAgain(
  deps: GrantDeps,
  grantIds: readonly string[],
  outcomes: readonly PromiseSettledResult<void>[],
): Promise<void> {
  const again = grantIds.filter((_, i) => outcomes[i]?.status === 'rejected');
  if (again.length === 0) return;
  const first = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (!deps.boss) throw first?.reason;
  const boss = deps.boss;
  await Promise.all(
    again.map((grantId) =>
      enqueue(
        boss,
        executeGrantJob,
        { grantId },
        { singletonKey: grantId, startAfter: RETRY_DELAY_S },
      ),
    ),
  );
}

/**
 * Starts the platform reads the wave's first attempts will decide from (Platform.prepareGrants)
 * before the grants are claimed, so the claim (one statement for the whole wave, 70 ms at 1,000
 * grants on PGlite) overlaps the first platform call instead of preceding it. Returns once the
 * reads are under way, after one turn of the event loop so that their first database step (the
 * rate limiter's token) is queued ahead of the claim, with the moment from which a read can
 * decide each group's first attempts (UntriedGrants.readsFrom): a read the approval began
 * (onboarding-approve.ts) is joined, not repeated. A grant already tried, or a failure here,
 * only loses the head start: each grant still reads what it needs.
 */
async function prepareWave(deps: GrantDeps, grantIds: readonly string[]): Promise<WaveReadsFrom> {
  const groups = await listUntriedGrants(deps.database.db, grantIds).catch(() => []);
  const readsFrom = new Map(groups.map((g) => [`${g.onboardingId} ${g.platform}`, g.readsFrom]));
  await Promise.all(
    groups.map(async (group) => {
      if (!ownValue(deps.platforms, group.platform)?.prepareGrants) return;
      const identities = await grantBatching(deps)
        .identities(group)
        .catch(() => undefined);
      if (!identities) return;
      beginAgencyReads(deps, { ...group, agency: identities.agency });
    }),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return readsFrom;
}

/** UntriedGrants.readsFrom of a wave's grants, by `${onboardingId} ${platform}`. */
type WaveReadsFrom = ReadonlyMap<string, Date>;

/**
 * Begins the agency-side reads a wave of one onboarding's grants on one platform decides from
 * (Platform.prepareGrants), counted against that client in the limiter's fair queue, and returns
 * at once: the grants wait for the reads themselves. Also called by the approval, before its
 * transaction, when this process works the grant queue (onboarding-approve.ts).
 */
export function beginAgencyReads(
  deps: GrantDeps,
  input: {
    agencyId: string;
    onboardingId: string;
    platform: string;
    agency: AgencyIdentity;
    assetTypes: readonly string[];
    readsFrom: Date;
  },
): void {
  const platform = ownValue(deps.platforms, input.platform);
  if (!platform?.prepareGrants) return;
  const share = `${input.agencyId}/onboarding/${input.onboardingId}`;
  const read = { agency: input.agency, assetTypes: input.assetTypes, readsFrom: input.readsFrom };
  // A platform that breaks the contract and rejects must not leave an unhandled rejection behind.
  void withRateShare(share, () => platform.prepareGrants?.(read) ?? Promise.resolve()).catch(
    () => undefined,
  );
}

/** Runs one grant to a job-final state, or throws so that pg-boss retries it later. */
export async function executeGrant(
  deps: GrantDeps,
  grantId: string,
  options: RunOptions = { lastAttempt: false },
): Promise<void> {
  const owner = newLeaseOwner(deps.grantPolicy);
  const claimed = await claimWhenFree(deps, grantId, owner);
  if (!claimed) return;
  await runHeld(deps, claimed, owner, options);
}

/** Runs a grant `owner` has claimed, keeping its lease alive while it runs. */
async function runHeld(
  deps: GrantDeps,
  claimed: Grant,
  owner: string,
  options: RunOptions,
): Promise<void> {
  // The platform calls count against this agency's client in the limiter's fair queue.
  const share = `${claimed.agencyId}/onboarding/${claimed.onboardingId}`;
  await grantBatching(deps).holding({ id: claimed.id, owner }, () =>
    withRateShare(share, () => runOrSettle(deps, claimed, owner, options)),
  );
}

interface RunOptions {
  readonly lastAttempt: boolean;
  /**
   * A wave's (prepareWave, runApprovedGrants): from when a read can decide a grant's very first
   * attempt, by `${onboardingId} ${platform}`.
   */
  readonly readsFrom?: WaveReadsFrom;
}

/** Runs a claimed grant; settles it as failed, releases it for a retry, or rethrows. */
async function runOrSettle(
  deps: GrantDeps,
  claimed: Grant,
  owner: string,
  options: RunOptions,
): Promise<void> {
  try {
    await runClaimed(deps, claimed, owner, options.readsFrom);
  } catch (error) {
    if (error instanceof GrantBlocked || (error instanceof PlatformError && !error.retryable)) {
      await fail(deps, claimed, owner, error.message);
      return;
    }
    if (options.lastAttempt) {
      await fail(deps, claimed, owner, `Gave up after repeated errors: ${describe(error)}`);
      return;
    }
    await releaseGrant(deps.database.db, claimed.id, owner, deps.now());
    throw error;
  }
}

/** Claims the grant; waits once for a lease held by a crashed worker to run out. */
async function claimWhenFree(
  deps: GrantDeps,
  grantId: string,
  owner: string,
): Promise<Grant | undefined> {
  const db = deps.database.db;
  const claim = () => {
    const now = deps.now();
    // The recovery point for the first call is written with the claim itself (one round trip).
    const intent = { name: 'grant_requested', at: now.toISOString() };
    const leaseMs = deps.grantPolicy.leaseMs;
    return grantBatching(deps).claim({ id: grantId, owner, now, leaseMs, intent });
  };

  const first = await claim();
  if (first) return first;
  const grant = await findGrant(db, grantId);
  if (!grant || !['queued', 'running'].includes(grant.status) || !grant.leaseUntil)
    return undefined;
  const wait = grant.leaseUntil.getTime() - deps.now().getTime();
  if (wait > deps.grantPolicy.leaseMs) return undefined;
  await deps.sleep(Math.max(0, wait) + 10);
  return claim();
}

async function runClaimed(
  deps: GrantDeps,
  grant: Grant,
  owner: string,
  waveReadsFrom?: WaveReadsFrom,
): Promise<void> {
  const platform = platformFor(deps, grant.platform);
  const { agency, clientToken } = await grantBatching(deps).identities(grant);
  const asset = {
    type: grant.assetType,
    id: grant.assetId,
    ...(grant.ownerId ? { ownerId: grant.ownerId } : {}),
  };
  // The claim appended `claimed` and `grant_requested`: judge what came before them.
  let readBack = mustReadBackFirst(grant.steps.slice(0, -2));
  // A first attempt may decide from a read of the agency's side begun after the grant was
  // created (nothing of ours can have touched its access before), or, never tried before this
  // claim, after its approval began (prepareWave); any other reads afresh.
  const firstAttempt = !readBack;
  const firstReadsFrom =
    (grant.attempts === 1
      ? waveReadsFrom?.get(`${grant.onboardingId} ${grant.platform}`)
      : undefined) ?? grant.createdAt;
  for (let attempt = 0; ; attempt += 1) {
    try {
      if (readBack) {
        const reading = await platform.readAccess({ agency, asset });
        if (!(await step(deps, grant, owner, 'read_back', reading.kind))) return;
        const settled = settlementFromReading(platform, grant, reading);
        if (settled) return void (await settle(deps, grant, owner, settled));
      }
      if (clientToken === undefined) {
        throw new GrantBlocked(
          `The client's ${grant.platform} connection is no longer stored: ask the client to open the link and connect ${grant.platform} again.`,
        );
      }
      if (attempt > 0 || readBack) {
        if (!(await step(deps, grant, owner, 'grant_requested', grant.permissionLevel))) return;
      }
      readBack = true;
      const outcome = await platform.grantAccess({
        clientToken,
        agency,
        asset,
        level: grant.permissionLevel,
        readsFrom: firstAttempt && attempt === 0 ? firstReadsFrom : deps.now(),
      });
      const levels = levelsOf(platform, grant.assetType);
      return void (await settle(
        deps,
        grant,
        owner,
        settlementFromOutcome(outcome, levels, grant.permissionLevel),
      ));
    } catch (error) {
      if (!(error instanceof PlatformError) || !error.retryable) throw error;
      if (attempt + 1 >= deps.grantPolicy.backoff.maxAttempts) throw error;
      const delay = retryDelayMs(
        deps.grantPolicy.backoff,
        attempt,
        error.extra.retryAfterMs,
        deps.random,
      );
      if (error.kind === 'rate_limited') {
        await blockCalls(deps.database.db, grant.platform, new Date(deps.now().getTime() + delay));
      }
      const detail = `${error.kind} ${error.platformCode}; waiting ${delay} ms`;
      if (!(await step(deps, grant, owner, 'retry_scheduled', detail))) return;
      await deps.sleep(delay);
    }
  }
}

/** Appends a step under the lease; false when the lease was lost (stop, make no call). */
async function step(
  deps: GrantDeps,
  grant: Grant,
  owner: string,
  name: string,
  detail?: string,
): Promise<boolean> {
  const now = deps.now();
  return appendGrantStep(deps.database.db, {
    id: grant.id,
    owner,
    now,
    leaseMs: deps.grantPolicy.leaseMs,
    step: { name, at: now.toISOString(), ...(detail === undefined ? {} : { detail }) },
  });
}

function levelsOf(platform: Platform, assetType: string): string[] {
  return (
    platform.manifest.assetTypes.find((t) => t.id === assetType)?.levels.map((l) => l.id) ?? []
  );
}

/** What a read-back means for a retried grant; undefined when the grant must still be asked. */
export function settlementFromReading(
  platform: Platform,
  grant: Grant,
  reading: AccessReading,
): GrantSettlement | undefined {
  const at = new Date().toISOString();
  if (reading.kind === 'lost') return undefined;
  const enough = levelSatisfies(
    levelsOf(platform, grant.assetType),
    reading.level,
    grant.permissionLevel,
  );
  if (!enough) return undefined;
  return reading.kind === 'holds'
    ? { status: 'granted', verified: true, step: { name: 'verified', at, detail: reading.level } }
    : {
        status: 'pending_acceptance',
        step: { name: 'read_back', at, detail: `pending ${reading.level}` },
      };
}

/**
 * The grant's next state for what the connector answered. Access that already existed at a lower
 * level than asked is left alone by the connector; the grant then needs the owner to raise it.
 */
export function settlementFromOutcome(
  outcome: GrantOutcome,
  levels: readonly string[] = [],
  wanted?: string,
): GrantSettlement {
  const at = new Date().toISOString();
  switch (outcome.kind) {
    case 'granted':
    case 'already_granted':
      if (wanted !== undefined && !levelSatisfies(levels, outcome.level, wanted)) {
        return {
          status: 'needs_manual_step',
          manualStep: {
            kind: 'manual',
            title: `Already shared at ${outcome.level}; ${wanted} was asked`,
            instructions: [
              `The agency already holds this asset at ${outcome.level}. In TikTok Business Center, an admin of the owning Business Center changes the partner's permission to ${wanted}.`,
              'Then come back here and press "Check again".',
            ],
          },
          step: { name: 'grant_answered', at, detail: `${outcome.kind} ${outcome.level}` },
        };
      }
      return {
        status: 'granted',
        verified: true,
        step: { name: 'grant_answered', at, detail: `${outcome.kind} ${outcome.level}` },
      };
    case 'pending_acceptance':
      return {
        status: 'pending_acceptance',
        manualStep: { kind: 'pending_acceptance', detail: outcome.detail },
        step: { name: 'grant_answered', at, detail: 'pending_acceptance' },
      };
    case 'needs_manual_step':
      return {
        status: 'needs_manual_step',
        manualStep: { kind: 'manual', ...outcome.step },
        step: { name: 'grant_answered', at, detail: 'needs_manual_step' },
      };
  }
}

async function settle(
  deps: GrantDeps,
  grant: Grant,
  owner: string,
  settlement: GrantSettlement,
): Promise<void> {
  await grantBatching(deps).settle({
    grantId: grant.id,
    owner,
    settlement,
    previousStatus: 'running',
  });
  // A grant now waiting for a person is re-checked within seconds, then less and less often.
  if (deps.boss && awaitingStatuses.has(settlement.status)) {
    await scheduleRecheck(deps.boss, grant.id).catch((error: unknown) =>
      deps.logger?.warn({ grantId: grant.id, err: error }, 'could not queue the first re-check'),
    );
  }
}

async function fail(deps: GrantDeps, grant: Grant, owner: string, reason: string): Promise<void> {
  const at = deps.now().toISOString();
  await settle(deps, grant, owner, {
    status: 'failed',
    failureReason: reason,
    step: { name: 'failed', at, detail: reason.slice(0, 200) },
  });
}

function describe(error: unknown): string {
  if (error instanceof PlatformError) return `${error.message} (${error.platformCode})`;
  return error instanceof Error ? error.message : 'unknown error';
}
