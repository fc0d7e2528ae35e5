// The Business Profile connector against the Google sandbox over loopback HTTP (Google's own
// Node client with rootUrl): the shared connector contract, then its own path: the client's token
// invites (pending), the agency's own token accepts at the re-check (continueGrant), the agency
// reads its role back, and revokes; already an admin, a location group as identity, and errors.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBusinessProfileConnector } from '../../../../src/platforms/business-profile/connector.ts';
import type { GoogleSandbox } from '../../../../src/platforms/google/sandbox/index.ts';
import { readDefaultWorld } from '../../../../src/platforms/google/sandbox/world.ts';
import type { AgencyIdentity, AssetRef, Platform } from '../../../../src/platforms/types.ts';
import { CONTROL_TOKEN } from '../../../support/sandbox-control.ts';
import { describeConnectorContract, expectPlatformError } from '../connector-contract.ts';
import {
  AGENCY,
  APP,
  authorize,
  G,
  MARKETING,
  OWNER,
  REDIRECT,
  startSandbox,
  tokenFor,
} from './helpers.ts';

const SCOPES = [`${G}business.manage`, 'openid', 'email'];
const build = (url: string): Platform =>
  createBusinessProfileConnector({
    baseUrls: { accounts: url, oauth2: url, openid: url },
    rootUrl: url,
    informationRootUrl: url,
    clientId: APP.clientId,
    clientSecret: APP.clientSecret,
  });

