// The sandbox authorization server: PKCE S256 (S1), exact redirect_uri (S4), replayed codes,
// refresh and RFC 7009 revoke (S12), over loopback HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GoogleSandbox } from '../../../../src/platforms/google/sandbox/index.ts';
import {
  APP,
  authorize,
  G,
  OWNER,
  pkce,
  REDIRECT,
  startSandbox,
  tokenCall,
  api,
} from './helpers.ts';
import { controlAuth } from '../../../support/sandbox-control.ts';

describe('Google sandbox OAuth', () => {
  let sb: GoogleSandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(async () => sb.close());
  beforeEach(() => sb.reset());
  const scopes = [`${G}webmasters.readonly`];
  const exchange = (code: string, extra: Record<string, string> = {}) =>
    tokenCall(sb.url, { code, grant_type: 'authorization_code', redirect_uri: REDIRECT, ...extra });

  it('exchanges a PKCE code with the right verifier, then refreshes', async () => {
    const { verifier, challenge } = pkce();
    const code = await authorize(sb.url, OWNER, scopes, { challenge });
    const first = await exchange(code, { code_verifier: verifier });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, scope: scopes[0] });
    expect(typeof first.body.refresh_token).toBe('string');
    const refreshed = await tokenCall(sb.url, {
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token as string,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).not.toBe(first.body.access_token);
    expect(
      (await api(sb.url, 'GET', '/webmasters/v3/sites', refreshed.body.access_token as string))
        .status,
    ).toBe(200);
  });

  it('refuses a missing or wrong code_verifier with invalid_grant (S1)', async () => {
    const { challenge } = pkce();
    const missing = await exchange(await authorize(sb.url, OWNER, scopes, { challenge }));
    expect(missing).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Missing code verifier.' },
    });
    const wrong = await exchange(await authorize(sb.url, OWNER, scopes, { challenge }), {
      code_verifier: pkce().verifier,
    });
    expect(wrong).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid code verifier.' },
    });
  });

  it('refuses a replayed code and revokes what the code first gave', async () => {
    const code = await authorize(sb.url, OWNER, scopes);
    const first = await exchange(code);
    expect(first.status).toBe(200);
    expect((await exchange(code)).body.error).toBe('invalid_grant');
    expect(
      (await api(sb.url, 'GET', '/webmasters/v3/sites', first.body.access_token as string)).status,
    ).toBe(401);
  });

  it('matches redirect_uri exactly at the authorization page and the token endpoint (S4)', async () => {
    for (const nearMiss of [
      `${REDIRECT}/`,
      `${REDIRECT}?x=1`,
      REDIRECT.replace('http:', 'https:'),
      REDIRECT.toUpperCase(),
    ]) {
      const q = new URLSearchParams({
        client_id: APP.clientId,
        redirect_uri: nearMiss,
        response_type: 'code',
        scope: scopes[0] as string,
      });
      const res = await fetch(`${sb.url}/o/oauth2/v2/auth?${q.toString()}`, { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('redirect_uri_mismatch');
    }
    const code = await authorize(sb.url, OWNER, scopes);
    expect((await exchange(code, { redirect_uri: `${REDIRECT}/` })).body.error).toBe(
      'redirect_uri_mismatch',
    );
  });

  it('refuses a wrong client secret with invalid_client', async () => {
    const code = await authorize(sb.url, OWNER, scopes);
    const res = await tokenCall(sb.url, {
      code,
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT,
      client_secret: 'nope',
    });
    expect(res).toEqual({
      status: 401,
      body: { error: 'invalid_client', error_description: 'The OAuth client was not found.' },
    });
  });

  it('revokes a refresh token and every access token of its grant (RFC 7009, S12)', async () => {
    const { body } = await exchange(await authorize(sb.url, OWNER, scopes));
    const revoke = await fetch(`${sb.url}/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ token: body.refresh_token as string }),
    });
    expect(revoke.status).toBe(200);
    expect(
      (await api(sb.url, 'GET', '/webmasters/v3/sites', body.access_token as string)).status,
    ).toBe(401);
    expect(
      (
        await tokenCall(sb.url, {
          grant_type: 'refresh_token',
          refresh_token: body.refresh_token as string,
        })
      ).body.error,
    ).toBe('invalid_grant');
    const again = await fetch(
      `${sb.url}/revoke?token=${encodeURIComponent(body.access_token as string)}`,
      { method: 'POST' },
    );
    expect(again.status).toBe(400);
    const log = (await (
      await fetch(`${sb.url}/_control/log`, { headers: controlAuth })
    ).json()) as {
      entries: { path: string; queryKeys: string[] }[];
    };
    expect(JSON.stringify(log)).not.toContain(body.access_token as string);
  });

  it('refuses to revoke an access token past its hour; the refresh token still revokes the grant', async () => {
    let t = Date.now();
    const timed = await startSandbox({ now: () => new Date(t) });
    try {
      const code = await authorize(timed.url, OWNER, scopes);
      const { body } = await tokenCall(timed.url, {
        code,
        grant_type: 'authorization_code',
        redirect_uri: REDIRECT,
      });
      t += 3600_000;
      const revoke = (token: string) =>
        fetch(`${timed.url}/revoke`, { method: 'POST', body: new URLSearchParams({ token }) });
      const late = await revoke(body.access_token as string);
      expect(late.status).toBe(400);
      expect(await late.json()).toMatchObject({ error: 'invalid_token' });
      expect((await revoke(body.refresh_token as string)).status).toBe(200);
      const refresh = await tokenCall(timed.url, {
        grant_type: 'refresh_token',
        refresh_token: body.refresh_token as string,
      });
      expect(refresh.body.error).toBe('invalid_grant');
    } finally {
      await timed.close();
    }
  });

  it('denial redirects with error=access_denied and the state', async () => {
    const signin = await fetch(`${sb.url}/signin`, {
      method: 'POST',
      body: new URLSearchParams({ email: OWNER }),
      redirect: 'manual',
    });
    const cookie = (signin.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const fields = {
      client_id: APP.clientId,
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: scopes[0] as string,
      state: 'abc',
      decision: 'deny',
    };
    const res = await fetch(`${sb.url}/o/oauth2/v2/auth`, {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams(fields),
      redirect: 'manual',
    });
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('abc');
  });

  it('the consent page offers "Not you?": back through the sign-in page to the same consent', async () => {
    const signin = await fetch(`${sb.url}/signin`, {
      method: 'POST',
      body: new URLSearchParams({ email: OWNER }),
      redirect: 'manual',
    });
    const cookie = (signin.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const query = new URLSearchParams({
      client_id: APP.clientId,
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: scopes[0] as string,
      state: 'abc',
    }).toString();
    const consent = await fetch(`${sb.url}/o/oauth2/v2/auth?${query}`, { headers: { cookie } });
    const html = await consent.text();
    const href = /href="([^"]+)" data-testid="switch-account"/.exec(html)?.[1] ?? '';
    const target = new URL(href.replaceAll('&amp;', '&'), sb.url);
    expect(target.pathname).toBe('/signin');
    expect(target.searchParams.get('next')).toBe(`/o/oauth2/v2/auth?${query}`);
  });
});
