/**
 * The job queue: pg-boss 12 on the same database as everything else (its PGlite backend on the
 * embedded default, its own pool on PostgreSQL). Jobs are declared once with `defineJob` (name,
 * zod payload, queue options, handler) and registered with `startWorkers`.
 */
import { CompiledQuery } from 'kysely';
import {
  PgBoss,
  fromPglite,
  type Db as IDatabase,
  type Job,
  type QueueOptions,
  type SendOptions,
} from 'pg-boss';
import { bossSchemaFor } from '../store/boss-schema.ts';
import type { z } from 'zod';
import type { Logger } from '../lib/logger.ts';
import type { Executor } from '../store/audit.ts';
import type { Database } from '../store/database.ts';

export interface JobDefinition<Payload, Deps> {
  readonly name: string;
  readonly payload: z.ZodType<Payload>;
  readonly queue: QueueOptions & {
    readonly policy?: 'standard' | 'short' | 'singleton' | 'stately';
  };
  /** Worker concurrency per process. */
  readonly concurrency?: number;
  /**
   * Jobs fetched at once by one worker and run side by side: one fetch and one completion
   * statement for many jobs. A worker fetches again only when its whole batch is done, so this
   * suits jobs that start together and take similar time (the grants of one approval). Without
   * it, each of the `concurrency` workers fetches one job at a time.
   */
  readonly batchSize?: number;
  handler(payload: Payload, deps: Deps, job: { id: string; retryCount: number }): Promise<void>;
}

/** Declares a job; the identity function keeps Payload inferred from the zod schema. */
export function defineJob<Payload, Deps>(
  definition: JobDefinition<Payload, Deps>,
): JobDefinition<Payload, Deps> {
  return definition;
}

export interface QueueHandle {
  readonly boss: PgBoss;
  /** The PostgreSQL schema holding pg-boss's tables. */
  readonly schema: string;
  stop(timeoutMs?: number): Promise<void>;
}

/** Creates and starts pg-boss on the database (installing or migrating its schema). */
export async function startQueue(
  database: Database,
  options: { logger?: Logger; schema?: string; supervise?: boolean } = {},
): Promise<QueueHandle> {
  const queue = createQueue(database, options);
  await queue.start();
  return queue;
}

/**
 * pg-boss on the database, not yet started: `start` installs or migrates its schema and starts
 * its maintenance. A caller may hand `boss` to what needs it while the start runs (the server's
 * set-up overlaps it), and must await `start` before anything sends or works a job.
 */
export function createQueue(
  database: Database,
  options: { logger?: Logger; schema?: string; supervise?: boolean } = {},
): QueueHandle & { start(): Promise<void> } {
  const schema = options.schema ?? bossSchemaFor(database.schema);
  const common = { schema, supervise: options.supervise ?? true, useListenNotify: true };
  const boss = database.pglite
    ? new PgBoss({ ...common, db: fromPglite(database.pglite), backend: 'pglite' })
    : new PgBoss({ ...common, connectionString: database.connectionString ?? '', max: 4 });
  boss.on('error', (error: Error) => options.logger?.error({ err: error }, 'job queue error'));
  let started: Promise<unknown> | undefined;
  let stopped = false;
  return {
    boss,
    schema,
    start: async () => {
      started ??= boss.start();
      await started;
    },
    stop: async (timeoutMs = 8_000) => {
      if (stopped) return;
      stopped = true;
      // A start still running is let finish first, so its subsystems are there to be stopped.
      await started?.catch(() => {});
      await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
    },
  };
}

/** Creates each job's queue (idempotent), so senders and workers agree on the options. */
export async function createQueues(
  boss: PgBoss,
  jobs: readonly JobDefinition<unknown, never>[],
): Promise<void> {
  // One read of every queue, and a write only where something differs: a restart with the same
  // options (every start but the first) touches nothing.
  const existing = new Map(
    (await boss.getQueues(jobs.map((job) => job.name))).map((queue) => [queue.name, queue]),
  );
  for (const job of jobs) {
    const queue = existing.get(job.name);
    const options = stripPolicy(job.queue);
    if (!queue) await boss.createQueue(job.name, { ...job.queue, notify: true });
    else if (differs(queue, options)) await boss.updateQueue(job.name, options);
  }
}

