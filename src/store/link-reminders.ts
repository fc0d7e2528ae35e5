/**
 * The client's link by email, then reminders while the link is unopened or unfinished.
 *
 * The request stores only a hash of its link secret (S15), so a reminder cannot rebuild the URL
 * from the request. The reminder row keeps a sealed copy of the link, bound to that row, and the
 * row is deleted as soon as the request ends (completed, revoked, expired, approved by the client)
 * or the last reminder is queued: the link is at rest only while it may still be needed.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { ClientLanguage } from '../domain/client-languages.ts';
import { buildLinkEmail } from '../domain/link-emails.ts';
import type { Executor } from './audit.ts';
import { enqueueEmail } from './email-outbox.ts';
import type { LinkReminderRow } from './schema.ts';
import { Secret, type Keyring, type SecretContext } from './secrets.ts';

export interface ReminderPolicy {
  readonly firstAfterMs: number;
  readonly everyMs: number;
  readonly max: number;
}

/** Builds a policy from the configuration's hours. */
export function reminderPolicyFromHours(hours: {
  firstAfterHours: number;
  everyHours: number;
  max: number;
}): ReminderPolicy {
  return {
    firstAfterMs: hours.firstAfterHours * 3_600_000,
    everyMs: hours.everyHours * 3_600_000,
    max: hours.max,
  };
}

export interface LinkEmailRequest {
  readonly agencyId: string;
  readonly requestId: string;
  readonly to: string;
  /** The full link URL with its secret; pass a Secret to keep it out of logs. */
  readonly linkUrl: string | Secret;
  readonly agencyName: string;
}

function linkContext(row: { id: string; agency_id: string }): SecretContext {
  return {
    table: 'link_reminders',
    column: 'link_ciphertext',
    rowId: row.id,
    agencyId: row.agency_id,
  };
}

/**
 * Queues the first link email and sets up reminders for the request, in the caller's transaction.
 * Calling it again for the same request (a re-sent link) replaces the schedule and the stored link.
 */
export async function scheduleLinkEmail(
  db: Executor,
  keyring: Keyring,
  request: LinkEmailRequest,
): Promise<void> {
  const link = typeof request.linkUrl === 'string' ? new Secret(request.linkUrl) : request.linkUrl;
  const email = buildLinkEmail({
    agencyName: request.agencyName,
    linkUrl: link.reveal(),
    reminder: 0,
    ...(await requestWords(db, request.agencyId, request.requestId)),
  });
  await enqueueEmail(db, keyring, {
    agencyId: request.agencyId,
    to: request.to,
    ...email,
    kind: 'request_link',
    relatedId: request.requestId,
  });
  await cancelLinkReminders(db, request.requestId);
  const id = randomUUID();
  await db
    .insertInto('link_reminders')
    .values({
      id,
      request_id: request.requestId,
      agency_id: request.agencyId,
      to_address: request.to,
      agency_name: request.agencyName,
      link_ciphertext: keyring.seal(link, linkContext({ id, agency_id: request.agencyId })),
      next_at: sql<Date>`now()`,
    })
    .execute();
}

/** The agency's message on the request and its language, which every email of the link carries. */
async function requestWords(
  db: Executor,
  agencyId: string,
  requestId: string,
): Promise<{ message: string | null; language: ClientLanguage | null }> {
  const row = await db
    .selectFrom('access_requests')
    .select(['message', 'language'])
    .where('id', '=', requestId)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  return { message: row?.message ?? null, language: row?.language ?? null };
}

/** Stops the request's reminders and deletes the stored link (call when the request ends). */
export async function cancelLinkReminders(db: Executor, requestId: string): Promise<void> {
  await db.deleteFrom('link_reminders').where('request_id', '=', requestId).execute();
}

type DueRow = LinkReminderRow & {
  ended: boolean;
  message: string | null;
  language: ClientLanguage | null;
};

/**
 * Queues the reminders due at `now` (at most `limit`), deletes the schedules of requests that have
 * ended, and moves the others to their next due time. Safe to run from several workers at once.
 */
export async function sweepLinkReminders(
  db: Executor,
  keyring: Keyring,
  policy: ReminderPolicy,
  now: Date,
  limit = 100,
): Promise<{ queued: number; stopped: number; examined: number }> {
  const rows = (await db
    .selectFrom('link_reminders as r')
    .innerJoin('access_requests as a', 'a.id', 'r.request_id')
    .selectAll('r')
    .select(['a.message', 'a.language'])
    .select(
      sql<boolean>`a.status <> 'open' or a.link_revoked_at is not null
        or a.link_expires_at <= ${now}
        or exists (select 1 from onboardings o where o.request_id = a.id
          and o.status in ('approved', 'completed', 'partial'))`.as('ended'),
    )
    .where('r.next_at', '<=', now)
    .orderBy('r.next_at')
    .limit(limit)
    .forUpdate('r')
    .skipLocked()
    .execute()) as DueRow[];
  let queued = 0;
  let stopped = 0;
  for (const row of rows) {
    const dueAt = new Date(
      row.created_at.getTime() + policy.firstAfterMs + row.reminders_sent * policy.everyMs,
    );
    if (row.ended || row.reminders_sent >= policy.max) {
      await db.deleteFrom('link_reminders').where('id', '=', row.id).execute();
      stopped += 1;
    } else if (dueAt > now) {
      await db
        .updateTable('link_reminders')
        .set({ next_at: dueAt })
        .where('id', '=', row.id)
        .execute();
    } else {
      await queueReminder(db, keyring, policy, row);
      queued += 1;
    }
  }
  return { queued, stopped, examined: rows.length };
}

async function queueReminder(
  db: Executor,
  keyring: Keyring,
  policy: ReminderPolicy,
  row: DueRow,
): Promise<void> {
  const reminder = row.reminders_sent + 1;
  const link = keyring.open(row.link_ciphertext, linkContext(row));
  const email = buildLinkEmail({
    agencyName: row.agency_name,
    linkUrl: link.reveal(),
    reminder,
    message: row.message,
    language: row.language,
  });
  await enqueueEmail(db, keyring, {
    agencyId: row.agency_id,
    to: row.to_address,
    ...email,
    kind: 'request_reminder',
    relatedId: row.request_id,
  });
  if (reminder >= policy.max) {
    await db.deleteFrom('link_reminders').where('id', '=', row.id).execute();
    return;
  }
  const nextAt = new Date(
    row.created_at.getTime() + policy.firstAfterMs + reminder * policy.everyMs,
  );
  await db
    .updateTable('link_reminders')
    .set({ reminders_sent: reminder, next_at: nextAt })
    .where('id', '=', row.id)
    .execute();
}
