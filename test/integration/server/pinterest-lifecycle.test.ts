/**
 * Pinterest through Latchkey's whole lifecycle, against its sandbox: the agency connects its
 * Pinterest business once, the client's link lists the client's ad accounts (no ids typed), the
 * grant job invites the agency as a partner with the client's token and accepts it with the
 * agency's own, the grant is read back, "Who has access?" answers in Pinterest's words, and the
 * offboarding removes the access and ends the partnership, verified gone.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { executeGrant } from '../../../src/jobs/execute-grant.ts';
import { agencyIdentityFor } from '../../../src/jobs/grant-deps.ts';
import { TEST_PUBLIC_URL } from '../../support/agency.ts';
import {
  connectAgencyOn,
  consentInPinterest,
  createMultiHarness,
  P,
  type MultiHarness,
} from '../../support/multi-platform.ts';
import { browserCookieOf } from '../../support/onboarding.ts';

let h: MultiHarness;
beforeAll(async () => {
  h = await createMultiHarness();
});
afterAll(async () => h?.close());

const json = { 'content-type': 'application/json', origin: TEST_PUBLIC_URL };

it('connects, grants, reads back, explains and offboards a Pinterest ad account', async () => {
  await connectAgencyOn(h, 'pinterest', consentInPinterest, P.nora, P.northwind);
  const client = await h.app.inject({
    method: 'POST',
    url: '/api/v1/clients',
    headers: { ...h.agency.owner.headers, ...json },
    payload: { name: 'Acme Outdoor' },
  });
  expect(client.statusCode).toBe(201);
  const clientId = client.json<{ client: { id: string } }>().client.id;
  const created = await h.app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: { ...h.agency.owner.headers, ...json },
    payload: {
      title: 'Pinterest for Acme',
      clientId,
      items: [
        { platform: 'pinterest', assetType: 'ad_account', permissionLevel: 'campaign_manager' },
      ],
    },
  });
  expect(created.statusCode).toBe(201);
  const link = created.json<{ link: { url: string } }>().link.url.split('/l/')[1] ?? '';

  // The client connects Pinterest on the link and sees its ad accounts by name.
  const start = await h.app.inject({
    method: 'POST',
    url: `/api/v1/onboarding/${link}/oauth/pinterest/start`,
  });
  expect(start.statusCode).toBe(200);
  const authorizationUrl = new URL(start.json<{ authorizationUrl: string }>().authorizationUrl);
  expect(authorizationUrl.pathname).toBe('/oauth/');
  expect(authorizationUrl.searchParams.get('code_challenge')).toBeNull();
  const back = await consentInPinterest(h, authorizationUrl.toString(), P.dana);
  const callback = await h.app.inject({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    headers: { cookie: browserCookieOf(start.headers['set-cookie']) },
  });
  expect(callback.statusCode).toBe(303);
  const listed = await h.app.inject({
    method: 'POST',
    url: `/api/v1/onboarding/${link}/assets/pinterest`,
  });
  expect(listed.statusCode).toBe(200);
  expect(JSON.stringify(listed.json())).toContain('Acme Outdoor US');

  const approve = await h.app.inject({
    method: 'POST',
    url: `/api/v1/onboarding/${link}/approve`,
    payload: { selections: [{ platform: 'pinterest', assetType: 'ad_account', assetId: P.adUs }] },
  });
  expect(approve.statusCode).toBe(202);
  const [grant] = await h.database.db.selectFrom('grants').selectAll().execute();
  expect(grant?.owner_id).toBe(P.acme);
  await executeGrant(h.grantDeps, grant?.id ?? '');
  const granted = await h.database.db.selectFrom('grants').selectAll().executeTakeFirst();
  expect(granted?.status).toBe('granted');

  // Read back with the agency's own connection; explained in Pinterest's words.
  const agency = await agencyIdentityFor(h.grantDeps, h.agency.agency.id, 'pinterest');
  expect(agency.businessId).toBe(P.northwind);
  const asset = { type: 'ad_account', id: P.adUs, ownerId: P.acme };
  expect(await h.services.platforms.pinterest?.readAccess({ agency, asset })).toEqual({
    kind: 'holds',
    level: 'campaign_manager',
  });
  const explained = await h.app.inject({
    method: 'GET',
    url: `/api/v1/assets/${grant?.id ?? ''}/access`,
    headers: h.agency.owner.headers,
  });
  expect(explained.statusCode, explained.body).toBe(200);
  expect(JSON.stringify(explained.json())).toContain('partnership');

  // Offboarding: the access goes, verified, and no partnership is left behind.
  const started = await h.app.inject({
    method: 'POST',
    url: '/api/v1/offboardings',
    headers: { ...h.agency.owner.headers, ...json },
    payload: { clientId, wait: true },
  });
  expect(started.statusCode, started.body).toBe(201);
  const report = started.json<{ offboarding: { status: string; steps?: unknown[] } }>().offboarding;
  expect(report.status).toBe('completed');
  expect(await h.services.platforms.pinterest?.readAccess({ agency, asset })).toEqual({
    kind: 'lost',
  });
  const partners = h.pinterest.sandbox.model.state.partnerships.filter(
    (p) => p.ownerBusinessId === P.acme && p.partnerBusinessId === P.northwind,
  );
  expect(partners).toEqual([]);
});
