/**
 * One HTTP delivery of a webhook: POST the stored body with its signature, event id and delivery
 * id headers, no redirects followed, a hard timeout, and only a 2xx counting as delivered. The
 * response body is discarded unread.
 */
import {
  deliveryIdHeader,
  eventIdHeader,
  eventTypeHeader,
  signatureHeader,
  signWebhook,
} from '../domain/webhook-signature.ts';
import type { AttemptResult } from '../store/webhook-deliveries.ts';
import type { Secret } from '../store/secrets.ts';

export interface WebhookRequest {
  readonly url: string;
  readonly secret: Secret;
  readonly body: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly deliveryId: string;
}

/** Sends one delivery and reports what happened; network errors and timeouts are results too. */
export async function postWebhook(
  request: WebhookRequest,
  options: { fetch: typeof fetch; timeoutMs: number; now: Date },
): Promise<AttemptResult> {
  const startedAt = options.now;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  if (!/^https?:$/.test(new URL(request.url).protocol)) {
    return failure(startedAt, 0, null, 'Only http and https URLs are delivered to');
  }
  const timestamp = Math.floor(startedAt.getTime() / 1000);
  try {
    const response = await options.fetch(request.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Latchkey-Webhooks/1',
        [signatureHeader]: signWebhook(request.secret.reveal(), timestamp, request.body),
        [eventIdHeader]: request.eventId,
        [eventTypeHeader]: request.eventType,
        [deliveryIdHeader]: request.deliveryId,
      },
      body: request.body,
    });
    await response.body?.cancel();
    const succeeded = response.status >= 200 && response.status < 300;
    return {
      startedAt,
      durationMs: elapsed(),
      statusCode: response.status,
      error: succeeded ? null : `HTTP ${response.status}`,
      succeeded,
    };
  } catch (error) {
    const name = (error as Error).name;
    const message =
      name === 'TimeoutError' || name === 'AbortError'
        ? `Timed out after ${options.timeoutMs} ms`
        : `Request failed: ${(error as Error).message}`;
    return failure(startedAt, elapsed(), null, message);
  }
}

function failure(
  startedAt: Date,
  durationMs: number,
  statusCode: number | null,
  error: string,
): AttemptResult {
  return { startedAt, durationMs, statusCode, error: error.slice(0, 500), succeeded: false };
}
