/**
 * Sending grant jobs: the grants of one approval as one wave job (up to GRANTS_PER_WAVE_JOB ids),
 * any other send as one job per grant, keyed by the grant id so a duplicate send is dropped.
 */
import type { Db as IDatabase, PgBoss } from 'pg-boss';
import { executeGrantJob, GRANTS_PER_WAVE_JOB } from './execute-grant.ts';
import { enqueue } from './queue.ts';

/**
 * Queues the execution of each grant (job payloads hold grant ids only). Grants created just now
 * (`fresh`: an approval, sent once in its own transaction) go as wave jobs in one insert; re-sends
 * go one by one, so a send that collides with a job still queued for the same grant is dropped.
 */
export async function enqueueGrantJobs(
  boss: PgBoss,
  grantIds: readonly string[],
  /** `db`: send in this transaction (jobDatabase), so the jobs exist exactly if it commits. */
  options: { fresh?: boolean; db?: IDatabase } = {},
): Promise<void> {
  if (grantIds.length === 0) return;
  if (options.fresh) {
    const waves = [];
    for (let i = 0; i < grantIds.length; i += GRANTS_PER_WAVE_JOB) {
      const data = { grantIds: grantIds.slice(i, i + GRANTS_PER_WAVE_JOB) };
      // The queue's policy keeps one queued job per key: each wave is keyed by its first grant.
      waves.push({
        data: executeGrantJob.payload.parse(data),
        singletonKey: `wave:${data.grantIds[0]}`,
      });
    }
    await boss.insert(
      executeGrantJob.name,
      waves,
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
