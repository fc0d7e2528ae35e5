import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainWebhookDeliveries } from '../../../src/jobs/deliver-webhook.ts';
import { buildApp, type App } from '../../../src/server/app.ts';
import { createWebhookRoutes } from '../../../src/server/routes/webhook-routes.ts';
import { emitWebhookEvent } from '../../../src/store/webhook-events.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { actorHeader, fakeActorPlugin } from '../../support/fake-actor.ts';
import { captureLogger } from '../../support/logger.ts';
import { insertAgency, testKeyring } from '../../support/outbox-fixtures.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';

let database: TestDatabase;
let app: App;
let receiver: WebhookReceiver;
let agencyId: string;
let otherId: string;
const keyring = testKeyring();

beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await startWebhookReceiver();
  agencyId = await insertAgency(database.db);
  otherId = await insertAgency(database.db, 'Other');
  app = await buildApp({
    logger: captureLogger().logger,
    database,
    plugins: [
      { plugin: fakeActorPlugin },
      { plugin: createWebhookRoutes({ db: database.db, keyring, now: () => new Date() }) },
    ],
  });
});
afterAll(async () => {
  await app.close();
  await receiver.close();
  await database.destroy();
});

interface Created {
  endpoint: { id: string; url: string };
  secret: string;
}

const manager = () => actorHeader(agencyId, 'manager');

async function createEndpoint(url = receiver.url) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/webhooks',
    headers: manager(),
    payload: { url, eventTypes: ['request.completed'], description: 'CRM sync' },
  });
}

describe('webhook routes', () => {
  it('creates an endpoint and shows its secret once', async () => {
    const created = await createEndpoint();
    expect(created.statusCode).toBe(201);
    const { endpoint, secret } = created.json<Created>();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    expect(endpoint).toMatchObject({ url: receiver.url, eventTypes: ['request.completed'] });
    const listed = await app.inject({ url: '/api/v1/webhooks', headers: manager() });
    const ids = listed.json<{ endpoints: { id: string }[] }>().endpoints.map((e) => e.id);
    expect(ids).toContain(endpoint.id);
    expect(listed.body).not.toContain(secret);
    const one = await app.inject({ url: `/api/v1/webhooks/${endpoint.id}`, headers: manager() });
    expect(one.statusCode).toBe(200);
    expect(one.body).not.toContain(secret);
    const stored = await database.db
      .selectFrom('webhook_endpoints')
      .select('secret_ciphertext')
      .where('id', '=', endpoint.id)
      .executeTakeFirstOrThrow();
    expect(stored.secret_ciphertext).not.toContain(secret.slice(6));
    const audit = await database.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', endpoint.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['webhook_endpoint.created']);
  });

  it.each([
    'ftp://example.test/hook',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'not a url',
    'https://user:pw@example.test/',
  ])('refuses the URL %s', async (url) => {
    const response = await createEndpoint(url);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_body');
  });

  it('refuses unknown event types and unknown fields', async () => {
    for (const payload of [
      { url: receiver.url, eventTypes: ['grant.exploded'] },
      { url: receiver.url, eventTypes: ['grant.granted'], secret: 'mine' },
      { url: receiver.url, eventTypes: [] },
    ]) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: manager(),
        payload,
      });
      expect(response.statusCode).toBe(400);
    }
  });

  it('needs a manager, a write scope and credentials', async () => {
    const anonymous = await app.inject({ url: '/api/v1/webhooks' });
    expect(anonymous.statusCode).toBe(401);
    const member = await app.inject({
      url: '/api/v1/webhooks',
      headers: actorHeader(agencyId, 'member'),
    });
    expect(member.statusCode).toBe(403);
    const readOnly = await app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: actorHeader(agencyId, 'owner', { kind: 'api_key', canWrite: false }),
      payload: { url: receiver.url, eventTypes: ['grant.granted'] },
    });
    expect(readOnly.statusCode).toBe(403);
  });

  it('updates, logs deliveries, replays and deletes; another agency sees none of it', async () => {
    const { endpoint, secret } = (await createEndpoint()).json<Created>();
    const other = actorHeader(otherId, 'owner');
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/webhooks/${endpoint.id}`,
      headers: manager(),
      payload: { eventTypes: ['grant.failed'] },
    });
    expect(patched.json().endpoint.eventTypes).toEqual(['grant.failed']);
    await emitWebhookEvent(database.db, {
      agencyId,
      type: 'grant.failed',
      data: { grant_id: 'g' },
    });
    await drainWebhookDeliveries({ database, keyring });
    const log = await app.inject({
      url: `/api/v1/webhooks/${endpoint.id}/deliveries`,
      headers: manager(),
    });
    const [delivery] = log.json().deliveries;
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1, lastStatusCode: 200 });
    const detail = await app.inject({
      url: `/api/v1/webhooks/deliveries/${delivery.id}`,
      headers: manager(),
    });
    expect(detail.json().delivery.payload).toMatchObject({ type: 'grant.failed' });
    expect(detail.json().delivery.attemptLog).toHaveLength(1);
    const replay = await app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/deliveries/${delivery.id}/replay`,
      headers: manager(),
    });
    expect(replay.statusCode).toBe(202);
    expect(replay.json().delivery).toMatchObject({ replayOf: delivery.id, status: 'pending' });
    await drainWebhookDeliveries({ database, keyring });
    const last = receiver.received.at(-1)!;
    const [t, v1] = (last.headers['latchkey-signature'] as string)
      .split(',')
      .map((p) => p.slice(p.indexOf('=') + 1));
    expect(createHmac('sha256', secret).update(`${t}.${last.body}`).digest('hex')).toBe(v1);
    expect(last.headers['latchkey-event-id']).toBe(delivery.eventId);

    for (const [method, url] of [
      ['GET', `/api/v1/webhooks/${endpoint.id}`],
      ['PATCH', `/api/v1/webhooks/${endpoint.id}`],
      ['DELETE', `/api/v1/webhooks/${endpoint.id}`],
      ['GET', `/api/v1/webhooks/${endpoint.id}/deliveries`],
      ['GET', `/api/v1/webhooks/deliveries/${delivery.id}`],
      ['POST', `/api/v1/webhooks/deliveries/${delivery.id}/replay`],
    ] as const) {
      const response = await app.inject({
        method,
        url,
        headers: other,
        ...(method === 'PATCH' ? { payload: { active: false } } : {}),
      });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    const otherList = await app.inject({ url: '/api/v1/webhooks', headers: other });
    expect(otherList.json().endpoints).toEqual([]);

    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/v1/webhooks/${endpoint.id}`,
      headers: manager(),
    });
    expect(deleted.statusCode).toBe(204);
    const gone = await app.inject({ url: `/api/v1/webhooks/${endpoint.id}`, headers: manager() });
    expect(gone.statusCode).toBe(404);
  });
});
