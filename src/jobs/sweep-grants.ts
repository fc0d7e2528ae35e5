/**
 * Job: the grant sweep, scheduled every minute and sent once when workers start. It re-queues
 * grants whose job was lost (queued or running with no live lease: a crash between commit and
 * send, or a killed worker) and re-checks grants waiting for a person, so pending acceptances and
 * manual steps are picked up when done. It also marks requests whose link lapsed unanswered as
 * expired, and deletes OAuth transactions a day after they expired.
 */
import type { PgBoss } from 'pg-boss';
import { z } from 'zod';
import { listAwaitingGrants, listStrandedGrants } from '../store/grants.ts';
import { deleteExpiredOAuthStates } from '../store/oauth-states.ts';
import { expireLapsedRequests } from '../store/access-requests.ts';
import { systemActor, withAudit } from '../store/audit.ts';
import type { GrantDeps } from './grant-deps.ts';
import { enqueueGrantJobs } from './grant-queue.ts';
import { defineJob } from './queue.ts';
import { recheckGrant } from './recheck-grant.ts';

export interface SweepDeps extends GrantDeps {
  readonly boss: PgBoss;
}

/** A grant left queued or running this long without a live lease is re-queued. */
export const STRANDED_AFTER_MS = 30_000;
/** Awaiting grants are re-read from the platform at most this often. */
export const RECHECK_EVERY_MS = 60_000;

export const sweepGrantsJob = defineJob({
  name: 'grants.sweep',
  payload: z.object({}).strict(),
  queue: { retryLimit: 1, retryDelay: 30, policy: 'short', deleteAfterSeconds: 3_600 },
  handler: async (_payload, deps: SweepDeps) => {
    await sweepGrants(deps);
  },
});

/** Re-queues stranded grants and re-checks awaiting ones; returns how many of each. */
export async function sweepGrants(
  deps: SweepDeps,
  options: { strandedAfterMs?: number; recheckEveryMs?: number } = {},
): Promise<{ requeued: number; rechecked: number }> {
  const now = deps.now();
  const db = deps.database.db;
  const stranded = await listStrandedGrants(
    db,
    now,
    new Date(now.getTime() - (options.strandedAfterMs ?? STRANDED_AFTER_MS)),
  );
  await enqueueGrantJobs(
    deps.boss,
    stranded.map((g) => g.id),
  );
  const awaiting = await listAwaitingGrants(
    db,
    new Date(now.getTime() - (options.recheckEveryMs ?? RECHECK_EVERY_MS)),
  );
  let rechecked = 0;
  for (const grant of awaiting) {
    try {
      await recheckGrant(deps, grant.id);
      rechecked += 1;
    } catch (error) {
      deps.logger?.warn({ grantId: grant.id, err: error }, 'grant re-check failed');
    }
  }
  await withAudit(db, async (tx) => {
    const expired = await expireLapsedRequests(tx, now);
    return {
      result: expired.length,
      audit: expired.map((r) => ({
        agencyId: r.agencyId,
        actor: systemActor,
        action: 'request.expired',
        target: { kind: 'access_request', id: r.id },
      })),
    };
  });
  // OAuth transactions are kept a day after expiry (for support), then go.
  await deleteExpiredOAuthStates(db, new Date(now.getTime() - 86_400_000));
  return { requeued: stranded.length, rechecked };
}

/** Schedules the sweep every minute (idempotent) and runs it once now. */
export async function scheduleGrantSweep(boss: PgBoss): Promise<void> {
  await boss.schedule(sweepGrantsJob.name, '* * * * *', {});
  await boss.send(sweepGrantsJob.name, {}, { singletonKey: 'sweep' });
}
