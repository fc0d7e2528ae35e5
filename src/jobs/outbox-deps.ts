/** What the webhook, email and reminder jobs need; clocks and fetch are injectable for tests. */
import type { Mailer } from '../lib/mailer.ts';
import type { Database } from '../store/database.ts';
import type { ReminderPolicy } from '../store/link-reminders.ts';
import type { Keyring } from '../store/secrets.ts';

export interface OutboxDeps {
  readonly database: Pick<Database, 'db'>;
  readonly keyring: Keyring;
  readonly mailer: Mailer;
  readonly reminderPolicy: ReminderPolicy;
  /** Defaults to the wall clock. */
  readonly clock?: () => Date;
  /** Defaults to the global fetch. */
  readonly webhookFetch?: typeof fetch;
  /** Per-request timeout of a webhook delivery; defaults to 10 s. */
  readonly webhookTimeoutMs?: number;
  /** Jitter source for retry delays; defaults to Math.random. */
  readonly random?: () => number;
}

/** The deps' clock, or the wall clock. */
export function nowOf(deps: Pick<OutboxDeps, 'clock'>): Date {
  return deps.clock ? deps.clock() : new Date();
}