describeConnectorContract('business_profile', async () => {
  const sb = await startSandbox();
  const platform = build(sb.url);
  const asset = { type: 'business_location', id: '4100' };
  return {
    platform,
    redirectUri: REDIRECT,
    authorizeClient: () => authorize(sb.url, OWNER, SCOPES),
    agency: async () => ({
      businessId: AGENCY,
      accessToken: await tokenFor(sb.url, AGENCY, SCOPES),
    }),
    apiAsset: { asset, level: 'manager' },
    // The agency's own connection accepts, as the re-check does.
    acceptPending: async () => {
      await platform.continueGrant?.({
        clientToken: await tokenFor(sb.url, OWNER, SCOPES),
        agency: { businessId: AGENCY, accessToken: await tokenFor(sb.url, AGENCY, SCOPES) },
        asset,
        level: 'manager',
      });
    },
    grantWriteCount: async () =>
      sb.runtime.log.filter(
        (e) =>
          e.status < 300 &&
          (e.method === 'POST' || e.method === 'PATCH') &&
          /\/admins(\/|$)/.test(e.path),
      ).length,
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

describe('business_profile connector', () => {
  let sb: GoogleSandbox;
  let platform: Platform;
  beforeAll(async () => {
    sb = await startSandbox();
    platform = build(sb.url);
  });
  afterAll(async () => sb.close());
  beforeEach(() => {
    sb.reset();
    sb.runtime.log.length = 0;
  });

  const client = () => tokenFor(sb.url, OWNER, SCOPES);
  const agency = async (businessId = AGENCY): Promise<AgencyIdentity> => ({
    businessId,
    accessToken: await tokenFor(sb.url, AGENCY, SCOPES),
  });
  const location = (id: string): AssetRef => ({ type: 'business_location', id });
  const group: AssetRef = { type: 'business_account', id: '8010' };
  const admins = (parent: string) =>
    (sb.model.state.businessProfile?.admins ?? []).filter((a) => a.parent === parent);
  const writes = () =>
    sb.runtime.log.filter((e) => e.status < 300 && e.method !== 'GET' && e.path.includes('/admins'))
      .length;
  const control = async (path: string, body: unknown) => {
    const res = await fetch(`${sb.url}/_control/business-profile/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${CONTROL_TOKEN}` },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
  };

  it('lists the client’s business group and locations; a manager’s location is blocked', async () => {
    const listing = await platform.listClientAssets(await client());
    expect(listing.businesses).toEqual([
      { id: '9000003', name: 'Dana Reyes', isAdmin: true },
      { id: '8010', name: 'Acme Outdoor stores', isAdmin: true },
    ]);
    expect(listing.assets.map((a) => [a.type, a.id, a.name, a.blocked?.code])).toEqual([
      ['business_account', '8010', 'Acme Outdoor stores', undefined],
      ['business_location', '4100', 'Acme Outdoor Berlin', undefined],
      ['business_location', '4101', 'Acme Outdoor Munich', undefined],
      ['business_location', '4102', 'Acme Outdoor Hamburg', undefined],
    ]);
    const sam = await platform.listClientAssets(await tokenFor(sb.url, MARKETING, SCOPES));
    expect(sam.assets).toEqual([
      expect.objectContaining({
        type: 'business_location',
        id: '4101',
        blocked: expect.objectContaining({ code: 'not_owner', values: { role: 'MANAGER' } }),
      }),
    ]);
    const nobody = await platform.listClientAssets(
      await tokenFor(sb.url, 'rita@rival-media.example', SCOPES),
    );
    expect(nobody.notice?.code).toBe('no_business_profile');
  });

  it('invite → pending → accepted by the agency’s own connection → holds', async () => {
    const input = {
      clientToken: await client(),
      agency: await agency(),
      asset: location('4100'),
      level: 'manager',
    };
    const granted = await platform.grantAccess(input);
    expect(granted.kind).toBe('pending_acceptance');
    expect(admins('locations/4100')).toEqual([
      expect.objectContaining({ email: AGENCY, role: 'MANAGER', pending: true }),
    ]);
    // Invited, not yet accepted: the agency holds nothing yet.
    expect(await platform.readAccess(input)).toEqual({ kind: 'lost' });
    expect(await platform.continueGrant?.(input)).toEqual({ kind: 'granted', level: 'manager' });
    expect(admins('locations/4100')).toEqual([expect.objectContaining({ pending: false })]);
    expect(await platform.readAccess(input)).toEqual({ kind: 'holds', level: 'manager' });
    // A second re-check accepts nothing more and still reads the role.
    expect(await platform.continueGrant?.(input)).toEqual({ kind: 'granted', level: 'manager' });
    expect(await platform.grantAccess(input)).toEqual({
      kind: 'already_granted',
      level: 'manager',
    });
    expect(writes()).toBe(1);
  });

  it('a business group: invited as owner, read as pending, accepted, then held', async () => {
    const input = {
      clientToken: await client(),
      agency: await agency(),
      asset: group,
      level: 'owner',
    };
    expect((await platform.grantAccess(input)).kind).toBe('pending_acceptance');
    expect(await platform.readAccess(input)).toEqual({ kind: 'pending', level: 'owner' });
    expect(await platform.continueGrant?.(input)).toEqual({ kind: 'granted', level: 'owner' });
    expect(await platform.readAccess(input)).toEqual({ kind: 'holds', level: 'owner' });
    // Owning the group, the agency reaches its locations too, and may offer the group as identity.
    const businesses = await platform.listAgencyBusinesses?.((await agency()).accessToken);
    expect(businesses?.map((b) => b.id).sort()).toEqual(
      [AGENCY, 'accounts/8010', 'accounts/8020'].sort(),
    );
  });

  it('already an admin: kept at that level or above, raised when lower', async () => {
    await control('admins', { parent: 'locations/4102', email: AGENCY, role: 'MANAGER' });
    const base = { clientToken: await client(), agency: await agency(), asset: location('4102') };
    expect(await platform.grantAccess({ ...base, level: 'site_manager' })).toEqual({
      kind: 'already_granted',
      level: 'manager',
    });
    expect(writes()).toBe(0);
    expect(await platform.grantAccess({ ...base, level: 'owner' })).toEqual({
      kind: 'granted',
      level: 'owner',
    });
    expect(admins('locations/4102')).toEqual([
      expect.objectContaining({ email: AGENCY, role: 'OWNER', pending: false }),
    ]);
    expect(await platform.readAccess(base)).toEqual({ kind: 'holds', level: 'owner' });
  });

  it('revokes with the client’s token, or with the agency’s own; removed in the UI reads lost', async () => {
    const input = {
      clientToken: await client(),
      agency: await agency(),
      asset: location('4100'),
      level: 'manager',
    };
    await platform.grantAccess(input);
    // A pending invitation is withdrawn the same way.
    expect(await platform.revokeAccess(input)).toEqual({ kind: 'revoked' });
    expect(admins('locations/4100')).toEqual([]);
    await platform.grantAccess(input);
    await platform.continueGrant?.(input);
    const own = { agency: input.agency, asset: input.asset };
    expect(await platform.revokeAccess(own)).toEqual({ kind: 'revoked' });
    expect(await platform.readAccess(own)).toEqual({ kind: 'lost' });
    expect(await platform.revokeAccess(own)).toEqual({ kind: 'not_present' });
    await control('admins', { parent: 'locations/4101', email: AGENCY, role: 'MANAGER' });
    expect(await platform.readAccess({ agency: input.agency, asset: location('4101') })).toEqual({
      kind: 'holds',
      level: 'manager',
    });
    await control('remove-admin', { parent: 'locations/4101', email: AGENCY });
    expect(await platform.readAccess({ agency: input.agency, asset: location('4101') })).toEqual({
      kind: 'lost',
    });
  });

  it('a location group of the agency’s as identity: invited by account, accepted on the group', async () => {
    const input = {
      clientToken: await client(),
      agency: await agency('accounts/8020'),
      asset: location('4101'),
      level: 'manager',
    };
    expect((await platform.grantAccess(input)).kind).toBe('pending_acceptance');
    expect(admins('locations/4101')).toContainEqual(
      expect.objectContaining({ account: 'accounts/8020', pending: true }),
    );
    expect(await platform.continueGrant?.(input)).toEqual({ kind: 'granted', level: 'manager' });
    expect(await platform.readAccess(input)).toEqual({ kind: 'holds', level: 'manager' });
    // The agency's own token removes its group's entry.
    expect(await platform.revokeAccess({ agency: input.agency, asset: input.asset })).toEqual({
      kind: 'revoked',
    });
    expect(await platform.readAccess(input)).toEqual({ kind: 'lost' });
    const refused = await expectPlatformError(platform.grantAccess({ ...input, asset: group }));
    expect(refused).toMatchObject({ kind: 'invalid', platformCode: 'group_on_account' });
  });

  it('leaves two invitations for locations with the same title to a person', async () => {
    const world = readDefaultWorld();
    const bp = world.businessProfile;
    const twin = {
      ...world,
      businessProfile: {
        ...bp,
        locations: (bp?.locations ?? []).map((l) =>
          l.locationId === '4101' ? { ...l, title: 'Acme Outdoor Berlin' } : l,
        ),
      },
    };
    sb.reset(twin);
    const base = { clientToken: await client(), agency: await agency(), level: 'manager' };
    await platform.grantAccess({ ...base, asset: location('4100') });
    await platform.grantAccess({ ...base, asset: location('4101') });
    const outcome = await platform.continueGrant?.({ ...base, asset: location('4100') });
    expect(outcome?.kind).toBe('pending_acceptance');
    expect(outcome).toMatchObject({ detail: expect.stringContaining('Several invitations') });
    const agencyEntries = [...admins('locations/4100'), ...admins('locations/4101')].filter(
      (a) => a.email === AGENCY,
    );
    expect(agencyEntries.map((a) => a.pending)).toEqual([true, true]);
    sb.reset(readDefaultWorld());
  });

  it('errors: not an owner, unknown level or asset, a missing location, a token without the scope', async () => {
    const agencyId = await agency();
    const sam = await tokenFor(sb.url, MARKETING, SCOPES);
    const denied = await expectPlatformError(
      platform.grantAccess({
        clientToken: sam,
        agency: agencyId,
        asset: location('4101'),
        level: 'manager',
      }),
    );
    expect(denied.kind).toBe('permission');
    const base = { clientToken: await client(), agency: agencyId };
    for (const [asset, level] of [
      [group, 'site_manager'],
      [location('4100'), 'primary_owner'],
      [location('4100'), 'OWNER'],
      [location('abc'), 'manager'],
      [{ type: 'business_profile', id: '4100' }, 'manager'],
    ] as [AssetRef, string][]) {
      const bad = await expectPlatformError(platform.grantAccess({ ...base, asset, level }));
      expect(bad.kind, `${asset.type} ${asset.id} ${level}`).toBe('invalid');
    }
    const missing = await expectPlatformError(
      platform.grantAccess({ ...base, asset: location('999999'), level: 'manager' }),
    );
    expect(missing.kind).toBe('not_found');
    const noScope = await tokenFor(sb.url, OWNER, [`${G}analytics.readonly`, 'openid', 'email']);
    const scope = await expectPlatformError(platform.listClientAssets(noScope));
    expect(scope.kind).toBe('permission');
    expect(writes()).toBe(0);
  });
});
