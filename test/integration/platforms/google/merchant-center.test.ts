// The Merchant Center connector against the Google sandbox over loopback HTTP (through
// @googleapis/merchantapi with rootUrl): the shared connector contract, then its own rules: the
// grant adds a PENDING user that the agency's own token verifies, a re-check verifies a grant left
// pending, read, level change, revoke by either side, already granted, and errors.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMerchantCenterConnector } from '../../../../src/platforms/merchant-center/connector.ts';
import { readDefaultWorld } from '../../../../src/platforms/google/sandbox/world.ts';
import type { GoogleSandbox } from '../../../../src/platforms/google/sandbox/index.ts';
import type { AgencyIdentity, Platform } from '../../../../src/platforms/types.ts';
import { controlAuth } from '../../../support/sandbox-control.ts';
import { describeConnectorContract, expectPlatformError } from '../connector-contract.ts';
import {
  AGENCY,
  api,
  APP,
  authorize,
  G,
  MARKETING,
  OWNER,
  REDIRECT,
  startSandbox,
  tokenFor,
} from './helpers.ts';

const CONTENT = `${G}content`;
const AGENCY_SCOPES = [CONTENT, 'openid', 'email'];
const urls = (url: string) => ({ accounts: url, oauth2: url, openid: url });
const build = (url: string) =>
  createMerchantCenterConnector({
    baseUrls: urls(url),
    rootUrl: url,
    clientId: APP.clientId,
    clientSecret: APP.clientSecret,
  });
const isUserWrite = (e: { method: string; path: string }) =>
  (e.method === 'POST' && e.path.endsWith('/users')) ||
  (e.method === 'PATCH' && e.path.includes('/users/') && !e.path.endsWith(':verifySelf'));

describeConnectorContract('merchant_center', async () => {
  const sb: GoogleSandbox = await startSandbox();
  const platform = build(sb.url);
  return {
    platform,
    redirectUri: REDIRECT,
    authorizeClient: () => authorize(sb.url, OWNER, [...platform.manifest.oauth!.scopes]),
    agency: async () => ({
      businessId: AGENCY,
      accessToken: await tokenFor(sb.url, AGENCY, AGENCY_SCOPES),
    }),
    apiAsset: { asset: { type: 'merchant_account', id: '700100' }, level: 'standard' },
    acceptPending: async () => undefined,
    grantWriteCount: async () =>
      sb.runtime.log.filter((e) => e.status < 300 && isUserWrite(e)).length,
    setFaults: async (kind) =>
      sb.setFaults(
        kind === 'throttle'
          ? { rateLimit: { requests: 0, perMs: 60_000 } }
          : kind === 'transient'
            ? { errorRate: 1 }
            : {},
      ),
    reset: async () => {
      sb.reset();
      sb.runtime.log.length = 0;
    },
    close: () => sb.close(),
  };
});

