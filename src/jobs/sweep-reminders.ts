/**
 * Job: queue the link reminders that are due and stop those of requests that ended; then delete
 * finished outbox rows past their retention period.
 */
import { z } from 'zod';
import { sweepLinkReminders } from '../store/link-reminders.ts';
import { OUTBOX_RETENTION_DAYS, pruneOutboxes } from '../store/outbox-retention.ts';
import { nowOf, type OutboxDeps } from './outbox-deps.ts';
import { defineJob } from './queue.ts';

export type ReminderDeps = Pick<OutboxDeps, 'database' | 'keyring' | 'reminderPolicy' | 'clock'>;

/** Runs sweeps of 100 reminders, each in its own transaction, until none is due. */
export async function runReminderSweep(deps: ReminderDeps): Promise<number> {
  let queued = 0;
  for (let round = 0; round < 50; round += 1) {
    const result = await deps.database.db
      .transaction()
      .execute((tx) => sweepLinkReminders(tx, deps.keyring, deps.reminderPolicy, nowOf(deps)));
    queued += result.queued;
    if (result.examined < 100) break;
  }
  return queued;
}

export const sweepRemindersJob = defineJob({
  name: 'reminders.sweep',
  payload: z.object({}).strict(),
  queue: { retryLimit: 2, retryDelay: 30, policy: 'short' },
  handler: async (_payload, deps: ReminderDeps) => {
    await runReminderSweep(deps);
    const cutoff = nowOf(deps).getTime() - OUTBOX_RETENTION_DAYS * 86_400_000;
    await pruneOutboxes(deps.database.db, new Date(cutoff));
  },
});
