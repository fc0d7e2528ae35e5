// The LinkedIn connector against its sandbox: listing without ids, grants with read-before-write
// and idempotent retries, read-back, revoke, Pages as a guided step read back through the API,
// billing admin as a guided step, throttling, the explainer, and the wire it puts on the network.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../../src/platforms/errors.ts';
import { expectPlatformError } from '../connector-contract.ts';
import { L, startLinkedInFixture, VERSION, type LinkedInFixture } from './fixture.ts';

let f: LinkedInFixture;
beforeAll(async () => {
  f = await startLinkedInFixture();
});
afterAll(async () => f.close());
beforeEach(async () => f.reset());

const adUs = { type: 'ad_account', id: L.adUs };
const acmePage = { type: 'company_page', id: L.acmePage };

describe('sign-in', () => {
  it('asks for LinkedIn scopes space-separated on the www host, without PKCE', () => {
    const url = f.platform.authorizationUrl({
      state: 's1',
      redirectUri: 'https://latchkey.example/oauth/callback/linkedin',
      scopes: ['openid', 'r_ads'],
    });
    expect(`${url.origin}${url.pathname}`).toBe(`${f.base}/oauth/v2/authorization`);
    expect(url.searchParams.get('scope')).toBe('openid r_ads');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('code_challenge')).toBeNull();
  });

  it('keeps the member id (`sub` of /v2/userinfo) as the token’s granted id', async () => {
    const code = await f.consent(L.nora);
    const tokens = await f.platform.exchangeCode({
      code,
      redirectUri: 'https://latchkey.example/oauth/callback/linkedin',
    });
    expect(tokens.grantedIds).toEqual([L.nora]);
    expect(tokens.scopes).toEqual(['openid', 'profile', 'r_ads', 'rw_ads', 'r_organization_admin']);
    expect(tokens.expiresAt?.getTime()).toBe(f.clock.t + 5_184_000 * 1000);
    expect(await f.platform.listAgencyBusinesses!(tokens.accessToken)).toEqual([
      { id: L.nora, name: 'Nora Lindqvist', isAdmin: true },
    ]);
  });
});

describe('refresh (S10; the sandbox plays an approved partner app, which gets refresh tokens)', () => {
  it('answers a new 60-day access token for the refresh token, which stays the same', async () => {
    const first = await f.platform.exchangeCode({
      code: await f.consent(L.nora),
      redirectUri: 'https://latchkey.example/oauth/callback/linkedin',
    });
    expect(first.refreshToken).toBeDefined();
    f.clock.t += 61 * 86_400_000; // the access token has run out, the refresh token has not
    expect((await f.rest('GET', '/v2/userinfo', first.accessToken)).status).toBe(401);
    const renewed = await f.platform.refreshTokens!(first.refreshToken!);
    expect(renewed.accessToken).not.toBe(first.accessToken);
    expect(renewed.refreshToken).toBe(first.refreshToken);
    expect(renewed.expiresAt?.getTime()).toBe(f.clock.t + 5_184_000 * 1000);
    expect(await f.platform.listAgencyBusinesses!(renewed.accessToken)).toEqual([
      { id: L.nora, name: 'Nora Lindqvist', isAdmin: true },
    ]);
  });

  it('an unknown or expired refresh token is invalid_grant (the connection needs re-consent)', async () => {
    const first = await f.platform.exchangeCode({
      code: await f.consent(L.nora),
      redirectUri: 'https://latchkey.example/oauth/callback/linkedin',
    });
    const unknown = await expectPlatformError(f.platform.refreshTokens!('not-a-refresh-token'));
    expect([unknown.kind, unknown.platformCode]).toEqual(['auth', 'invalid_grant']);
    f.clock.t += 366 * 86_400_000;
    const expired = await expectPlatformError(f.platform.refreshTokens!(first.refreshToken!));
    expect([expired.kind, expired.platformCode]).toEqual(['auth', 'invalid_grant']);
  });
});

