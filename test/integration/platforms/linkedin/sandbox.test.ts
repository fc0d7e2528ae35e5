// The LinkedIn sandbox against its contract (docs/platforms/linkedin-api.md): OAuth, Rest.li 2.0
// headers, keys and finders, the collection envelope and paging, enums, LinkedIn's error body with
// every code the contract names, throttling, the Page admin view and the closed control API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLinkedInApi } from '../../../../src/platforms/linkedin/api.ts';
import { AccountUserSchema } from '../../../../src/platforms/linkedin/listing.ts';
import { startLinkedInSandbox } from '../../../../src/platforms/linkedin/sandbox/index.ts';
import { controlAuth } from '../../../support/sandbox-control.ts';
import {
  APP,
  L,
  REDIRECT_URI,
  SCOPES,
  startLinkedInFixture,
  type LinkedInFixture,
} from './fixture.ts';

let f: LinkedInFixture;
beforeAll(async () => {
  f = await startLinkedInFixture();
});
afterAll(async () => f.close());
beforeEach(async () => f.reset());

const key = (account: string, person: string) =>
  `(account:urn%3Ali%3AsponsoredAccount%3A${account},user:urn%3Ali%3Aperson%3A${person})`;
const errorBody = (status: number, code: string) => ({
  status,
  serviceErrorCode: expect.any(Number),
  code,
  message: expect.any(String),
});

describe('OAuth 2.0 (api §1)', () => {
  const authorize = (params: Record<string, string>, cookie?: string) =>
    fetch(`${f.base}/oauth/v2/authorization?${new URLSearchParams(params).toString()}`, {
      redirect: 'manual',
      ...(cookie ? { headers: { cookie } } : {}),
    });
  const good = {
    response_type: 'code',
    client_id: APP.clientId,
    redirect_uri: REDIRECT_URI,
    state: 'st-1',
    scope: SCOPES.join(' '),
  };

  it('sends a signed-out member to sign in, then shows consent with each scope', async () => {
    const out = await authorize(good);
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toMatch(/^\/signin\?next=/);
    const page = await authorize(good, await f.signIn(L.dana));
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const scope of SCOPES) expect(html).toContain(`data-testid="scope-${scope}"`);
    expect(html).toContain('data-testid="consent-allow"');
  });

  it('refuses an unknown client or redirect URI on the page, never redirecting', async () => {
    expect((await authorize({ ...good, client_id: 'nope' })).status).toBe(400);
    const bad = await authorize({ ...good, redirect_uri: 'https://evil.example/cb' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('location')).toBeNull();
  });

  it('redirects invalid_scope and a cancel (user_cancelled_authorize) with the state', async () => {
    const scope = await authorize({ ...good, scope: 'r_ads w_everything' });
    const url = new URL(scope.headers.get('location')!);
    expect(url.searchParams.get('error')).toBe('invalid_scope');
    expect(url.searchParams.get('state')).toBe('st-1');
    const cancel = await f.form(L.dana, '/oauth/v2/authorization/decision', {
      client_id: APP.clientId,
      redirect_uri: REDIRECT_URI,
      state: 'st-2',
      scope: 'r_ads',
      decision: 'cancel',
    });
    const back = new URL(cancel.headers.get('location')!);
    expect(back.searchParams.get('error')).toBe('user_cancelled_authorize');
    expect(back.searchParams.get('state')).toBe('st-2');
  });

  it('exchanges a code once, with the secret and the same redirect URI', async () => {
    const exchange = (fields: Record<string, string>) =>
      fetch(`${f.base}/oauth/v2/accessToken`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: APP.clientId,
          client_secret: APP.clientSecret,
          redirect_uri: REDIRECT_URI,
          ...fields,
        }),
      });
    const code = await f.consent(L.dana);
    const wrongSecret = await exchange({ code, client_secret: 'x' });
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toMatchObject({ error: 'invalid_client' });
    const wrongRedirect = await exchange({ code, redirect_uri: 'https://latchkey.example/other' });
    expect(await wrongRedirect.json()).toMatchObject({ error: 'invalid_request' });
    expect((await exchange({ code, grant_type: 'password' })).status).toBe(400);
    const ok = await exchange({ code });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(await ok.json()).toEqual({
      access_token: expect.any(String),
      expires_in: 5_184_000,
      // The sandbox plays an approved partner app: it gets a refresh token for a year.
      refresh_token: expect.any(String),
      refresh_token_expires_in: 31_536_000,
      scope: SCOPES.join(','),
      token_type: 'Bearer',
    });
    const replay = await exchange({ code });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('answers /v2/userinfo only with openid; email only with the email scope', async () => {
    const me = await f.rest('GET', '/v2/userinfo', await f.tokenFor(L.nora));
    expect(me.body).toEqual({
      sub: L.nora,
      name: 'Nora Lindqvist',
      given_name: 'Nora',
      family_name: 'Lindqvist',
      locale: { country: 'US', language: 'en' },
    });
    const noOpenid = await f.rest('GET', '/v2/userinfo', await f.tokenFor(L.nora, ['r_ads']));
    expect(noOpenid.status).toBe(403);
    const withEmail = await f.rest(
      'GET',
      '/v2/userinfo',
      await f.tokenFor(L.nora, ['openid', 'email']),
    );
    expect(withEmail.body).toMatchObject({
      email: 'nora@northwind-media.example',
      email_verified: true,
    });
  });
});

