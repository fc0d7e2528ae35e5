/** Sending grant jobs: one job per grant, keyed by the grant id so a duplicate send is dropped. */
import type { PgBoss } from 'pg-boss';
import { executeGrantJob } from './execute-grant.ts';
import { enqueue } from './queue.ts';

/** Queues the execution of each grant (the job payload holds the grant id only). */
export async function enqueueGrantJobs(boss: PgBoss, grantIds: readonly string[]): Promise<void> {
  await Promise.all(
    grantIds.map((grantId) =>
      enqueue(boss, executeGrantJob, { grantId }, { singletonKey: grantId }),
    ),
  );
}