describe('listing', () => {
  it('lists the client’s ad accounts with their owner Page and its Company Pages, no id typed', async () => {
    const listing = await f.platform.listClientAssets(await f.tokenFor(L.dana));
    expect(listing.assets.filter((a) => a.type === 'ad_account')).toEqual([
      {
        type: 'ad_account',
        id: L.adUs,
        name: 'Acme Outdoor US',
        ownerId: L.acmePage,
        ownerName: 'Acme Outdoor',
      },
      {
        type: 'ad_account',
        id: L.adEu,
        name: 'Acme Outdoor EU',
        ownerId: L.acmePage,
        ownerName: 'Acme Outdoor',
      },
      {
        type: 'ad_account',
        id: L.adRecruiting,
        name: 'Acme Outdoor Recruiting',
        ownerId: L.careersPage,
        ownerName: 'Acme Outdoor Careers',
      },
    ]);
    expect(listing.assets.filter((a) => a.type === 'company_page').map((a) => a.name)).toEqual([
      'Acme Outdoor',
      'Acme Outdoor Careers',
      'Acme Trail Club',
    ]);
    expect(listing.businesses.every((b) => b.isAdmin)).toBe(true);
  });

  it('shows an account where the member cannot add people, blocked, with its role in words', async () => {
    const listing = await f.platform.listClientAssets(await f.tokenFor(L.sam));
    const us = listing.assets.find((a) => a.id === L.adUs);
    expect(us?.blocked).toEqual({
      code: 'not_account_manager',
      message: expect.stringContaining('VIEWER'),
    });
    expect(listing.assets.some((a) => a.type === 'company_page')).toBe(false);
  });

  it('asks a client only for what the request needs, and lists only what those scopes reach', async () => {
    expect(f.platform.scopesFor!(['company_page'])).toEqual(['r_organization_admin']);
    expect(f.platform.scopesFor!(['ad_account', 'company_page'])).toEqual([
      'r_ads',
      'rw_ads',
      'r_organization_admin',
    ]);
    const pagesOnly = await f.platform.listClientAssets(
      await f.tokenFor(L.dana, ['r_organization_admin']),
    );
    expect(new Set(pagesOnly.assets.map((a) => a.type))).toEqual(new Set(['company_page']));
    const adsOnly = await f.platform.listClientAssets(
      await f.tokenFor(L.dana, ['r_ads', 'rw_ads']),
    );
    expect(new Set(adsOnly.assets.map((a) => a.type))).toEqual(new Set(['ad_account']));
    expect(adsOnly.assets.find((a) => a.id === L.adUs)?.ownerName).toBe('Acme Outdoor');
  });

  it('says why a member with nothing to share sees nothing', async () => {
    const listing = await f.platform.listClientAssets(await f.tokenFor(L.omar));
    expect(listing.assets.filter((a) => a.type === 'ad_account')).toHaveLength(1);
    f.sandbox.reset({
      members: [{ id: 'lonely01', name: 'Lone Member', email: 'lone@example.com' }],
      organizations: [],
      adAccounts: [],
    });
    const empty = await f.platform.listClientAssets(await f.tokenFor('lonely01'));
    expect(empty.assets).toEqual([]);
    expect(empty.notice?.code).toBe('nothing_to_share');
  });

  it('walks every page of a finder (start/count) and of the cursor search (pageToken)', async () => {
    const accounts = Array.from({ length: 230 }, (_, i) => ({
      id: 600000000 + i,
      name: `Account ${i}`,
      organization: 1,
    }));
    f.sandbox.reset({
      members: [{ id: 'many01', name: 'Many Accounts', email: 'many@example.com' }],
      organizations: [{ id: 1, name: 'Many Co', vanityName: 'many-co' }],
      organizationAcls: [{ organization: 1, member: 'many01', role: 'ADMINISTRATOR' }],
      adAccounts: accounts,
      adAccountUsers: accounts.map((a) => ({
        account: a.id,
        member: 'many01',
        role: 'ACCOUNT_MANAGER' as const,
      })),
    });
    const listing = await f.platform.listClientAssets(await f.tokenFor('many01'));
    const ads = listing.assets.filter((a) => a.type === 'ad_account');
    expect(ads).toHaveLength(230);
    expect(ads.every((a) => a.blocked === undefined)).toBe(true);
    const searches = f.log().filter((e) => e.path === '/rest/adAccounts');
    expect(searches.map((e) => e.query.pageToken ?? null)).toEqual([
      null,
      expect.any(String),
      expect.any(String),
    ]);
    const finder = f.log().filter((e) => e.path === '/rest/adAccountUsers');
    expect(finder.map((e) => e.query.start)).toEqual(['0', '100', '200']);
  });
});