describe('transport and LinkedIn’s error body (api §0, §6)', () => {
  it('401 EMPTY_ACCESS_TOKEN without a bearer, INVALID_ACCESS_TOKEN with a made-up or expired one', async () => {
    const none = await f.rest('GET', '/rest/adAccountUsers?q=authenticatedUser');
    expect(none.status).toBe(401);
    expect(none.body).toEqual({
      status: 401,
      serviceErrorCode: 401,
      code: 'EMPTY_ACCESS_TOKEN',
      message: 'Empty oauth2_access_token',
    });
    const bogus = await f.rest('GET', '/rest/adAccountUsers?q=authenticatedUser', 'made-up');
    expect(bogus.body).toEqual(errorBody(401, 'INVALID_ACCESS_TOKEN'));
    const token = await f.tokenFor(L.dana);
    f.clock.t += 5_184_000 * 1000;
    const expired = await f.rest('GET', '/rest/adAccountUsers?q=authenticatedUser', token);
    expect(expired.body).toEqual(errorBody(401, 'INVALID_ACCESS_TOKEN'));
  });

  it('needs LinkedIn-Version (400 VERSION_MISSING), a served one (426), and Rest.li 2.0.0 (400)', async () => {
    const token = await f.tokenFor(L.dana);
    const path = '/rest/adAccountUsers?q=authenticatedUser';
    const missing = await f.rest('GET', path, token, { headers: { 'linkedin-version': null } });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual(errorBody(400, 'VERSION_MISSING'));
    const old = await f.rest('GET', path, token, { headers: { 'linkedin-version': '202301' } });
    expect(old.status).toBe(426);
    expect(old.body).toEqual(errorBody(426, 'NONEXISTENT_VERSION'));
    const protocol = await f.rest('GET', path, token, {
      headers: { 'x-restli-protocol-version': null },
    });
    expect(protocol.status).toBe(400);
    expect(protocol.body).toEqual(errorBody(400, 'ILLEGAL_ARGUMENT'));
    // /v2 is unversioned.
    const v2 = await f.rest('GET', '/v2/userinfo', token, {
      headers: { 'linkedin-version': null },
    });
    expect(v2.status).toBe(200);
  });

  it('429 TOO_MANY_REQUESTS with Retry-After past the limit; 500 INTERNAL_SERVER_ERROR on a fault', async () => {
    const token = await f.tokenFor(L.dana);
    f.sandbox.setFaults({ rateLimit: { requests: 1, perMs: 10_000 } });
    expect((await f.rest('GET', '/v2/userinfo', token)).status).toBe(200);
    const throttled = await f.rest('GET', '/v2/userinfo', token);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('10');
    expect(throttled.body).toEqual({
      status: 429,
      serviceErrorCode: 429,
      code: 'TOO_MANY_REQUESTS',
      message: expect.any(String),
    });
    f.sandbox.setFaults({ failNext: 1 });
    const fault = await f.rest('GET', '/v2/userinfo', token);
    expect(fault.body).toEqual(errorBody(500, 'INTERNAL_SERVER_ERROR'));
    expect((await f.rest('GET', '/v2/userinfo', token)).status).toBe(200);
  });

  it('404 NOT_FOUND, 403 ACCESS_DENIED and 400 ILLEGAL_ARGUMENT for bad keys and finders', async () => {
    const token = await f.tokenFor(L.dana);
    expect((await f.rest('GET', '/rest/adAccounts/999', token)).body).toEqual(
      errorBody(404, 'NOT_FOUND'),
    );
    expect((await f.rest('GET', `/rest/adAccounts/${L.adBirch}`, token)).body).toEqual(
      errorBody(403, 'ACCESS_DENIED'),
    );
    expect((await f.rest('GET', '/rest/adAccountUsers/(account:1)', token)).body).toEqual(
      errorBody(400, 'ILLEGAL_ARGUMENT'),
    );
    expect((await f.rest('GET', '/rest/adAccountUsers?q=everyone', token)).body).toEqual(
      errorBody(400, 'ILLEGAL_ARGUMENT'),
    );
    expect(
      (await f.rest('GET', '/rest/adAccountUsers?q=accounts&accounts=urn%3Ali%3Afoo%3A1', token))
        .status,
    ).toBe(400);
  });

  it('logs method, path, query and the Rest.li headers, never a token', async () => {
    const token = await f.tokenFor(L.dana);
    await f.rest('GET', '/rest/adAccountUsers?q=authenticatedUser&count=5', token);
    const entry = f.log().at(-1);
    expect(entry).toMatchObject({
      method: 'GET',
      path: '/rest/adAccountUsers',
      query: { q: 'authenticatedUser', count: '5' },
      linkedInVersion: '202601',
      restliProtocolVersion: '2.0.0',
      bearer: true,
      status: 200,
    });
    expect(JSON.stringify(f.log())).not.toContain(token);
    const answer = await f.rest('GET', '/rest/adAccountUsers?q=authenticatedUser', token);
    expect(answer.headers.get('x-restli-protocol-version')).toBe('2.0.0');
  });
});