function differs(queue: object, options: QueueOptions): boolean {
  const current = queue as Record<string, unknown>;
  return Object.entries(options).some(([key, value]) => current[key] !== value);
}

function stripPolicy(options: JobDefinition<unknown, never>['queue']): QueueOptions {
  const { policy: _policy, ...rest } = options;
  return rest;
}

/**
 * Registers `concurrency` workers per job; each payload is validated before the handler sees it.
 * pg-boss waits a polling interval after every fetch unless the worker is notified, so a worker
 * that just finished a job notifies itself: it drains a backlog back to back and polls when idle.
 * NOTIFY wakes idle workers as soon as a job is sent; retries and delayed jobs are found within
 * a second by polling. A job with `batchSize` gets ceil(concurrency / batchSize) workers that each
 * take up to `batchSize` jobs per fetch and settle each job on its own (a failed job is retried
 * alone); a full batch makes the worker fetch again at once.
 */
export async function startWorkers<Deps>(
  boss: PgBoss,
  jobs: readonly JobDefinition<unknown, Deps>[],
  deps: Deps,
  logger?: Logger,
): Promise<void> {
  const polling = { pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 1 };
  const run = async (job: JobDefinition<unknown, Deps>, received: Job<unknown>) => {
    try {
      const payload = job.payload.parse(received.data);
      await job.handler(payload, deps, { id: received.id, retryCount: received.retryCount });
    } catch (error) {
      logger?.warn({ job: job.name, jobId: received.id, err: error }, 'job failed');
      throw error;
    }
  };
  for (const job of jobs) {
    const concurrency = job.concurrency ?? 1;
    if (job.batchSize !== undefined && job.batchSize > 1) {
      const batchSize = Math.min(job.batchSize, concurrency);
      const options = {
        ...polling,
        batchSize,
        localConcurrency: Math.ceil(concurrency / batchSize),
        burstWhenBatchFull: true,
        perJobResults: true as const,
      };
      await boss.work<unknown>(job.name, options, async (batch) => {
        const outcomes = await Promise.allSettled(batch.map((received) => run(job, received)));
        return outcomes.map((outcome, i) => ({
          id: batch[i]?.id ?? '',
          status: outcome.status === 'fulfilled' ? ('completed' as const) : ('failed' as const),
          ...(outcome.status === 'rejected' ? { output: failureOutput(outcome.reason) } : {}),
        }));
      });
      continue;
    }
    for (let slot = 0; slot < concurrency; slot += 1) {
      const self = { workerId: undefined as string | undefined };
      self.workerId = await boss.work<unknown>(
        job.name,
        { ...polling, batchSize: 1 },
        async ([received]) => {
          if (!received) return;
          try {
            await run(job, received);
          } finally {
            if (self.workerId) boss.notifyWorker(self.workerId);
          }
        },
      );
    }
  }
}

/** What pg-boss stores on a failed job: the error's name and message (as it does for a throw). */
function failureOutput(error: unknown): Record<string, string> {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { message: String(error) };
}

/**
 * pg-boss's view of one of our transactions: jobs sent through it are created, and NOTIFY fires,
 * only if the transaction commits (the outbox pattern, with pg-boss's own table as the outbox).
 */
export function jobDatabase(tx: Executor): IDatabase {
  return {
    executeSql: async (text: string, values: unknown[] = []) => {
      const result = await tx.executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows };
    },
  };
}

/** Sends a job after validating its payload against the job's own schema. */
export async function enqueue<Payload>(
  boss: PgBoss,
  job: JobDefinition<Payload, never>,
  payload: Payload,
  options: SendOptions = {},
): Promise<string | null> {
  return boss.send(job.name, job.payload.parse(payload) as object, options);
}
