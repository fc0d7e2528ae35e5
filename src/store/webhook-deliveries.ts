/**
 * The webhook outbox seen from the delivering side and from the delivery log. Rows are claimed
 * with `FOR UPDATE SKIP LOCKED` and leased (status `sending`, `next_attempt_at` pushed past the
 * request timeout), so several workers never send one delivery twice at once, and a worker that
 * dies mid-send only delays it until the lease runs out. Results are compare-and-set on the
 * attempt number.
 */
import type { Kysely } from 'kysely';
import type { Executor } from './audit.ts';
import { fetchPage, type ListOrder, type Page, type PageRequest } from './keyset.ts';
import type {
  Schema,
  WebhookDeliveryAttemptRow,
  WebhookDeliveryRow,
  WebhookDeliveryStatus,
} from './schema.ts';

export interface ClaimedDelivery {
  readonly id: string;
  readonly agencyId: string;
  readonly endpointId: string;
  readonly url: string;
  readonly secretCiphertext: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly body: string;
  readonly attempt: number;
  readonly maxAttempts: number;
}

/** Claims up to `limit` due deliveries of active endpoints and leases them for `leaseMs`. */
export async function claimDueWebhookDeliveries(
  db: Kysely<Schema>,
  now: Date,
  options: { limit: number; leaseMs: number },
): Promise<ClaimedDelivery[]> {
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .select([
        'd.id',
        'd.agency_id',
        'd.endpoint_id',
        'e.url',
        'e.secret_ciphertext',
        'd.event_id',
        'd.event_type',
        'd.body',
        'd.attempts',
        'd.max_attempts',
      ])
      .where('d.status', 'in', ['pending', 'sending'])
      .where('d.next_attempt_at', '<=', now)
      .where('e.active', '=', true)
      .orderBy('d.next_attempt_at')
      .limit(options.limit)
      .forUpdate('d')
      .skipLocked()
      .execute();
    if (rows.length === 0) return [];
    await tx
      .updateTable('webhook_deliveries')
      .set({
        status: 'sending',
        next_attempt_at: new Date(now.getTime() + options.leaseMs),
        updated_at: now,
      })
      .where(
        'id',
        'in',
        rows.map((row) => row.id),
      )
      .execute();
    return rows.map((row) => ({
      id: row.id,
      agencyId: row.agency_id,
      endpointId: row.endpoint_id,
      url: row.url,
      secretCiphertext: row.secret_ciphertext,
      eventId: row.event_id,
      eventType: row.event_type,
      body: row.body,
      attempt: row.attempts + 1,
      maxAttempts: row.max_attempts,
    }));
  });
}

export interface AttemptResult {
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly succeeded: boolean;
}

/**
 * Records one attempt and moves the delivery on: succeeded, failed for good after its last
 * attempt, or pending again at `retryAt`. A stale claim (another worker recorded this attempt
 * first) changes nothing and returns false.
 */
export async function recordWebhookAttempt(
  db: Kysely<Schema>,
  delivery: Pick<ClaimedDelivery, 'id' | 'agencyId' | 'attempt' | 'maxAttempts'>,
  result: AttemptResult,
  retryAt: Date,
): Promise<boolean> {
  const status: WebhookDeliveryStatus = result.succeeded
    ? 'succeeded'
    : delivery.attempt >= delivery.maxAttempts
      ? 'failed'
      : 'pending';
  return db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('webhook_deliveries')
      .set({
        status,
        attempts: delivery.attempt,
        next_attempt_at: status === 'pending' ? retryAt : null,
        last_status_code: result.statusCode,
        last_error: result.error,
        last_duration_ms: result.durationMs,
        delivered_at: result.succeeded ? new Date() : null,
        updated_at: new Date(),
      })
      .where('id', '=', delivery.id)
      .where('status', '=', 'sending')
      .where('attempts', '=', delivery.attempt - 1)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return false;
    await tx
      .insertInto('webhook_delivery_attempts')
      .values({
        agency_id: delivery.agencyId,
        delivery_id: delivery.id,
        attempt: delivery.attempt,
        started_at: result.startedAt,
        duration_ms: result.durationMs,
        status_code: result.statusCode,
        error: result.error,
        succeeded: result.succeeded,
      })
      .execute();
    return true;
  });
}

/** How the delivery log is ordered: newest first. */
export const webhookDeliveriesOrder: ListOrder = {
  key: 'created_at',
  id: 'id',
  kind: 'time',
  direction: 'desc',
};

/** One page of the agency's deliveries, newest first, optionally for one endpoint or status. */
export async function findWebhookDeliveries(
  db: Executor,
  agencyId: string,
  filter: { endpointId?: string; status?: WebhookDeliveryStatus },
  page: PageRequest,
): Promise<Page<WebhookDeliveryRow>> {
  let query = db.selectFrom('webhook_deliveries').selectAll().where('agency_id', '=', agencyId);
  if (filter.endpointId) query = query.where('endpoint_id', '=', filter.endpointId);
  if (filter.status) query = query.where('status', '=', filter.status);
  return fetchPage(query, webhookDeliveriesOrder, page);
}

/** One delivery of the agency with its attempts, or undefined. */
export async function findWebhookDelivery(
  db: Executor,
  agencyId: string,
  id: string,
): Promise<{ delivery: WebhookDeliveryRow; attempts: WebhookDeliveryAttemptRow[] } | undefined> {
  const delivery = await db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!delivery) return undefined;
  const attempts = await db
    .selectFrom('webhook_delivery_attempts')
    .selectAll()
    .where('delivery_id', '=', id)
    .orderBy('attempt')
    .execute();
  return { delivery, attempts };
}

/**
 * Queues the same event (same id and body) to the same endpoint again as a new delivery, due at
 * once; the receiver sees the original event id and can treat it idempotently.
 */
export async function replayWebhookDelivery(
  db: Executor,
  agencyId: string,
  id: string,
  now: Date,
): Promise<WebhookDeliveryRow | undefined> {
  const original = await db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!original) return undefined;
  return db
    .insertInto('webhook_deliveries')
    .values({
      agency_id: agencyId,
      endpoint_id: original.endpoint_id,
      event_id: original.event_id,
      event_type: original.event_type,
      body: original.body,
      max_attempts: original.max_attempts,
      next_attempt_at: now,
      replay_of: original.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
