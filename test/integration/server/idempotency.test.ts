/**
 * Idempotency-Key on every POST route of the real runtime (enumerated, so routes added later are
 * covered): a retry replays the first answer, the same key with another body is 422, a key still
 * in flight is 409, and a real creation happens once.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableStringify } from '../../../src/lib/stable-json.ts';
import type { App } from '../../../src/server/app.ts';
import type { Database } from '../../../src/store/database.ts';
import { buildAgency, type TestAgency } from '../../support/agency.ts';
import { startTestRuntime, type TestRuntime } from '../../support/runtime.ts';

let started: TestRuntime;
let app: App;
let database: Database;
let acme: TestAgency;

beforeAll(async () => {
  started = await startTestRuntime();
  app = started.runtime.app!;
  database = started.runtime.database;
  acme = await buildAgency(database);
}, 120_000);
afterAll(async () => {
  await started?.stop();
});

const ZERO_UUID = '00000000-0000-4000-8000-000000000000';

describe('Idempotency-Key', () => {
  it('is honoured on every POST route', async () => {
    // Sign-out is left out: it ends the very session the sweep signs its requests with (it does
    // honour the key, but a retry arrives without a session and so in another key scope).
    const allPosts = app.routeCatalog().filter((route) => route.method === 'POST');
    // Every POST route is Latchkey's API or a sandbox simulating a third-party API.
    expect(allPosts.filter((route) => !/^\/(api|sandbox)\//.test(route.url))).toEqual([]);
    const posts = allPosts.filter(
      (route) => route.url.startsWith('/api/') && !route.url.endsWith('/sign-out'),
    );
    expect(posts.length).toBeGreaterThan(5);
    const failures: string[] = [];
    for (const [index, route] of posts.entries()) {
      const url = route.url.replace(/:[A-Za-z_]+/g, ZERO_UUID).replace('*', ZERO_UUID);
      const key = `sweep-${index}`;
      const send = (payload: object) =>
        app.inject({
          method: 'POST',
          url,
          headers: { ...acme.owner.headers, 'idempotency-key': key },
          payload,
        });
      const first = await send({ probe: 1 });
      const second = await send({ probe: 1 });
      const other = await send({ probe: 2 });
      const label = `POST ${route.url} (${first.statusCode})`;
      if (first.statusCode >= 500 || first.statusCode === 429) {
        failures.push(`${label}: first answer not storable`);
        continue;
      }
      if (second.statusCode !== first.statusCode || second.body !== first.body) {
        failures.push(`${label}: retry answered ${second.statusCode} differently`);
      }
      if (second.headers['idempotent-replayed'] !== 'true') {
        failures.push(`${label}: retry not marked as a replay`);
      }
      if (other.statusCode !== 422) failures.push(`${label}: other body gave ${other.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('creates once when a creation is retried, and refuses a key in flight or on another route', async () => {
    const headers = { ...acme.owner.headers, 'idempotency-key': 'create-client-1' };
    const payload = { name: 'Retry Bistro' };
    const first = await app.inject({ method: 'POST', url: '/api/v1/clients', headers, payload });
    const again = await app.inject({ method: 'POST', url: '/api/v1/clients', headers, payload });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const rows = await database.db
      .selectFrom('clients')
      .select('id')
      .where('agency_id', '=', acme.agency.id)
      .where('name', '=', 'Retry Bistro')
      .execute();
    expect(rows).toHaveLength(1);

    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/v1/templates',
      headers,
      payload,
    });
    expect(elsewhere.statusCode).toBe(422);

    await database.db
      .insertInto('idempotency_keys')
      .values({
        scope: `agency:${acme.agency.id}`,
        key: 'in-flight',
        // Records keep a hash of the route (an onboarding path carries a link's secret).
        route: `sha256:${createHash('sha256').update('POST /api/v1/clients').digest('hex')}`,
        body_hash: createHash('sha256').update(stableStringify(payload)).digest('hex'),
        expires_at: new Date(Date.now() + 60_000),
      })
      .execute();
    const busy = await app.inject({
      method: 'POST',
      url: '/api/v1/clients',
      headers: { ...acme.owner.headers, 'idempotency-key': 'in-flight' },
      payload,
    });
    expect(busy.statusCode).toBe(409);
  });

  it('keys are per agency, and a stored API key creation is sealed at rest', async () => {
    const other = await buildAgency(database);
    const headers = (agency: TestAgency) => ({
      ...agency.owner.headers,
      'idempotency-key': 'shared',
    });
    const mine = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: headers(acme),
      payload: { name: 'k', scope: 'read' },
    });
    const theirs = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: headers(other),
      payload: { name: 'k', scope: 'read' },
    });
    expect(mine.statusCode).toBe(201);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    const secret = mine.json<{ key: string }>().key.split('.')[1]!;
    const stored = await database.db.selectFrom('idempotency_keys').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(started.log.text()).not.toContain(secret);
  });
});
