/**
 * The Google Ads connector: the `Platform` interface over Google Ads REST (there is no REST
 * client in the @googleapis packages, so fetch). The agency's identity is its manager account
 * (businessId = customer id) and the agency's own Google token; the client's token accepts.
 */
import { DEFAULT_TIMEOUT_MS, type FetchLike, type HttpOptions } from '../http.ts';
import { PlatformError } from '../errors.ts';
import { googleTokenMethods } from '../google/client-connector.ts';
import {
  fetchGoogleEmail,
  GOOGLE_OAUTH_URLS,
  type GoogleOAuthDeps,
  type GoogleOAuthUrls,
} from '../google/oauth.ts';
import type { GooglePlatform } from '../google/platform.ts';
import type { AssetRef } from '../types.ts';
import { readAdsAssetAccess } from './access-reading.ts';
import type { AdsApiDeps } from './api.ts';
import { customerId, endLink, grantLink, readLink } from './links.ts';
import { listAdsAccounts } from './listing.ts';
import { googleAdsManifest } from './manifest.ts';

export interface GoogleAdsConnectorConfig {
  readonly baseUrls: GoogleOAuthUrls & {
    /** https://googleads.googleapis.com, or the Google sandbox root. */
    readonly ads: string;
  };
  readonly clientId: string;
  readonly clientSecret: string;
  readonly developerToken: string;
  /** The API version in paths; v24 by default (google-api.md item 2). */
  readonly apiVersion?: string;
  readonly fetch?: FetchLike;
  readonly now?: () => Date;
  readonly timeoutMs?: number;
}

export const GOOGLE_ADS_BASE_URLS = {
  ...GOOGLE_OAUTH_URLS,
  ads: 'https://googleads.googleapis.com',
} as const;

function adsAsset(asset: AssetRef): string {
  if (asset.type !== 'ad_account')
    throw new PlatformError('invalid', `Unknown Google Ads asset type ${asset.type}`, 'bad_type');
  return customerId(asset.id);
}

/** Creates the Google Ads connector from injected configuration. */
export function createGoogleAdsConnector(config: GoogleAdsConnectorConfig): GooglePlatform {
  const http: HttpOptions = {
    fetch: config.fetch ?? ((input, init) => fetch(input, init)),
    now: config.now ?? (() => new Date()),
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    defaultRetryAfterMs: googleAdsManifest.rateLimit.defaultRetryAfterMs,
  };
  const oauth: GoogleOAuthDeps = {
    ...http,
    urls: config.baseUrls,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
  };
  const deps: AdsApiDeps = {
    http,
    baseUrl: config.baseUrls.ads,
    version: config.apiVersion ?? 'v24',
    developerToken: config.developerToken,
  };
  return {
    manifest: googleAdsManifest,
    ...googleTokenMethods(oauth),
    listClientAssets: async (clientToken) =>
      listAdsAccounts(deps, clientToken, await fetchGoogleEmail(oauth, clientToken)),
    grantAccess: (input) =>
      grantLink(deps, {
        clientToken: input.clientToken,
        agency: input.agency,
        clientId: adsAsset(input.asset),
      }),
    readAccess: (input) => readLink(deps, input.agency, adsAsset(input.asset)),
    revokeAccess: (input) =>
      endLink(deps, {
        agency: input.agency,
        clientId: adsAsset(input.asset),
        ...(input.clientToken !== undefined ? { clientToken: input.clientToken } : {}),
      }),
    readAssetAccess: (input) => readAdsAssetAccess(deps, input.agency, adsAsset(input.asset)),
  };
}
