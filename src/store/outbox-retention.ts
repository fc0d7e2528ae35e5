/**
 * Storage limitation for the outboxes: sent or failed emails (which keep the recipient address)
 * and finished webhook deliveries (with their attempt log) are deleted after the retention period.
 * Pending rows are never touched.
 */
import type { Executor } from './audit.ts';

export const OUTBOX_RETENTION_DAYS = 30;

/** Deletes finished outbox rows last changed before `before`; returns how many went. */
export async function pruneOutboxes(
  db: Executor,
  before: Date,
): Promise<{ emails: number; deliveries: number }> {
  const emails = await db
    .deleteFrom('email_outbox')
    .where('status', 'in', ['sent', 'failed'])
    .where('updated_at', '<', before)
    .executeTakeFirst();
  const deliveries = await db
    .deleteFrom('webhook_deliveries')
    .where('status', 'in', ['succeeded', 'failed'])
    .where('updated_at', '<', before)
    .executeTakeFirst();
  return { emails: Number(emails.numDeletedRows), deliveries: Number(deliveries.numDeletedRows) };
}
