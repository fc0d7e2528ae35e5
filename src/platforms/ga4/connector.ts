/**
 * The GA4 connector: the `Platform` interface over the GA4 Admin API through Google's own client
 * (@googleapis/analyticsadmin) with `rootUrl` (Google, or the sandbox root). The agency's identity
 * is its Google account email (businessId) and that account's own token.
 */
import { DEFAULT_TIMEOUT_MS, type FetchLike } from '../http.ts';
import {
  buildGoogleAuthorizationUrl,
  exchangeGoogleCode,
  fetchGoogleEmail,
  GOOGLE_OAUTH_URLS,
  refreshGoogleToken,
  revokeGoogleToken,
  type GoogleOAuthDeps,
  type GoogleOAuthUrls,
} from '../google/oauth.ts';
import type { GooglePlatform } from '../google/platform.ts';
import { grantGa4, readGa4, revokeGa4 } from './access.ts';
import type { Ga4ApiDeps } from './api.ts';
import { listGa4Assets } from './listing.ts';
import { ga4Manifest } from './manifest.ts';

export interface Ga4ConnectorConfig {
  readonly baseUrls: GoogleOAuthUrls;
  /** https://analyticsadmin.googleapis.com/ or the Google sandbox root. */
  readonly rootUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly fetch?: FetchLike;
  readonly now?: () => Date;
  readonly timeoutMs?: number;
}

export const GA4_ROOT_URL = 'https://analyticsadmin.googleapis.com/';
export { GOOGLE_OAUTH_URLS };

/** Creates the GA4 connector from injected configuration. */
export function createGa4Connector(config: Ga4ConnectorConfig): GooglePlatform {
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fetchImpl = config.fetch ?? ((input, init) => fetch(input, init));
  const oauth: GoogleOAuthDeps = {
    urls: config.baseUrls,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    fetch: fetchImpl,
    now: config.now ?? (() => new Date()),
    timeoutMs,
    defaultRetryAfterMs: ga4Manifest.rateLimit.defaultRetryAfterMs,
  };
  const deps: Ga4ApiDeps = { rootUrl: config.rootUrl, timeoutMs, fetch: config.fetch };
  return {
    manifest: ga4Manifest,
    authorizationUrl: (request) => buildGoogleAuthorizationUrl(oauth, request),
    exchangeCode: (input) => exchangeGoogleCode(oauth, input),
    refreshTokens: (refreshToken) => refreshGoogleToken(oauth, refreshToken),
    revokeToken: (token) => revokeGoogleToken(oauth, token),
    listClientAssets: async (clientToken) =>
      listGa4Assets(deps, clientToken, await fetchGoogleEmail(oauth, clientToken)),
    grantAccess: (input) => grantGa4(deps, input),
    readAccess: (input) => readGa4(deps, input.agency, input.asset),
    revokeAccess: (input) => revokeGa4(deps, input),
  };
}
