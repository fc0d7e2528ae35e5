/**
 * Requests whose access ends: those with an end date and something still granted, with the end
 * date a reminder was last sent for; and the once-per-end-date reminder record.
 */
import { sql } from 'kysely';
import type { Executor } from './audit.ts';

export interface EndingRequest {
  readonly id: string;
  readonly agencyId: string;
  readonly title: string;
  readonly accessEndsAt: Date;
  /** The end date the last reminder was sent for (null: none yet). */
  readonly remindedFor: Date | null;
}

/** Requests with an end date, not yet offboarded for it, with grants that still hold. */
export async function listEndingRequests(db: Executor, limit = 500): Promise<EndingRequest[]> {
  const rows = await db
    .selectFrom('access_requests as r')
    .leftJoin('access_end_reminders as m', 'm.request_id', 'r.id')
    .select([
      'r.id',
      'r.agency_id',
      'r.title',
      'r.access_ends_at',
      'm.access_ends_at as reminded_for',
    ])
    .where('r.access_ends_at', 'is not', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('offboardings as x')
            .select(sql<number>`1`.as('one'))
            .whereRef('x.request_id', '=', 'r.id')
            .where('x.reason', '=', 'expiry'),
        ),
      ),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('grants as g')
          .innerJoin('onboardings as o', 'o.id', 'g.onboarding_id')
          .select(sql<number>`1`.as('one'))
          .whereRef('o.request_id', '=', 'r.id')
          .where('g.status', 'in', ['granted', 'pending_acceptance', 'needs_manual_step']),
      ),
    )
    .orderBy('r.access_ends_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    agencyId: r.agency_id,
    title: r.title,
    accessEndsAt: r.access_ends_at as Date,
    remindedFor: r.reminded_for ?? null,
  }));
}

/** Records the reminder for this end date; false when one was already recorded for it. */
export async function recordEndReminder(
  db: Executor,
  request: Pick<EndingRequest, 'id' | 'agencyId' | 'accessEndsAt'>,
  now: Date,
): Promise<boolean> {
  const row = await db
    .insertInto('access_end_reminders')
    .values({
      request_id: request.id,
      agency_id: request.agencyId,
      access_ends_at: request.accessEndsAt,
      sent_at: now,
    })
    .onConflict((oc) =>
      oc
        .column('request_id')
        .doUpdateSet({ access_ends_at: request.accessEndsAt, sent_at: now })
        .where('access_end_reminders.access_ends_at', '<>', request.accessEndsAt),
    )
    .returning('request_id')
    .executeTakeFirst();
  return row !== undefined;
}
