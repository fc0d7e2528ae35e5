// The shared connector contract for the three Google connectors, each against the Google sandbox
// over loopback HTTP (GA4 and GTM through the real @googleapis clients with rootUrl).
import { createGa4Connector } from '../../../../src/platforms/ga4/connector.ts';
import { createGoogleAdsConnector } from '../../../../src/platforms/google-ads/connector.ts';
import type { GoogleSandbox } from '../../../../src/platforms/google/sandbox/index.ts';
import { createGtmConnector } from '../../../../src/platforms/gtm/connector.ts';
import type { AssetRef, Platform } from '../../../../src/platforms/types.ts';
import { describeConnectorContract, type ConnectorContractFixture } from '../connector-contract.ts';
import {
  AGENCY,
  APP,
  authorize,
  CLIENT_ADS,
  DEV_TOKEN,
  G,
  MANAGER,
  OWNER,
  REDIRECT,
  startSandbox,
  tokenFor,
} from './helpers.ts';

const urls = (url: string) => ({ accounts: url, oauth2: url, openid: url });
const app = { clientId: APP.clientId, clientSecret: APP.clientSecret };

interface Spec {
  build: (url: string) => Platform;
  agency: { businessId: (url: string) => string; scopes: string[] };
  apiAsset: { asset: AssetRef; level: string };
  /** Log entries that are grant writes. */
  isWrite: (e: { method: string; path: string; status: number }) => boolean;
}

function fixture(spec: Spec): () => Promise<ConnectorContractFixture> {
  return async () => {
    const sb: GoogleSandbox = await startSandbox();
    const platform = spec.build(sb.url);
    return {
      platform,
      redirectUri: REDIRECT,
      authorizeClient: () => authorize(sb.url, OWNER, [...platform.manifest.oauth!.scopes]),
      agency: async () => ({
        businessId: spec.agency.businessId(sb.url),
        accessToken: await tokenFor(sb.url, AGENCY, spec.agency.scopes),
      }),
      apiAsset: spec.apiAsset,
      acceptPending: async () => undefined,
      grantWriteCount: async () =>
        sb.runtime.log.filter((e) => e.status < 300 && spec.isWrite(e)).length,
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
  };
}

describeConnectorContract(
  'google_ads',
  fixture({
    build: (url) =>
      createGoogleAdsConnector({
        baseUrls: { ...urls(url), ads: url },
        ...app,
        developerToken: DEV_TOKEN,
      }),
    agency: { businessId: () => MANAGER, scopes: [`${G}adwords`] },
    apiAsset: { asset: { type: 'ad_account', id: CLIENT_ADS }, level: 'manager_link' },
    isWrite: (e) => e.method === 'POST' && e.path.endsWith('/customerClientLinks:mutate'),
  }),
);

describeConnectorContract(
  'ga4',
  fixture({
    build: (url) => createGa4Connector({ baseUrls: urls(url), rootUrl: url, ...app }),
    agency: {
      businessId: () => AGENCY,
      scopes: [`${G}analytics.readonly`, `${G}analytics.manage.users.readonly`],
    },
    apiAsset: { asset: { type: 'ga4_property', id: '300100' }, level: 'analyst' },
    isWrite: (e) =>
      (e.method === 'POST' || e.method === 'PATCH') && e.path.includes('/accessBindings'),
  }),
);

describeConnectorContract(
  'gtm',
  fixture({
    build: (url) => createGtmConnector({ baseUrls: urls(url), rootUrl: url, ...app }),
    agency: {
      businessId: () => AGENCY,
      scopes: [`${G}tagmanager.readonly`, `${G}tagmanager.manage.users`],
    },
    apiAsset: { asset: { type: 'gtm_account', id: '6001' }, level: 'user' },
    isWrite: (e) =>
      (e.method === 'POST' || e.method === 'PUT') && e.path.includes('/user_permissions'),
  }),
);
