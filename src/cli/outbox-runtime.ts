/**
 * Composition of webhooks, email and reminders for the runtime: the worker deps (mailer, reminder
 * policy), the cron schedules and the worker-side nudge. The webhook routes are in appPlugins.
 */
import type { PgBoss } from 'pg-boss';
import type { Config } from '../config.ts';
import type { OutboxDeps } from '../jobs/outbox-deps.ts';
import { scheduleOutboxJobs, startOutboxNudge } from '../jobs/outbox-schedule.ts';
import { createMailer } from '../lib/mailer.ts';
import type { Logger } from '../lib/logger.ts';
import type { Database } from '../store/database.ts';
import { reminderPolicyFromHours } from '../store/link-reminders.ts';
import type { Keyring } from '../store/secrets.ts';

export interface OutboxRuntimeInput {
  readonly config: Config;
  readonly database: Database;
  readonly keyring: Keyring;
  readonly logger: Logger;
}

export interface OutboxRuntime {
  /** What the outbox jobs need, to merge into the workers' deps. */
  readonly deps: OutboxDeps;
  /** Installs the schedules and, in worker processes, starts the nudge. */
  start(boss: PgBoss, worker: boolean): Promise<void>;
  stop(): void;
}

/** Builds the outbox side from configuration. */
export function createOutboxRuntime(input: OutboxRuntimeInput): OutboxRuntime {
  const mailer = createMailer({
    smtpUrl: input.config.email.smtpUrl,
    from: input.config.email.from,
    dataDir: input.config.dataDir,
    logger: input.logger,
  });
  let stopNudge = () => {};
  return {
    deps: {
      database: input.database,
      keyring: input.keyring,
      mailer,
      reminderPolicy: reminderPolicyFromHours(input.config.reminders),
    },
    start: async (boss, worker) => {
      await scheduleOutboxJobs(boss);
      if (worker) stopNudge = startOutboxNudge(boss, input.database, input.logger);
    },
    stop: () => {
      stopNudge();
      mailer.close();
    },
  };
}
