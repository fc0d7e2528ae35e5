/* eslint-disable @typescript-eslint/no-unsafe-argument -- loose JSON envelopes in tests */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, REDIRECT, startHarness, W, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const exchange = (code: string, secret = APP.secret) =>
  h.post('oauth2/access_token/', { app_id: APP.appId, secret, auth_code: code });

describe('portal/auth consent page', () => {
  it('redirects to sign-in when nobody is signed in, then shows the advertisers to pick', async () => {
    const url = `${h.base}/portal/auth?app_id=${APP.appId}&redirect_uri=${encodeURIComponent(REDIRECT)}&state=s1`;
    const anon = await fetch(url, { redirect: 'manual' });
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toContain('/sandbox/tiktok/signin?next=');
    const cookie = await h.signIn(W.dana);
    const page = await (await fetch(url, { headers: { cookie } })).text();
    expect(page).toContain(`data-testid="advertiser-${W.ad1}"`);
    expect(page).toContain(`data-testid="advertiser-${W.ad2}"`);
  });

  it.each([
    ['trailing slash', `${REDIRECT}/`],
    ['extra query', `${REDIRECT}?x=1`],
    ['other host', 'https://evil.example/oauth/callback/tiktok'],
    ['case change', REDIRECT.toUpperCase()],
  ])('refuses a near-miss redirect_uri (%s) without redirecting', async (_name, uri) => {
    const cookie = await h.signIn(W.dana);
    const res = await fetch(
      `${h.base}/portal/auth?app_id=${APP.appId}&redirect_uri=${encodeURIComponent(uri)}&state=s`,
      { headers: { cookie }, redirect: 'manual' },
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });

  it('refuses an unknown app_id', async () => {
    const res = await fetch(
      `${h.base}/portal/auth?app_id=nope&redirect_uri=${encodeURIComponent(REDIRECT)}`,
      { redirect: 'manual' },
    );
    expect(res.status).toBe(400);
  });

  it('a user cannot authorize an advertiser they do not reach (Sam: only ad1)', async () => {
    const cookie = await h.signIn(W.sam);
    const form = new URLSearchParams({
      app_id: APP.appId,
      redirect_uri: REDIRECT,
      state: 's',
      decision: 'approve',
      advertiser_ids: W.ad2,
    });
    const res = await fetch(`${h.base}/portal/auth`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(res.status).toBe(403);
    const code = await h.consent(W.sam, [W.ad1]);
    expect((await exchange(code)).data.advertiser_ids).toEqual([W.ad1]);
  });

  it('cancel redirects with error=access_denied and the state', async () => {
    const cookie = await h.signIn(W.dana);
    const form = new URLSearchParams({
      app_id: APP.appId,
      redirect_uri: REDIRECT,
      state: 'keep-me',
      decision: 'deny',
    });
    const res = await fetch(`${h.base}/portal/auth`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('keep-me');
  });
});

describe('oauth2/access_token/', () => {
  it('exchanges a code once: access_token, advertiser_ids, scope', async () => {
    const code = await h.consent(W.dana, [W.ad1, W.ad2]);
    const res = await exchange(code);
    expect(res.code).toBe(0);
    expect(res.data.access_token).toMatch(/^[0-9a-f]{40}$/);
    expect(res.data.advertiser_ids).toEqual([W.ad1, W.ad2]);
    expect(Array.isArray(res.data.scope)).toBe(true);
    const replay = await exchange(code);
    expect(replay.code).toBe(40110);
    // The replay revokes the token the code first gave.
    expect((await h.get('bc/get/', {}, res.data.access_token)).code).toBe(40105);
  });

  it('refuses an expired code (about an hour) with 40110', async () => {
    const code = await h.consent(W.dana, [W.ad1]);
    h.clock.t += 61 * 60 * 1000;
    expect((await exchange(code)).code).toBe(40110);
  });

  it('refuses a bad secret with 40001 and an unknown code with 40110', async () => {
    const code = await h.consent(W.dana, [W.ad1]);
    expect((await exchange(code, 'wrong')).code).toBe(40001);
    expect((await exchange('not-a-code')).code).toBe(40110);
    expect((await exchange(code)).code).toBe(0);
  });

  it('a user with zero advertisers gets a token with an empty advertiser_ids', async () => {
    const code = await h.consent(W.zoe, []);
    const res = await exchange(code);
    expect(res.code).toBe(0);
    expect(res.data.advertiser_ids).toEqual([]);
    const list = await h.get(
      'oauth2/advertiser/get/',
      { app_id: APP.appId, secret: APP.secret },
      res.data.access_token,
    );
    expect(list.data.list).toEqual([]);
  });

  it('missing fields answer 40002', async () => {
    expect(
      (await h.post('oauth2/access_token/', { app_id: APP.appId, secret: APP.secret })).code,
    ).toBe(40002);
  });
});

describe('oauth2/advertiser/get/ and tokens', () => {
  it('lists only the advertisers the token authorized', async () => {
    const token = await h.authorize(W.dana, [W.ad2]);
    const res = await h.get(
      'oauth2/advertiser/get/',
      { app_id: APP.appId, secret: APP.secret },
      token,
    );
    expect(res.code).toBe(0);
    expect(res.data.list).toEqual([{ advertiser_id: W.ad2, advertiser_name: 'Acme Outdoor EU' }]);
    expect(
      (await h.get('oauth2/advertiser/get/', { app_id: APP.appId, secret: 'bad' }, token)).code,
    ).toBe(40001);
  });

  it('missing token 40104, unknown token 40105, expired token 40102, revoked 40105', async () => {
    expect((await h.get('bc/get/')).code).toBe(40104);
    expect((await h.get('bc/get/', {}, 'garbage')).code).toBe(40105);
    const token = await h.authorize(W.dana);
    expect((await h.get('bc/get/', {}, token)).code).toBe(0);
    await h.control('tokens/expire', { access_token: token });
    expect((await h.get('bc/get/', {}, token)).code).toBe(40102);
    const other = await h.authorize(W.dana);
    const revoked = await h.post('oauth2/revoke_token/', {
      app_id: APP.appId,
      secret: APP.secret,
      access_token: other,
    });
    expect(revoked.code).toBe(0);
    expect((await h.get('bc/get/', {}, other)).code).toBe(40105);
  });

  it('the request log never holds a token and shows none was sent in a query string', async () => {
    const token = await h.tokenFor(W.dana);
    await h.get('bc/get/', {}, token);
    await fetch(`${h.base}/open_api/v1.3/bc/get/?access_token=${token}`);
    const log = (await h.control('log')).data.list as Array<{
      path: string;
      query: Record<string, string>;
    }>;
    expect(JSON.stringify(log)).not.toContain(token);
    const offenders = log.filter((e) => 'access_token' in e.query);
    expect(offenders).toHaveLength(1);
    expect(offenders[0]!.query.access_token).toBe('[redacted]');
  });
});