describe('ad account grants', () => {
  it('reads before writing, PUTs the role at the compound key, and reads it back', async () => {
    const input = {
      clientToken: await f.tokenFor(L.dana),
      agency: await f.agency(),
      asset: adUs,
      level: 'creative_manager',
    };
    f.sandbox.log.length = 0;
    expect(await f.platform.grantAccess(input)).toEqual({
      kind: 'granted',
      level: 'creative_manager',
    });
    const key = `(account:urn%3Ali%3AsponsoredAccount%3A${L.adUs},user:urn%3Ali%3Aperson%3A${L.nora})`;
    expect(f.log().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      `GET /rest/adAccountUsers/${key} 404`,
      `PUT /rest/adAccountUsers/${key} 201`,
      `GET /rest/adAccountUsers/${key} 200`,
    ]);
    for (const entry of f.log()) {
      expect(entry).toMatchObject({
        linkedInVersion: VERSION,
        restliProtocolVersion: '2.0.0',
        bearer: true,
      });
    }
    expect(f.log()[1]?.restliMethod).toBe('update');
  });

  it('a retried grant whose write landed makes no second write; a higher level upgrades', async () => {
    const input = {
      clientToken: await f.tokenFor(L.dana),
      agency: await f.agency(),
      asset: adUs,
      level: 'viewer',
    };
    await f.platform.grantAccess(input);
    expect(await f.platform.grantAccess(input)).toEqual({
      kind: 'already_granted',
      level: 'viewer',
    });
    const puts = () => f.log().filter((e) => e.method === 'PUT').length;
    expect(puts()).toBe(1);
    expect(await f.platform.grantAccess({ ...input, level: 'account_manager' })).toEqual({
      kind: 'granted',
      level: 'account_manager',
    });
    // Asking for less than is held never downgrades.
    expect(await f.platform.grantAccess({ ...input, level: 'viewer' })).toEqual({
      kind: 'already_granted',
      level: 'account_manager',
    });
    expect(puts()).toBe(2);
    expect(await f.platform.readAccess(input)).toEqual({ kind: 'holds', level: 'account_manager' });
  });

  it('a grant retried after a transient failure lands once', async () => {
    const input = {
      clientToken: await f.tokenFor(L.dana),
      agency: await f.agency(),
      asset: adUs,
      level: 'campaign_manager',
    };
    f.sandbox.setFaults({ failNext: 1 });
    const error = await expectPlatformError(f.platform.grantAccess(input));
    expect(error).toMatchObject({
      kind: 'unavailable',
      retryable: true,
      platformCode: 'INTERNAL_SERVER_ERROR',
    });
    expect(await f.platform.grantAccess(input)).toEqual({
      kind: 'granted',
      level: 'campaign_manager',
    });
    expect(f.log().filter((e) => e.method === 'PUT')).toHaveLength(1);
  });

  it('a member who is only a viewer cannot grant: PlatformError permission', async () => {
    const error = await expectPlatformError(
      f.platform.grantAccess({
        clientToken: await f.tokenFor(L.sam),
        agency: await f.agency(),
        asset: adUs,
        level: 'viewer',
      }),
    );
    expect(error).toMatchObject({
      kind: 'permission',
      platformCode: 'ACCESS_DENIED',
      retryable: false,
    });
    expect(await f.platform.readAccess({ agency: await f.agency(), asset: adUs })).toEqual({
      kind: 'lost',
    });
  });

  it('billing admin is a guided step in Campaign Manager, never a write', async () => {
    const outcome = await f.platform.grantAccess({
      clientToken: await f.tokenFor(L.dana),
      agency: await f.agency(),
      asset: adUs,
      level: 'billing_admin',
    });
    expect(outcome.kind).toBe('needs_manual_step');
    if (outcome.kind === 'needs_manual_step')
      expect(outcome.step.instructions.join(' ')).toContain(L.nora);
    expect(f.log().filter((e) => e.method === 'PUT')).toHaveLength(0);
  });

  it('throttled after the write landed: rate_limited with Retry-After; the retry writes nothing', async () => {
    const input = {
      clientToken: await f.tokenFor(L.dana),
      agency: await f.agency(),
      asset: adUs,
      level: 'viewer',
    };
    // Three calls per 30 s: the read, then the grant's read and write; its read-back is throttled.
    f.sandbox.setFaults({ rateLimit: { requests: 3, perMs: 30_000 } });
    expect(await f.platform.readAccess(input)).toEqual({ kind: 'lost' });
    const error = await expectPlatformError(f.platform.grantAccess(input));
    expect(error).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      platformCode: 'TOO_MANY_REQUESTS',
    });
    expect(error.extra.retryAfterMs).toBe(30_000);
    expect(f.log().at(-1)).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    f.clock.t += 30_001;
    expect(await f.platform.grantAccess(input)).toEqual({
      kind: 'already_granted',
      level: 'viewer',
    });
    expect(f.log().filter((e) => e.method === 'PUT' && e.status === 201)).toHaveLength(1);
  });

  it('revokes with the client’s token, or the agency member removes itself', async () => {
    const agency = await f.agency();
    const clientToken = await f.tokenFor(L.dana);
    await f.platform.grantAccess({ clientToken, agency, asset: adUs, level: 'viewer' });
    expect(await f.platform.revokeAccess({ agency, asset: adUs })).toEqual({ kind: 'revoked' });
    expect(await f.platform.readAccess({ agency, asset: adUs })).toEqual({ kind: 'lost' });
    expect(await f.platform.revokeAccess({ agency, clientToken, asset: adUs })).toEqual({
      kind: 'not_present',
    });
  });
});

