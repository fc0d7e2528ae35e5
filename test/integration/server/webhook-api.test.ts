/** The webhook routes inside the real plugin list: API keys, OpenAPI and Idempotency-Key. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/server/app.ts';
import { buildAgency, buildTestApp, type TestAgency } from '../../support/agency.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';

let database: TestDatabase;
let app: App;
let agency: TestAgency;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  agency = await buildAgency(database);
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

describe('webhook API', () => {
  it('is described in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/webhooks',
        '/api/v1/webhooks/{id}',
        '/api/v1/webhooks/{id}/deliveries',
        '/api/v1/webhooks/deliveries/{id}',
        '/api/v1/webhooks/deliveries/{id}/replay',
      ]),
    );
    const create = JSON.stringify(doc.paths['/api/v1/webhooks']!.post);
    expect(create).toContain('request.partially_completed');
    expect(create).toContain('"secret"');
  });

  it('works with API keys: write creates, read lists, and a retried create replays the same secret', async () => {
    const write = await agency.apiKey('write');
    const read = await agency.apiKey('read');
    const send = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: { ...write.headers, 'idempotency-key': 'hook-1' },
        payload: { url: 'https://hooks.example.com/x', eventTypes: ['grant.granted'] },
      });
    const first = await send();
    const retry = await send();
    expect(first.statusCode).toBe(201);
    expect(retry.body).toBe(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const listed = await app.inject({ url: '/api/v1/webhooks', headers: read.headers });
    expect(listed.json<{ endpoints: unknown[] }>().endpoints).toHaveLength(1);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: read.headers,
      payload: { url: 'https://hooks.example.com/y', eventTypes: ['grant.granted'] },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('keeps members out', async () => {
    const member = await agency.addMember('member');
    const response = await app.inject({ url: '/api/v1/webhooks', headers: member.headers });
    expect(response.statusCode).toBe(403);
  });
});
