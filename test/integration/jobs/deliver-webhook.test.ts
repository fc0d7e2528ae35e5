import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { drainWebhookDeliveries } from '../../../src/jobs/deliver-webhook.ts';
import { createWebhookEndpoint } from '../../../src/store/webhook-endpoints.ts';
import {
  findWebhookDelivery,
  replayWebhookDelivery,
} from '../../../src/store/webhook-deliveries.ts';
import { emitWebhookEvent } from '../../../src/store/webhook-events.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { insertAgency, testKeyring } from '../../support/outbox-fixtures.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';

let database: TestDatabase;
let receiver: WebhookReceiver;
const keyring = testKeyring();
let clock = new Date();

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});
afterEach(async () => {
  await receiver?.close();
});

const deps = (timeoutMs = 2_000) => ({
  database,
  keyring,
  clock: () => clock,
  random: () => 0.5,
  webhookTimeoutMs: timeoutMs,
});

/** An HMAC check written from the documentation, independent of src/. */
function verifyIndependently(secret: string, header: string, body: string): number {
  const fields = new Map(header.split(',').map((part) => part.split('=') as [string, string]));
  const t = fields.get('t')!;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(fields.get('v1')!, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new Error('bad signature');
  }
  return Number(t);
}

async function setUp(): Promise<{
  agencyId: string;
  secret: string;
  deliveryId: () => Promise<string>;
}> {
  // Each test starts from a quiet outbox: earlier tests' receivers are closed.
  await database.db
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', next_attempt_at: null })
    .where('status', 'in', ['pending', 'sending'])
    .execute();
  receiver = await startWebhookReceiver();
  clock = new Date(Date.now() + 1_000);
  const agencyId = await insertAgency(database.db);
  const { endpoint, secret } = await createWebhookEndpoint(database.db, keyring, agencyId, null, {
    url: receiver.url,
    eventTypes: ['grant.granted'],
  });
  await emitWebhookEvent(database.db, {
    agencyId,
    type: 'grant.granted',
    data: { grant_id: 'g-1', platform: 'tiktok' },
  });
  const deliveryId = async () =>
    (
      await database.db
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('endpoint_id', '=', endpoint.id)
        .orderBy('created_at')
        .executeTakeFirstOrThrow()
    ).id;
  return { agencyId, secret: secret.reveal(), deliveryId };
}

describe('webhook delivery', () => {
  it('delivers a signed event that verifies with a standard HMAC check', async () => {
    const { agencyId, secret, deliveryId } = await setUp();
    expect(await drainWebhookDeliveries(deps())).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const { headers, body } = receiver.received[0]!;
    const t = verifyIndependently(secret, headers['latchkey-signature'] as string, body);
    expect(t).toBe(Math.floor(clock.getTime() / 1000));
    const event = JSON.parse(body);
    expect(event).toMatchObject({
      type: 'grant.granted',
      agency_id: agencyId,
      data: { grant_id: 'g-1', platform: 'tiktok' },
    });
    expect(headers['latchkey-event-id']).toBe(event.id);
    expect(headers['latchkey-delivery-id']).toBe(await deliveryId());
    expect(() =>
      verifyIndependently('whsec_wrong', headers['latchkey-signature'] as string, body),
    ).toThrow();
    const log = await findWebhookDelivery(database.db, agencyId, await deliveryId());
    expect(log?.delivery).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      last_status_code: 200,
    });
    expect(log?.attempts).toHaveLength(1);
    expect(await drainWebhookDeliveries(deps())).toBe(0);
  });

  it('retries a 500 with backoff and succeeds on a later attempt', async () => {
    const { agencyId, deliveryId } = await setUp();
    receiver.respond = (index) => (index === 0 ? 500 : 204);
    await drainWebhookDeliveries(deps());
    const first = await findWebhookDelivery(database.db, agencyId, await deliveryId());
    expect(first?.delivery).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_status_code: 500,
    });
    const delay = first!.delivery.next_attempt_at!.getTime() - clock.getTime();
    expect(delay).toBeGreaterThanOrEqual(15_000);
    expect(delay).toBeLessThanOrEqual(30_000 + 5_000);
    expect(await drainWebhookDeliveries(deps())).toBe(0);
    clock = new Date(first!.delivery.next_attempt_at!.getTime() + 1);
    expect(await drainWebhookDeliveries(deps())).toBe(1);
    const second = await findWebhookDelivery(database.db, agencyId, await deliveryId());
    expect(second?.delivery).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      last_status_code: 204,
    });
    expect(second?.attempts.map((a) => [a.attempt, a.status_code, a.succeeded])).toEqual([
      [1, 500, false],
      [2, 204, true],
    ]);
    expect(receiver.received[0]!.headers['latchkey-event-id']).toBe(
      receiver.received[1]!.headers['latchkey-event-id'],
    );
  });

  it('records a timeout as a failed attempt and schedules a retry', async () => {
    const { agencyId, deliveryId } = await setUp();
    receiver.respond = () => 'hang';
    await drainWebhookDeliveries(deps(300));
    const log = await findWebhookDelivery(database.db, agencyId, await deliveryId());
    expect(log?.delivery).toMatchObject({ status: 'pending', attempts: 1, last_status_code: null });
    expect(log?.delivery.last_error).toMatch(/Timed out after 300 ms/);
    expect(log?.attempts[0]!.duration_ms).toBeGreaterThanOrEqual(250);
    expect(log?.delivery.next_attempt_at!.getTime()).toBeGreaterThan(clock.getTime());
  });

  it('gives up after the last attempt', async () => {
    const { agencyId, deliveryId } = await setUp();
    receiver.respond = () => 503;
    const id = await deliveryId();
    await database.db
      .updateTable('webhook_deliveries')
      .set({ max_attempts: 2 })
      .where('id', '=', id)
      .execute();
    await drainWebhookDeliveries(deps());
    clock = new Date(clock.getTime() + 3 * 3_600_000);
    await drainWebhookDeliveries(deps());
    const log = await findWebhookDelivery(database.db, agencyId, id);
    expect(log?.delivery).toMatchObject({ status: 'failed', attempts: 2, next_attempt_at: null });
    clock = new Date(clock.getTime() + 3 * 3_600_000);
    expect(await drainWebhookDeliveries(deps())).toBe(0);
  });

  it('replays a delivery as a new one with the same event', async () => {
    const { agencyId, secret, deliveryId } = await setUp();
    await drainWebhookDeliveries(deps());
    const replay = await replayWebhookDelivery(database.db, agencyId, await deliveryId(), clock);
    expect(replay?.replay_of).toBe(await deliveryId());
    expect(await drainWebhookDeliveries(deps())).toBe(1);
    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.received;
    expect(second!.body).toBe(first!.body);
    verifyIndependently(secret, second!.headers['latchkey-signature'] as string, second!.body);
    expect(second!.headers['latchkey-delivery-id']).toBe(replay!.id);
    const other = await insertAgency(database.db, 'Other');
    expect(
      await replayWebhookDelivery(database.db, other, await deliveryId(), clock),
    ).toBeUndefined();
  });

  it('records an undecryptable secret as a failed attempt instead of leaving the row leased', async () => {
    const { agencyId, deliveryId } = await setUp();
    await drainWebhookDeliveries({ ...deps(), keyring: testKeyring() });
    const log = await findWebhookDelivery(database.db, agencyId, await deliveryId());
    expect(log?.delivery).toMatchObject({ status: 'pending', attempts: 1 });
    expect(log?.delivery.last_error).toMatch(/cannot be decrypted/);
    expect(receiver.received).toHaveLength(0);
  });
});