describe('Company Pages', () => {
  it('is a guided step to the Page admin view, read back through organizationAcls once done', async () => {
    const agency = await f.agency();
    const input = {
      clientToken: await f.tokenFor(L.dana),
      agency,
      asset: acmePage,
      level: 'admin',
    };
    const outcome = await f.platform.grantAccess(input);
    expect(outcome.kind).toBe('needs_manual_step');
    if (outcome.kind !== 'needs_manual_step') return;
    expect(outcome.step.actionUrl).toBe(
      `${f.base}/company/${L.acmePage}/admin/settings/manage-admins`,
    );
    expect(await f.platform.readAccess(input)).toEqual({ kind: 'lost' });
    // The client follows the step in the sandbox's Page admin view.
    const added = await f.form(L.dana, `/company/${L.acmePage}/admin/settings/manage-admins/add`, {
      person: 'nora@northwind-media.example',
    });
    expect(added.status).toBe(303);
    expect(await f.platform.readAccess(input)).toEqual({ kind: 'holds', level: 'admin' });
    expect(await f.platform.grantAccess(input)).toEqual({
      kind: 'already_granted',
      level: 'admin',
    });
    // No API removes a Page admin: revoke says so; once removed by hand it is not_present.
    const manual = await expectPlatformError(f.platform.revokeAccess(input));
    expect(manual).toMatchObject({ kind: 'invalid', platformCode: 'manual_only' });
    await f.form(L.dana, `/company/${L.acmePage}/admin/settings/manage-admins/remove`, {
      member: L.nora,
    });
    expect(await f.platform.readAccess(input)).toEqual({ kind: 'lost' });
    expect(await f.platform.revokeAccess(input)).toEqual({ kind: 'not_present' });
  });
});

