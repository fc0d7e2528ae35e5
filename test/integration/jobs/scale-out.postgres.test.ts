import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createQueues,
  defineJob,
  startQueue,
  startWorkers,
  type QueueHandle,
} from '../../../src/jobs/queue.ts';
import { openDatabase, type Database } from '../../../src/store/database.ts';
import { createTestDatabase, testPostgresUrl, type TestDatabase } from '../../support/database.ts';
import { waitFor } from '../../support/queue.ts';

// Two workers with their own connection pools, as two `latchkey start --role worker` processes
// would have, share one PostgreSQL database and split a batch: every job runs exactly once.
const workJob = defineJob({
  name: 'test.split',
  payload: z.object({ n: z.number().int() }),
  queue: { retryLimit: 0 },
  concurrency: 2,
  handler: async (payload, deps: { worker: string; database: Database }) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    await sql`insert into job_runs (n, worker) values (${payload.n}, ${deps.worker})`.execute(
      deps.database.db,
    );
  },
});

let shared: TestDatabase;
const handles: { queue: QueueHandle; database: Database }[] = [];

beforeAll(async () => {
  shared = await createTestDatabase();
  await sql`create table job_runs (n int not null, worker text not null)`.execute(shared.db);
});
afterAll(async () => {
  for (const { queue, database } of handles) {
    await queue.stop();
    await database.close();
  }
  await shared.destroy();
});

describe('scale-out on PostgreSQL', () => {
  it('splits a batch between two workers with every job run exactly once', async () => {
    for (const worker of ['worker-a', 'worker-b']) {
      const database = await openDatabase({
        databaseUrl: testPostgresUrl,
        schema: shared.schema,
        poolSize: 3,
      });
      const queue = await startQueue(database);
      handles.push({ queue, database });
      await createQueues(queue.boss, [workJob]);
      await startWorkers(queue.boss, [workJob], { worker, database });
    }
    const sender = handles[0]!.queue.boss;
    const total = 200;
    await sender.insert(
      workJob.name,
      Array.from({ length: total }, (_, n) => ({ data: { n } })),
    );
    const rows = await waitFor(
      async () => {
        const { rows } = await sql<{
          n: number;
          worker: string;
        }>`select n, worker from job_runs`.execute(shared.db);
        return rows.length >= total ? rows : undefined;
      },
      { timeoutMs: 60_000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const { rows: final } = await sql<{
      n: number;
      worker: string;
    }>`select n, worker from job_runs`.execute(shared.db);
    expect(final).toHaveLength(total);
    expect(new Set(final.map((r) => r.n)).size).toBe(total);
    const perWorker = new Map<string, number>();
    for (const row of rows) perWorker.set(row.worker, (perWorker.get(row.worker) ?? 0) + 1);
    expect(perWorker.get('worker-a')).toBeGreaterThan(0);
    expect(perWorker.get('worker-b')).toBeGreaterThan(0);
  }, 90_000);
});