describe('adAccountUsers (api §3)', () => {
  it('upserts by compound key: 201 created, 204 replaced; reads the entity back', async () => {
    const token = await f.tokenFor(L.dana);
    const body = {
      account: `urn:li:sponsoredAccount:${L.adUs}`,
      user: `urn:li:person:${L.nora}`,
      role: 'VIEWER',
    };
    const created = await f.rest('PUT', `/rest/adAccountUsers/${key(L.adUs, L.nora)}`, token, {
      body,
    });
    expect(created.status).toBe(201);
    const replaced = await f.rest('PUT', `/rest/adAccountUsers/${key(L.adUs, L.nora)}`, token, {
      body: { ...body, role: 'CAMPAIGN_MANAGER' },
    });
    expect(replaced.status).toBe(204);
    const read = await f.rest('GET', `/rest/adAccountUsers/${key(L.adUs, L.nora)}`, token);
    expect(read.body).toEqual({
      ...body,
      role: 'CAMPAIGN_MANAGER',
      changeAuditStamps: { created: { time: f.clock.t }, lastModified: { time: f.clock.t } },
    });
  });

  it('refuses an unknown role, billing admin, a key/body mismatch and a non-managing caller', async () => {
    const dana = await f.tokenFor(L.dana);
    const put = (token: string, role: string, user: string = L.nora) =>
      f.rest('PUT', `/rest/adAccountUsers/${key(L.adUs, L.nora)}`, token, {
        body: { account: `urn:li:sponsoredAccount:${L.adUs}`, user: `urn:li:person:${user}`, role },
      });
    expect((await put(dana, 'OWNER')).body).toEqual(errorBody(400, 'ILLEGAL_ARGUMENT'));
    expect((await put(dana, 'ACCOUNT_BILLING_ADMIN')).body).toEqual(
      errorBody(400, 'ILLEGAL_ARGUMENT'),
    );
    expect((await put(dana, 'VIEWER', L.omar)).body).toEqual(errorBody(400, 'ILLEGAL_ARGUMENT'));
    expect((await put(await f.tokenFor(L.sam), 'VIEWER')).body).toEqual(
      errorBody(403, 'ACCESS_DENIED'),
    );
    expect((await put(await f.tokenFor(L.dana, ['openid', 'r_ads']), 'VIEWER')).status).toBe(403);
    for (const role of ['VIEWER', 'CREATIVE_MANAGER', 'CAMPAIGN_MANAGER', 'ACCOUNT_MANAGER'])
      expect((await put(dana, role)).status).toBeLessThan(300);
  });

  it('deletes with 204 (an empty JSON body is accepted), then 404; billing admin stays', async () => {
    const token = await f.tokenFor(L.dana);
    const path = `/rest/adAccountUsers/${key(L.adUs, L.sam)}`;
    const gone = await fetch(`${f.base}${path}`, {
      method: 'DELETE',
      headers: {
        authorization: `Bearer ${token}`,
        'linkedin-version': '202601',
        'x-restli-protocol-version': '2.0.0',
        'content-type': 'application/json',
      },
    });
    expect(gone.status).toBe(204);
    expect((await f.rest('DELETE', path, token)).body).toEqual(errorBody(404, 'NOT_FOUND'));
    const billing = await f.rest(
      'DELETE',
      `/rest/adAccountUsers/${key(L.adUs, L.dana)}`,
      await f.tokenFor(L.ben),
    );
    expect(billing.body).toEqual(errorBody(400, 'ILLEGAL_ARGUMENT'));
  });

  it('finds by account (start/count paging with total) and for the signed-in member', async () => {
    const token = await f.tokenFor(L.dana);
    const urn = `urn%3Ali%3AsponsoredAccount%3A${L.adUs}`;
    const first = await f.rest(
      'GET',
      `/rest/adAccountUsers?q=accounts&accounts=${urn}&start=0&count=2`,
      token,
    );
    expect(first.body.paging).toEqual({ start: 0, count: 2, total: 3, links: [] });
    expect((first.body.elements as { role: string }[]).map((e) => e.role)).toEqual([
      'ACCOUNT_BILLING_ADMIN',
      'ACCOUNT_MANAGER',
    ]);
    const second = await f.rest(
      'GET',
      `/rest/adAccountUsers?q=accounts&accounts=${urn}&start=2&count=2`,
      token,
    );
    expect(second.body.elements).toEqual([
      expect.objectContaining({ user: `urn:li:person:${L.sam}`, role: 'VIEWER' }),
    ]);
    expect(
      (await f.rest('GET', `/rest/adAccountUsers?q=accounts&accounts=${urn}&count=1001`, token))
        .status,
    ).toBe(400);
    expect(
      (await f.rest('GET', `/rest/adAccountUsers?q=accounts&accounts=${urn}&start=-1`, token))
        .status,
    ).toBe(400);
    const birch = `urn%3Ali%3AsponsoredAccount%3A${L.adBirch}`;
    expect(
      (await f.rest('GET', `/rest/adAccountUsers?q=accounts&accounts=${birch}`, token)).status,
    ).toBe(403);
    const mine = await f.rest('GET', '/rest/adAccountUsers?q=authenticatedUser', token);
    expect(mine.body.paging).toEqual({ start: 0, count: 10, total: 3, links: [] });
  });
});

