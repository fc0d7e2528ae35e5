/**
 * The lifecycle's schedules: every hour, each agency whose last sweep is older than the
 * configured interval (default daily) gets a sweep, spread over the hour by a random start so that
 * agencies do not all call the platforms at once; and every hour the expiry sweep runs.
 */
import type { PgBoss } from 'pg-boss';
import { z } from 'zod';
import {
  insertVerificationRun,
  lastRunAt,
  listAgenciesWithGrants,
} from '../store/verifications.ts';
import { expireRequestsJob } from './expire-requests.ts';
import { defineJob, enqueue } from './queue.ts';
import { verifyGrantsJob } from './verify-grants.ts';
import type { LifecycleDeps } from './verify-grants-deps.ts';

export const scheduleVerificationsJob = defineJob({
  name: 'lifecycle.verify-schedule',
  payload: z.object({}).strict(),
  queue: { retryLimit: 2, retryDelay: 60, deleteAfterSeconds: 86_400, policy: 'short' },
  handler: async (_payload, deps: LifecycleDeps) => {
    await queueDueVerifications(deps);
  },
});

/** Creates and queues a sweep for every agency that is due; returns the run ids. */
export async function queueDueVerifications(deps: LifecycleDeps): Promise<string[]> {
  const now = deps.now();
  const intervalMs = deps.lifecycle.sweepIntervalHours * 3_600_000;
  const runIds: string[] = [];
  for (const agencyId of await listAgenciesWithGrants(deps.database.db)) {
    const last = await lastRunAt(deps.database.db, agencyId);
    if (last && now.getTime() - last.getTime() < intervalMs) continue;
    const run = await insertVerificationRun(deps.database.db, {
      agencyId,
      trigger: 'schedule',
      requestedBy: null,
      now,
    });
    runIds.push(run.id);
    if (deps.boss) {
      const spreadSeconds = Math.floor((deps.random ?? Math.random)() * 3_000);
      await enqueue(deps.boss, verifyGrantsJob, { runId: run.id }, { startAfter: spreadSeconds });
    }
  }
  return runIds;
}

/** Installs the hourly schedules (idempotent: keyed by queue name). */
export async function scheduleLifecycleJobs(boss: PgBoss): Promise<void> {
  await boss.schedule(scheduleVerificationsJob.name, '7 * * * *', {});
  await boss.schedule(expireRequestsJob.name, '17 * * * *', {});
}
