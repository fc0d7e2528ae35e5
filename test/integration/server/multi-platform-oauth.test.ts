import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeGrant } from '../../../src/jobs/execute-grant.ts';
import { agencyIdentityFor } from '../../../src/jobs/grant-deps.ts';
import { metaScopesFor } from '../../../src/platforms/meta/manifest.ts';
import { openOnboardingToken } from '../../../src/store/platform-connections.ts';
import { TEST_PUBLIC_URL } from '../../support/agency.ts';
import {
  connectAgencyOn,
  consentInGoogle,
  consentInMeta,
  createMultiHarness,
  G,
  M,
  type MultiHarness,
} from '../../support/multi-platform.ts';
import { browserCookieOf } from '../../support/onboarding.ts';

let h: MultiHarness;
let token: string;

beforeAll(async () => {
  h = await createMultiHarness();
  const created = await h.app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: {
      ...h.agency.owner.headers,
      'content-type': 'application/json',
      origin: TEST_PUBLIC_URL,
    },
    payload: {
      title: 'Meta and Google for Acme',
      items: [
        { platform: 'meta', assetType: 'ad_account', permissionLevel: 'partial' },
        { platform: 'google_ads', assetType: 'ad_account', permissionLevel: 'manager_link' },
      ],
    },
  });
  expect(created.statusCode).toBe(201);
  token = created.json<{ link: { url: string } }>().link.url.split('/l/')[1] ?? '';
});
afterAll(async () => h?.close());

const consentFor = { meta: consentInMeta, google_ads: consentInGoogle };
const clientOf = { meta: M.dana, google_ads: G.owner };
type Id = keyof typeof consentFor;

async function begin(platform: Id) {
  const start = await h.app.inject({
    method: 'POST',
    url: `/api/v1/onboarding/${token}/oauth/${platform}/start`,
  });
  expect(start.statusCode).toBe(200);
  const authorizationUrl = start.json<{ authorizationUrl: string }>().authorizationUrl;
  const cookie = browserCookieOf(start.headers['set-cookie']);
  const callback = await consentFor[platform](h, authorizationUrl, clientOf[platform]);
  return {
    authorizationUrl: new URL(authorizationUrl),
    cookie,
    callback,
    state: new URL(authorizationUrl).searchParams.get('state') ?? '',
  };
}

const back = (path: string, cookie: string) =>
  h.app.inject({ method: 'GET', url: path, headers: { cookie } });
const reasonOf = (response: { json: () => unknown }) =>
  (response.json() as { error: { details: { reason: string } } }).error.details.reason;

