import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/server/app.ts';
import { buildAgency, buildTestApp, TEST_PASSWORD, type TestAgency } from '../../support/agency.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';

let database: TestDatabase;
let app: App;
let northwind: TestAgency;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  northwind = await buildAgency(database, { name: 'Northwind Media' });
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

const actions = async (agencyId: string) =>
  (
    await database.db
      .selectFrom('audit_events')
      .select('action')
      .where('agency_id', '=', agencyId)
      .orderBy('id')
      .execute()
  ).map((row) => row.action);

describe('clients', () => {
  it('creates, reads, changes and deletes a client, with audit events', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/clients',
      headers: northwind.owner.headers,
      payload: { name: 'Bistro Uno', email: 'owner@bistro.example' },
    });
    expect(created.statusCode).toBe(201);
    const { client } = created.json<{ client: { id: string } }>();
    const read = await app.inject({
      url: `/api/v1/clients/${client.id}`,
      headers: northwind.owner.headers,
    });
    expect(read.json()).toMatchObject({ client: { name: 'Bistro Uno' } });
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/clients/${client.id}`,
      headers: northwind.owner.headers,
      payload: { name: 'Bistro Due' },
    });
    expect(patched.json()).toMatchObject({
      client: { name: 'Bistro Due', email: 'owner@bistro.example' },
    });
    const list = await app.inject({ url: '/api/v1/clients', headers: northwind.owner.headers });
    expect(list.json<{ clients: unknown[] }>().clients).toHaveLength(1);
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/v1/clients/${client.id}`,
      headers: northwind.owner.headers,
    });
    expect(deleted.statusCode).toBe(204);
    expect(await actions(northwind.agency.id)).toEqual(
      expect.arrayContaining(['client.created', 'client.updated', 'client.deleted']),
    );
  });

  it('refuses unknown fields and viewers writing', async () => {
    const extra = await app.inject({
      method: 'POST',
      url: '/api/v1/clients',
      headers: northwind.owner.headers,
      payload: { name: 'X', agencyId: northwind.agency.id },
    });
    expect(extra.statusCode).toBe(400);
    const viewer = await northwind.addMember('viewer');
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/clients',
      headers: viewer.headers,
      payload: { name: 'X' },
    });
    expect(refused.statusCode).toBe(403);
    const readKey = await northwind.apiKey('read');
    const readOnly = await app.inject({
      method: 'POST',
      url: '/api/v1/clients',
      headers: readKey.headers,
      payload: { name: 'X' },
    });
    expect(readOnly.statusCode).toBe(403);
    const readable = await app.inject({ url: '/api/v1/clients', headers: readKey.headers });
    expect(readable.statusCode).toBe(200);
  });
});

