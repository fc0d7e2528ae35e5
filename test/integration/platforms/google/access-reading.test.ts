// The Google connectors' effective-access reads against the Google sandbox over loopback HTTP:
// Google Ads (the manager link and the manager's users with their access roles), GA4 (the
// agency's bindings on a property and on the account above it) and Tag Manager (the agency's
// user permission, exact for an account admin, the least it can see otherwise).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGa4Connector } from '../../../../src/platforms/ga4/connector.ts';
import { createGoogleAdsConnector } from '../../../../src/platforms/google-ads/connector.ts';
import type { GoogleSandbox } from '../../../../src/platforms/google/sandbox/index.ts';
import { createGtmConnector } from '../../../../src/platforms/gtm/connector.ts';
import type { AgencyIdentity, Platform } from '../../../../src/platforms/types.ts';
import {
  adsHeaders,
  AGENCY,
  api,
  APP,
  CLIENT_ADS,
  DEV_TOKEN,
  G,
  MANAGER,
  OWNER,
  startSandbox,
  tokenFor,
} from './helpers.ts';

const ANALYST = 'omar@northwind-media.example';
const urls = (url: string) => ({ accounts: url, oauth2: url, openid: url });
const app = { clientId: APP.clientId, clientSecret: APP.clientSecret };

let sb: GoogleSandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(async () => sb.close());
beforeEach(() => sb.reset());

const scopesOf = (platform: Platform) => [...(platform.manifest.oauth?.scopes ?? [])];
async function agencyOf(platform: Platform, businessId: string): Promise<AgencyIdentity> {
  return { businessId, accessToken: await tokenFor(sb.url, AGENCY, scopesOf(platform)) };
}

describe('Google Ads', () => {
  const ads = () =>
    createGoogleAdsConnector({
      baseUrls: { ...urls(sb.url), ads: sb.url },
      ...app,
      developerToken: DEV_TOKEN,
    });
  const asset = { type: 'ad_account', id: CLIENT_ADS };

  it('the sandbox lists a customer’s users with their access roles (customer_user_access)', async () => {
    const token = await tokenFor(sb.url, AGENCY, [`${G}adwords`]);
    const res = await api(sb.url, 'POST', `/v24/customers/${MANAGER}/googleAds:search`, token, {
      headers: adsHeaders(MANAGER),
      body: {
        query:
          'SELECT customer_user_access.user_id, customer_user_access.email_address, customer_user_access.access_role FROM customer_user_access',
      },
    });
    expect(res.status).toBe(200);
    const rows = res.body.results as { customerUserAccess: unknown }[];
    expect(rows.map((r) => r.customerUserAccess)).toEqual([
      expect.objectContaining({ emailAddress: AGENCY, accessRole: 'ADMIN' }),
      expect.objectContaining({ emailAddress: ANALYST, accessRole: 'READ_ONLY' }),
    ]);
  });

  it('every user of the manager reaches a linked account with their own role; email-only users do not', async () => {
    const platform = ads();
    const agency = await agencyOf(platform, MANAGER);
    const clientToken = await tokenFor(sb.url, OWNER, scopesOf(platform));
    expect(await platform.readAssetAccess!({ agency, asset })).toMatchObject({
      holding: null,
      paths: [],
    });
    await platform.grantAccess({ clientToken, agency, asset, level: 'manager_link' });
    sb.model.state.ads.access.push({
      email: 'lead@rival-agency.example',
      customerId: MANAGER,
      role: 'EMAIL_ONLY',
    });
    const reading = await platform.readAssetAccess!({ agency, asset });
    expect(reading.holding).toEqual({
      relation: 'manager_link',
      status: 'holds',
      levels: ['manager_link'],
      sourceName: null,
    });
    const business = { id: MANAGER, relation: 'manager_link', sourceName: null };
    expect(reading.paths).toEqual([
      {
        person: { id: expect.any(String), name: null, email: AGENCY },
        business,
        businessRole: 'ADMIN',
        reason: 'business_member',
        levels: ['ADMIN'],
      },
      {
        person: { id: expect.any(String), name: null, email: ANALYST },
        business,
        businessRole: 'READ_ONLY',
        reason: 'business_member',
        levels: ['READ_ONLY'],
      },
    ]);
    expect(reading.limits.join(' ')).toContain('email-only');
  });

  it('an invitation the client has not accepted: pending, nobody reaches it yet', async () => {
    const platform = ads();
    const agency = await agencyOf(platform, MANAGER);
    const invited = await api(
      sb.url,
      'POST',
      `/v24/customers/${MANAGER}/customerClientLinks:mutate`,
      agency.accessToken,
      {
        headers: adsHeaders(MANAGER),
        body: {
          operation: { create: { clientCustomer: `customers/${CLIENT_ADS}`, status: 'PENDING' } },
        },
      },
    );
    expect(invited.status).toBe(200);
    const reading = await platform.readAssetAccess!({ agency, asset });
    expect(reading.holding?.status).toBe('pending');
    expect(reading.paths).toEqual([]);
  });
});