describe('OAuth for Meta and Google in one link', () => {
  it('asks Meta only for the scopes the requested types need, without PKCE', async () => {
    const { authorizationUrl } = await begin('meta');
    expect(authorizationUrl.pathname).toBe('/sandbox/meta/v25.0/dialog/oauth');
    expect(authorizationUrl.searchParams.get('scope')?.split(',').sort()).toEqual(
      metaScopesFor(['ad_account']).sort(),
    );
    expect(authorizationUrl.searchParams.get('code_challenge')).toBeNull();
  });

  it('asks Google with a PKCE S256 challenge and a per-platform redirect URI', async () => {
    const { authorizationUrl } = await begin('google_ads');
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizationUrl.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorizationUrl.searchParams.get('redirect_uri')).toBe(
      `${TEST_PUBLIC_URL}/oauth/callback/google_ads`,
    );
  });

  for (const platform of ['meta', 'google_ads'] as const) {
    it(`${platform}: connects once, refuses the replay, stores the token sealed`, async () => {
      const { callback, cookie } = await begin(platform);
      expect(callback.pathname).toBe(`/oauth/callback/${platform}`);
      const path = `${callback.pathname}${callback.search}`;
      const first = await back(path, cookie);
      expect(first.statusCode).toBe(303);
      expect(first.headers.location).toBe(`/l/${token}?${platform}=connected`);
      const replay = await back(path, cookie);
      expect(replay.statusCode).toBe(400);
      expect(reasonOf(replay)).toBe('state_used');
      const rows = await h.database.db
        .selectFrom('platform_connections')
        .selectAll()
        .where('platform', '=', platform)
        .where('owner_kind', '=', 'onboarding')
        .execute();
      expect(rows).toHaveLength(1);
      const code = callback.searchParams.get('code') ?? '';
      expect(JSON.stringify(rows)).not.toContain(code);
    });

    it(`${platform}: refuses an unknown, an expired and a wrong-platform state`, async () => {
      const unknown = await back(`/oauth/callback/${platform}?state=forged&code=x`, 'a=b');
      expect(reasonOf(unknown)).toBe('unknown_state');

      const other = platform === 'meta' ? 'google_ads' : 'meta';
      const mixed = await begin(platform);
      const wrong = await back(`/oauth/callback/${other}${mixed.callback.search}`, mixed.cookie);
      expect(wrong.statusCode).toBe(400);
      expect(reasonOf(wrong)).toBe('wrong_platform');

      const late = await begin(platform);
      await h.database.db
        .updateTable('oauth_states')
        .set({ expires_at: new Date(Date.now() - 1_000) })
        .where('consumed_at', 'is', null)
        .where('platform', '=', platform)
        .execute();
      const expired = await back(`${late.callback.pathname}${late.callback.search}`, late.cookie);
      expect(expired.statusCode).toBe(400);
      expect(reasonOf(expired)).toBe('state_expired');
    });
  }

  it('google_ads: refuses a transaction that lost its PKCE verifier, before any exchange', async () => {
    const { callback, cookie } = await begin('google_ads');
    await h.database.db
      .updateTable('oauth_states')
      .set({ code_verifier_ciphertext: null })
      .where('consumed_at', 'is', null)
      .where('platform', '=', 'google_ads')
      .execute();
    const answer = await back(`${callback.pathname}${callback.search}`, cookie);
    expect(answer.statusCode).toBe(400);
    expect(reasonOf(answer)).toBe('missing_verifier');
  });

  it('grants through each connector: a Meta partner share and an active Google Ads manager link', async () => {
    await connectAgencyOn(h, 'meta', consentInMeta, M.nora, M.northwind);
    await connectAgencyOn(h, 'google_ads', consentInGoogle, G.agency, G.manager);
    // Listed side by side, as the client page does: each platform's listing is kept.
    const listed = await Promise.all(
      (['meta', 'google_ads'] as const).map((platform) =>
        h.app.inject({ method: 'POST', url: `/api/v1/onboarding/${token}/assets/${platform}` }),
      ),
    );
    expect(listed.map((r) => r.statusCode)).toEqual([200, 200]);
    const stored = await h.database.db.selectFrom('onboardings').select('asset_listing').execute();
    expect(stored.map((o) => Object.keys(o.asset_listing as object).sort())).toEqual([
      ['google_ads', 'meta'],
    ]);
    const approve = await h.app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${token}/approve`,
      payload: {
        selections: [
          { platform: 'meta', assetType: 'ad_account', assetId: M.adUs },
          { platform: 'google_ads', assetType: 'ad_account', assetId: G.account },
        ],
      },
    });
    expect(approve.statusCode).toBe(202);
    const grants = await h.database.db.selectFrom('grants').selectAll().execute();
    expect(grants.map((g) => g.platform).sort()).toEqual(['google_ads', 'meta']);
    const onboardingId = grants[0]?.onboarding_id ?? '';
    const clientGoogle = await openOnboardingToken(
      h.database.db,
      h.keyring,
      onboardingId,
      'google_ads',
    );
    const googleToken = clientGoogle?.accessToken.reveal() ?? '';
    await expect(
      h.services.platforms.google_ads?.listClientAssets(googleToken),
    ).resolves.toBeDefined();
    for (const grant of grants) await executeGrant(h.grantDeps, grant.id);
    // S12: the client's tokens are deleted, and Google's is revoked at Google too.
    expect(
      await openOnboardingToken(h.database.db, h.keyring, onboardingId, 'google_ads'),
    ).toBeUndefined();
    await expect(h.services.platforms.google_ads?.listClientAssets(googleToken)).rejects.toThrow();
    const after = await h.database.db.selectFrom('grants').selectAll().execute();
    expect(after.map((g) => [g.platform, g.status]).sort()).toEqual([
      ['google_ads', 'granted'],
      ['meta', 'granted'],
    ]);

    const meta = await agencyIdentityFor(h.grantDeps, h.agency.agency.id, 'meta');
    expect(meta.businessId).toBe(M.northwind);
    expect(
      await h.services.platforms.meta?.readAccess({
        agency: meta,
        asset: { type: 'ad_account', id: M.adUs },
      }),
    ).toEqual({ kind: 'holds', level: 'partial' });
    expect(
      await h.services.platforms.meta?.readAccess({
        agency: meta,
        asset: { type: 'ad_account', id: M.adEu },
      }),
    ).toEqual({ kind: 'lost' });
    const google = await agencyIdentityFor(h.grantDeps, h.agency.agency.id, 'google_ads');
    expect(google.businessId).toBe(G.manager);
    expect(
      await h.services.platforms.google_ads?.readAccess({
        agency: google,
        asset: { type: 'ad_account', id: G.account },
      }),
    ).toEqual({ kind: 'holds', level: 'manager_link' });
  });

  it("ga4: the agency's identity is its Google account email; a property binding is granted", async () => {
    await connectAgencyOn(h, 'ga4', consentInGoogle, G.agency, G.agency);
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: {
        ...h.agency.owner.headers,
        'content-type': 'application/json',
        origin: TEST_PUBLIC_URL,
      },
      payload: {
        title: 'Analytics for Acme',
        items: [{ platform: 'ga4', assetType: 'ga4_property', permissionLevel: 'viewer' }],
      },
    });
    const link = created.json<{ link: { url: string } }>().link.url.split('/l/')[1] ?? '';
    const start = await h.app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${link}/oauth/ga4/start`,
    });
    const cookie = browserCookieOf(start.headers['set-cookie']);
    const callback = await consentInGoogle(
      h,
      start.json<{ authorizationUrl: string }>().authorizationUrl,
      G.owner,
    );
    expect((await back(`${callback.pathname}${callback.search}`, cookie)).statusCode).toBe(303);
    await h.app.inject({ method: 'POST', url: `/api/v1/onboarding/${link}/assets/ga4` });
    const approve = await h.app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${link}/approve`,
      payload: {
        selections: [{ platform: 'ga4', assetType: 'ga4_property', assetId: G.property }],
      },
    });
    expect(approve.statusCode).toBe(202);
    const grant = await h.database.db
      .selectFrom('grants')
      .selectAll()
      .where('platform', '=', 'ga4')
      .executeTakeFirstOrThrow();
    await executeGrant(h.grantDeps, grant.id);
    const agency = await agencyIdentityFor(h.grantDeps, h.agency.agency.id, 'ga4');
    expect(agency.businessId).toBe(G.agency);
    expect(
      await h.services.platforms.ga4?.readAccess({
        agency,
        asset: { type: 'ga4_property', id: G.property },
      }),
    ).toEqual({ kind: 'holds', level: 'viewer' });
  });
});