describe('query tunnelling (api §0)', () => {
  it('answers the official client’s tunnelled finder (POST, X-HTTP-Method-Override: GET)', async () => {
    const accounts = Array.from({ length: 150 }, (_, i) => ({
      id: 700000000 + i,
      name: `Account ${i}`,
      organization: 1,
    }));
    f.sandbox.reset({
      members: [{ id: 'many01', name: 'Many Accounts', email: 'many@example.com' }],
      organizations: [{ id: 1, name: 'Many Co', vanityName: 'many-co' }],
      adAccounts: accounts,
      adAccountUsers: accounts.map((a) => ({
        account: a.id,
        member: 'many01',
        role: 'VIEWER' as const,
      })),
    });
    const token = await f.tokenFor('many01');
    // linkedin-api-client tunnels any query over 4000 characters.
    const api = createLinkedInApi({
      apiBaseUrl: f.base,
      version: '202601',
      fetch: (input, init) => fetch(input, init),
      timeoutMs: 10_000,
      now: () => new Date(f.clock.t),
      defaultRetryAfterMs: 1_000,
    });
    const urns = accounts.map((a) => `urn:li:sponsoredAccount:${a.id}`);
    const rows = await api.findAll(
      '/adAccountUsers',
      'accounts',
      { accounts: urns },
      token,
      AccountUserSchema,
    );
    expect(rows).toHaveLength(150);
    const calls = f.log().filter((e) => e.path === '/rest/adAccountUsers');
    expect(calls.map((e) => [e.method, e.status])).toEqual([
      ['POST', 200],
      ['POST', 200],
    ]);
    // A POST on a collection without the override is refused.
    const bare = await f.rest('POST', '/rest/adAccountUsers', token, { body: {} });
    expect(bare.body).toEqual(errorBody(400, 'ILLEGAL_ARGUMENT'));
  });
});

