/**
 * The job queue: pg-boss 12 on the same database as everything else (its PGlite backend on the
 * embedded default, its own pool on PostgreSQL). Jobs are declared once with `defineJob` (name,
 * zod payload, queue options, handler) and registered with `startWorkers`.
 */
import { PgBoss, fromPglite, type QueueOptions, type SendOptions } from 'pg-boss';
import type { z } from 'zod';
import type { Logger } from '../lib/logger.ts';
import type { Database } from '../store/database.ts';

export interface JobDefinition<Payload, Deps> {
  readonly name: string;
  readonly payload: z.ZodType<Payload>;
  readonly queue: QueueOptions & {
    readonly policy?: 'standard' | 'short' | 'singleton' | 'stately';
  };
  /** Worker concurrency per process. */
  readonly concurrency?: number;
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
  stop(timeoutMs?: number): Promise<void>;
}

/** Creates and starts pg-boss on the database (installing or migrating its schema). */
export async function startQueue(
  database: Database,
  options: { logger?: Logger; schema?: string; supervise?: boolean } = {},
): Promise<QueueHandle> {
  const schema =
    options.schema ?? (database.schema === 'public' ? 'pgboss' : `${database.schema}_boss`);
  const common = { schema, supervise: options.supervise ?? true, useListenNotify: true };
  const boss = database.pglite
    ? new PgBoss({ ...common, db: fromPglite(database.pglite), backend: 'pglite' })
    : new PgBoss({ ...common, connectionString: database.connectionString ?? '', max: 4 });
  boss.on('error', (error: Error) => options.logger?.error({ err: error }, 'job queue error'));
  await boss.start();
  let stopped = false;
  return {
    boss,
    stop: async (timeoutMs = 8_000) => {
      if (stopped) return;
      stopped = true;
      await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
    },
  };
}

/** Creates each job's queue (idempotent), so senders and workers agree on the options. */
export async function createQueues(
  boss: PgBoss,
  jobs: readonly JobDefinition<unknown, never>[],
): Promise<void> {
  for (const job of jobs) {
    const existing = await boss.getQueue(job.name);
    if (existing) await boss.updateQueue(job.name, stripPolicy(job.queue));
    else await boss.createQueue(job.name, { ...job.queue, notify: true });
  }
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
 * a second by polling.
 */
export async function startWorkers<Deps>(
  boss: PgBoss,
  jobs: readonly JobDefinition<unknown, Deps>[],
  deps: Deps,
  logger?: Logger,
): Promise<void> {
  const polling = { batchSize: 1, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 1 };
  for (const job of jobs) {
    for (let slot = 0; slot < (job.concurrency ?? 1); slot += 1) {
      const self = { workerId: undefined as string | undefined };
      self.workerId = await boss.work<unknown>(job.name, polling, async ([received]) => {
        if (!received) return;
        try {
          const payload = job.payload.parse(received.data);
          await job.handler(payload, deps, { id: received.id, retryCount: received.retryCount });
        } catch (error) {
          logger?.warn({ job: job.name, jobId: received.id, err: error }, 'job failed');
          throw error;
        } finally {
          if (self.workerId) boss.notifyWorker(self.workerId);
        }
      });
    }
  }
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
