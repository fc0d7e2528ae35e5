/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- loose JSON envelopes in tests */
// The Snapchat sandbox against docs/platforms/snapchat-api.md: OAuth, envelope, paths, params,
// enums, every error named, paging with next_link, 429 throttling, invitations and roles.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultWorld, IDS } from '../../../../src/platforms/snapchat/sandbox/index.ts';
import { APP, REDIRECT, startHarness, type SnapHarness } from './harness.ts';

let h: SnapHarness;
let dana: string;
let nora: string;
beforeEach(async () => {
  h = await startHarness();
  dana = (await h.tokens('dana@acme-outdoor.example')).access_token;
  nora = (await h.tokens('nora@northwind-media.example')).access_token;
});
afterEach(async () => h.close());

const ok = (a: { status: number; body: any }) => {
  expect(a.status).toBe(200);
  expect(a.body.request_status).toBe('SUCCESS');
  expect(typeof a.body.request_id).toBe('string');
  return a.body;
};
const snapError = (a: { status: number; body: any }, status: number, code: string) => {
  expect(a.status).toBe(status);
  expect(a.body).toMatchObject({ request_status: 'ERROR', error_code: code });
  expect(typeof a.body.debug_message).toBe('string');
  expect(typeof a.body.display_message).toBe('string');
};

