/**
 * The cases the client can act on: zero authorized ad accounts, not a BC admin, and an asset
 * already shared; plus the agency's business pick (admins only) and tenancy of connections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeGrant } from '../../../src/jobs/execute-grant.ts';
import { MAX_SELECTIONS } from '../../../src/server/routes/onboarding-approve.ts';
import { findAuditEvents } from '../../../src/store/audit.ts';
import { findOnboardingByRequest } from '../../../src/store/onboardings.ts';
import { TEST_PUBLIC_URL, buildAgency } from '../../support/agency.ts';
import {
  ADVERTISERS,
  BCS,
  connectAgency,
  connectClient,
  control,
  createHarness,
  createRequest,
  USERS,
  type Harness,
} from '../../support/onboarding.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await connectAgency(h);
});
afterAll(async () => h.close());

interface Listing {
  assets: { id: string; blocked?: { code: string; message: string } }[];
  notice?: { code: string; message: string };
}
const assetsOf = async (token: string) =>
  (
    await h.app.inject({ method: 'POST', url: `/api/v1/onboarding/${token}/assets/tiktok` })
  ).json<Listing>();

describe('what the client can act on', () => {
  it('explains zero authorized ad accounts', async () => {
    const link = await createRequest(h, [{ assetType: 'advertiser', permissionLevel: 'ANALYST' }]);
    await connectClient(h, link.token, USERS.zoe, { advertiserIds: [] });
    const listing = await assetsOf(link.token);
    expect(listing.assets).toEqual([]);
    expect(listing.notice?.code).toBe('no_authorized_advertisers');
  });

  it('refuses an approval above the most assets one approval may name, and changes nothing', async () => {
    const link = await createRequest(h, [{ assetType: 'advertiser', permissionLevel: 'ANALYST' }]);
    await connectClient(h, link.token, USERS.dana, { advertiserIds: [ADVERTISERS.us] });
    await assetsOf(link.token);
    const selections = (count: number) =>
      Array.from({ length: count }, (_, i) => ({
        platform: 'tiktok',
        assetType: 'advertiser',
        assetId: `73${String(i).padStart(17, '0')}`,
      }));
    const approve = await h.app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${link.token}/approve`,
      payload: { selections: selections(MAX_SELECTIONS + 1) },
    });
    expect(approve.statusCode).toBe(400);
    expect(approve.json()).toMatchObject({ error: { code: 'invalid_body' } });
    expect(JSON.stringify(approve.json())).toContain(`At most ${MAX_SELECTIONS} assets`);
    // At the bound, the size is accepted and each unknown asset is named (not a size error).
    const atBound = await h.app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${link.token}/approve`,
      payload: { selections: selections(MAX_SELECTIONS) },
    });
    expect(atBound.statusCode).toBe(422);
    expect(JSON.stringify(atBound.json())).not.toContain('At most');
    const progress = await h.app.inject({
      method: 'GET',
      url: `/api/v1/onboarding/${link.token}/progress`,
    });
    expect(progress.json<{ grants: unknown[] }>().grants).toEqual([]);
  });

  it('blocks assets of a BC the client does not administer, and refuses them on approval', async () => {
    const link = await createRequest(h, [{ assetType: 'advertiser', permissionLevel: 'ANALYST' }]);
    await connectClient(h, link.token, USERS.sam, { advertiserIds: [ADVERTISERS.us] });
    const listing = await assetsOf(link.token);
    const us = listing.assets.find((a) => a.id === ADVERTISERS.us);
    expect(us?.blocked?.code).toBe('not_bc_admin');
    const approve = await h.app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${link.token}/approve`,
      payload: {
        selections: [{ platform: 'tiktok', assetType: 'advertiser', assetId: ADVERTISERS.us }],
      },
    });
    expect(approve.statusCode).toBe(422);
    expect(JSON.stringify(approve.json())).toContain('not an admin');
  });

  it('reports an asset already shared with the agency as such, without sharing again', async () => {
    await control(h.sandbox, 'partners/share', {
      bc_id: BCS.acme,
      partner_id: BCS.northwind,
      asset_type: 'ADVERTISER',
      asset_ids: [ADVERTISERS.eu],
      roles: ['ANALYST'],
      user_id: USERS.dana,
    });
    await control(h.sandbox, 'partners/accept', {
      bc_id: BCS.northwind,
      owner_bc_id: BCS.acme,
      user_id: USERS.nora,
    });
    const link = await createRequest(h, [{ assetType: 'advertiser', permissionLevel: 'ANALYST' }]);
    await connectClient(h, link.token, USERS.dana, { advertiserIds: [ADVERTISERS.eu] });
    await assetsOf(link.token);
    const approve = await h.app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${link.token}/approve`,
      payload: {
        selections: [{ platform: 'tiktok', assetType: 'advertiser', assetId: ADVERTISERS.eu }],
      },
    });
    expect(approve.statusCode).toBe(202);
    const grantId = approve.json<{ grants: { id: string }[] }>().grants[0]?.id ?? '';
    const adds = () =>
      h.sandbox.sandbox.model.state.holdings.filter(
        (x) => x.bcId === BCS.northwind && x.assetId === ADVERTISERS.eu,
      ).length;
    await executeGrant(h.grantDeps, grantId);
    expect(adds()).toBe(1);
    const progress = await h.app.inject({
      method: 'GET',
      url: `/api/v1/onboarding/${link.token}/progress`,
    });
    const grant = progress.json<{ grants: { status: string; alreadyShared: boolean }[] }>()
      .grants[0];
    expect(grant).toMatchObject({ status: 'granted', alreadyShared: true });
  });
});

describe('revoking a request', () => {
  it('abandons an onboarding the client never approved, deleting and revoking its token as once grants settle', async () => {
    const link = await createRequest(h, [{ assetType: 'advertiser', permissionLevel: 'ANALYST' }]);
    const issued = h.sandbox.sandbox.model.state.tokens;
    const before = issued.length;
    await connectClient(h, link.token, USERS.dana);
    const clientTokens = issued.slice(before).filter((t) => t.userId === USERS.dana);
    expect(clientTokens).toHaveLength(1);
    const onboarding = await findOnboardingByRequest(h.database.db, link.id);
    const stored = () =>
      h.database.db
        .selectFrom('platform_connections')
        .select('platform')
        .where('owner_kind', '=', 'onboarding')
        .where('onboarding_id', '=', onboarding!.id)
        .execute();
    expect(await stored()).toHaveLength(1);

    const answer = await h.app.inject({
      method: 'POST',
      url: `/api/v1/requests/${link.id}/revoke`,
      headers: { ...h.agency.owner.headers, origin: TEST_PUBLIC_URL },
    });
    expect(answer.statusCode).toBe(200);
    expect((await findOnboardingByRequest(h.database.db, link.id))?.status).toBe('abandoned');
    expect(await stored()).toEqual([]);
    expect(clientTokens.every((t) => t.revoked)).toBe(true);
    const events = await findAuditEvents(h.database.db, h.agency.agency.id);
    expect(
      events.filter(
        (e) => e.action === 'onboarding.client_token_deleted' && e.target_id === onboarding!.id,
      ),
    ).toMatchObject([{ data: { platforms: ['tiktok'] } }]);
  });
});

describe('agency connection', () => {
  const headers = () => ({
    ...h.agency.owner.headers,
    origin: TEST_PUBLIC_URL,
    'content-type': 'application/json',
  });

  it('shows the chosen Business Center and never a token', async () => {
    const answer = await h.app.inject({
      method: 'GET',
      url: '/api/v1/agency/connections',
      headers: h.agency.owner.headers,
    });
    expect(answer.json().connections).toEqual([
      expect.objectContaining({
        platform: 'tiktok',
        connected: true,
        ready: true,
        businessId: BCS.northwind,
      }),
    ]);
    expect(answer.body).not.toMatch(/token|ciphertext/i);
  });

  it('refuses a Business Center the connected user does not administer', async () => {
    const answer = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/agency/connections/tiktok/business',
      headers: headers(),
      payload: { businessId: BCS.acme },
    });
    expect(answer.statusCode).toBe(422);
  });

  it('is per agency: another agency sees itself not connected and cannot pick', async () => {
    const other = await buildAgency(h.database);
    const list = await h.app.inject({
      method: 'GET',
      url: '/api/v1/agency/connections',
      headers: other.owner.headers,
    });
    expect(list.json().connections[0].connected).toBe(false);
    const pick = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/agency/connections/tiktok/business',
      headers: {
        ...other.owner.headers,
        origin: TEST_PUBLIC_URL,
        'content-type': 'application/json',
      },
      payload: { businessId: BCS.northwind },
    });
    expect(pick.statusCode).toBe(409);
  });
});