describe('Merchant Center connector', () => {
  let sb: GoogleSandbox;
  let mc: Platform;
  beforeAll(async () => {
    sb = await startSandbox();
    mc = build(sb.url);
  });
  afterAll(async () => sb.close());
  beforeEach(() => {
    sb.reset();
    sb.runtime.log.length = 0;
  });

  const clientToken = (email = OWNER) => tokenFor(sb.url, email, AGENCY_SCOPES);
  const agency = async (scopes = AGENCY_SCOPES): Promise<AgencyIdentity> => ({
    businessId: AGENCY,
    accessToken: await tokenFor(sb.url, AGENCY, scopes),
  });
  const asset = { type: 'merchant_account', id: '700100' };
  const agencyUser = (accountId = '700100') =>
    sb.model.state.merchant?.users.find((u) => u.accountId === accountId && u.email === AGENCY);
  const writes = () => sb.runtime.log.filter((e) => e.status < 300 && isUserWrite(e)).length;

  it('lists the client’s accounts; those it cannot administer are blocked', async () => {
    const listing = await mc.listClientAssets(await clientToken());
    expect(listing.assets).toEqual([
      {
        type: 'merchant_account',
        id: '700100',
        name: 'Acme Outdoor (700100)',
        ownerId: '700100',
        ownerName: 'Acme Outdoor',
      },
      {
        type: 'merchant_account',
        id: '700200',
        name: 'Acme Outdoor Group (700200)',
        ownerId: '700200',
        ownerName: 'Acme Outdoor Group',
      },
      {
        type: 'merchant_account',
        id: '700201',
        name: 'Acme Outdoor EU (700201)',
        ownerId: '700201',
        ownerName: 'Acme Outdoor EU',
        blocked: {
          code: 'not_admin',
          message: 'Only a Merchant Center account admin can share access.',
        },
      },
    ]);
    const sam = await mc.listClientAssets(await clientToken(MARKETING));
    expect(sam.assets.map((a) => [a.id, a.blocked?.code])).toEqual([
      ['700100', 'not_admin'],
      ['700201', 'not_admin'],
    ]);
    const none = await mc.listClientAssets(await clientToken(AGENCY));
    expect(none.assets).toEqual([]);
    expect(none.notice?.code).toBe('no_merchant_accounts');
  });

  it('grants: the user is added PENDING and the agency’s own token verifies it (no email click)', async () => {
    const outcome = await mc.grantAccess({
      clientToken: await clientToken(),
      agency: await agency(),
      asset,
      level: 'read_only',
    });
    expect(outcome).toEqual({ kind: 'granted', level: 'read_only' });
    expect(agencyUser()).toEqual({
      accountId: '700100',
      email: AGENCY,
      accessRights: ['READ_ONLY'],
      state: 'VERIFIED',
    });
    const calls = sb.runtime.log.map((e) => `${e.method} ${e.path} ${e.status}`);
    expect(calls).toEqual(
      expect.arrayContaining([
        `GET /accounts/v1/accounts/700100/users/${AGENCY} 404`,
        'POST /accounts/v1/accounts/700100/users 200',
        'PATCH /accounts/v1/accounts/700100/users/me:verifySelf 200',
      ]),
    );
    expect(await mc.readAccess({ agency: await agency(), asset })).toEqual({
      kind: 'holds',
      level: 'read_only',
    });
  });

  it('a grant the agency cannot verify stays pending; the re-check verifies it', async () => {
    // The agency's connection lacks the content scope: verifySelf is refused.
    const weak = await agency(['openid', 'email']);
    const input = { clientToken: await clientToken(), agency: weak, asset, level: 'standard' };
    const outcome = await mc.grantAccess(input);
    expect(outcome.kind).toBe('pending_acceptance');
    expect(outcome.kind === 'pending_acceptance' && outcome.detail).toContain(AGENCY);
    expect(agencyUser()?.state).toBe('PENDING');
    // Asked again: no second write, still pending.
    expect((await mc.grantAccess(input)).kind).toBe('pending_acceptance');
    expect(writes()).toBe(1);
    const strong = await agency();
    expect(await mc.readAccess({ agency: strong, asset })).toEqual({
      kind: 'pending',
      level: 'standard',
    });
    expect(await mc.continueGrant!({ ...input, agency: strong })).toEqual({
      kind: 'granted',
      level: 'standard',
    });
    expect(agencyUser()?.state).toBe('VERIFIED');
    expect(await mc.readAccess({ agency: strong, asset })).toEqual({
      kind: 'holds',
      level: 'standard',
    });
    expect(writes()).toBe(1);
  });

  it('a pending user verified by its invitation email reads as held', async () => {
    await mc.grantAccess({
      clientToken: await clientToken(),
      agency: await agency(['openid', 'email']),
      asset,
      level: 'admin',
    });
    const click = await api(sb.url, 'POST', '/_control/merchant/users/verify', null, {
      body: { accountId: '700100', email: AGENCY },
      headers: controlAuth,
    });
    expect(click.status).toBe(200);
    expect(await mc.readAccess({ agency: await agency(), asset })).toEqual({
      kind: 'holds',
      level: 'admin',
    });
  });

  it('changes the level: a higher one patches the rights, a lower one is already granted', async () => {
    const base = { clientToken: await clientToken(), agency: await agency(), asset };
    await mc.grantAccess({ ...base, level: 'performance_reporting' });
    expect(await mc.grantAccess({ ...base, level: 'admin' })).toEqual({
      kind: 'granted',
      level: 'admin',
    });
    expect(agencyUser()?.accessRights).toEqual(['ADMIN']);
    expect(
      sb.runtime.log.some((e) => e.method === 'PATCH' && e.path.endsWith(`/users/${AGENCY}`)),
    ).toBe(true);
    expect(await mc.grantAccess({ ...base, level: 'standard' })).toEqual({
      kind: 'already_granted',
      level: 'admin',
    });
    expect(writes()).toBe(2);
  });

  it('already granted in the world: no write at all', async () => {
    const world = readDefaultWorld();
    world.merchant = {
      ...world.merchant,
      users: [
        ...(world.merchant?.users ?? []),
        { accountId: '700100', email: AGENCY, accessRights: ['STANDARD'], state: 'VERIFIED' },
      ],
    };
    sb.reset(world);
    expect(
      await mc.grantAccess({
        clientToken: await clientToken(),
        agency: await agency(),
        asset,
        level: 'read_only',
      }),
    ).toEqual({ kind: 'already_granted', level: 'standard' });
    expect(writes()).toBe(0);
    expect(sb.runtime.log.some((e) => e.path.endsWith(':verifySelf'))).toBe(false);
    sb.reset(readDefaultWorld());
  });

  it('revokes with the client’s token, or the agency removes itself', async () => {
    const base = { clientToken: await clientToken(), agency: await agency(), asset };
    await mc.grantAccess({ ...base, level: 'standard' });
    expect(await mc.revokeAccess({ agency: base.agency, asset })).toEqual({ kind: 'revoked' });
    expect(sb.runtime.log.map((e) => `${e.method} ${e.path}`)).toContain(
      'DELETE /accounts/v1/accounts/700100/users/me',
    );
    expect(agencyUser()).toBeUndefined();
    expect(await mc.readAccess({ agency: base.agency, asset })).toEqual({ kind: 'lost' });
    expect(await mc.revokeAccess({ agency: base.agency, asset })).toEqual({
      kind: 'not_present',
    });
    await mc.grantAccess({ ...base, level: 'standard' });
    expect(await mc.revokeAccess(base)).toEqual({ kind: 'revoked' });
    expect(agencyUser()).toBeUndefined();
    expect(await mc.revokeAccess(base)).toEqual({ kind: 'not_present' });
  });

  it('errors: a non-admin client, an unknown level, asset or account, a last admin', async () => {
    const denied = await expectPlatformError(
      mc.grantAccess({
        clientToken: await clientToken(MARKETING),
        agency: await agency(),
        asset,
        level: 'standard',
      }),
    );
    expect(denied.kind).toBe('permission');
    const token = await clientToken();
    const a = await agency();
    expect(
      (
        await expectPlatformError(
          mc.grantAccess({ clientToken: token, agency: a, asset, level: 'owner' }),
        )
      ).kind,
    ).toBe('invalid');
    for (const bad of [
      { type: 'merchant_account', id: '70/01' },
      { type: 'gtm_account', id: '700100' },
      { type: 'merchant_account', id: '' },
    ])
      expect(
        (
          await expectPlatformError(
            mc.grantAccess({ clientToken: token, agency: a, asset: bad, level: 'standard' }),
          )
        ).kind,
      ).toBe('invalid');
    const missing = await expectPlatformError(
      mc.grantAccess({
        clientToken: token,
        agency: a,
        asset: { type: 'merchant_account', id: '999999' },
        level: 'standard',
      }),
    );
    expect(missing.kind).toBe('not_found');
    // Dana is the only admin of 700200: revoking her as "the agency" is refused by Google.
    const last = await expectPlatformError(
      mc.revokeAccess({
        clientToken: token,
        agency: { businessId: OWNER, accessToken: token },
        asset: { type: 'merchant_account', id: '700200' },
      }),
    );
    expect(last.kind).toBe('invalid');
    expect(last.platformCode).toBe('FAILED_PRECONDITION');
    expect(sb.model.state.merchant?.users.some((u) => u.email === AGENCY)).toBe(false);
  });
});