describe('OAuth (contract §1)', () => {
  it('gives a bearer token, refresh token, 3600 s lifetime and the one scope', async () => {
    const t = await h.tokens('dana@acme-outdoor.example');
    expect(t).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'snapchat-marketing-api',
    });
    expect(t.refresh_token).toEqual(expect.any(String));
  });
  it('refuses a replayed code, a wrong secret, and refreshes with the refresh token', async () => {
    const form = (f: Record<string, string>) =>
      fetch(`${h.base}/login/oauth2/access_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(f).toString(),
      });
    const bad = await form({
      grant_type: 'refresh_token',
      client_id: APP.clientId,
      client_secret: 'nope',
      refresh_token: 'x',
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: 'invalid_client' });
    const t = await h.tokens('dana@acme-outdoor.example');
    await h.control('tokens/expire', { email: 'dana@acme-outdoor.example' });
    snapError(await h.api('GET', 'me', t.access_token), 401, 'E1002');
    const refreshed = await form({
      grant_type: 'refresh_token',
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
      refresh_token: t.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    const r = await refreshed.json();
    ok(await h.api('GET', 'me', r.access_token));
    const unknown = await form({
      grant_type: 'authorization_code',
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
      code: 'zzz',
      redirect_uri: REDIRECT,
    });
    expect(await unknown.json()).toMatchObject({ error: 'invalid_grant' });
  });
  it('consent page: unknown redirect_uri is refused without redirecting; deny redirects with access_denied', async () => {
    const cookie = await h.signIn('dana@acme-outdoor.example');
    const q = (r: string) =>
      new URLSearchParams({
        client_id: APP.clientId,
        redirect_uri: r,
        response_type: 'code',
        scope: 'snapchat-marketing-api',
        state: 'abc',
      });
    const badPage = await fetch(
      `${h.base}/login/oauth2/authorize?${q('https://evil.example/cb')}`,
      { headers: { cookie }, redirect: 'manual' },
    );
    expect(badPage.status).toBe(400);
    const page = await fetch(`${h.base}/login/oauth2/authorize?${q(REDIRECT)}`, {
      headers: { cookie },
    });
    expect(await page.text()).toContain('data-testid="consent-allow"');
    const deny = await fetch(`${h.base}/login/oauth2/authorize`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: APP.clientId,
        redirect_uri: REDIRECT,
        scope: 'snapchat-marketing-api',
        state: 'abc',
        decision: 'deny',
      }).toString(),
      redirect: 'manual',
    });
    const loc = new URL(deny.headers.get('location')!);
    expect(loc.searchParams.get('error')).toBe('access_denied');
    expect(loc.searchParams.get('state')).toBe('abc');
  });
});

describe('reading (contract §2–3)', () => {
  it('GET /v1/me gives the signed-in email; no token is 401', async () => {
    const me = ok(await h.api('GET', 'me', nora)).me;
    expect(me).toMatchObject({
      email: 'nora@northwind-media.example',
      display_name: 'Nora Lindqvist',
      member_status: 'MEMBER',
    });
    snapError(await h.api('GET', 'me', null), 401, 'E1002');
  });
  it("lists only the caller's organizations in the envelope, with ad accounts on request", async () => {
    const body = ok(await h.api('GET', 'me/organizations?with_ad_accounts=true', dana));
    expect(body.organizations).toHaveLength(1);
    expect(body.organizations[0].sub_request_status).toBe('SUCCESS');
    expect(body.organizations[0].organization).toMatchObject({
      id: IDS.orgAcme,
      name: 'Acme Outdoor',
      type: 'ENTERPRISE',
    });
    expect(body.organizations[0].organization.ad_accounts.map((a: any) => a.name)).toEqual([
      'Acme Outdoor US',
      'Acme Outdoor EU',
    ]);
    const ads = ok(await h.api('GET', `organizations/${IDS.orgAcme}/adaccounts`, dana));
    expect(ads.adaccounts[0].adaccount).toMatchObject({
      organization_id: IDS.orgAcme,
      status: 'ACTIVE',
      currency: 'USD',
    });
  });
  it('names its errors: 403 foreign org, 404 unknown org, 400 bad limit, 404 unknown route', async () => {
    snapError(await h.api('GET', `organizations/${IDS.orgBirch}/members`, dana), 403, 'E1003');
    snapError(
      await h.api('GET', `organizations/00000000-0000-4000-8000-999999999999/members`, dana),
      404,
      'E3003',
    );
    snapError(
      await h.api('GET', `organizations/${IDS.orgAcme}/members?limit=10`, dana),
      400,
      'E1001',
    );
    snapError(
      await h.api('GET', `organizations/${IDS.orgAcme}/members?bogus=1`, dana),
      400,
      'E1001',
    );
    snapError(await h.api('GET', 'nothing/here', dana), 404, 'E3003');
  });
  it('a plain member sees only the ad accounts it holds a role on', async () => {
    const sam = (await h.tokens('sam@acme-outdoor.example')).access_token;
    const ads = ok(await h.api('GET', `organizations/${IDS.orgAcme}/adaccounts`, sam));
    expect(ads.adaccounts.map((a: any) => a.adaccount.id)).toEqual([IDS.adAcmeUs]);
  });
});

describe('paging (contract §0)', () => {
  it('follows paging.next_link with a cursor until there is none', async () => {
    const world = defaultWorld();
    for (let i = 0; i < 120; i++)
      world.members.push({
        id: `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`,
        organizationId: IDS.orgAcme,
        email: `p${i}@acme-outdoor.example`,
        displayName: `P ${i}`,
        status: 'INVITED',
      });
    expect((await h.control('world', { world })).status).toBe(200);
    const token = (await h.tokens('dana@acme-outdoor.example')).access_token;
    const seen: string[] = [];
    let next: string | undefined = `organizations/${IDS.orgAcme}/members?limit=50`;
    let pages = 0;
    while (next) {
      const body = ok(await h.api('GET', next, token));
      seen.push(...body.members.map((m: any) => m.member.id));
      next = body.paging?.next_link;
      if (next) expect(new URL(next).searchParams.get('cursor')).toBeTruthy();
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(
      world.members.filter((m) => m.organizationId === IDS.orgAcme).length,
    );
    snapError(
      await h.api('GET', `organizations/${IDS.orgAcme}/members?cursor=garbage`, token),
      400,
      'E1001',
    );
  });
});

describe('invitations and roles (contract §4–5)', () => {
  const invite = (token: string) =>
    h.api('POST', `organizations/${IDS.orgAcme}/members`, token, {
      members: [
        {
          email: 'nora@northwind-media.example',
          organization_id: IDS.orgAcme,
          display_name: 'Nora Lindqvist',
        },
      ],
    });

  it('invite → INVITED; ad-account role refused until accepted at Snapchat; then member + role', async () => {
    const invited = ok(await invite(dana)).members[0].member;
    expect(invited).toMatchObject({
      member_status: 'INVITED',
      email: 'nora@northwind-media.example',
    });
    snapError(await invite(dana), 409, 'E2002');
    const roleFor = (extra: object) =>
      h.api('POST', `organizations/${IDS.orgAcme}/roles`, dana, {
        roles: [{ member_id: invited.id, ...extra }],
      });
    snapError(await roleFor({ ad_account_id: IDS.adAcmeUs, type: 'general' }), 400, 'E1001');

    // Nora accepts on the sandbox's Snapchat page.
    const cookie = await h.signIn('nora@northwind-media.example');
    const page = await (
      await fetch(`${h.base}/business/invitations`, { headers: { cookie } })
    ).text();
    expect(page).toContain('Acme Outdoor invited you');
    const accept = await fetch(`${h.base}/business/invitations/accept`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ member_id: invited.id }).toString(),
      redirect: 'manual',
    });
    expect(accept.status).toBe(303);
    const members = ok(
      await h.api('GET', `organizations/${IDS.orgAcme}/members`, dana),
    ).members.map((m: any) => m.member);
    expect(members.find((m: any) => m.id === invited.id).member_status).toBe('MEMBER');

    snapError(await roleFor({ ad_account_id: IDS.adAcmeUs, type: 'general' }), 400, 'E1001'); // needs org role member
    snapError(await roleFor({ organization_id: IDS.orgAcme, type: 'owner' }), 400, 'E1001');
    ok(await roleFor({ organization_id: IDS.orgAcme, type: 'member' }));
    const role = ok(await roleFor({ ad_account_id: IDS.adAcmeUs, type: 'general' })).roles[0].role;
    expect(role).toMatchObject({
      member_id: invited.id,
      ad_account_id: IDS.adAcmeUs,
      type: 'general',
    });
    snapError(await roleFor({ ad_account_id: IDS.adAcmeUs, type: 'general' }), 409, 'E2002');
    const roles = ok(await h.api('GET', `adaccounts/${IDS.adAcmeUs}/roles`, dana)).roles.map(
      (r: any) => r.role,
    );
    expect(roles.some((r: any) => r.id === role.id)).toBe(true);

    // Nora now sees Acme's organization and the ad account she holds a role on.
    const mine = ok(await h.api('GET', 'me/organizations', nora)).organizations.map(
      (o: any) => o.organization.id,
    );
    expect(mine).toContain(IDS.orgAcme);
    ok(await h.api('DELETE', `roles/${role.id}`, dana));
    snapError(await h.api('DELETE', `roles/${role.id}`, dana), 404, 'E3003');
    ok(await h.api('DELETE', `members/${invited.id}`, dana));
    expect(
      ok(await h.api('GET', 'me/organizations', nora)).organizations.map(
        (o: any) => o.organization.id,
      ),
    ).not.toContain(IDS.orgAcme);
  });
  it('only an org admin invites or gives roles (403); a body with unknown fields is 400', async () => {
    const sam = (await h.tokens('sam@acme-outdoor.example')).access_token;
    snapError(await invite(sam), 403, 'E1003');
    snapError(
      await h.api('POST', `organizations/${IDS.orgAcme}/members`, dana, {
        members: [
          { email: 'x@y.example', organization_id: IDS.orgAcme, display_name: 'X', role: 'admin' },
        ],
      }),
      400,
      'E1001',
    );
    snapError(
      await h.api('POST', `organizations/${IDS.orgAcme}/members`, dana, {
        members: [{ email: 'x@y.example', organization_id: IDS.orgBirch, display_name: 'X' }],
      }),
      400,
      'E1001',
    );
  });
  it('the control API accepts an invitation too', async () => {
    const invited = ok(await invite(dana)).members[0].member;
    const r = await h.control('invitations/accept', {
      email: 'nora@northwind-media.example',
      member_id: invited.id,
    });
    expect(r.body).toMatchObject({ member_status: 'MEMBER' });
  });
});

describe('faults (contract §0 Throttling)', () => {
  it('answers 429 with the error body past the rate limit, and 500 on failNext', async () => {
    h.sandbox.setFaults({ rateLimit: { requests: 2, perMs: 60_000 } });
    ok(await h.api('GET', 'me', dana));
    ok(await h.api('GET', 'me', dana));
    snapError(await h.api('GET', 'me', dana), 429, 'E1008');
    h.clock.t += 61_000;
    ok(await h.api('GET', 'me', dana));
    h.sandbox.setFaults({ failNext: 1 });
    snapError(await h.api('GET', 'me', dana), 500, 'E5000');
    ok(await h.api('GET', 'me', dana));
  });
  it('the control API is closed without its token', async () => {
    const res = await fetch(`${h.base}/_control/state`);
    expect(res.status).toBe(401);
  });
});
