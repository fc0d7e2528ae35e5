/**
 * Job: deliver due webhook deliveries from the outbox. It drains in batches (claim, send in
 * parallel, record) until nothing is due; retry times are written on each row with jittered
 * exponential backoff (src/domain/webhook-retry.ts) rather than left to pg-boss, so the delivery
 * log can show the next attempt and a replay is just a new row. pg-boss's own retry only covers a
 * drain that crashed (a database outage); leases make that safe.
 */
import { z } from 'zod';
import { webhookRetryDelayMs } from '../domain/webhook-retry.ts';
import { claimDueWebhookDeliveries, recordWebhookAttempt } from '../store/webhook-deliveries.ts';
import type { Secret } from '../store/secrets.ts';
import { endpointSecretContext } from '../store/webhook-endpoints.ts';
import { nowOf, type OutboxDeps } from './outbox-deps.ts';
import { defineJob } from './queue.ts';
import { postWebhook } from './webhook-sender.ts';

export type WebhookDeliveryDeps = Pick<
  OutboxDeps,
  'database' | 'keyring' | 'clock' | 'webhookFetch' | 'webhookTimeoutMs' | 'random'
>;

const BATCH = 10;

/** Sends every due delivery (up to `maxBatches` batches); returns how many attempts were made. */
export async function drainWebhookDeliveries(
  deps: WebhookDeliveryDeps,
  maxBatches = 20,
): Promise<number> {
  const timeoutMs = deps.webhookTimeoutMs ?? 10_000;
  let attempted = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const now = nowOf(deps);
    const claimed = await claimDueWebhookDeliveries(deps.database.db, now, {
      limit: BATCH,
      leaseMs: timeoutMs + 60_000,
    });
    if (claimed.length === 0) break;
    await Promise.all(
      claimed.map(async (delivery) => {
        const secret = openSecret(deps, delivery);
        // A secret that no longer decrypts (its key was removed) is a failed attempt, recorded
        // like any other, so the row never stays leased and the log says why.
        const result = secret
          ? await postWebhook(
              { ...delivery, secret, deliveryId: delivery.id },
              { fetch: deps.webhookFetch ?? fetch, timeoutMs, now },
            )
          : {
              startedAt: now,
              durationMs: 0,
              statusCode: null,
              error: 'The signing secret cannot be decrypted with the current keyring',
              succeeded: false,
            };
        const retryAt = new Date(
          nowOf(deps).getTime() + webhookRetryDelayMs(delivery.attempt, deps.random),
        );
        await recordWebhookAttempt(deps.database.db, delivery, result, retryAt);
      }),
    );
    attempted += claimed.length;
  }
  return attempted;
}

function openSecret(
  deps: WebhookDeliveryDeps,
  delivery: { endpointId: string; agencyId: string; secretCiphertext: string },
): Secret | undefined {
  try {
    return deps.keyring.open(
      delivery.secretCiphertext,
      endpointSecretContext({ id: delivery.endpointId, agency_id: delivery.agencyId }),
    );
  } catch {
    return undefined;
  }
}

export const deliverWebhookJob = defineJob({
  name: 'webhooks.deliver',
  payload: z.object({}).strict(),
  queue: { retryLimit: 3, retryDelay: 5, retryBackoff: true, policy: 'short' },
  concurrency: 2,
  handler: async (_payload, deps: WebhookDeliveryDeps) => {
    await drainWebhookDeliveries(deps);
  },
});
