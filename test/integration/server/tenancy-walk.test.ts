/**
 * The tenancy walk (S16): every route the real runtime registers, whoever registered it, is called
 * as another agency's user, as another agency's API key and anonymously, with every id agency A
 * owns in each path parameter. Nothing of A's may come back, and none of A's rows may change.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/server/app.ts';
import type { Database } from '../../../src/store/database.ts';
import { buildAgency, type TestAgency } from '../../support/agency.ts';
import { startTestRuntime, type TestRuntime } from '../../support/runtime.ts';

let started: TestRuntime;
let app: App;
let database: Database;
let agencyA: TestAgency;
let agencyB: TestAgency;

const CANARIES = [
  'Canary Agency A',
  'Canary Client A',
  'canary-a@client.example',
  'Canary Template A',
];

async function agencyTables(): Promise<string[]> {
  const result = await sql<{ table_name: string }>`
    select distinct table_name from information_schema.columns
    where column_name = 'agency_id' and table_schema = current_schema()
    order by table_name`.execute(database.db);
  return result.rows.map((row) => row.table_name);
}

/** Every row agency A owns, in every table with an agency_id column. */
async function snapshotA(): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const table of await agencyTables()) {
    const result = await sql<Record<string, unknown>>`
      select * from ${sql.table(table)} where agency_id = ${agencyA.agency.id} order by 1`.execute(
      database.db,
    );
    snapshot[table] = result.rows;
  }
  return snapshot;
}

/** The values agency A's rows hold in their `id` columns (and the agency's slug). */
function idsOf(snapshot: Record<string, unknown[]>): string[] {
  const ids = new Set<string>([agencyA.agency.id, agencyA.agency.slug]);
  for (const rows of Object.values(snapshot)) {
    for (const row of rows as Record<string, unknown>[]) {
      if (typeof row.id === 'string') ids.add(row.id);
    }
  }
  return [...ids];
}

beforeAll(async () => {
  started = await startTestRuntime();
  app = started.runtime.app!;
  database = started.runtime.database;
  agencyA = await buildAgency(database, { name: 'Canary Agency A' });
  agencyB = await buildAgency(database, { name: 'Agency B' });
  const asA = (method: 'POST', url: string, payload: object) =>
    app.inject({ method, url, headers: agencyA.owner.headers, payload });
  const client = await asA('POST', '/api/v1/clients', {
    name: 'Canary Client A',
    email: 'canary-a@client.example',
  });
  const template = await asA('POST', '/api/v1/templates', {
    name: 'Canary Template A',
    items: [{ platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'ANALYST' }],
  });
  expect(client.statusCode).toBe(201);
  expect(template.statusCode).toBe(201);
  await asA('POST', '/api/v1/team/invitations', { email: 'invitee-a@example.com', role: 'member' });
  await asA('POST', '/api/v1/api-keys', { name: 'A key', scope: 'read' });
  // Routes other engineers own get A data too once they are registered (else the call is a 404).
  const optional = [
    asA('POST', '/api/v1/requests', {
      clientId: client.json<{ client: { id: string } }>().client.id,
      templateId: template.json<{ template: { id: string } }>().template.id,
    }),
    asA('POST', '/api/v1/webhooks', {
      url: 'https://hooks.example.com/a',
      eventTypes: ['request.completed'],
    }),
  ];
  for (const response of await Promise.all(optional)) {
    const routed = !response.body.includes('No route for');
    if (routed) expect(response.statusCode, response.body).toBeLessThan(300);
  }
}, 120_000);

afterAll(async () => {
  await started?.stop();
});

describe('tenancy walk', () => {
  it('returns nothing of agency A to agency B or anonymous callers on any route, and changes nothing', async () => {
    const before = await snapshotA();
    const ids = idsOf(before);
    const routes = app
      .routeCatalog()
      .filter((route) => route.method !== 'OPTIONS')
      .sort((a, b) => Number(a.url.includes('sign-out')) - Number(b.url.includes('sign-out')));
    expect(routes.length).toBeGreaterThan(20);
    const keyB = await agencyB.apiKey('write');
    const identities: [string, Record<string, string>][] = [
      ['anonymous', {}],
      ['agency B session', agencyB.owner.headers],
      ['agency B API key', keyB.headers],
    ];
    const failures: string[] = [];
    let calls = 0;
    for (const route of routes) {
      const hasParams = /[:*]/.test(route.url);
      const candidates = hasParams ? ids : [undefined];
      for (const candidate of candidates) {
        const url = candidate
          ? route.url.replace(/:[A-Za-z_]+/g, candidate).replace('*', candidate)
          : route.url;
        for (const [who, headers] of identities) {
          const response = await app.inject({
            method: route.method as 'GET',
            url,
            headers,
            ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
          });
          calls += 1;
          const label = `${who} ${route.method} ${route.url} (${candidate ?? 'no id'}) → ${response.statusCode}`;
          const leaked = [...CANARIES, ...ids.filter((id) => id !== candidate)].filter((canary) =>
            response.body.includes(canary),
          );
          if (leaked.length > 0) failures.push(`${label} leaked ${leaked.join(', ')}`);
          if (hasParams && url.startsWith('/api/') && response.statusCode < 400) {
            failures.push(`${label} answered with success`);
          }
        }
      }
    }
    console.log(
      `walk: ${routes.length} routes, ${ids.length} ids, ${calls} calls, tables ${Object.entries(
        before,
      )
        .map(([t, r]) => `${t}:${r.length}`)
        .join(' ')}`,
    );
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(100);
    expect(await snapshotA()).toEqual(before);
  }, 300_000);

  it('will not build agency B objects from agency A ids', async () => {
    const snapshot = await snapshotA();
    const templateId = (snapshot.request_templates as { id: string }[])[0]!.id;
    const clientId = (snapshot.clients as { id: string }[])[0]!.id;
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: (await agencyB.addMember('manager')).headers,
      payload: { templateId, clientId },
    });
    expect([400, 404]).toContain(response.statusCode);
    expect(response.body).not.toContain('Canary');
  });
});
