import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserCookieOf,
  connectAgency,
  consentInSandbox,
  createHarness,
  createRequest,
  USERS,
  type Harness,
} from '../../support/onboarding.ts';
import { controlAuth } from '../../support/sandbox-control.ts';

let h: Harness;
let link: { id: string; token: string };

beforeAll(async () => {
  h = await createHarness({ aliases: ['other'] });
  await connectAgency(h);
  link = await createRequest(h, [{ assetType: 'advertiser', permissionLevel: 'OPERATOR' }]);
});
afterAll(async () => h.close());

async function fetchLog(): Promise<number> {
  const response = await fetch(`${h.sandbox.base}/_control/log`, { headers: controlAuth });
  const body = (await response.json()) as {
    data?: { list: { path: string }[] };
    list?: { path: string }[];
  };
  const list = body.data?.list ?? body.list ?? [];
  return list.filter((e) => e.path.endsWith('oauth2/access_token/')).length;
}

async function begin() {
  const start = await h.app.inject({
    method: 'POST',
    url: `/api/v1/onboarding/${link.token}/oauth/tiktok/start`,
  });
  expect(start.statusCode).toBe(200);
  const cookie = browserCookieOf(start.headers['set-cookie']);
  expect(start.headers['set-cookie']).toContain('HttpOnly');
  const authorizationUrl = start.json<{ authorizationUrl: string }>().authorizationUrl;
  const state = new URL(authorizationUrl).searchParams.get('state') ?? '';
  expect(Buffer.from(state, 'base64url').length).toBeGreaterThanOrEqual(16);
  const callback = await consentInSandbox(h.sandbox, authorizationUrl, USERS.dana);
  return { cookie, callback, path: `${callback.pathname}${callback.search}`, state };
}

describe('OAuth callback', () => {
  it('stores the client token sealed and redirects without code or state', async () => {
    const before = await fetchLog();
    const { cookie, path, state } = await begin();
    const response = await h.app.inject({ method: 'GET', url: path, headers: { cookie } });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/l/${link.token}?tiktok=connected`);
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(await fetchLog()).toBe(before + 1);
    const rows = await h.database.db
      .selectFrom('platform_connections')
      .selectAll()
      .where('owner_kind', '=', 'onboarding')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.access_token_ciphertext.startsWith('lk1.')).toBe(true);
    const states = await h.database.db.selectFrom('oauth_states').selectAll().execute();
    expect(JSON.stringify(states)).not.toContain(state);
    expect(states.every((s) => s.consumed_at !== null)).toBe(true);
  });

  it('refuses a replayed callback without a token call', async () => {
    const { cookie, path } = await begin();
    expect((await h.app.inject({ method: 'GET', url: path, headers: { cookie } })).statusCode).toBe(
      303,
    );
    const before = await fetchLog();
    const replay = await h.app.inject({ method: 'GET', url: path, headers: { cookie } });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.details.reason).toBe('state_used');
    expect(await fetchLog()).toBe(before);
  });

  it('refuses a callback from another browser (no cookie, wrong cookie)', async () => {
    const { path } = await begin();
    const before = await fetchLog();
    const none = await h.app.inject({ method: 'GET', url: path });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details.reason).toBe('browser_mismatch');
    const wrong = await h.app.inject({
      method: 'GET',
      url: path,
      headers: { cookie: 'latchkey_oauth_browser=AAAAAAAAAAAAAAAAAAAAAA' },
    });
    expect(wrong.json().error.details.reason).toBe('browser_mismatch');
    expect(await fetchLog()).toBe(before);
  });

  it('refuses a bad, missing or expired state', async () => {
    const { cookie, callback, state } = await begin();
    const before = await fetchLog();
    const bad = new URL(callback);
    bad.searchParams.set('state', 'not-a-state-we-made-aaaaaaaaaaaa');
    const badAnswer = await h.app.inject({
      method: 'GET',
      url: `${bad.pathname}${bad.search}`,
      headers: { cookie },
    });
    expect(badAnswer.statusCode).toBe(400);
    expect(badAnswer.json().error.details.reason).toBe('unknown_state');
    const missing = new URL(callback);
    missing.searchParams.delete('state');
    expect(
      (
        await h.app.inject({
          method: 'GET',
          url: `${missing.pathname}${missing.search}`,
          headers: { cookie },
        })
      ).json().error.details.reason,
    ).toBe('missing_state');
    await h.database.db
      .updateTable('oauth_states')
      .set({ expires_at: new Date(Date.now() - 1_000) })
      .where('consumed_at', 'is', null)
      .execute();
    const expired = await h.app.inject({
      method: 'GET',
      url: `${callback.pathname}${callback.search}`,
      headers: { cookie },
    });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.details.reason).toBe('state_expired');
    expect(await fetchLog()).toBe(before);
    expect(state).not.toBe('');
  });

  it('refuses a code delivered to another platform callback (mix-up)', async () => {
    const { cookie, callback } = await begin();
    const before = await fetchLog();
    const answer = await h.app.inject({
      method: 'GET',
      url: `/oauth/callback/other${callback.search}`,
      headers: { cookie },
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error.details.reason).toBe('wrong_platform');
    expect(await fetchLog()).toBe(before);
  });

  it('sends a denied consent back to the page, consumed', async () => {
    const start = await h.app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${link.token}/oauth/tiktok/start`,
    });
    const cookie = browserCookieOf(start.headers['set-cookie']);
    const callback = await consentInSandbox(
      h.sandbox,
      start.json<{ authorizationUrl: string }>().authorizationUrl,
      USERS.dana,
      { deny: true },
    );
    const answer = await h.app.inject({
      method: 'GET',
      url: `${callback.pathname}${callback.search}`,
      headers: { cookie },
    });
    expect(answer.statusCode).toBe(303);
    expect(answer.headers.location).toBe(`/l/${link.token}?tiktok=denied`);
  });
});
