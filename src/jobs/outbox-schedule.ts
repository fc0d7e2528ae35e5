/**
 * What starts the outbox jobs. A pg-boss cron schedule runs each once a minute (reminders every
 * five), so nothing due is ever stranded, even after a crash; in worker processes a light nudge
 * checks every two seconds whether a webhook or email is due and, if so, sends the drain job at
 * once, so deliveries leave within seconds of their commit. The queues use the `short` policy:
 * however many nudges arrive, at most one drain job waits per queue.
 */
import { sql } from 'kysely';
import type { PgBoss } from 'pg-boss';
import type { Logger } from '../lib/logger.ts';
import type { Database } from '../store/database.ts';
import { deliverWebhookJob } from './deliver-webhook.ts';
import { enqueue } from './queue.ts';
import { sendEmailJob } from './send-email.ts';
import { sweepRemindersJob } from './sweep-reminders.ts';

/** Installs the cron schedules (idempotent: schedules are keyed by queue name). */
export async function scheduleOutboxJobs(boss: PgBoss): Promise<void> {
  await boss.schedule(deliverWebhookJob.name, '* * * * *', {});
  await boss.schedule(sendEmailJob.name, '* * * * *', {});
  await boss.schedule(sweepRemindersJob.name, '*/5 * * * *', {});
}

/** Starts the two-second nudge in a worker process; returns the function that stops it. */
export function startOutboxNudge(
  boss: PgBoss,
  database: Pick<Database, 'db'>,
  logger?: Logger,
  intervalMs = 2_000,
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const { rows } = await sql<{ webhooks: boolean; emails: boolean }>`select
        exists (select 1 from webhook_deliveries
          where status in ('pending', 'sending') and next_attempt_at <= now()) as webhooks,
        exists (select 1 from email_outbox
          where status in ('pending', 'sending') and next_attempt_at <= now()) as emails`.execute(
        database.db,
      );
      if (rows[0]?.webhooks) await enqueue(boss, deliverWebhookJob, {});
      if (rows[0]?.emails) await enqueue(boss, sendEmailJob, {});
    } catch (error) {
      logger?.warn({ err: error }, 'outbox nudge failed; the cron schedule will catch up');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
