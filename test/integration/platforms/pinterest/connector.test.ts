// The Pinterest connector against its sandbox: listing without ids, the grant's two paths
// (existing partnership; invite + the agency's acceptance) with idempotent retries, read-back,
// revoke with the partnership's end, batch revoke, throttling, and the access explainer.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../../src/platforms/errors.ts';
import { REDIRECT_URI, startPinterestFixture, W, type PinterestFixture } from './fixture.ts';

let f: PinterestFixture;
beforeAll(async () => {
  f = await startPinterestFixture();
});
afterAll(async () => f.close());
beforeEach(async () => f.reset());

const adUs = { type: 'ad_account', id: W.adUs, ownerId: W.acme };
const adEu = { type: 'ad_account', id: W.adEu, ownerId: W.acme };
const catalog = { type: 'catalog', id: W.catalog, ownerId: W.acme };
const writes = (method: string, suffix: string) =>
  f.sandbox.log.filter((e) => e.method === method && e.path.endsWith(suffix) && e.status === 200)
    .length;

describe('pinterest connector', () => {
  it("lists the client's ad accounts and catalog by name, with their business", async () => {
    const listing = await f.platform.listClientAssets(await f.tokenFor(W.dana));
    expect(listing.businesses).toEqual([{ id: W.acme, name: 'acmeoutdoor', isAdmin: true }]);
    expect(listing.assets.map((a) => [a.type, a.name, a.ownerId])).toEqual([
      ['ad_account', 'Acme Outdoor US', W.acme],
      ['ad_account', 'Acme Outdoor EU', W.acme],
      ['catalog', 'Acme product catalog', W.acme],
    ]);
  });

  it('an employee sees a notice, not assets; a person in no business is told so', async () => {
    const sam = await f.platform.listClientAssets(await f.tokenFor(W.sam));
    expect(sam.assets).toEqual([]);
    expect(sam.notice?.code).toBe('not_admin');
    const zoe = await f.platform.listClientAssets(await f.tokenFor(W.zoe));
    expect(zoe.notice?.code).toBe('no_business');
  });

  it('grants several assets: one invite, then the partnership carries the rest', async () => {
    const clientToken = await f.tokenFor(W.dana);
    const agency = await f.agency();
    expect(
      await f.platform.grantAccess({ clientToken, agency, asset: adUs, level: 'analyst' }),
    ).toEqual({ kind: 'granted', level: 'analyst' });
    expect(
      await f.platform.grantAccess({
        clientToken,
        agency,
        asset: catalog,
        level: 'catalogs_manager',
      }),
    ).toEqual({ kind: 'granted', level: 'catalogs_manager' });
    expect(writes('POST', `/businesses/${W.acme}/invites`)).toBe(1);
    expect(writes('PATCH', `/businesses/${W.acme}/partners/assets`)).toBe(1);
    expect(await f.platform.readAccess({ agency, asset: catalog })).toEqual({
      kind: 'holds',
      level: 'catalogs_manager',
    });
    // Asking for less than held changes nothing; asking for more upgrades.
    expect(
      await f.platform.grantAccess({ clientToken, agency, asset: adUs, level: 'analyst' }),
    ).toEqual({ kind: 'already_granted', level: 'analyst' });
    expect(
      await f.platform.grantAccess({ clientToken, agency, asset: adUs, level: 'admin' }),
    ).toEqual({ kind: 'granted', level: 'admin' });
  });

  it('an attempt that stopped after its invite is finished by the retry (one invite in all)', async () => {
    const clientToken = await f.tokenFor(W.dana);
    const agency = await f.agency();
    // What an attempt that crashed right after inviting left behind: a pending invite.
    const pending = await f.api('POST', `/businesses/${W.acme}/invites`, clientToken, {
      invite_type: 'PARTNER_INVITE',
      business_role: 'PARTNER',
      partners: [W.northwind],
    });
    expect(pending.status).toBe(200);
    const input = { clientToken, agency, asset: adEu, level: 'campaign_manager' };
    expect(await f.platform.grantAccess(input)).toEqual({
      kind: 'granted',
      level: 'campaign_manager',
    });
    expect(writes('POST', `/businesses/${W.acme}/invites`)).toBe(1);
    expect(await f.platform.grantAccess(input)).toEqual({
      kind: 'already_granted',
      level: 'campaign_manager',
    });
  });

  it('a transient failure mid-grant is retried without a second invite', async () => {
    const clientToken = await f.tokenFor(W.dana);
    const agency = await f.agency();
    const input = { clientToken, agency, asset: adEu, level: 'analyst' };
    // Let the invite be created, then fail the next call (attaching the asset).
    const realFetch = globalThis.fetch;
    let failed = false;
    globalThis.fetch = async (url: URL | string | Request, init?: RequestInit) => {
      const href = url instanceof Request ? url.url : url.toString();
      if (!failed && href.endsWith('/invites/assets/access')) {
        failed = true;
        f.sandbox.setFaults({ failNext: 1 });
      }
      return realFetch(url, init);
    };
    try {
      const error = await f.platform.grantAccess(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PlatformError);
      expect((error as PlatformError).kind).toBe('unavailable');
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(await f.platform.grantAccess(input)).toEqual({ kind: 'granted', level: 'analyst' });
    expect(writes('POST', `/businesses/${W.acme}/invites`)).toBe(1);
  });

  it('a grant waits when the agency connection may not accept (pending_acceptance), read as pending', async () => {
    const clientToken = await f.tokenFor(W.dana);
    // Omar is only an employee of Northwind: he cannot accept a partner invite.
    const agency = { businessId: W.northwind, accessToken: await f.tokenFor(W.omar) };
    const outcome = await f.platform.grantAccess({
      clientToken,
      agency,
      asset: adUs,
      level: 'analyst',
    });
    expect(outcome.kind).toBe('pending_acceptance');
    expect(await f.platform.readAccess({ agency: await f.agency(), asset: adUs })).toEqual({
      kind: 'pending',
      level: 'analyst',
    });
    // Nora accepts by hand on the sandbox's Business Access page; the read then holds.
    const signin = await fetch(`${f.url}/signin`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ userId: W.nora }),
    });
    const cookie = (signin.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const page = await (await fetch(`${f.url}/business-access`, { headers: { cookie } })).text();
    const inviteId = /data-testid="invite-(\d+)"/.exec(page)?.[1] ?? '';
    expect(page).toContain('acmeoutdoor invites you as a partner');
    const accepted = await fetch(`${f.url}/business-access/respond`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie },
      body: new URLSearchParams({ inviteId, decision: 'accept' }),
    });
    expect(accepted.status).toBe(303);
    expect(await f.platform.readAccess({ agency: await f.agency(), asset: adUs })).toEqual({
      kind: 'holds',
      level: 'analyst',
    });
    // Answered once: a second answer is refused.
    const again = await fetch(`${f.url}/business-access/respond`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie },
      body: new URLSearchParams({ inviteId, decision: 'accept' }),
    });
    expect(again.status).toBe(409);
  });

  it('a throttled call is rate_limited with a wait; the retry after it succeeds', async () => {
    const clientToken = await f.tokenFor(W.dana);
    const agency = await f.agency();
    f.sandbox.setFaults({ rateLimit: { requests: 2, perMs: 60_000 } });
    const error = await f.platform
      .grantAccess({ clientToken, agency, asset: adUs, level: 'analyst' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).kind).toBe('rate_limited');
    expect((error as PlatformError).extra.retryAfterMs).toBeGreaterThan(0);
    f.sandbox.setFaults({});
    expect(
      await f.platform.grantAccess({ clientToken, agency, asset: adUs, level: 'analyst' }),
    ).toEqual({ kind: 'granted', level: 'analyst' });
  });

  it('revoking the last asset ends the partnership; the agency can revoke alone too', async () => {
    const clientToken = await f.tokenFor(W.dana);
    const agency = await f.agency();
    await f.platform.grantAccess({ clientToken, agency, asset: adUs, level: 'analyst' });
    await f.platform.grantAccess({ clientToken, agency, asset: adEu, level: 'analyst' });
    expect(await f.platform.revokeAccess({ agency, clientToken, asset: adUs })).toEqual({
      kind: 'revoked',
    });
    const partners = () => f.api('GET', `/businesses/${W.acme}/partners`, clientToken);
    const ids = ((await partners()).body.items as { id: string }[]).map((p) => p.id);
    expect(ids).toEqual([W.northwind]);
    // Without the client's token: the agency gives up its own access, and the partnership ends.
    expect(await f.platform.revokeAccess({ agency, asset: adEu })).toEqual({ kind: 'revoked' });
    expect((await partners()).body.items).toEqual([]);
    expect(await f.platform.readAccess({ agency, asset: adEu })).toEqual({ kind: 'lost' });
    expect(await f.platform.revokeAccess({ agency, asset: adEu })).toEqual({ kind: 'not_present' });
  });

  it('revokes many assets in one batch and ends each emptied partnership', async () => {
    const clientToken = await f.tokenFor(W.dana);
    const agency = await f.agency();
    await f.platform.grantAccess({ clientToken, agency, asset: adUs, level: 'analyst' });
    await f.platform.grantAccess({ clientToken, agency, asset: adEu, level: 'analyst' });
    const results = await f.platform.revokeAssets!({
      agency,
      assetType: 'ad_account',
      assetIds: [W.adUs, W.adEu, W.birchAd, W.rivalAd],
    });
    expect(results).toEqual(
      expect.arrayContaining([
        { assetId: W.adUs, outcome: { kind: 'revoked' } },
        { assetId: W.adEu, outcome: { kind: 'revoked' } },
        { assetId: W.birchAd, outcome: { kind: 'revoked' } },
        { assetId: W.rivalAd, outcome: { kind: 'not_present' } },
      ]),
    );
    expect(writes('DELETE', `/businesses/${W.northwind}/partners/assets`)).toBe(1);
    const external = await f.api(
      'GET',
      `/businesses/${W.northwind}/partners?partner_type=EXTERNAL`,
      agency.accessToken,
    );
    expect(external.body.items).toEqual([]);
  });

  it('lists what the agency holds through its partnerships, by type, in a few reads', async () => {
    const clientToken = await f.tokenFor(W.dana);
    const agency = await f.agency();
    await f.platform.grantAccess({ clientToken, agency, asset: adUs, level: 'analyst' });
    await f.platform.grantAccess({ clientToken, agency, asset: catalog, level: 'catalogs_viewer' });
    const held = await f.platform.listAgencyHoldings!({
      agency,
      assetTypes: ['ad_account', 'catalog'],
    });
    expect(held.map((x) => [x.type, x.id, x.reading, x.sourceName]).sort()).toEqual(
      [
        ['ad_account', W.adUs, { kind: 'holds', level: 'analyst' }, 'acmeoutdoor'],
        ['ad_account', W.birchAd, { kind: 'holds', level: 'campaign_manager' }, 'birchandco'],
        ['catalog', W.catalog, { kind: 'holds', level: 'catalogs_viewer' }, 'acmeoutdoor'],
      ].sort(),
    );
  });

  it('explains who reaches a shared asset in the agency business', async () => {
    const agency = await f.agency();
    const reading = await f.platform.readAssetAccess!({
      agency,
      asset: { type: 'ad_account', id: W.birchAd, ownerId: W.birch },
    });
    expect(reading.holding).toEqual({
      relation: 'partner_share',
      status: 'holds',
      levels: ['CAMPAIGN_MANAGER'],
      sourceName: 'birchandco',
    });
    expect(reading.paths).toEqual([
      expect.objectContaining({
        person: { id: W.omar, name: 'omarhaddad', email: 'omar@northwind-media.example' },
        reason: 'asset_assignment',
        levels: ['CAMPAIGN_MANAGER'],
      }),
    ]);
    const none = await f.platform.readAssetAccess!({ agency, asset: adUs });
    expect(none).toMatchObject({ holding: null, paths: [] });
  });
});

describe('pinterest refresh (S10)', () => {
  it('a refresh token gives a new 30-day access token once the old one has run out', async () => {
    const first = await f.platform.exchangeCode({
      code: await f.consent(W.nora),
      redirectUri: REDIRECT_URI,
    });
    expect(first.refreshToken).toBeDefined();
    f.clock.t += 31 * 86_400_000;
    expect((await f.api('GET', '/user_account', first.accessToken)).status).toBe(401);
    const renewed = await f.platform.refreshTokens!(first.refreshToken!);
    expect(renewed.accessToken).not.toBe(first.accessToken);
    expect(renewed.refreshToken).toBeDefined();
    expect(renewed.expiresAt?.getTime()).toBe(f.clock.t + 30 * 86_400_000);
    expect((await f.api('GET', '/user_account', renewed.accessToken)).status).toBe(200);
  });

  it('an unknown refresh token is refused as invalid_grant (the connection needs re-consent)', async () => {
    const error = await f.platform.refreshTokens!('pinr_never-issued').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect([(error as PlatformError).kind, (error as PlatformError).platformCode]).toEqual([
      'auth',
      'invalid_grant',
    ]);
  });
});
