/**
 * The crash watch: every few seconds, each worker process looks for grants whose worker died
 * mid-run (still running, owner named, lease lapsed: see listCrashedGrants) and queues them
 * again. With leases renewed every third of GRANT_LEASE_MS, a grant interrupted by a crash runs
 * again within about GRANT_LEASE_MS + CRASH_WATCH_EVERY_MS, where the minute sweep alone took
 * over a minute. The new run reads the platform back before any call (its last step is
 * `grant_requested` with no answer), so nothing is granted twice.
 */
import type { PgBoss } from 'pg-boss';
import { singleflight } from '../lib/singleflight.ts';
import { listCrashedGrants } from '../store/grants.ts';
import { grantBatching } from './grant-batching.ts';
import type { GrantDeps } from './grant-deps.ts';
import { enqueueGrantJobs } from './grant-queue.ts';

/** How long a worker holds a grant between renewals before others may take it over. */
export const GRANT_LEASE_MS = 9_000;
/** How often each worker process looks for grants whose worker died. */
export const CRASH_WATCH_EVERY_MS = 2_000;

export interface CrashWatch {
  stop(): void;
}

/**
 * Queues again the grants whose worker died; returns their ids. Grants this process holds are
 * never taken, even when a stalled event loop let their lease lapse: their run is still alive.
 */
export async function requeueCrashedGrants(
  deps: GrantDeps & { readonly boss: PgBoss },
): Promise<string[]> {
  const held = grantBatching(deps).held();
  const crashed = await listCrashedGrants(deps.database.db, deps.now());
  const ids = crashed.map((grant) => grant.id).filter((id) => !held.has(id));
  // One job per grant id at most is waiting (singleton key), so a repeated find is dropped.
  await enqueueGrantJobs(deps.boss, ids);
  if (ids.length > 0) deps.logger?.info({ grants: ids.length }, 'requeued grants of a dead worker');
  return ids;
}

/** Starts the watch in a worker process; `deps` must be the object its grant workers use. */
export function watchCrashedGrants(
  deps: GrantDeps & { readonly boss: PgBoss },
  everyMs = CRASH_WATCH_EVERY_MS,
): CrashWatch {
  const once = singleflight();
  const look = () =>
    once('look', () =>
      requeueCrashedGrants(deps).catch((error: unknown) => {
        deps.logger?.warn({ err: error }, 'crash watch could not look for stranded grants');
        return [];
      }),
    );
  const timer = setInterval(() => void look(), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
