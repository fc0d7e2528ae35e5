// GA4 Admin, Tag Manager and Search Console rules in the sandbox, driven through Google's own
// Node clients with rootUrl (as the connectors use them), and the error shape each answers.
import { analyticsadmin } from '@googleapis/analyticsadmin';
import { searchconsole } from '@googleapis/searchconsole';
import { tagmanager } from '@googleapis/tagmanager';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientOptions } from '../../../../src/platforms/google/clients.ts';
import type { GoogleSandbox } from '../../../../src/platforms/google/sandbox/index.ts';
import { AGENCY, api, G, MARKETING, OWNER, startSandbox, tokenFor } from './helpers.ts';

/** What a @googleapis call threw: HTTP status and Google's error body. */
async function failure(
  call: Promise<unknown>,
): Promise<{ status: number; error: Record<string, unknown> }> {
  const e = (await call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: unknown) => err,
  )) as {
    status?: number;
    response?: { status: number; data: { error: Record<string, unknown> } };
  };
  return { status: e.response?.status ?? -1, error: e.response?.data.error ?? {} };
}

describe('GA4, Tag Manager and Search Console in the Google sandbox', () => {
  let sb: GoogleSandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(async () => sb.close());
  beforeEach(() => sb.reset());

  const ga = async (email: string, scopes: string[]) =>
    analyticsadmin({
      version: 'v1alpha',
      ...clientOptions({
        token: await tokenFor(sb.url, email, scopes),
        rootUrl: sb.url,
        timeoutMs: 5000,
      }),
    });
  const tm = async (email: string, scopes: string[]) =>
    tagmanager({
      version: 'v2',
      ...clientOptions({
        token: await tokenFor(sb.url, email, scopes),
        rootUrl: sb.url,
        timeoutMs: 5000,
      }),
    });
  const USERS = `${G}analytics.manage.users`;

  it('GA4: an admin creates, lists, patches and deletes a binding', async () => {
    const c = await ga(OWNER, [USERS]);
    const created = (
      await c.properties.accessBindings.create({
        parent: 'properties/300100',
        requestBody: { user: AGENCY, roles: ['predefinedRoles/editor'] },
      })
    ).data;
    expect(created).toEqual({
      name: expect.stringMatching(/^properties\/300100\/accessBindings\/\d+$/),
      user: AGENCY,
      roles: ['predefinedRoles/editor'],
    });
    const listed =
      (await c.properties.accessBindings.list({ parent: 'properties/300100' })).data
        .accessBindings ?? [];
    expect(listed.map((b) => b.user)).toContain(AGENCY);
    const patched = (
      await c.properties.accessBindings.patch({
        name: created.name as string,
        requestBody: { roles: ['predefinedRoles/viewer', 'predefinedRoles/no-cost-data'] },
      })
    ).data;
    expect(patched.roles).toEqual(['predefinedRoles/viewer', 'predefinedRoles/no-cost-data']);
    expect(
      (await c.properties.accessBindings.delete({ name: created.name as string })).data,
    ).toEqual({});
    const summaries = (await c.accountSummaries.list({})).data.accountSummaries ?? [];
    expect(summaries[0]?.propertySummaries?.map((p) => p.property)).toEqual([
      'properties/300100',
      'properties/300101',
    ]);
  });

  it('GA4: a non-admin is PERMISSION_DENIED; a bad role is INVALID_ARGUMENT; a duplicate is ALREADY_EXISTS', async () => {
    const viewer = await ga(MARKETING, [USERS]);
    const denied = await failure(
      viewer.properties.accessBindings.create({
        parent: 'properties/300100',
        requestBody: { user: AGENCY, roles: ['predefinedRoles/viewer'] },
      }),
    );
    expect(denied).toEqual({
      status: 403,
      error: {
        code: 403,
        message: 'The caller does not have permission',
        status: 'PERMISSION_DENIED',
      },
    });
    const admin = await ga(OWNER, [USERS]);
    const bad = await failure(
      admin.accounts.accessBindings.create({
        parent: 'accounts/200100',
        requestBody: { user: AGENCY, roles: ['predefinedRoles/owner'] },
      }),
    );
    expect(bad).toEqual({
      status: 400,
      error: {
        code: 400,
        message: 'Invalid role: predefinedRoles/owner',
        status: 'INVALID_ARGUMENT',
      },
    });
    await admin.accounts.accessBindings.create({
      parent: 'accounts/200100',
      requestBody: { user: AGENCY, roles: ['predefinedRoles/viewer'] },
    });
    const dup = await failure(
      admin.accounts.accessBindings.create({
        parent: 'accounts/200100',
        requestBody: { user: AGENCY, roles: ['predefinedRoles/admin'] },
      }),
    );
    expect(dup.status).toBe(409);
    expect(dup.error.status).toBe('ALREADY_EXISTS');
    const missing = await failure(
      admin.properties.accessBindings.list({ parent: 'properties/999' }),
    );
    expect(missing.error.status).toBe('NOT_FOUND');
  });

  it('GA4: an empty roles list on patch deletes the binding ([AA])', async () => {
    const admin = await ga(OWNER, [USERS]);
    const created = (
      await admin.properties.accessBindings.create({
        parent: 'properties/300101',
        requestBody: { user: AGENCY, roles: ['predefinedRoles/analyst'] },
      })
    ).data;
    await admin.properties.accessBindings.patch({
      name: created.name as string,
      requestBody: { roles: [] },
    });
    const listed =
      (await admin.properties.accessBindings.list({ parent: 'properties/300101' })).data
        .accessBindings ?? [];
    expect(listed.some((b) => b.user === AGENCY)).toBe(false);
  });

  it('GTM: an admin grants account and container access; a plain user is PERMISSION_DENIED; bad enums are INVALID_ARGUMENT', async () => {
    const admin = await tm(OWNER, [`${G}tagmanager.manage.users`, `${G}tagmanager.readonly`]);
    const created = (
      await admin.accounts.user_permissions.create({
        parent: 'accounts/6001',
        requestBody: {
          emailAddress: AGENCY,
          accountAccess: { permission: 'user' },
          containerAccess: [{ containerId: '7001', permission: 'publish' }],
        },
      })
    ).data;
    expect(created).toMatchObject({
      accountId: '6001',
      emailAddress: AGENCY,
      path: expect.stringMatching(/^accounts\/6001\/user_permissions\/\d+$/),
    });
    const updated = (
      await admin.accounts.user_permissions.update({
        path: created.path as string,
        requestBody: { accountAccess: { permission: 'admin' }, containerAccess: [] },
      })
    ).data;
    expect(updated.accountAccess).toEqual({ permission: 'admin' });
    const list =
      (await admin.accounts.user_permissions.list({ parent: 'accounts/6001' })).data
        .userPermission ?? [];
    expect(list.map((p) => p.emailAddress)).toContain(AGENCY);
    expect(
      (await admin.accounts.containers.list({ parent: 'accounts/6001' })).data.container?.map(
        (c) => c.publicId,
      ),
    ).toEqual(['GTM-ACME01', 'GTM-ACME02']);
    await admin.accounts.user_permissions.delete({ path: created.path as string });
    const user = await tm(MARKETING, [`${G}tagmanager.manage.users`, `${G}tagmanager.readonly`]);
    const denied = await failure(user.accounts.user_permissions.list({ parent: 'accounts/6001' }));
    expect(denied).toEqual({
      status: 403,
      error: {
        code: 403,
        message: 'The caller does not have permission',
        status: 'PERMISSION_DENIED',
      },
    });
    expect(
      (await user.accounts.containers.list({ parent: 'accounts/6001' })).data.container?.map(
        (c) => c.containerId,
      ),
    ).toEqual(['7001']);
    const bad = await failure(
      admin.accounts.user_permissions.create({
        parent: 'accounts/6001',
        requestBody: { emailAddress: AGENCY, accountAccess: { permission: 'owner' } },
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
  });

  it('Search Console: sites.list and sites.get with a fully encoded siteUrl; another user’s site is PERMISSION_DENIED', async () => {
    const sc = searchconsole({
      version: 'v1',
      ...clientOptions({
        token: await tokenFor(sb.url, OWNER, [`${G}webmasters.readonly`]),
        rootUrl: sb.url,
        timeoutMs: 5000,
      }),
    });
    expect((await sc.sites.list({})).data.siteEntry).toEqual([
      { siteUrl: 'https://www.acme-outdoor.example/', permissionLevel: 'SITE_OWNER' },
      { siteUrl: 'sc-domain:acme-outdoor.example', permissionLevel: 'SITE_OWNER' },
    ]);
    expect(
      (await sc.sites.get({ siteUrl: 'sc-domain:acme-outdoor.example' })).data.permissionLevel,
    ).toBe('SITE_OWNER');
    const agency = searchconsole({
      version: 'v1',
      ...clientOptions({
        token: await tokenFor(sb.url, AGENCY, [`${G}webmasters.readonly`]),
        rootUrl: sb.url,
        timeoutMs: 5000,
      }),
    });
    expect((await agency.sites.list({})).data).toEqual({});
    const denied = await failure(
      agency.sites.get({ siteUrl: 'https://www.acme-outdoor.example/' }),
    );
    expect(denied.status).toBe(403);
    expect(denied.error.status).toBe('PERMISSION_DENIED');
    const paths = sb.runtime.log.map((e) => e.path);
    expect(paths).toContain('/webmasters/v3/sites/https%3A%2F%2Fwww.acme-outdoor.example%2F');
  });

  it('every API answers throttling as 429 RESOURCE_EXHAUSTED with a RetryInfo delay', async () => {
    const c = await ga(OWNER, [USERS]);
    const t = await tm(OWNER, [`${G}tagmanager.readonly`]);
    const scToken = await tokenFor(sb.url, OWNER, [`${G}webmasters.readonly`]);
    sb.setFaults({ rateLimit: { requests: 0, perMs: 30_000 } });
    for (const call of [c.accountSummaries.list({}), t.accounts.list({})]) {
      const throttled = await failure(call);
      expect(throttled.status).toBe(429);
      expect(throttled.error).toMatchObject({
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        details: [
          { reason: 'RATE_LIMIT_EXCEEDED' },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '30s' },
        ],
      });
    }
    const sc = await api(sb.url, 'GET', '/webmasters/v3/sites', scToken);
    expect(sc.status).toBe(429);
    expect(sc.body.error.status).toBe('RESOURCE_EXHAUSTED');
  });
});
