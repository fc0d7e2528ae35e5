/**
 * The email outbox seen from the sending side: due rows are claimed with `FOR UPDATE SKIP LOCKED`
 * and leased, then marked sent (the sealed body is cleared: links do not stay at rest), retried
 * later, or failed after the last attempt (body cleared too).
 */
import type { Kysely } from 'kysely';
import type { EmailOutboxRow, Schema } from './schema.ts';

export const EMAIL_MAX_ATTEMPTS = 8;

export type ClaimedEmail = EmailOutboxRow & { body_ciphertext: string; attempt: number };

/** Claims up to `limit` due emails and leases them for `leaseMs`. */
export async function claimDueEmails(
  db: Kysely<Schema>,
  now: Date,
  options: { limit: number; leaseMs: number },
): Promise<ClaimedEmail[]> {
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('email_outbox')
      .selectAll()
      .where('status', 'in', ['pending', 'sending'])
      .where('next_attempt_at', '<=', now)
      .where('body_ciphertext', 'is not', null)
      .orderBy('next_attempt_at')
      .limit(options.limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return [];
    await tx
      .updateTable('email_outbox')
      .set({ status: 'sending', next_attempt_at: new Date(now.getTime() + options.leaseMs) })
      .where(
        'id',
        'in',
        rows.map((row) => row.id),
      )
      .execute();
    return rows.map((row) => ({
      ...row,
      body_ciphertext: row.body_ciphertext ?? '',
      attempt: row.attempts + 1,
    }));
  });
}

/** Records the outcome of one attempt (compare-and-set on the attempt number). */
export async function recordEmailAttempt(
  db: Kysely<Schema>,
  email: Pick<ClaimedEmail, 'id' | 'attempt'>,
  outcome: { sent: true } | { sent: false; error: string; retryAt: Date },
  now: Date,
): Promise<void> {
  const givingUp = !outcome.sent && email.attempt >= EMAIL_MAX_ATTEMPTS;
  await db
    .updateTable('email_outbox')
    .set({
      status: outcome.sent ? 'sent' : givingUp ? 'failed' : 'pending',
      attempts: email.attempt,
      next_attempt_at: outcome.sent || givingUp ? null : outcome.retryAt,
      last_error: outcome.sent ? null : outcome.error.slice(0, 500),
      sent_at: outcome.sent ? now : null,
      ...(outcome.sent || givingUp ? { body_ciphertext: null } : {}),
      updated_at: now,
    })
    .where('id', '=', email.id)
    .where('status', '=', 'sending')
    .where('attempts', '=', email.attempt - 1)
    .execute();
}
