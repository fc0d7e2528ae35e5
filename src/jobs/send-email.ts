/**
 * Job: send due emails from the outbox through the mailer (SMTP, or `.eml` files without it).
 * Failures are retried with jittered backoff written on the row; recipients and bodies never reach
 * the log (the mailer logs the outbox id).
 */
import { z } from 'zod';
import { webhookRetryDelayMs } from '../domain/webhook-retry.ts';
import { claimDueEmails, recordEmailAttempt } from '../store/email-deliveries.ts';
import { openEmailBody } from '../store/email-outbox.ts';
import { nowOf, type OutboxDeps } from './outbox-deps.ts';
import { defineJob } from './queue.ts';

export type EmailDeps = Pick<OutboxDeps, 'database' | 'keyring' | 'mailer' | 'clock' | 'random'>;

/** Sends every due email (up to `maxBatches` batches of 10); returns how many were attempted. */
export async function drainEmailOutbox(deps: EmailDeps, maxBatches = 20): Promise<number> {
  let attempted = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const claimed = await claimDueEmails(deps.database.db, nowOf(deps), {
      limit: 10,
      leaseMs: 120_000,
    });
    if (claimed.length === 0) break;
    for (const email of claimed) {
      try {
        const body = openEmailBody(deps.keyring, email);
        await deps.mailer.send({
          id: email.id,
          to: email.to_address,
          subject: email.subject,
          text: body.text,
          html: body.html,
        });
        await recordEmailAttempt(deps.database.db, email, { sent: true }, nowOf(deps));
      } catch (error) {
        const retryAt = new Date(
          nowOf(deps).getTime() + webhookRetryDelayMs(email.attempt, deps.random),
        );
        const message = (error as Error).message || 'sending failed';
        await recordEmailAttempt(
          deps.database.db,
          email,
          { sent: false, error: message, retryAt },
          nowOf(deps),
        );
      }
    }
    attempted += claimed.length;
  }
  return attempted;
}

export const sendEmailJob = defineJob({
  name: 'email.send',
  payload: z.object({}).strict(),
  queue: { retryLimit: 3, retryDelay: 5, retryBackoff: true, policy: 'short' },
  handler: async (_payload, deps: EmailDeps) => {
    await drainEmailOutbox(deps);
  },
});