describe('GA4', () => {
  const ga4 = () => createGa4Connector({ baseUrls: urls(sb.url), rootUrl: sb.url, ...app });
  const property = { type: 'ga4_property', id: '300100' };
  const account = { type: 'ga4_account', id: '200100' };

  it('a binding on the property, then one on the account above it: two paths, the higher role holds', async () => {
    const platform = ga4();
    const agency = await agencyOf(platform, AGENCY);
    const clientToken = await tokenFor(sb.url, OWNER, scopesOf(platform));
    await platform.grantAccess({ clientToken, agency, asset: property, level: 'editor' });
    const person = { id: AGENCY, name: null, email: AGENCY };
    const business = { id: AGENCY, relation: 'access_binding', sourceName: 'Acme Outdoor' };
    const first = await platform.readAssetAccess!({ agency, asset: property });
    expect(first.holding).toEqual({
      relation: 'access_binding',
      status: 'holds',
      levels: ['editor'],
      sourceName: 'Acme Outdoor',
    });
    expect(first.paths).toEqual([
      { person, business, businessRole: 'editor', reason: 'asset_assignment', levels: ['editor'] },
    ]);
    // The other property of the account is not held: the binding is on one property only.
    expect(
      (await platform.readAssetAccess!({ agency, asset: { ...property, id: '300101' } })).holding,
    ).toBeNull();

    await platform.grantAccess({ clientToken, agency, asset: account, level: 'admin' });
    const both = await platform.readAssetAccess!({ agency, asset: property });
    expect(both.holding?.levels).toEqual(['admin']);
    expect(both.paths).toEqual([
      { person, business, businessRole: 'editor', reason: 'asset_assignment', levels: ['editor'] },
      {
        person,
        business,
        businessRole: 'admin',
        reason: 'parent_access',
        via: '200100',
        levels: ['admin'],
      },
    ]);
    const other = await platform.readAssetAccess!({ agency, asset: { ...property, id: '300101' } });
    expect(other.paths.map((p) => p.reason)).toEqual(['parent_access']);
  });
});

describe('Tag Manager', () => {
  const gtm = () => createGtmConnector({ baseUrls: urls(sb.url), rootUrl: sb.url, ...app });
  const container = { type: 'gtm_container', id: '7001', ownerId: '6001' };

  it('a container permission: the least level seen as a plain user, the exact one as account admin', async () => {
    const platform = gtm();
    const agency = await agencyOf(platform, AGENCY);
    const clientToken = await tokenFor(sb.url, OWNER, scopesOf(platform));
    expect((await platform.readAssetAccess!({ agency, asset: container })).holding).toBeNull();
    await platform.grantAccess({ clientToken, agency, asset: container, level: 'publish' });
    const plain = await platform.readAssetAccess!({ agency, asset: container });
    expect(plain.holding).toMatchObject({ levels: ['read'], sourceName: 'Acme Outdoor' });
    expect(plain.paths).toMatchObject([{ businessRole: 'user', levels: ['read'], via: '6001' }]);
    expect(plain.limits.join(' ')).toContain('Only account administrators');

    await platform.grantAccess({
      clientToken,
      agency,
      asset: { type: 'gtm_account', id: '6001' },
      level: 'admin',
    });
    const exact = await platform.readAssetAccess!({ agency, asset: container });
    expect(exact.holding).toEqual({
      relation: 'user_permission',
      status: 'holds',
      levels: ['publish'],
      sourceName: 'Acme Outdoor',
    });
    expect(exact.paths).toEqual([
      {
        person: { id: AGENCY, name: null, email: AGENCY },
        business: { id: AGENCY, relation: 'user_permission', sourceName: 'Acme Outdoor' },
        businessRole: 'admin',
        reason: 'asset_assignment',
        via: '6001',
        levels: ['publish'],
      },
    ]);
    expect(exact.limits.join(' ')).not.toContain('Only account administrators');
  });
});
