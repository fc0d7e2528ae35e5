/** Sending grant jobs: one job per grant, keyed by the grant id so a duplicate send is dropped. */
import type { Db as IDatabase, PgBoss } from 'pg-boss';
import { executeGrantJob } from './execute-grant.ts';
import { enqueue } from './queue.ts';

/**
 * Queues the execution of each grant (the job payload holds the grant id only). Grants created
 * just now (`fresh`) go in one batch insert; re-sends go one by one, so a send that collides with
 * a job still queued for the same grant is simply dropped.
 */
export async function enqueueGrantJobs(
  boss: PgBoss,
  grantIds: readonly string[],
  /** `db`: send in this transaction (jobDatabase), so the jobs exist exactly if it commits. */
  options: { fresh?: boolean; db?: IDatabase } = {},
): Promise<void> {
  if (grantIds.length === 0) return;
  if (options.fresh) {
    const payloads = grantIds.map((grantId) => executeGrantJob.payload.parse({ grantId }));
    await boss.insert(
      executeGrantJob.name,
      payloads.map((data) => ({ data, singletonKey: data.grantId })),
      options.db === undefined ? {} : { db: options.db },
    );
    return;
  }
  await Promise.all(
    grantIds.map((grantId) =>
      enqueue(boss, executeGrantJob, { grantId }, { singletonKey: grantId }),
    ),
  );
}