describe('adAccounts and organizations (api §2, §4)', () => {
  it('searches by status with cursor paging (pageSize, metadata.nextPageToken)', async () => {
    const token = await f.tokenFor(L.dana);
    const search = 'search=(status:(values:List(ACTIVE)))';
    const first = await f.rest('GET', `/rest/adAccounts?q=search&${search}&pageSize=2`, token);
    expect((first.body.elements as { id: number }[]).map((a) => a.id)).toEqual([
      Number(L.adUs),
      Number(L.adEu),
    ]);
    expect(first.body.elements[0]).toEqual({
      id: Number(L.adUs),
      name: 'Acme Outdoor US',
      reference: `urn:li:organization:${L.acmePage}`,
      status: 'ACTIVE',
      type: 'BUSINESS',
      currency: 'USD',
      test: false,
    });
    const next = first.body.metadata.nextPageToken as string;
    const second = await f.rest(
      'GET',
      `/rest/adAccounts?q=search&${search}&pageSize=2&pageToken=${next}`,
      token,
    );
    expect(second.body).toEqual({
      elements: [expect.objectContaining({ id: Number(L.adRecruiting) })],
      metadata: {},
    });
    const none = await f.rest(
      'GET',
      '/rest/adAccounts?q=search&search=(status:(values:List(CANCELED)))',
      token,
    );
    expect(none.body.elements).toEqual([]);
    expect((await f.rest('GET', '/rest/adAccounts?q=search&search=oops', token)).status).toBe(400);
  });

  it('finds organizationAcls by role assignee and by organization, with the role and state enums', async () => {
    const token = await f.tokenFor(L.dana);
    const mine = await f.rest(
      'GET',
      '/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED',
      token,
    );
    expect(mine.body.elements[0]).toEqual({
      organization: `urn:li:organization:${L.acmePage}`,
      roleAssignee: `urn:li:person:${L.dana}`,
      role: 'ADMINISTRATOR',
      state: 'APPROVED',
    });
    expect(mine.body.paging.total).toBe(3);
    const org = `urn%3Ali%3Aorganization%3A${L.acmePage}`;
    const people = await f.rest(
      'GET',
      `/rest/organizationAcls?q=organization&organization=${org}`,
      token,
    );
    expect((people.body.elements as { role: string }[]).map((e) => e.role).sort()).toEqual([
      'ADMINISTRATOR',
      'ADMINISTRATOR',
      'ANALYST',
    ]);
    expect(
      (await f.rest('GET', '/rest/organizationAcls?q=roleAssignee&role=OWNER', token)).status,
    ).toBe(400);
    expect(
      (await f.rest('GET', '/rest/organizationAcls?q=roleAssignee&state=PENDING', token)).status,
    ).toBe(400);
    const sam = await f.tokenFor(L.sam);
    expect(
      (await f.rest('GET', `/rest/organizationAcls?q=organization&organization=${org}`, sam)).body,
    ).toEqual(errorBody(403, 'ACCESS_DENIED'));
    const write = await f.rest(
      'PUT',
      `/rest/organizationAcls/(organization:${org},role:ADMINISTRATOR,roleAssignee:urn%3Ali%3Aperson%3A${L.nora})`,
      token,
      {
        body: { role: 'ADMINISTRATOR' },
      },
    );
    expect(write.body).toEqual(errorBody(403, 'ACCESS_DENIED'));
    const named = await f.rest('GET', `/rest/organizations/${L.acmePage}`, token);
    expect(named.body).toMatchObject({
      id: Number(L.acmePage),
      localizedName: 'Acme Outdoor',
      vanityName: 'acme-outdoor',
    });
  });
});

describe('Page admin view and control API', () => {
  it('lets only a Page admin add or remove admins; a Page keeps one admin', async () => {
    const view = `/company/${L.birchPage}/admin/settings/manage-admins`;
    const denied = await fetch(`${f.base}${view}`, { headers: { cookie: await f.signIn(L.dana) } });
    expect(denied.status).toBe(403);
    const add = await f.form(L.dana, `${view}/add`, { person: 'Dana Reyes' });
    expect(decodeURIComponent(add.headers.get('location') ?? '')).toContain('Only a Page admin');
    await f.form(L.bea, `${view}/remove`, { member: L.nora });
    const last = await f.form(L.bea, `${view}/remove`, { member: L.bea });
    expect(decodeURIComponent(last.headers.get('location') ?? '')).toContain('at least one admin');
    const page = await (
      await fetch(`${f.base}${view}`, { headers: { cookie: await f.signIn(L.bea) } })
    ).text();
    expect(page).toContain('Bea Holm');
    expect(page).not.toContain('Nora Lindqvist');
  });

  it('keeps the control API closed without a token, and behind it with one', async () => {
    const closed = await startLinkedInSandbox({ apps: [APP] });
    try {
      expect((await fetch(`${closed.url}/_control/state`)).status).toBe(404);
    } finally {
      await closed.close();
    }
    expect((await fetch(`${f.base}/_control/state`)).status).toBe(401);
    const state = await fetch(`${f.base}/_control/state`, { headers: controlAuth });
    const body = (await state.json()) as Record<string, unknown>;
    expect(body).toHaveProperty('tokenCount');
    expect(body).not.toHaveProperty('tokens');
    const bad = await fetch(`${f.base}/_control/faults`, {
      method: 'PUT',
      headers: { ...controlAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: -1 }),
    });
    expect(bad.status).toBe(400);
  });
});