describe('holdings and the explainer', () => {
  it('lists every account and Page the agency member holds in one read per type', async () => {
    const agency = await f.agency();
    await f.platform.grantAccess({
      clientToken: await f.tokenFor(L.dana),
      agency,
      asset: adUs,
      level: 'viewer',
    });
    f.sandbox.log.length = 0;
    const holdings = await f.platform.listAgencyHoldings!({
      agency,
      assetTypes: ['ad_account', 'company_page'],
    });
    expect(
      holdings
        .map((h) => `${h.type}:${h.id}:${h.reading.kind === 'holds' ? h.reading.level : ''}`)
        .sort(),
    ).toEqual(
      [
        `ad_account:${L.adBirch}:campaign_manager`,
        `ad_account:${L.adUs}:viewer`,
        'ad_account:507000010:billing_admin',
        `company_page:${L.birchPage}:admin`,
        `company_page:${L.northwindPage}:admin`,
      ].sort(),
    );
    expect(f.log()).toHaveLength(2);
  });

  it('passes each page read through retryPage, so a transient error re-reads that page', async () => {
    const agency = await f.agency();
    f.sandbox.log.length = 0;
    f.sandbox.setFaults({ failNext: 2 });
    let wrapped = 0;
    const retryPage = async <T>(read: () => Promise<T>): Promise<T> => {
      wrapped += 1;
      for (;;) {
        try {
          return await read();
        } catch (error) {
          if (!(error instanceof PlatformError) || !error.retryable) throw error;
        }
      }
    };
    const holdings = await f.platform.listAgencyHoldings!({
      agency,
      assetTypes: ['ad_account', 'company_page'],
      retryPage,
    });
    expect(wrapped).toBe(2);
    expect(f.log()).toHaveLength(4);
    expect(holdings.map((h) => h.type).sort()).toEqual(
      ['ad_account', 'ad_account', 'company_page', 'company_page'].sort(),
    );
  });

  it('explains the agency member’s own role, and what it cannot see', async () => {
    const agency = await f.agency();
    await f.platform.grantAccess({
      clientToken: await f.tokenFor(L.dana),
      agency,
      asset: adUs,
      level: 'campaign_manager',
    });
    const reading = await f.platform.readAssetAccess!({ agency, asset: adUs });
    expect(reading.holding).toEqual({
      relation: 'account_role',
      status: 'holds',
      levels: ['campaign_manager'],
      sourceName: null,
    });
    expect(reading.paths).toEqual([
      expect.objectContaining({
        person: { id: L.nora, name: 'Nora Lindqvist', email: null },
        businessRole: 'CAMPAIGN_MANAGER',
        reason: 'asset_assignment',
        levels: ['campaign_manager'],
      }),
    ]);
    expect(reading.limits[0]).toMatch(/members one by one/);
    const none = await f.platform.readAssetAccess!({
      agency,
      asset: { type: 'ad_account', id: L.adEu },
    });
    expect(none).toMatchObject({ holding: null, paths: [] });
  });
});

describe('errors', () => {
  it('an unknown token is auth; an unknown asset type is invalid', async () => {
    const error = await expectPlatformError(
      f.platform.readAccess({ agency: { businessId: L.nora, accessToken: 'nope' }, asset: adUs }),
    );
    expect(error.kind).toBe('auth');
    await expect(
      f.platform.grantAccess({
        clientToken: 'x',
        agency: await f.agency(),
        asset: { type: 'pixel', id: '1' },
        level: 'viewer',
      }),
    ).rejects.toBeInstanceOf(PlatformError);
  });
});
