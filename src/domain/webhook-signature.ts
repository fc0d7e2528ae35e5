/**
 * Webhook signatures, Stripe-style: `Latchkey-Signature: t=<unix seconds>,v1=<hex>` where v1 is
 * HMAC-SHA256, keyed by the endpoint's whole secret string, over `${t}.${body}`. The receiver
 * recomputes it, compares in constant time and rejects a timestamp outside its tolerance, so a
 * captured delivery cannot be replayed later; the event id lets it drop duplicates too.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const signatureHeader = 'latchkey-signature';
export const eventIdHeader = 'latchkey-event-id';
export const eventTypeHeader = 'latchkey-event-type';
export const deliveryIdHeader = 'latchkey-delivery-id';

/** The default window a receiver accepts a signed timestamp in. */
export const signatureToleranceSeconds = 300;

/** The header value for a body signed at `timestamp` (unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${digest}`;
}

/**
 * True when `header` carries a v1 signature of `body` by `secret` with a timestamp within
 * `toleranceSeconds` of `nowSeconds` (what a receiver written in Node would run).
 */
export function verifyWebhookSignature(
  secret: string,
  header: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = signatureToleranceSeconds,
): boolean {
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
    return false;
  }
  const expected = Buffer.from(signWebhook(secret, timestamp, body).split('v1=')[1] ?? '', 'hex');
  return parts
    .filter(([key]) => key === 'v1')
    .some(([, value]) => {
      const given = Buffer.from(value ?? '', 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
