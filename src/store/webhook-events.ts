/**
 * Webhook events into the outbox. `emitWebhookEvent` runs in the caller's transaction and writes
 * one delivery row per active endpoint subscribed to the event, so an event exists exactly when
 * the state change it reports committed (a rollback takes the deliveries with it).
 *
 * Why an outbox swept by a job, not a pg-boss job sent from here: this function only has the
 * caller's transaction, and a job sent outside it could be lost (crash after commit) or describe a
 * change that rolled back. The rows themselves are the queue: the `webhooks.deliver` job claims due
 * rows with `FOR UPDATE SKIP LOCKED` (src/store/webhook-deliveries.ts), a short worker-side nudge
 * and a once-a-minute pg-boss schedule start it, and retry times live on the row, where the
 * delivery log can show them.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from './audit.ts';

export const webhookEventTypes = [
  'request.completed',
  'request.partially_completed',
  'grant.granted',
  'grant.failed',
  'grant.revoked',
  'grant.drifted',
] as const;

export type WebhookEventType = (typeof webhookEventTypes)[number];

/** Attempts per delivery before it is marked failed (2 to 4 hours of backoff in all). */
export const WEBHOOK_MAX_ATTEMPTS = 10;

export interface WebhookEvent {
  readonly agencyId: string;
  readonly type: WebhookEventType;
  /** Ids and facts only: never a token, link or secret (receivers log what they get). */
  readonly data: Record<string, unknown>;
}

/** The JSON body every endpoint receives for one event; signed as sent, byte for byte. */
export function buildWebhookBody(
  eventId: string,
  event: WebhookEvent,
  createdAt: Date = new Date(),
): string {
  return JSON.stringify({
    id: eventId,
    type: event.type,
    created_at: createdAt.toISOString(),
    agency_id: event.agencyId,
    data: event.data,
  });
}

/**
 * Queues one delivery per active endpoint of the agency subscribed to `event.type`, in the given
 * executor (pass the transaction that makes the change).
 */
export async function emitWebhookEvent(db: Executor, event: WebhookEvent): Promise<void> {
  await emitWebhookEvents(db, [event]);
}

/**
 * emitWebhookEvent for many events (a settlement of hundreds of grants): one read of the agencies'
 * endpoints and one insert, whatever the number of events.
 */
export async function emitWebhookEvents(
  db: Executor,
  events: readonly WebhookEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const endpoints = await db
    .selectFrom('webhook_endpoints')
    .select(['id', 'agency_id', 'event_types'])
    .where('agency_id', 'in', [...new Set(events.map((event) => event.agencyId))])
    .where('active', '=', true)
    .execute();
  if (endpoints.length === 0) return;
  const deliveries = events.flatMap((event) => {
    const subscribed = endpoints.filter(
      (e) => e.agency_id === event.agencyId && e.event_types.includes(event.type),
    );
    if (subscribed.length === 0) return [];
    const eventId = randomUUID();
    const body = buildWebhookBody(eventId, event);
    return subscribed.map((endpoint) => ({
      agency_id: event.agencyId,
      endpoint_id: endpoint.id,
      event_id: eventId,
      event_type: event.type,
      body,
      max_attempts: WEBHOOK_MAX_ATTEMPTS,
      next_attempt_at: sql<Date>`now()`,
    }));
  });
  // Bounded statements: PostgreSQL takes at most 65,535 parameters in one.
  for (let i = 0; i < deliveries.length; i += DELIVERIES_PER_INSERT) {
    await db
      .insertInto('webhook_deliveries')
      .values(deliveries.slice(i, i + DELIVERIES_PER_INSERT))
      .execute();
  }
}

const DELIVERIES_PER_INSERT = 1_000;
