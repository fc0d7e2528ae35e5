// TikTok OAuth through the connector against the sandbox: the portal/auth URL, and the code
// exchange refusing bad, expired and replayed codes (tiktok-api.md §1).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectPlatformError } from '../connector-contract.ts';
import { REDIRECT_URI, startTikTokFixture, W, type TikTokFixture } from './connector-fixture.ts';

let f: TikTokFixture;
beforeAll(async () => {
  f = await startTikTokFixture();
});
afterAll(async () => f.close());
beforeEach(async () => f.reset());

describe('TikTok OAuth', () => {
  it('points at portal/auth with app_id, state and redirect_uri only (no PKCE, no scope)', () => {
    const url = f.platform.authorizationUrl({
      state: 's-1',
      redirectUri: REDIRECT_URI,
      codeChallenge: 'ignored',
      scopes: [],
    });
    expect(`${url.origin}${url.pathname}`).toBe(`${f.base}/portal/auth`);
    expect([...url.searchParams.keys()].sort()).toEqual(['app_id', 'redirect_uri', 'state']);
    expect(url.searchParams.get('app_id')).toBe('latchkey-connector-test');
  });

  it('the authorization URL is accepted by the sandbox consent page', async () => {
    const url = f.platform.authorizationUrl({
      state: 's-2',
      redirectUri: REDIRECT_URI,
      scopes: [],
    });
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/signin');
  });

  it('exchanges a code for a long-term token with the authorized advertiser ids', async () => {
    const code = await f.consent(W.dana, [W.ad1]);
    const tokens = await f.platform.exchangeCode({ code, redirectUri: REDIRECT_URI });
    expect(tokens.grantedIds).toEqual([W.ad1]);
    expect(tokens.expiresAt).toBeUndefined();
    expect(tokens.scopes.length).toBeGreaterThan(0);
  });

  it('an expired code (over an hour old) is PlatformError auth', async () => {
    const code = await f.consent(W.dana);
    f.clock.t += 61 * 60 * 1000;
    const error = await expectPlatformError(
      f.platform.exchangeCode({ code, redirectUri: REDIRECT_URI }),
    );
    expect(error.kind).toBe('auth');
    expect(error.platformCode).toBe('40110');
    expect(error.extra.requestId).toBeTruthy();
  });

  it('a replayed code is PlatformError auth and the first token stops working', async () => {
    const code = await f.consent(W.dana);
    const first = await f.platform.exchangeCode({ code, redirectUri: REDIRECT_URI });
    const replay = await expectPlatformError(
      f.platform.exchangeCode({ code, redirectUri: REDIRECT_URI }),
    );
    expect(replay.kind).toBe('auth');
    const revoked = await expectPlatformError(f.platform.listClientAssets(first.accessToken));
    expect(revoked.kind).toBe('auth');
    expect(revoked.platformCode).toBe('40105');
  });

  it('an expired token is PlatformError auth (40102), not retryable', async () => {
    const token = await f.tokenFor(W.dana);
    await f.control('tokens/expire', { access_token: token });
    const error = await expectPlatformError(f.platform.listClientAssets(token));
    expect(error).toMatchObject({ kind: 'auth', platformCode: '40102', retryable: false });
  });

  it('never puts a token in a query string; API calls carry the Access-Token header', async () => {
    const token = await f.tokenFor(W.dana);
    await f.platform.listClientAssets(token);
    const entries = (await f.log()).filter((e) => e.path.includes('/open_api/'));
    expect(entries.length).toBeGreaterThan(3);
    for (const entry of entries) {
      expect(Object.keys(entry.query).filter((k) => /token/i.test(k))).toEqual([]);
      if (!entry.path.endsWith('oauth2/access_token/'))
        expect(entry.hasAccessTokenHeader).toBe(true);
    }
  });
});
