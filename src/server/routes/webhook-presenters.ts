/** Response shapes of the webhook routes: no field can carry the signing secret after creation. */
import { z } from 'zod';
import type {
  WebhookDeliveryAttemptRow,
  WebhookDeliveryRow,
  WebhookEndpointRow,
} from '../../store/schema.ts';
import { webhookEventTypes } from '../../store/webhook-events.ts';

export const WebhookEventTypeSchema = z.enum(webhookEventTypes);

export const WebhookEndpointSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string().nullable(),
  eventTypes: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const WebhookDeliverySchema = z.object({
  id: z.uuid(),
  endpointId: z.uuid(),
  eventId: z.uuid(),
  eventType: z.string(),
  status: z.enum(['pending', 'sending', 'succeeded', 'failed']),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  nextAttemptAt: z.iso.datetime().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastDurationMs: z.number().int().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  replayOf: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
});

export const WebhookAttemptSchema = z.object({
  attempt: z.number().int(),
  startedAt: z.iso.datetime(),
  durationMs: z.number().int(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  succeeded: z.boolean(),
});

export const WebhookDeliveryDetailSchema = WebhookDeliverySchema.extend({
  payload: z.unknown(),
  attemptLog: z.array(WebhookAttemptSchema),
});

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The public view of an endpoint (never its secret). */
export function presentWebhookEndpoint(
  row: WebhookEndpointRow,
): z.infer<typeof WebhookEndpointSchema> {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** One line of the delivery log. */
export function presentWebhookDelivery(
  row: WebhookDeliveryRow,
): z.infer<typeof WebhookDeliverySchema> {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    nextAttemptAt: iso(row.next_attempt_at),
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    lastDurationMs: row.last_duration_ms,
    deliveredAt: iso(row.delivered_at),
    replayOf: row.replay_of,
    createdAt: row.created_at.toISOString(),
  };
}

/** A delivery with the payload it sends and every attempt. */
export function presentWebhookDeliveryDetail(
  row: WebhookDeliveryRow,
  attempts: WebhookDeliveryAttemptRow[],
): z.infer<typeof WebhookDeliveryDetailSchema> {
  return {
    ...presentWebhookDelivery(row),
    payload: JSON.parse(row.body) as unknown,
    attemptLog: attempts.map((attempt) => ({
      attempt: attempt.attempt,
      startedAt: attempt.started_at.toISOString(),
      durationMs: attempt.duration_ms,
      statusCode: attempt.status_code,
      error: attempt.error,
      succeeded: attempt.succeeded,
    })),
  };
}
