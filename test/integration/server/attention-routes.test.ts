// GET /api/v1/attention: the dashboard's front page lists what needs each agency's attention, and
// only its own; hostile query strings answer 400 in the error shape and change nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/server/app.ts';
import {
  buildAgency,
  buildTestApp,
  TEST_PUBLIC_URL,
  type TestAgency,
} from '../../support/agency.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { insertRequest } from '../../support/outbox-fixtures.ts';

let database: TestDatabase;
let app: App;
let acme: TestAgency;
let bravo: TestAgency;
const DAY = 86_400_000;

interface Seeded {
  waitingRequest: string;
  grantRequest: string;
  grantId: string;
  alertId: string;
  endingRequest: string;
}

/** One agency's world: an unopened link, a grant pending acceptance, a drift alert, access ending. */
async function seed(agency: TestAgency, label: string): Promise<Seeded> {
  const db = database.db;
  const agencyId = agency.agency.id;
  const client = await db
    .insertInto('clients')
    .values({ agency_id: agencyId, name: `${label} client` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const waitingRequest = await insertRequest(db, agencyId);
  await db
    .updateTable('access_requests')
    .set({ client_id: client.id, title: `${label} waiting` })
    .where('id', '=', waitingRequest)
    .execute();
  const grantRequest = await insertRequest(db, agencyId);
  const onboarding = await db
    .insertInto('onboardings')
    .values({ agency_id: agencyId, request_id: grantRequest, status: 'approved' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const grant = await db
    .insertInto('grants')
    .values({
      agency_id: agencyId,
      onboarding_id: onboarding.id,
      platform: 'tiktok',
      asset_type: 'advertiser',
      asset_id: '7000000000000000001',
      asset_name: `${label} ads`,
      permission_level: 'ANALYST',
      status: 'pending_acceptance',
      idempotency_key: randomUUID(),
      steps: JSON.stringify([]),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const alert = await db
    .insertInto('drift_alerts')
    .values({
      agency_id: agencyId,
      items: JSON.stringify([
        {
          grantId: grant.id,
          platform: 'tiktok',
          assetType: 'advertiser',
          assetId: '7000000000000000001',
          assetName: `${label} ads`,
          expectedLevel: 'OPERATOR',
          outcome: 'lost',
          levelFound: null,
          requestId: grantRequest,
        },
      ]),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const endingRequest = await insertRequest(db, agencyId);
  await db
    .updateTable('access_requests')
    .set({
      status: 'completed',
      title: `${label} ending`,
      access_ends_at: new Date(Date.now() + 3 * DAY),
    })
    .where('id', '=', endingRequest)
    .execute();
  // An ending far away and a revoked link are not news.
  const later = await insertRequest(db, agencyId);
  await db
    .updateTable('access_requests')
    .set({ status: 'completed', access_ends_at: new Date(Date.now() + 60 * DAY) })
    .where('id', '=', later)
    .execute();
  const revoked = await insertRequest(db, agencyId);
  await db
    .updateTable('access_requests')
    .set({ link_revoked_at: new Date() })
    .where('id', '=', revoked)
    .execute();
  return { waitingRequest, grantRequest, grantId: grant.id, alertId: alert.id, endingRequest };
}

let seeded: Record<'acme' | 'bravo', Seeded>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database);
  acme = await buildAgency(database, { name: 'Acme' });
  bravo = await buildAgency(database, { name: 'Bravo' });
  seeded = { acme: await seed(acme, 'Acme'), bravo: await seed(bravo, 'Bravo') };
  // Something in the audit log, by a person.
  await app.inject({
    method: 'POST',
    url: '/api/v1/clients',
    headers: acme.owner.headers,
    payload: { name: 'Audited client' },
  });
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

interface AttentionBody {
  linksWaiting: { total: number; items: { requestId: string; clientName: string | null }[] };
  grantsWaiting: {
    total: number;
    items: { grantId: string; platformName: string; assetTypeLabel: string; status: string }[];
  };
  driftAlerts: { total: number; items: { alertId: string; assetNames: string[] }[] };
  accessEnding: { total: number; items: { requestId: string }[] };
  recentActivity: { action: string; actorName: string }[];
}

const read = async (agency: TestAgency, query = '') => {
  const response = await app.inject({
    url: `/api/v1/attention${query}`,
    headers: agency.owner.headers,
  });
  expect(response.statusCode).toBe(200);
  return response.json<AttentionBody>();
};

describe('GET /api/v1/attention', () => {
  it('lists each agency’s own waiting links, grants, alerts and endings, never the other’s', async () => {
    for (const [name, agency, other] of [
      ['acme', acme, 'bravo'],
      ['bravo', bravo, 'acme'],
    ] as const) {
      const mine = seeded[name];
      const theirs = seeded[other];
      const body = await read(agency);
      expect(body.linksWaiting.items.map((i) => i.requestId)).toEqual([mine.waitingRequest]);
      expect(body.linksWaiting.items[0]?.clientName).toBe(
        `${name === 'acme' ? 'Acme' : 'Bravo'} client`,
      );
      expect(body.grantsWaiting.items).toEqual([
        expect.objectContaining({
          grantId: mine.grantId,
          platformName: 'TikTok',
          assetTypeLabel: 'Ad account',
          status: 'pending_acceptance',
        }),
      ]);
      expect(body.driftAlerts.items.map((a) => a.alertId)).toEqual([mine.alertId]);
      expect(body.accessEnding.items.map((e) => e.requestId)).toEqual([mine.endingRequest]);
      const text = JSON.stringify(body);
      for (const id of Object.values(theirs)) expect(text).not.toContain(id);
      expect(text).not.toContain(other === 'acme' ? 'Acme' : 'Bravo');
    }
  });

  it('names a custom tool’s waiting grant by the agency’s own definition', async () => {
    const added = await app.inject({
      method: 'POST',
      url: '/api/v1/custom-platforms/ready-made/klaviyo',
      headers: {
        ...acme.owner.headers,
        'content-type': 'application/json',
        origin: TEST_PUBLIC_URL,
      },
      payload: { inviteEmail: 'team@acme.example' },
    });
    expect(added.statusCode).toBe(201);
    const onboarding = await database.db
      .selectFrom('onboardings')
      .select('id')
      .where('request_id', '=', seeded.acme.grantRequest)
      .executeTakeFirstOrThrow();
    const grant = await database.db
      .insertInto('grants')
      .values({
        agency_id: acme.agency.id,
        onboarding_id: onboarding.id,
        platform: 'custom',
        asset_type: 'klaviyo',
        asset_id: 'acme-store',
        asset_name: 'Acme store',
        permission_level: 'manager',
        status: 'needs_manual_step',
        idempotency_key: randomUUID(),
        steps: JSON.stringify([]),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    try {
      const body = await read(acme);
      expect(body.grantsWaiting.items).toContainEqual(
        expect.objectContaining({
          grantId: grant.id,
          platformName: 'Other tools',
          assetTypeLabel: 'Klaviyo',
        }),
      );
    } finally {
      await database.db.deleteFrom('grants').where('id', '=', grant.id).execute();
    }
  });

  it('names the person behind recent activity, not an id', async () => {
    const body = await read(acme);
    const created = body.recentActivity.find((e) => e.action === 'client.created');
    expect(created?.actorName).toBe(`Owner of Acme (${acme.owner.user.email})`);
  });

  it('counts everything while listing at most `limit`', async () => {
    const extra = await insertRequest(database.db, bravo.agency.id);
    const body = await read(bravo, '?limit=1');
    expect(body.linksWaiting.total).toBe(2);
    expect(body.linksWaiting.items).toHaveLength(1);
    await database.db.deleteFrom('access_requests').where('id', '=', extra).execute();
  });

  it.each([
    '?limit=0',
    '?limit=51',
    '?limit=abc',
    '?limit=1e400',
    '?endingWithinDays=-1',
    '?agencyId=00000000-0000-0000-0000-000000000000',
    '?__proto__=1',
    '?limit=1&limit=2',
  ])('answers 400 in the error shape for %s', async (query) => {
    const response = await app.inject({
      url: `/api/v1/attention${query}`,
      headers: acme.owner.headers,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: expect.any(String), message: expect.any(String) },
    });
  });

  it('answers 401 without a session', async () => {
    const response = await app.inject({ url: '/api/v1/attention' });
    expect(response.statusCode).toBe(401);
  });
});
