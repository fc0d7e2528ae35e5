import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  createQueues,
  defineJob,
  enqueue,
  jobDatabase,
  startQueue,
  startWorkers,
} from '../../../src/jobs/queue.ts';
import { openDatabase, type Database } from '../../../src/store/database.ts';
import { createTestDatabase, testDatabaseKind, testPostgresUrl } from '../../support/database.ts';
import { waitFor } from '../../support/queue.ts';

interface Runs {
  readonly byKey: Map<string, number[]>;
}

const recordJob = defineJob({
  name: 'test.record',
  payload: z.object({ key: z.string(), failTimes: z.number().int().default(0) }),
  queue: { retryLimit: 3, retryDelay: 1, retryBackoff: true },
  handler: async (payload, runs: Runs, job) => {
    const times = runs.byKey.get(payload.key) ?? [];
    times.push(Date.now());
    runs.byKey.set(payload.key, times);
    if (job.retryCount < payload.failTimes) throw new Error(`planned failure ${job.retryCount}`);
  },
});

/** The same job in batch mode: started side by side, each settled on its own. */
const batchJob = defineJob({
  ...recordJob,
  name: 'test.record-batch',
  concurrency: 6,
  batchSize: 3,
  handler: async (payload, runs: Runs, job) => {
    await recordJob.handler(payload, runs, job);
    await new Promise((resolve) => setTimeout(resolve, 300));
  },
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freshDatabase(): Promise<Database> {
  const database = await createTestDatabase();
  cleanups.push(() => database.destroy());
  return database;
}

describe(`jobs on ${testDatabaseKind}`, () => {
  it('runs a job exactly once', async () => {
    const database = await freshDatabase();
    const queue = await startQueue(database);
    cleanups.push(() => queue.stop());
    await createQueues(queue.boss, [recordJob]);
    const runs: Runs = { byKey: new Map() };
    await startWorkers(queue.boss, [recordJob], runs);
    await enqueue(queue.boss, recordJob, { key: 'once', failTimes: 0 });
    await waitFor(() => runs.byKey.get('once'));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(runs.byKey.get('once')).toHaveLength(1);
  });

  it('retries a failing job with growing delays', async () => {
    const database = await freshDatabase();
    const queue = await startQueue(database);
    cleanups.push(() => queue.stop());
    await createQueues(queue.boss, [recordJob]);
    const runs: Runs = { byKey: new Map() };
    await startWorkers(queue.boss, [recordJob], runs);
    await enqueue(queue.boss, recordJob, { key: 'flaky', failTimes: 2 });
    const times = await waitFor(
      () => {
        const seen = runs.byKey.get('flaky');
        return seen && seen.length >= 3 ? seen : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(times).toHaveLength(3);
    // retryDelay 1 s with backoff: each wait is at least about the base delay.
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(500);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(500);
  }, 40_000);

  it('keeps a queued job across a process restart', async () => {
    let reopen: () => Promise<Database>;
    let cleanup: () => Promise<void>;
    if (testDatabaseKind === 'pglite') {
      const dir = await mkdtemp(path.join(tmpdir(), 'latchkey-jobs-'));
      reopen = () => openDatabase({ dataDir: dir });
      cleanup = () => rm(dir, { recursive: true, force: true });
    } else {
      const shared = await createTestDatabase();
      await shared.close();
      reopen = () => openDatabase({ databaseUrl: testPostgresUrl, schema: shared.schema });
      cleanup = () => shared.destroy();
    }
    cleanups.push(cleanup);
    const first = await reopen();
    const before = await startQueue(first);
    await createQueues(before.boss, [recordJob]);
    await enqueue(before.boss, recordJob, { key: 'durable', failTimes: 0 });
    await before.stop();
    await first.close();

    const second = await reopen();
    const after = await startQueue(second);
    cleanups.push(async () => {
      await after.stop();
      await second.close();
    });
    const runs: Runs = { byKey: new Map() };
    await startWorkers(after.boss, [recordJob], runs);
    await waitFor(() => runs.byKey.get('durable'));
    expect(runs.byKey.get('durable')).toHaveLength(1);
  });

  it('in batch mode, runs the jobs of a burst side by side and retries a failed one alone', async () => {
    const database = await freshDatabase();
    const queue = await startQueue(database);
    cleanups.push(() => queue.stop());
    await createQueues(queue.boss, [batchJob]);
    const runs: Runs = { byKey: new Map() };
    await startWorkers(queue.boss, [batchJob], runs);
    const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
    // Sent together, as an approval sends its grants (one insert).
    await queue.boss.insert(
      batchJob.name,
      keys.map((key) => ({ data: { key, failTimes: key === 'b' ? 1 : 0 } })),
    );
    const done = await waitFor(
      () => {
        const b = runs.byKey.get('b');
        return b && b.length >= 2 && keys.every((k) => runs.byKey.has(k)) ? runs.byKey : undefined;
      },
      { timeoutMs: 30_000 },
    );
    // Six jobs, two workers of three: all started within one job's run time (300 ms), not in turn.
    const firstStarts = keys.map((k) => done.get(k)?.[0] ?? Infinity);
    expect(Math.max(...firstStarts) - Math.min(...firstStarts)).toBeLessThan(300);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // The failed job ran again on its own; its batch mates completed once.
    expect(runs.byKey.get('b')).toHaveLength(2);
    for (const key of keys.filter((k) => k !== 'b')) expect(runs.byKey.get(key)).toHaveLength(1);
  }, 40_000);

  it('a job sent through a transaction exists only if the transaction commits', async () => {
    const database = await freshDatabase();
    const queue = await startQueue(database);
    cleanups.push(() => queue.stop());
    await createQueues(queue.boss, [recordJob]);
    const send = (key: string) => (tx: Parameters<typeof jobDatabase>[0]) =>
      queue.boss.insert(recordJob.name, [{ data: { key, failTimes: 0 } }], {
        db: jobDatabase(tx),
      });
    await expect(
      database.db.transaction().execute(async (tx) => {
        await send('rolled-back')(tx);
        throw new Error('approval failed');
      }),
    ).rejects.toThrow('approval failed');
    await database.db.transaction().execute(async (tx) => send('committed')(tx));
    const jobs = await queue.boss.findJobs(recordJob.name);
    expect(jobs.map((j) => (j.data as { key: string }).key)).toEqual(['committed']);
  });

  it('creates queues once and updates one only when its options changed', async () => {
    const database = await freshDatabase();
    const queue = await startQueue(database);
    cleanups.push(() => queue.stop());
    await createQueues(queue.boss, [recordJob, batchJob]);
    const updateQueue = vi.spyOn(queue.boss, 'updateQueue');
    await createQueues(queue.boss, [recordJob, batchJob]);
    expect(updateQueue).not.toHaveBeenCalled();
    const changed = { ...recordJob, queue: { ...recordJob.queue, retryLimit: 5 } };
    await createQueues(queue.boss, [changed, batchJob]);
    expect(updateQueue.mock.calls.map(([name]) => name)).toEqual([recordJob.name]);
    expect((await queue.boss.getQueue(recordJob.name))?.retryLimit).toBe(5);
  });
});