describe('templates', () => {
  const item = { platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'ANALYST' };

  it('validates items against the platform manifests', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/templates',
      headers: northwind.owner.headers,
      payload: {
        name: 'Bad',
        items: [
          item,
          { ...item, permissionLevel: 'EMPEROR' },
          { platform: 'myspace', assetType: 'x', permissionLevel: 'y' },
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('EMPEROR');
    expect(JSON.stringify(bad.json())).toContain('myspace');
    const good = await app.inject({
      method: 'POST',
      url: '/api/v1/templates',
      headers: northwind.owner.headers,
      payload: { name: 'TikTok ads', items: [item] },
    });
    expect(good.statusCode).toBe(201);
    const { template } = good.json<{ template: { id: string } }>();
    const read = await app.inject({
      url: `/api/v1/templates/${template.id}`,
      headers: northwind.owner.headers,
    });
    expect(read.json()).toMatchObject({ template: { name: 'TikTok ads', items: [item] } });
    const options = await app.inject({
      url: '/api/v1/template-options',
      headers: northwind.owner.headers,
    });
    expect(JSON.stringify(options.json())).toContain('advertiser');
    const member = await northwind.addMember('member');
    const refused = await app.inject({
      method: 'DELETE',
      url: `/api/v1/templates/${template.id}`,
      headers: member.headers,
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe('branding', () => {
  it('changes name, colour, logo and slug; refuses bad values and taken slugs', async () => {
    const other = await buildAgency(database);
    const patch = (payload: unknown, headers = northwind.owner.headers) =>
      app.inject({ method: 'PATCH', url: '/api/v1/branding', headers, payload: payload as object });
    const logo = `data:image/png;base64,${Buffer.from('png').toString('base64')}`;
    const good = await patch({
      displayName: 'Northwind Media Group',
      brandColor: '#1D4ED8',
      slug: 'northwind-growth',
      logoUrl: logo,
    });
    expect(good.statusCode).toBe(200);
    expect(good.json()).toMatchObject({
      branding: {
        displayName: 'Northwind Media Group',
        brandColor: '#1d4ed8',
        slug: 'northwind-growth',
        logoUrl: logo,
      },
    });
    expect((await patch({ brandColor: 'red' })).statusCode).toBe(400);
    expect((await patch({ slug: 'Not A Slug' })).statusCode).toBe(400);
    expect((await patch({ slug: 'api' })).statusCode).toBe(400);
    expect((await patch({ logoUrl: 'javascript:alert(1)' })).statusCode).toBe(400);
    expect(
      (await patch({ logoUrl: `data:image/png;base64,${'A'.repeat(140_000)}` })).statusCode,
    ).toBe(400);
    expect((await patch({ slug: other.agency.slug })).statusCode).toBe(409);
  });
});

describe('team', () => {
  it('invites by link, accepts once, and removal ends the member’s sessions and keys', async () => {
    const invited = await app.inject({
      method: 'POST',
      url: '/api/v1/team/invitations',
      headers: northwind.owner.headers,
      payload: { email: 'Mia@Northwind-Media.example', role: 'member' },
    });
    expect(invited.statusCode).toBe(201);
    const { acceptUrl } = invited.json<{ acceptUrl: string }>();
    expect(acceptUrl).toMatch(/\/app\/invite#token=[\w-]{43}$/);
    const token = acceptUrl.split('#token=')[1]!;
    const stored = await database.db.selectFrom('invitations').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    const lookup = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/lookup',
      payload: { token },
    });
    expect(lookup.json()).toMatchObject({ email: 'mia@northwind-media.example', role: 'member' });
    const accept = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/invitations/accept',
        payload: { token, name: 'Mia', password: TEST_PASSWORD },
      });
    const accepted = await accept();
    expect(accepted.statusCode).toBe(201);
    expect((await accept()).statusCode).toBe(404);
    const miaId = accepted.json<{ user: { id: string } }>().user.id;
    const cookie = String(accepted.headers['set-cookie']).split(';')[0]!;
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);

    const manager = await northwind.addMember('manager');
    const escalate = await app.inject({
      method: 'POST',
      url: '/api/v1/team/invitations',
      headers: manager.headers,
      payload: { email: 'boss@northwind-media.example', role: 'owner' },
    });
    expect(escalate.statusCode).toBe(403);

    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/team/members/${miaId}`,
      headers: manager.headers,
    });
    expect(removed.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
    const sessions = await database.db
      .selectFrom('sessions')
      .select('id_hash')
      .where('user_id', '=', miaId)
      .execute();
    expect(sessions).toHaveLength(0);
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'mia@northwind-media.example', password: TEST_PASSWORD },
    });
    expect(signIn.statusCode).toBe(401);
    expect(await actions(northwind.agency.id)).toEqual(
      expect.arrayContaining(['invitation.created', 'invitation.accepted', 'user.removed']),
    );
  });

  it('keeps the last owner', async () => {
    const solo = await buildAgency(database);
    const manager = await solo.addMember('manager');
    const demote = await app.inject({
      method: 'PATCH',
      url: `/api/v1/team/members/${solo.owner.user.id}`,
      headers: manager.headers,
      payload: { role: 'viewer' },
    });
    expect(demote.statusCode).toBe(403);
  });
});

describe('API keys', () => {
  it('shows the key once, stores only a hash, and revokes it', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: northwind.owner.headers,
      payload: { name: 'CI', scope: 'write' },
    });
    expect(created.statusCode).toBe(201);
    const { key, apiKey } = created.json<{ key: string; apiKey: { id: string } }>();
    expect(key).toMatch(/^lk_[a-z0-9]{16}\.[\w-]{43}$/);
    const list = await app.inject({ url: '/api/v1/api-keys', headers: northwind.owner.headers });
    expect(JSON.stringify(list.json())).not.toContain(key.split('.')[1]);
    const rows = await database.db.selectFrom('api_keys').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(key.split('.')[1]);
    const headers = { authorization: `Bearer ${key}` };
    expect((await app.inject({ url: '/api/v1/clients', headers })).statusCode).toBe(200);
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${apiKey.id}`,
      headers: northwind.owner.headers,
    });
    expect(revoked.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/clients', headers })).statusCode).toBe(401);
  });
});

describe('audit log', () => {
  it('lets the owner page through and export it, and nobody else', async () => {
    const page = await app.inject({
      url: '/api/v1/audit-events?limit=2',
      headers: northwind.owner.headers,
    });
    expect(page.statusCode).toBe(200);
    const body = page.json<{
      events: { id: number; actorKind: string; actorName: string }[];
      nextBefore: number;
    }>();
    expect(body.events).toHaveLength(2);
    // Who acted is named (name and email), not shown as an id.
    for (const event of body.events.filter((e) => e.actorKind === 'user'))
      expect(event.actorName).toMatch(/^.+ \(.+@.+\)$/);
    const next = await app.inject({
      url: `/api/v1/audit-events?limit=2&before=${body.nextBefore}`,
      headers: northwind.owner.headers,
    });
    expect(next.json<{ events: { id: number }[] }>().events[0]!.id).toBeLessThan(
      body.events[1]!.id + 1,
    );
    const csv = await app.inject({
      url: '/api/v1/audit-events/export?format=csv',
      headers: northwind.owner.headers,
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('attachment');
    expect(csv.body.split('\r\n')[0]).toBe(
      'id,created_at,actor_kind,actor_id,action,target_kind,target_id,data',
    );
    expect(csv.body).toContain('client.created');
    const ndjson = await app.inject({
      url: '/api/v1/audit-events/export?format=ndjson',
      headers: northwind.owner.headers,
    });
    const lines = ndjson.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { agencyId?: string });
    expect(lines.length).toBeGreaterThan(3);
    const manager = await northwind.addMember('manager');
    expect(
      (await app.inject({ url: '/api/v1/audit-events', headers: manager.headers })).statusCode,
    ).toBe(403);
    await expect(
      database.db.updateTable('audit_events').set({ action: 'forged' }).execute(),
    ).rejects.toThrow(/append-only/);
  });
});

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document of /api/v1 built from the zod schemas, and a docs page', async () => {
    const response = await app.inject({ url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/clients',
        '/api/v1/clients/{id}',
        '/api/v1/templates',
        '/api/v1/api-keys',
      ]),
    );
    expect(Object.keys(doc.paths).every((path) => path.startsWith('/api/v1/'))).toBe(true);
    expect(JSON.stringify(doc.paths['/api/v1/clients']!.post)).toContain('"name"');
    const page = await app.inject({ url: '/api/docs' });
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).not.toMatch(/https?:\/\/(?!127)/);
    expect(page.body).toContain('/api/docs/docs.js');
  });
});
