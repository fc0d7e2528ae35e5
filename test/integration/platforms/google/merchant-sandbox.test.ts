// The Merchant API accounts sub-API in the Google sandbox, driven through Google's own Node client
// (@googleapis/merchantapi accounts_v1, rootUrl = the sandbox root, as the connector uses it):
// accounts, sub-accounts, users with PENDING/VERIFIED, verifySelf, the error shape, hostile input.
import { merchantapi } from '@googleapis/merchantapi';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientOptions } from '../../../../src/platforms/google/clients.ts';
import type { GoogleSandbox } from '../../../../src/platforms/google/sandbox/index.ts';
import { controlAuth } from '../../../support/sandbox-control.ts';
import { AGENCY, api, G, MARKETING, OWNER, startSandbox, tokenFor } from './helpers.ts';

const CONTENT = `${G}content`;
const USERS = '/accounts/v1/accounts/700100/users';

/** What a @googleapis call threw: HTTP status and Google's error body. */
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

describe('Merchant API accounts in the Google sandbox', () => {
  let sb: GoogleSandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(async () => sb.close());
  beforeEach(() => {
    sb.reset();
    sb.runtime.log.length = 0;
  });

  const mc = async (email: string, scopes: string[] = [CONTENT]) =>
    merchantapi({
      version: 'accounts_v1',
      ...clientOptions({
        token: await tokenFor(sb.url, email, scopes),
        rootUrl: sb.url,
        timeoutMs: 5000,
      }),
    });
  const merchant = () => JSON.stringify(sb.model.state.merchant);

  it('lists the accounts a user reaches, an account, and the sub-accounts of an advanced account', async () => {
    const dana = await mc(OWNER);
    const all = (await dana.accounts.list({})).data.accounts ?? [];
    expect(all.map((a) => a.accountId)).toEqual(['700100', '700200', '700201']);
    expect(all[0]).toEqual({
      name: 'accounts/700100',
      accountId: '700100',
      accountName: 'Acme Outdoor',
      adultContent: false,
      testAccount: false,
      timeZone: { id: 'America/New_York' },
      languageCode: 'en-US',
    });
    const first = (await dana.accounts.list({ pageSize: 2 })).data;
    expect(first.accounts).toHaveLength(2);
    const rest = (await dana.accounts.list({ pageSize: 2, pageToken: first.nextPageToken! })).data;
    expect(rest.accounts?.map((a) => a.accountId)).toEqual(['700201']);
    expect(rest.nextPageToken).toBeUndefined();
    expect((await dana.accounts.get({ name: 'accounts/700201' })).data.accountName).toBe(
      'Acme Outdoor EU',
    );
    const subs = (await dana.accounts.listSubaccounts({ provider: 'accounts/700200' })).data;
    expect(subs.accounts?.map((a) => a.name)).toEqual(['accounts/700201']);
    expect(sb.runtime.log.map((e) => `${e.method} ${e.path}`)).toContain(
      'GET /accounts/v1/accounts/700200:listSubaccounts',
    );
    // Rita reaches only her own shop.
    const rita = await mc('rita@rival-media.example');
    expect(((await rita.accounts.list({})).data.accounts ?? []).map((a) => a.accountId)).toEqual([
      '790100',
    ]);
  });

  it('adds a user as PENDING; only verifySelf by that user (or its email click) makes it VERIFIED', async () => {
    const dana = await mc(OWNER);
    const created = (
      await dana.accounts.users.create({
        parent: 'accounts/700100',
        userId: AGENCY,
        requestBody: { accessRights: ['STANDARD'] },
      })
    ).data;
    expect(created).toEqual({
      name: `accounts/700100/users/${AGENCY}`,
      state: 'PENDING',
      accessRights: ['STANDARD'],
    });
    const listed = (await dana.accounts.users.list({ parent: 'accounts/700100' })).data.users ?? [];
    expect(listed.map((u) => u.name)).toContain(`accounts/700100/users/${AGENCY}`);

    const nora = await mc(AGENCY);
    // Pending: it sees its own user, and nothing else of the account.
    expect((await nora.accounts.users.get({ name: 'accounts/700100/users/me' })).data.state).toBe(
      'PENDING',
    );
    expect((await nora.accounts.list({})).data.accounts ?? []).toEqual([]);
    expect((await failure(nora.accounts.get({ name: 'accounts/700100' }))).status).toBe(403);

    const verified = (
      await nora.accounts.users.me.verifySelf({ account: 'accounts/700100', requestBody: {} })
    ).data;
    expect(verified).toEqual({
      name: `accounts/700100/users/${AGENCY}`,
      state: 'VERIFIED',
      accessRights: ['STANDARD'],
    });
    expect(sb.runtime.log.map((e) => `${e.method} ${e.path} ${e.status}`)).toContain(
      'PATCH /accounts/v1/accounts/700100/users/me:verifySelf 200',
    );
    expect(((await nora.accounts.list({})).data.accounts ?? []).map((a) => a.accountId)).toEqual([
      '700100',
    ]);
    // Already verified: verifySelf answers the user unchanged (a choice).
    expect(
      (await nora.accounts.users.me.verifySelf({ account: 'accounts/700100', requestBody: {} }))
        .data.state,
    ).toBe('VERIFIED');

    const patched = (
      await dana.accounts.users.patch({
        name: `accounts/700100/users/${AGENCY}`,
        updateMask: 'accessRights',
        requestBody: { accessRights: ['ADMIN'] },
      })
    ).data;
    expect(patched.accessRights).toEqual(['ADMIN']);
    expect(
      (await dana.accounts.users.delete({ name: `accounts/700100/users/${AGENCY}` })).data,
    ).toEqual({});
    const gone = await failure(
      dana.accounts.users.get({ name: `accounts/700100/users/${AGENCY}` }),
    );
    expect(gone).toEqual({
      status: 404,
      error: {
        code: 404,
        message: `User accounts/700100/users/${AGENCY} not found.`,
        status: 'NOT_FOUND',
      },
    });
  });

  it('the control hook stands in for the invitation email; a user may remove itself', async () => {
    const dana = await mc(OWNER);
    await dana.accounts.users.create({
      parent: 'accounts/700100',
      userId: AGENCY,
      requestBody: { accessRights: ['READ_ONLY'] },
    });
    const click = await api(sb.url, 'POST', '/_control/merchant/users/verify', null, {
      body: { accountId: '700100', email: AGENCY },
      headers: controlAuth,
    });
    expect(click.status).toBe(200);
    expect(sb.model.state.merchant?.users.find((u) => u.email === AGENCY)?.state).toBe('VERIFIED');
    for (const body of [{ accountId: '700100' }, { accountId: 'x', email: AGENCY }, [], 'x']) {
      const bad = await api(sb.url, 'POST', '/_control/merchant/users/verify', null, {
        body,
        headers: controlAuth,
      });
      expect(bad.status).toBe(400);
    }
    const unknown = await api(sb.url, 'POST', '/_control/merchant/users/verify', null, {
      body: { accountId: '700100', email: 'nobody@nowhere.example' },
      headers: controlAuth,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.status).toBe('NOT_FOUND');
    const nora = await mc(AGENCY);
    expect((await nora.accounts.users.delete({ name: 'accounts/700100/users/me' })).data).toEqual(
      {},
    );
    expect(sb.model.state.merchant?.users.some((u) => u.email === AGENCY)).toBe(false);
  });

  it("answers Google's errors: not admin, pending, duplicate, bad right, developer right, last admin", async () => {
    const sam = await mc(MARKETING);
    expect(
      await failure(
        sam.accounts.users.create({
          parent: 'accounts/700100',
          userId: AGENCY,
          requestBody: { accessRights: ['STANDARD'] },
        }),
      ),
    ).toEqual({
      status: 403,
      error: {
        code: 403,
        message: 'The caller does not have access to the accounts: [700100]',
        status: 'PERMISSION_DENIED',
      },
    });
    expect((await failure(sam.accounts.users.list({ parent: 'accounts/700100' }))).status).toBe(
      403,
    );
    const dana = await mc(OWNER);
    const add = (userId: string, accessRights: string[], parent = 'accounts/700100') =>
      dana.accounts.users.create({ parent, userId, requestBody: { accessRights } });
    await add(AGENCY, ['ADMIN']);
    // A pending admin cannot act as an admin.
    const nora = await mc(AGENCY);
    expect(
      (
        await failure(
          nora.accounts.users.create({
            parent: 'accounts/700100',
            userId: 'x@y.example',
            requestBody: { accessRights: ['STANDARD'] },
          }),
        )
      ).status,
    ).toBe(403);
    expect((await failure(add(AGENCY, ['STANDARD']))).error.status).toBe('ALREADY_EXISTS');
    expect((await failure(add(AGENCY, ['STANDARD']))).status).toBe(409);
    const badRight = await failure(add('new@x.example', ['OWNER']));
    expect(badRight.status).toBe(400);
    expect(badRight.error.status).toBe('INVALID_ARGUMENT');
    expect((await failure(add('new@x.example', []))).status).toBe(400);
    expect((await failure(add('new@x.example', ['ADMIN', 'ADMIN']))).status).toBe(400);
    expect((await failure(add('not-an-email', ['ADMIN']))).status).toBe(400);
    expect((await failure(add('new@x.example', ['ADMIN'], 'accounts/999999'))).status).toBe(404);
    const dev = await failure(add('new@x.example', ['API_DEVELOPER']));
    expect(dev).toEqual({
      status: 400,
      error: {
        code: 400,
        message: 'The API_DEVELOPER access right needs a developer registration on the account.',
        status: 'FAILED_PRECONDITION',
      },
    });
    // Dana is the only verified admin of 700200: she cannot be deleted nor lose ADMIN.
    const last = await failure(
      dana.accounts.users.delete({ name: `accounts/700200/users/${OWNER}` }),
    );
    expect(last.error.status).toBe('FAILED_PRECONDITION');
    const demote = await failure(
      dana.accounts.users.patch({
        name: `accounts/700200/users/${OWNER}`,
        updateMask: 'accessRights',
        requestBody: { accessRights: ['STANDARD'] },
      }),
    );
    expect(demote.error.status).toBe('FAILED_PRECONDITION');
    const mask = await failure(
      dana.accounts.users.patch({
        name: `accounts/700100/users/${MARKETING}`,
        updateMask: 'state',
        requestBody: { accessRights: ['ADMIN'] },
      }),
    );
    expect(mask.status).toBe(400);
  });

  it('refuses a token without the content scope, and a call with no token', async () => {
    const tm = await mc(OWNER, [`${G}tagmanager.readonly`]);
    const scope = await failure(tm.accounts.list({}));
    expect(scope.status).toBe(403);
    expect(scope.error).toMatchObject({
      status: 'PERMISSION_DENIED',
      details: [{ reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT' }],
    });
    const none = await api(sb.url, 'GET', '/accounts/v1/accounts', null);
    expect(none.status).toBe(401);
    expect(none.body.error.status).toBe('UNAUTHENTICATED');
  });

  it('answers hostile input with a 4xx in Google’s shape and changes nothing', async () => {
    const token = await tokenFor(sb.url, OWNER, [CONTENT]);
    const before = merchant();
    const deep = `${'{"accessRights":'.repeat(5000)}["ADMIN"]${'}'.repeat(5000)}`;
    const bodies: [string, string][] = [
      [`${USERS}?userId=${encodeURIComponent(AGENCY)}`, deep],
      [
        `${USERS}?userId=${encodeURIComponent(AGENCY)}`,
        '{"__proto__":{"x":1},"accessRights":["ADMIN"]}',
      ],
      [`${USERS}?userId=${encodeURIComponent(AGENCY)}`, '{"accessRights":"ADMIN"}'],
      [`${USERS}?userId=${encodeURIComponent(AGENCY)}`, '{"accessRights":[1,2]}'],
      [`${USERS}?userId=${encodeURIComponent(AGENCY)}`, '{"accessRights":[{"a":1}]}'],
      [`${USERS}?userId=${encodeURIComponent(AGENCY)}`, '{"accessRights":["ADMIN"],"role":"x"}'],
      [`${USERS}?userId=${encodeURIComponent(AGENCY)}`, '["ADMIN"]'],
      [`${USERS}?userId=${encodeURIComponent(AGENCY)}`, 'not json'],
      [`${USERS}?userId=a%00b%40x.example`, '{"accessRights":["ADMIN"]}'],
      [`${USERS}?userId=${'a'.repeat(8_000)}%40x.example`, '{"accessRights":["ADMIN"]}'],
      [`${USERS}?userId=a%40x.example&userId=b%40x.example`, '{"accessRights":["ADMIN"]}'],
      [`${USERS}`, '{"accessRights":["ADMIN"]}'],
      [`${USERS}?userId=a%40x.example`, JSON.stringify({ accessRights: ['A'.repeat(500_000)] })],
      ['/accounts/v1/accounts/7001%00/users?userId=a%40x.example', '{"accessRights":["ADMIN"]}'],
      ['/accounts/v1/accounts/__proto__/users?userId=a%40x.example', '{"accessRights":["ADMIN"]}'],
    ];
    for (const [path, body] of bodies) {
      const res = await fetch(`${sb.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
      expect(res.status, path.slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.status, path.slice(0, 80)).toBeLessThan(500);
      const error = ((await res.json()) as { error: Record<string, unknown> }).error;
      expect(typeof error.code).toBe('number');
      expect(typeof error.status).toBe('string');
      expect(typeof error.message).toBe('string');
    }
    for (const [method, path, body] of [
      ['PATCH', `${USERS}/${MARKETING}?updateMask=accessRights`, '{"accessRights":null}'],
      [
        'PATCH',
        `${USERS}/${MARKETING}?updateMask=${'x'.repeat(5000)}`,
        '{"accessRights":["ADMIN"]}',
      ],
      ['PATCH', `${USERS}/me:verifySelf`, '{"x":1}'],
      ['PATCH', `${USERS}/a%00@x.example`, '{"accessRights":["ADMIN"]}'],
      ['DELETE', `${USERS}/${'b'.repeat(5000)}@x.example`, undefined],
      ['GET', `${USERS}?pageSize=-1`, undefined],
      ['GET', `${USERS}?pageToken=%00%00`, undefined],
      ['GET', '/accounts/v1/accounts?pageSize=abc', undefined],
      ['GET', '/accounts/v1/accounts?filter=x', undefined],
      ['GET', '/accounts/v1/accounts/abc:listSubaccounts', undefined],
    ] as const) {
      const res = await api(
        sb.url,
        method,
        path,
        token,
        body === undefined
          ? {}
          : {
              body: JSON.parse(body) as unknown,
            },
      );
      expect(res.status, `${method} ${path.slice(0, 80)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path.slice(0, 80)}`).toBeLessThan(500);
      expect(
        typeof res.body?.error?.status,
        `${method} ${path.slice(0, 60)} ${JSON.stringify(res.body)}`,
      ).toBe('string');
    }
    expect(merchant()).toBe(before);
  });
});
