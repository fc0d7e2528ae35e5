// Facebook Login in the sandbox: the dialog's checks, exact redirect_uri, single-use codes, PKCE
// when challenged, per-permission consent, and the token exchange's Graph errors.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ALL_SCOPES,
  APP,
  REDIRECT_URI,
  startMetaFixture,
  W,
  type MetaFixture,
} from '../fixture.ts';

let f: MetaFixture;
beforeAll(async () => {
  f = await startMetaFixture();
});
afterAll(async () => f.close());
beforeEach(async () => f.reset());

const dialog = (params: Record<string, string>, version = 'v25.0') =>
  `${f.base}/${version}/dialog/oauth?${new URLSearchParams(params).toString()}`;
const exchange = (params: Record<string, string>) =>
  f.graph('POST', 'oauth/access_token', undefined, {
    client_id: APP.appId,
    client_secret: APP.secret,
    redirect_uri: REDIRECT_URI,
    ...params,
  });

describe('login dialog', () => {
  it('sends a signed-out person to sign-in, then shows the consent page', async () => {
    const url = dialog({
      client_id: APP.appId,
      redirect_uri: REDIRECT_URI,
      state: 's1',
      scope: 'business_management',
    });
    const first = await fetch(url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toMatch(/\/sandbox\/meta\/signin\?next=/);
    const cookie = await f.signIn(W.dana);
    const page = await (await fetch(url, { headers: { cookie } })).text();
    expect(page).toContain('data-testid="consent-allow"');
    expect(page).toContain('data-testid="consent-scope-business_management"');
  });

  it('refuses an unknown app, a near-miss redirect_uri and an unknown version without redirecting', async () => {
    const cookie = await f.signIn(W.dana);
    const cases = [
      dialog({ client_id: '123', redirect_uri: REDIRECT_URI }),
      dialog({ client_id: APP.appId, redirect_uri: `${REDIRECT_URI}/` }),
      dialog({ client_id: APP.appId, redirect_uri: `${REDIRECT_URI}?x=1` }),
      dialog({ client_id: APP.appId, redirect_uri: REDIRECT_URI.replace('https', 'http') }),
      dialog({ client_id: APP.appId, redirect_uri: REDIRECT_URI }, 'v99.0'),
    ];
    for (const url of cases) {
      const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('data-testid="dialog-error"');
    }
  });

  it('cancel redirects with error=access_denied, error_reason=user_denied and the state', async () => {
    const cookie = await f.signIn(W.dana);
    const res = await fetch(`${f.base}/v25.0/dialog/oauth/confirm`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie },
      body: new URLSearchParams({
        client_id: APP.appId,
        redirect_uri: REDIRECT_URI,
        state: 'st',
        decision: 'cancel',
      }),
    });
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('error_reason')).toBe('user_denied');
    expect(location.searchParams.get('state')).toBe('st');
    expect(location.searchParams.get('code')).toBeNull();
  });
});

describe('code exchange', () => {
  it('gives a bearer token once; a replay is 100/36009', async () => {
    const code = await f.consent(W.dana);
    const ok = await exchange({ code });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ token_type: 'bearer', expires_in: 5183944 });
    const replay = await exchange({ code });
    expect(replay.status).toBe(400);
    expect(replay.body.error).toMatchObject({
      code: 100,
      error_subcode: 36009,
      type: 'OAuthException',
    });
  });

  it('needs the exact redirect_uri (100/36008), the right secret (1), an unexpired code (36007)', async () => {
    const code = await f.consent(W.dana);
    expect(
      (await exchange({ code, redirect_uri: `${REDIRECT_URI}/` })).body.error.error_subcode,
    ).toBe(36008);
    expect((await exchange({ code, client_secret: 'wrong' })).body.error.code).toBe(1);
    expect((await exchange({ code })).status).toBe(200);
    const late = await f.consent(W.dana);
    f.clock.t += 11 * 60_000;
    expect((await exchange({ code: late })).body.error.error_subcode).toBe(36007);
    expect((await exchange({ code: 'made-up' })).body.error.error_subcode).toBe(36004);
  });

  it('checks the PKCE verifier when the dialog got an S256 challenge', async () => {
    const verifier = 'v'.repeat(50);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const code = await f.consent(W.dana, ALL_SCOPES, {
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    expect((await exchange({ code, code_verifier: 'w'.repeat(50) })).status).toBe(400);
    const code2 = await f.consent(W.dana, ALL_SCOPES, {
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    expect((await exchange({ code: code2 })).status).toBe(400);
    const code3 = await f.consent(W.dana, ALL_SCOPES, {
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    expect((await exchange({ code: code3, code_verifier: verifier })).status).toBe(200);
  });

  it('grants only the permissions left ticked; /me/permissions and debug_token report them', async () => {
    const code = await f.consent(W.dana, ['business_management']);
    const token = (await exchange({ code })).body.access_token as string;
    const perms = await f.graph('GET', 'me/permissions', token);
    expect(perms.body.data).toEqual([{ permission: 'business_management', status: 'granted' }]);
    const debug = await f.graph('GET', 'debug_token', `${APP.appId}|${APP.secret}`, {
      input_token: token,
    });
    expect(debug.body.data).toMatchObject({
      app_id: APP.appId,
      type: 'USER',
      is_valid: true,
      user_id: W.dana,
      scopes: ['business_management'],
    });
    const denied = await f.graph('GET', 'debug_token', `${APP.appId}|wrong`, {
      input_token: token,
    });
    expect(denied.status).toBe(400);
  });

  it('exchanges a token for a long-lived one (fb_exchange_token)', async () => {
    const token = await f.tokenFor(W.dana);
    const res = await exchange({ grant_type: 'fb_exchange_token', fb_exchange_token: token });
    expect(res.status).toBe(200);
    expect(res.body.access_token).not.toBe(token);
  });
});
