/**
 * Every list in the API pages with a cursor: walked with `limit=2`, each list gives every row
 * once, in its order, past the first page, and refuses cursors it did not give out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/server/app.ts';
import { buildAgency, buildTestApp, type TestAgency } from '../../support/agency.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { buildLifecycleApp, call } from '../../support/lifecycle-app.ts';
import { createLifecycleHarness, type LifecycleHarness } from '../../support/lifecycle.ts';

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

type Inject = (url: string) => Promise<{ statusCode: number; json(): unknown }>;

/** Walks a list page by page; returns the ids in order and the number of pages. */
async function walk(inject: Inject, path: string, field: string) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const answer = await inject(
      `${path}${separator}limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(answer.statusCode).toBe(200);
    const body = answer.json() as Record<string, unknown>;
    const rows = body[field] as { id: string }[];
    expect(rows.length).toBeLessThanOrEqual(2);
    ids.push(...rows.map((row) => row.id));
    cursor = body.nextCursor as string | null;
    pages += 1;
  } while (cursor && pages < 20);
  return { ids, pages };
}

const asOwner: Inject = (url) => app.inject({ method: 'GET', url, headers: agency.owner.headers });

async function post(url: string, payload: object): Promise<Record<string, { id: string }>> {
  const answer = await app.inject({ method: 'POST', url, headers: agency.owner.headers, payload });
  expect(answer.statusCode).toBe(201);
  return answer.json();
}

describe('workspace lists page with a cursor', () => {
  it('clients, by name', async () => {
    const made: { id: string; name: string }[] = [];
    for (const name of ['Echo', 'alpha', 'Delta', 'Bravo', 'Charlie']) {
      made.push({ id: (await post('/api/v1/clients', { name })).client!.id, name });
    }
    const { ids, pages } = await walk(asOwner, '/api/v1/clients', 'clients');
    expect(pages).toBe(3);
    expect(new Set(ids).size).toBe(5);
    const names = ids.map((id) => made.find((m) => m.id === id)!.name);
    // The database's own collation orders the names; the walk must agree with one whole list.
    const whole = (await asOwner('/api/v1/clients')).json() as { clients: { name: string }[] };
    expect(names).toEqual(whole.clients.map((c) => c.name));
  });

  it('templates, by name', async () => {
    const items = [{ platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'OPERATOR' }];
    for (const name of ['T3', 'T1', 'T2']) await post('/api/v1/templates', { name, items });
    const { ids, pages } = await walk(asOwner, '/api/v1/templates', 'templates');
    expect(pages).toBe(2);
    expect(new Set(ids).size).toBe(3);
  });

  it('API keys, newest first', async () => {
    const made: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      made.push((await post('/api/v1/api-keys', { name: `k${i}`, scope: 'read' })).apiKey!.id);
    }
    const { ids, pages } = await walk(asOwner, '/api/v1/api-keys', 'apiKeys');
    expect(pages).toBe(2);
    expect(ids).toEqual([...made].reverse());
  });

  it('webhook endpoints, oldest first', async () => {
    const made: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const body = await post('/api/v1/webhooks', {
        url: `https://hooks.example/${i}`,
        eventTypes: ['grant.granted'],
      });
      made.push(body.endpoint!.id);
    }
    const { ids, pages } = await walk(asOwner, '/api/v1/webhooks', 'endpoints');
    expect(pages).toBe(2);
    expect(ids).toEqual(made);
  });

  it('refuses cursors it did not give out, and a time cursor on a name-ordered list', async () => {
    const timeCursor = Buffer.from(JSON.stringify(['1700000000000000', crypto.randomUUID()]));
    const nameCursor = Buffer.from(JSON.stringify(['Bravo', crypto.randomUUID()]));
    for (const [path, bad] of [
      ['/api/v1/clients', 'nonsense'],
      ['/api/v1/api-keys', nameCursor.toString('base64url')],
      ['/api/v1/webhooks', Buffer.from('["x"]').toString('base64url')],
    ] as const) {
      const answer = await asOwner(`${path}?cursor=${bad}`);
      expect(answer.statusCode).toBe(400);
      expect((answer.json() as { error: { code: string } }).error.code).toBe('invalid_query');
    }
    expect(
      (await asOwner(`/api/v1/api-keys?cursor=${timeCursor.toString('base64url')}`)).statusCode,
    ).toBe(200);
  });
});

describe('lifecycle lists page with a cursor', () => {
  let h: LifecycleHarness;
  let lifecycle: App;
  beforeAll(async () => {
    h = await createLifecycleHarness({ clients: 1, perClient: 1 });
    lifecycle = await buildLifecycleApp(h);
  });
  afterAll(async () => {
    await lifecycle.close();
    await h.close();
  });

  it('verification runs, newest first', async () => {
    const made: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const run = await call(lifecycle, h, 'POST', '/api/v1/verifications', { wait: true });
      made.push(run.json<{ run: { id: string } }>().run.id);
    }
    const inject: Inject = (url) => call(lifecycle, h, 'GET', url);
    const { ids, pages } = await walk(inject, '/api/v1/verifications', 'runs');
    expect(pages).toBe(2);
    expect(ids).toEqual([...made].reverse());
  });
});
