// The Google sandbox's Business Profile, driven through Google's own Node client
// (@googleapis/mybusinessaccountmanagement with rootUrl, as the connector uses it) and, for the
// Business Information locations calls, over plain HTTP: the rules, the error shape, and hostile
// input answered 4xx with nothing changed.
import {
  auth,
  mybusinessaccountmanagement,
  type mybusinessaccountmanagement_v1,
} from '@googleapis/mybusinessaccountmanagement';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GoogleSandbox } from '../../../../src/platforms/google/sandbox/index.ts';
import { CONTROL_TOKEN } from '../../../support/sandbox-control.ts';
import { AGENCY, api, G, MARKETING, OWNER, startSandbox, tokenFor } from './helpers.ts';

const SCOPE = `${G}business.manage`;

/** What a client call threw: HTTP status and Google's error body. */
async function failure(
  call: Promise<unknown>,
): Promise<{ status: number; error: Record<string, unknown> }> {
  const e = (await call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: unknown) => err,
  )) as { response?: { status: number; data: { error: Record<string, unknown> } } };
  return { status: e.response?.status ?? -1, error: e.response?.data.error ?? {} };
}

describe('Business Profile in the Google sandbox', () => {
  let sb: GoogleSandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(async () => sb.close());
  beforeEach(() => sb.reset());

  const clientFor = (token: string): mybusinessaccountmanagement_v1.Mybusinessaccountmanagement => {
    const bearer = new auth.OAuth2();
    bearer.setCredentials({ access_token: token, token_type: 'Bearer' });
    return mybusinessaccountmanagement({
      version: 'v1',
      auth: bearer,
      rootUrl: `${sb.url}/`,
      retry: false,
    });
  };
  const as = async (email: string, scopes = [SCOPE]) =>
    clientFor(await tokenFor(sb.url, email, scopes));
  const state = () => JSON.stringify(sb.model.state.businessProfile);

  it('lists the caller’s PERSONAL account first, then its location groups, and filters by type', async () => {
    const dana = await as(OWNER);
    const accounts = (await dana.accounts.list({})).data.accounts ?? [];
    expect(accounts.map((a) => [a.type, a.accountName])).toEqual([
      ['PERSONAL', 'Dana Reyes'],
      ['LOCATION_GROUP', 'Acme Outdoor stores'],
    ]);
    expect(accounts[1]).toMatchObject({ name: 'accounts/8010', role: 'PRIMARY_OWNER' });
    const groups = (await dana.accounts.list({ filter: 'type=LOCATION_GROUP' })).data.accounts;
    expect(groups?.map((a) => a.name)).toEqual(['accounts/8010']);
    const bad = await failure(dana.accounts.list({ filter: 'role=OWNER' }));
    expect(bad).toMatchObject({ status: 400, error: { code: 400, status: 'INVALID_ARGUMENT' } });
  });

  it('invites a location admin (pending), the invitee lists and accepts, then shows by name', async () => {
    const dana = await as(OWNER);
    const created = (
      await dana.locations.admins.create({
        parent: 'locations/4100',
        requestBody: { admin: AGENCY, role: 'MANAGER' },
      })
    ).data;
    expect(created).toEqual({
      name: expect.stringMatching(/^locations\/4100\/admins\/\d+$/),
      admin: AGENCY,
      role: 'MANAGER',
      pendingInvitation: true,
    });
    const nora = await as(AGENCY);
    const personal = (await nora.accounts.list({})).data.accounts?.[0];
    expect(personal).toMatchObject({ type: 'PERSONAL', accountName: 'Nora Lindqvist' });
    // Not an admin until accepted: the invitee may not read the location's admins.
    expect((await failure(nora.locations.admins.list({ parent: 'locations/4100' }))).status).toBe(
      403,
    );
    const invitations =
      (await nora.accounts.invitations.list({ parent: personal?.name as string })).data
        .invitations ?? [];
    expect(invitations).toEqual([
      {
        name: `${personal?.name}/invitations/${created.name?.split('/').pop()}`,
        role: 'MANAGER',
        targetType: 'LOCATIONS_ONLY',
        targetLocation: {
          locationName: 'Acme Outdoor Berlin',
          address: 'Torstraße 1, 10119 Berlin',
        },
      },
    ]);
    expect(
      (
        await nora.accounts.invitations.list({
          parent: personal?.name as string,
          filter: 'target_type=ACCOUNTS_ONLY',
        })
      ).data.invitations,
    ).toEqual([]);
    expect(
      (await nora.accounts.invitations.accept({ name: invitations[0]?.name as string })).data,
    ).toEqual({});
    const admins = (await nora.locations.admins.list({ parent: 'locations/4100' })).data.admins;
    expect(admins).toContainEqual({ name: created.name, admin: 'Nora Lindqvist', role: 'MANAGER' });
    expect(
      (await nora.accounts.invitations.list({ parent: personal?.name as string })).data.invitations,
    ).toEqual([]);
  });

  it('account admins: create, patch the role, delete; SITE_MANAGER and PRIMARY_OWNER refused', async () => {
    const dana = await as(OWNER);
    const created = (
      await dana.accounts.admins.create({
        parent: 'accounts/8010',
        requestBody: { admin: AGENCY, role: 'MANAGER' },
      })
    ).data;
    expect(created.pendingInvitation).toBe(true);
    const listed = (await dana.accounts.admins.list({ parent: 'accounts/8010' })).data
      .accountAdmins;
    expect(listed?.map((a) => [a.admin, a.role])).toEqual([
      ['Dana Reyes', 'PRIMARY_OWNER'],
      [AGENCY, 'MANAGER'],
    ]);
    const patched = (
      await dana.accounts.admins.patch({
        name: created.name as string,
        updateMask: 'role',
        requestBody: { role: 'OWNER' },
      })
    ).data;
    expect(patched.role).toBe('OWNER');
    const noMask = await failure(
      dana.accounts.admins.patch({
        name: created.name as string,
        requestBody: { role: 'MANAGER' },
      }),
    );
    expect(noMask.status).toBe(400);
    expect((await dana.accounts.admins.delete({ name: created.name as string })).data).toEqual({});
    for (const role of ['SITE_MANAGER', 'PRIMARY_OWNER', 'KING', '']) {
      const refused = await failure(
        dana.accounts.admins.create({
          parent: 'accounts/8010',
          requestBody: { admin: AGENCY, role },
        }),
      );
      expect(refused, role).toMatchObject({
        status: 400,
        error: { code: 400, status: 'INVALID_ARGUMENT' },
      });
    }
    const primary = listed?.[0]?.name as string;
    expect((await failure(dana.accounts.admins.delete({ name: primary }))).status).toBe(400);
  });

  it('a second invitation of the same person is 409 ALREADY_EXISTS; decline withdraws it', async () => {
    const dana = await as(OWNER);
    const body = { admin: AGENCY, role: 'SITE_MANAGER' };
    await dana.locations.admins.create({ parent: 'locations/4102', requestBody: body });
    const again = await failure(
      dana.locations.admins.create({ parent: 'locations/4102', requestBody: body }),
    );
    expect(again).toMatchObject({ status: 409, error: { status: 'ALREADY_EXISTS' } });
    const nora = await as(AGENCY);
    const personal = (await nora.accounts.list({})).data.accounts?.[0]?.name as string;
    const [invitation] =
      (await nora.accounts.invitations.list({ parent: personal })).data.invitations ?? [];
    await nora.accounts.invitations.decline({ name: invitation?.name as string });
    expect(
      (await dana.locations.admins.list({ parent: 'locations/4102' })).data.admins?.map(
        (a) => a.admin,
      ),
    ).toEqual([]);
    // Someone else's invitations are not the caller's to read or answer.
    expect((await failure(dana.accounts.invitations.list({ parent: personal }))).status).toBe(403);
  });

  it('a manager may read but not invite; an admin may remove itself', async () => {
    const sam = await as(MARKETING);
    expect(
      (await sam.locations.admins.list({ parent: 'locations/4101' })).data.admins?.length,
    ).toBe(1);
    const refused = await failure(
      sam.locations.admins.create({
        parent: 'locations/4101',
        requestBody: { admin: AGENCY, role: 'MANAGER' },
      }),
    );
    expect(refused).toMatchObject({ status: 403, error: { status: 'PERMISSION_DENIED' } });
    const own = (await sam.locations.admins.list({ parent: 'locations/4101' })).data.admins?.[0];
    await sam.locations.admins.delete({ name: own?.name as string });
    expect((await failure(sam.locations.admins.list({ parent: 'locations/4101' }))).status).toBe(
      403,
    );
  });

  it('a location group is invited by `account` and its owner accepts on the group', async () => {
    const dana = await as(OWNER);
    const created = (
      await dana.locations.admins.create({
        parent: 'locations/4100',
        requestBody: { account: 'accounts/8020', admin: 'ignored@x.example', role: 'MANAGER' },
      })
    ).data;
    expect(created).toMatchObject({ account: 'accounts/8020', pendingInvitation: true });
    const nora = await as(AGENCY);
    const [inv] =
      (await nora.accounts.invitations.list({ parent: 'accounts/8020' })).data.invitations ?? [];
    await nora.accounts.invitations.accept({ name: inv?.name as string });
    const admins = (await nora.locations.admins.list({ parent: 'locations/4100' })).data.admins;
    expect(admins).toContainEqual(
      expect.objectContaining({ account: 'accounts/8020', role: 'MANAGER' }),
    );
  });

  it('lists and reads locations (Business Information) with a readMask', async () => {
    const token = await tokenFor(sb.url, OWNER, [SCOPE]);
    const listed = await api(
      sb.url,
      'GET',
      '/v1/accounts/8010/locations?readMask=name,title',
      token,
    );
    expect(listed.status).toBe(200);
    expect(listed.body.locations).toEqual([
      { name: 'locations/4100', title: 'Acme Outdoor Berlin' },
      { name: 'locations/4101', title: 'Acme Outdoor Munich' },
      { name: 'locations/4102', title: 'Acme Outdoor Hamburg' },
    ]);
    const one = await api(sb.url, 'GET', '/v1/locations/4101?readMask=title', token);
    expect(one.body).toEqual({ title: 'Acme Outdoor Munich' });
    const noMask = await api(sb.url, 'GET', '/v1/accounts/8010/locations', token);
    expect(noMask).toMatchObject({ status: 400, body: { error: { status: 'INVALID_ARGUMENT' } } });
    const badMask = await api(sb.url, 'GET', '/v1/locations/4101?readMask=secret', token);
    expect(badMask.status).toBe(400);
    const sam = await tokenFor(sb.url, MARKETING, [SCOPE]);
    expect(
      (await api(sb.url, 'GET', '/v1/accounts/8010/locations?readMask=name', sam)).status,
    ).toBe(403);
  });

  it('needs a token with business.manage: none is 401, another scope 403', async () => {
    expect(await api(sb.url, 'GET', '/v1/accounts', null)).toMatchObject({
      status: 401,
      body: { error: { code: 401, status: 'UNAUTHENTICATED' } },
    });
    const other = await tokenFor(sb.url, OWNER, [`${G}analytics.readonly`]);
    const denied = await api(sb.url, 'GET', '/v1/accounts', other);
    expect(denied.status).toBe(403);
    expect(denied.body.error.details[0].reason).toBe('ACCESS_TOKEN_SCOPE_INSUFFICIENT');
  });

  it('hostile requests are 4xx in Google’s shape and change nothing', async () => {
    const token = await tokenFor(sb.url, OWNER, [SCOPE]);
    const bodies: unknown[] = [
      { admin: `${AGENCY}\u0000`, role: 'MANAGER' },
      { admin: `${'a'.repeat(200_000)}@x.example`, role: 'MANAGER' },
      { admin: ['nora@northwind-media.example'], role: 'MANAGER' },
      { admin: AGENCY, role: ['MANAGER'] },
      { admin: AGENCY, role: 7 },
      JSON.parse('{"__proto__":{"role":"OWNER"},"admin":"nora@northwind-media.example"}'),
      { admin: AGENCY, role: 'MANAGER', constructor: { prototype: { x: 1 } } },
      { admin: AGENCY, role: 'MANAGER', pendingInvitation: 'no', extra: 1 },
      { account: { name: 'accounts/8020' }, role: 'MANAGER' },
      { account: 'accounts/9000001', role: 'MANAGER' },
      [],
      'text',
    ];
    const before = state();
    for (const body of bodies) {
      const res = await api(sb.url, 'POST', '/v1/locations/4100/admins', token, { body });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.error).toMatchObject({ code: res.status, status: expect.any(String) });
    }
    // Raw bodies: 100 000 levels of nesting, broken JSON, a NUL byte.
    for (const raw of [
      `${'{"admin":'.repeat(100_000)}1${'}'.repeat(100_000)}`,
      '{"admin": "nora@northwind-media.example", "role": "MANAGER"',
      '\u0000',
    ]) {
      const res = await fetch(`${sb.url}/v1/locations/4100/admins`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: raw,
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { status: string } }).error.status).toBe(
        'INVALID_ARGUMENT',
      );
    }
    const paths = [
      ['POST', '/v1/locations/abc/admins'],
      ['POST', `/v1/locations/${'9'.repeat(60)}/admins`],
      ['GET', '/v1/accounts/8010%00/admins'],
      ['GET', '/v1/accounts?pageSize=-1'],
      ['GET', '/v1/accounts?pageToken=%00%00'],
      ['GET', '/v1/accounts?filter=type%3DLOCATION_GROUP&filter=x'],
      ['DELETE', '/v1/locations/4100/admins/abc'],
      ['PATCH', '/v1/locations/4100/admins/1?updateMask=role'],
      ['POST', '/v1/accounts/9000003/invitations/1:steal'],
      ['POST', '/v1/accounts/9000003/invitations/__proto__:accept'],
      ['GET', '/v1/accounts/8010/locations?readMask=name&readMask=title'],
    ];
    for (const [method, path] of paths) {
      const res = await api(sb.url, method as string, path as string, token, {
        ...(method === 'POST' || method === 'PATCH' ? { body: { role: 'OWNER' } } : {}),
      });
      expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      expect(res.body.error.code).toBe(res.status);
    }
    expect(state()).toBe(before);
    expect(Object.prototype).not.toHaveProperty('role');
  });

  it('the control hooks put and remove admins, and refuse bad input', async () => {
    const control = async (path: string, body: unknown) => {
      const res = await fetch(`${sb.url}/_control/business-profile/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${CONTROL_TOKEN}` },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const before = state();
    for (const body of [
      { parent: 'locations/4100', email: AGENCY, role: 'BOSS' },
      { parent: 'locations/4100', email: `${AGENCY}\u0000`, role: 'OWNER' },
      { parent: 'locations/x', email: AGENCY, role: 'OWNER' },
      { parent: 'locations/4100', email: AGENCY, role: 'OWNER', __proto__: { a: 1 }, extra: 1 },
      { parent: ['locations/4100'], email: AGENCY, role: 'OWNER' },
    ]) {
      const res = await control('admins', body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
    }
    expect(
      (await control('admins', { parent: 'locations/999', email: AGENCY, role: 'OWNER' })).status,
    ).toBe(404);
    expect(state()).toBe(before);
    expect(
      (await control('admins', { parent: 'locations/4100', email: AGENCY, role: 'OWNER' })).status,
    ).toBe(200);
    const nora = await as(AGENCY);
    expect(
      (await nora.locations.admins.list({ parent: 'locations/4100' })).data.admins,
    ).toContainEqual(expect.objectContaining({ admin: 'Nora Lindqvist', role: 'OWNER' }));
    expect(await control('remove-admin', { parent: 'locations/4100', email: AGENCY })).toEqual({
      status: 200,
      body: { removed: 1 },
    });
  });
});
