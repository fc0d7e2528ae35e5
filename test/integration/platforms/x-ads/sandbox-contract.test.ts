/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- loose JSON envelopes in tests */
// The X sandbox against docs/platforms/x-ads-api.md: OAuth 1.0a with signatures really checked
// (a bad one is 401 in X's error shape), the Ads API read side in X's envelope with rate-limit
// headers, and ads manager's "Edit access to account" page (add by @handle, remove).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSigner, signedHeader } from '../../../../src/platforms/x-ads/oauth.ts';
import { IDS } from '../../../../src/platforms/x-ads/sandbox/index.ts';
import { APP, CALLBACK, startHarness, type XHarness } from './harness.ts';

let h: XHarness;
let client: string;
let agency: string;
beforeEach(async () => {
  h = await startHarness();
  client = await h.connect(IDS.clientUser);
  agency = await h.connect(IDS.agencyUser);
});
afterEach(async () => h.close());

const xError = (a: { status: number; body: any }, status: number, code: string) => {
  expect(a.status).toBe(status);
  expect(a.body.errors).toEqual([{ code, message: expect.any(String) }]);
  expect(a.body.request).toEqual({ params: expect.any(Object) });
};
const signer = (secret = APP.consumerSecret) =>
  createSigner({ consumerKey: APP.consumerKey, consumerSecret: secret });
const postSigned = (path: string, header: string) =>
  fetch(`${h.base}${path}`, { method: 'POST', headers: { authorization: header } });
const json = async (res: Response) => ({ status: res.status, body: await res.json() });

describe('OAuth 1.0a', () => {
  it('gives a request token for a whitelisted callback, and refuses any other callback', async () => {
    const url = `${h.base}/oauth/request_token`;
    const res = await postSigned(
      '/oauth/request_token',
      signedHeader(signer(), { url, method: 'POST' }, undefined, { oauth_callback: CALLBACK }),
    );
    const form = new URLSearchParams(await res.text());
    expect(res.status).toBe(200);
    expect(form.get('oauth_callback_confirmed')).toBe('true');
    expect(form.get('oauth_token')).toEqual(expect.any(String));
    expect(form.get('oauth_token_secret')).toEqual(expect.any(String));
    const other = await postSigned(
      '/oauth/request_token',
      signedHeader(signer(), { url, method: 'POST' }, undefined, {
        oauth_callback: 'https://evil.example/cb',
      }),
    );
    xError(await json(other), 403, 'CALLBACK_NOT_APPROVED');
  });

  it('answers 401 to a bad signature, a missing header, a stale timestamp and a replayed nonce', async () => {
    const url = `${h.base}/oauth/request_token`;
    const wrongSecret = signedHeader(signer('not-the-secret'), { url, method: 'POST' }, undefined, {
      oauth_callback: CALLBACK,
    });
    xError(
      await json(await postSigned('/oauth/request_token', wrongSecret)),
      401,
      'UNAUTHORIZED_ACCESS',
    );
    // Signed for another path: the base string differs.
    const otherPath = signedHeader(
      signer(),
      { url: `${h.base}/oauth/other`, method: 'POST' },
      undefined,
      {
        oauth_callback: CALLBACK,
      },
    );
    xError(
      await json(await postSigned('/oauth/request_token', otherPath)),
      401,
      'UNAUTHORIZED_ACCESS',
    );
    const none = await fetch(url, { method: 'POST' });
    xError(await json(none), 401, 'UNAUTHORIZED_ACCESS');
    const good = signedHeader(signer(), { url, method: 'POST' }, undefined, {
      oauth_callback: CALLBACK,
    });
    expect((await postSigned('/oauth/request_token', good)).status).toBe(200);
    xError(await json(await postSigned('/oauth/request_token', good)), 401, 'UNAUTHORIZED_ACCESS');
    h.clock.offsetMs = 10 * 60 * 1000;
    const stale = signedHeader(signer(), { url, method: 'POST' }, undefined, {
      oauth_callback: CALLBACK,
    });
    xError(await json(await postSigned('/oauth/request_token', stale)), 401, 'UNAUTHORIZED_ACCESS');
  });

  it('a signature made with another token secret is refused on the Ads API', async () => {
    const good = await h.adsGet('accounts', client);
    expect(good.status).toBe(200);
    const forged = await h.adsGet('accounts', client, 'forged-consumer-secret');
    xError(forged, 401, 'UNAUTHORIZED_ACCESS');
    const packed = JSON.parse(client) as Record<string, string>;
    const wrongTokenSecret = await h.adsGet(
      'accounts',
      JSON.stringify({ ...packed, secret: 'not-the-token-secret' }),
    );
    xError(wrongTokenSecret, 401, 'UNAUTHORIZED_ACCESS');
  });

  it('sends a declined consent back as denied, and refuses an unknown request token', async () => {
    const started = await h.connector.startRequestToken!({ redirectUri: CALLBACK });
    const cookie = await h.signIn(IDS.agencyUser);
    const page = await fetch(started.url, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-testid="authorize-app"');
    const res = await h.form('/oauth/authorize', cookie, {
      oauth_token: started.requestToken,
      cancel: '1',
    });
    const back = new URL(res.headers.get('location')!);
    expect(back.searchParams.get('denied')).toBe(started.requestToken);
    expect(back.searchParams.get('oauth_verifier')).toBeNull();
    const unknown = await fetch(`${h.base}/oauth/authorize?oauth_token=nope`, {
      headers: { cookie },
    });
    expect(unknown.status).toBe(400);
  });

  it('exchanges a verifier once; a wrong verifier or a replay is refused', async () => {
    const started = await h.connector.startRequestToken!({ redirectUri: CALLBACK });
    const cookie = await h.signIn(IDS.agencyUser);
    const back = new URL(
      (await h.form('/oauth/authorize', cookie, { oauth_token: started.requestToken })).headers.get(
        'location',
      )!,
    );
    const exchange = (verifier: string) =>
      h.connector.exchangeCode({
        code: verifier,
        redirectUri: CALLBACK,
        codeVerifier: started.requestTokenSecret,
        requestToken: started.requestToken,
      });
    await expect(exchange('wrong-verifier')).rejects.toMatchObject({ kind: 'auth' });
    const right = back.searchParams.get('oauth_verifier')!;
    expect(JSON.parse((await exchange(right)).accessToken)).toMatchObject({
      userId: IDS.agencyUser,
      handle: 'northwind_ads',
    });
    await expect(exchange(right)).rejects.toMatchObject({ kind: 'auth' });
  });
});

describe('Ads API read side', () => {
  it('lists the accounts the token user can reach, in X’s envelope with rate-limit headers', async () => {
    const mine = await h.adsGet('accounts', client);
    expect(mine.status).toBe(200);
    expect(mine.body.data.map((a: any) => a.id).sort()).toEqual(
      [IDS.account, IDS.secondAccount].sort(),
    );
    expect(mine.body.request).toEqual({ params: {} });
    expect(mine.headers.get('x-account-rate-limit-limit')).toMatch(/^\d+$/);
    expect(mine.headers.get('x-account-rate-limit-reset')).toMatch(/^\d+$/);
    expect(mine.headers.get('x-current-api-version')).toBe('12');
    expect((await h.adsGet('accounts', agency)).body.data).toEqual([]);
  });

  it('answers authenticated_user_access: permissions, 403 without access, 404 for no account', async () => {
    const admin = await h.adsGet(`accounts/${IDS.account}/authenticated_user_access`, client);
    expect(admin.body).toEqual({
      data: { user_id: IDS.clientUser, permissions: ['ACCOUNT_ADMIN', 'TWEET_COMPOSER'] },
      request: { params: { account_id: IDS.account } },
    });
    xError(
      await h.adsGet(`accounts/${IDS.account}/authenticated_user_access`, agency),
      403,
      'UNAUTHORIZED_ACCOUNT_ACCESS',
    );
    xError(await h.adsGet('accounts/zzzz999/authenticated_user_access', client), 404, 'NOT_FOUND');
  });

  it('throttles with 429 and says when the window resets', async () => {
    expect(
      (await h.control('PUT', 'faults', { rateLimit: { requests: 1, perMs: 60_000 } })).status,
    ).toBe(200);
    expect((await h.adsGet('accounts', client)).status).toBe(200);
    const limited = await h.adsGet('accounts', client);
    xError(limited, 429, 'TOO_MANY_REQUESTS');
    const reset = Number(limited.headers.get('x-account-rate-limit-reset'));
    expect(reset * 1000).toBeGreaterThan(Date.now());
  });
});

describe('ads manager: Edit access to account', () => {
  const path = `/ads/${IDS.account}/access`;
  const accessOfAgency = async () =>
    (await h.adsGet(`accounts/${IDS.account}/authenticated_user_access`, agency)).body;

  it('an administrator adds the agency by @handle with a level, changes it, and removes it', async () => {
    const cookie = await h.signIn(IDS.clientUser);
    const page = await fetch(`${h.base}${path}`, { headers: { cookie } });
    expect(await page.text()).toContain('data-testid="add-access-handle"');
    const added = await h.form(`${path}/add`, cookie, {
      handle: '@Northwind_Ads',
      permission: 'AD_MANAGER',
    });
    expect(added.status).toBe(200);
    expect(added.body).toContain('@northwind_ads now has Ad manager access.');
    expect((await accessOfAgency()).data.permissions).toEqual(['AD_MANAGER']);
    await h.form(`${path}/add`, cookie, {
      handle: 'northwind_ads',
      permission: 'CAMPAIGN_ANALYST',
    });
    expect((await accessOfAgency()).data.permissions).toEqual(['CAMPAIGN_ANALYST']);
    const removed = await h.form(`${path}/remove`, cookie, { user_id: IDS.agencyUser });
    expect(removed.status).toBe(200);
    expect((await accessOfAgency()).errors[0].code).toBe('UNAUTHORIZED_ACCOUNT_ACCESS');
  });

  it('refuses a non-administrator, an unknown handle and removing the last administrator', async () => {
    const client$ = await h.signIn(IDS.clientUser);
    await h.form(`${path}/add`, client$, { handle: 'northwind_ads', permission: 'ANALYST' });
    const agency$ = await h.signIn(IDS.agencyUser);
    const denied = await h.form(`${path}/add`, agency$, {
      handle: 'someone_else',
      permission: 'ACCOUNT_ADMIN',
    });
    expect(denied.status).toBe(403);
    const unknown = await h.form(`${path}/add`, client$, {
      handle: 'nobody_here',
      permission: 'ANALYST',
    });
    expect(unknown.status).toBe(404);
    const last = await h.form(`${path}/remove`, client$, { user_id: IDS.clientUser });
    expect(last.status).toBe(409);
    const state = (await h.control('GET', 'state')).body;
    expect(state.accounts.find((a: any) => a.id === IDS.account).users).toEqual([
      { userId: IDS.clientUser, permission: 'ACCOUNT_ADMIN', tweetComposer: true },
      { userId: IDS.agencyUser, permission: 'ANALYST', tweetComposer: false },
    ]);
  });

  it('answers hostile input with a 4xx and changes nothing', async () => {
    const before = (await h.control('GET', 'state')).body;
    const cookie = await h.signIn(IDS.clientUser);
    for (const fields of [
      { handle: 'a'.repeat(100_000), permission: 'ANALYST' },
      { handle: 'north\u0000wind', permission: 'ANALYST' },
      { handle: 'northwind_ads', permission: 'GOD_MODE' },
      { handle: 'northwind_ads', permission: 'ANALYST', __proto__: 'x', extra: '1' },
    ])
      expect(
        (await h.form(`${path}/add`, cookie, fields as Record<string, string>)).status,
      ).toBeGreaterThanOrEqual(400);
    let deep: unknown = { x: 1 };
    for (let i = 0; i < 2000; i++) deep = { d: deep };
    for (const body of [
      { world: deep },
      { world: { users: [{ id: '1', handle: 'x\u0000', name: 'n' }], accounts: [] } },
      JSON.parse('{"world":{"__proto__":{"admin":true},"users":[],"accounts":[]}}'),
      { world: { users: 'nope', accounts: [] } },
    ]) {
      const r = await h.control('POST', 'world', body);
      expect(r.status).toBe(400);
      expect(r.body.errors[0].code).toBe('INVALID_PARAMETER');
    }
    const hugeHeader = await fetch(`${h.base}/12/accounts`, {
      headers: { authorization: `OAuth oauth_consumer_key="${'k'.repeat(5000)}"` },
    });
    expect(hugeHeader.status).toBe(401);
    expect((await h.control('GET', 'state')).body).toEqual(before);
  });
});
