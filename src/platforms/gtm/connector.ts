/**
 * The Tag Manager connector: the `Platform` interface over Tag Manager v2 through Google's own client
 * (@googleapis/tagmanager) with `rootUrl` (Google, or the sandbox root). The agency's identity
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
import { grantGtm, readGtm, revokeGtm } from './access.ts';
import type { GtmApiDeps } from './api.ts';
import { listGtmAssets } from './listing.ts';
import { gtmManifest } from './manifest.ts';

export interface GtmConnectorConfig {
  readonly baseUrls: GoogleOAuthUrls;
  /** https://tagmanager.googleapis.com/ or the Google sandbox root. */
  readonly rootUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly fetch?: FetchLike;
  readonly now?: () => Date;
  readonly timeoutMs?: number;
}

export const GTM_ROOT_URL = 'https://tagmanager.googleapis.com/';
export { GOOGLE_OAUTH_URLS };

/** Creates the Tag Manager connector from injected configuration. */
export function createGtmConnector(config: GtmConnectorConfig): GooglePlatform {
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fetchImpl = config.fetch ?? ((input, init) => fetch(input, init));
  const oauth: GoogleOAuthDeps = {
    urls: config.baseUrls,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    fetch: fetchImpl,
    now: config.now ?? (() => new Date()),
    timeoutMs,
    defaultRetryAfterMs: gtmManifest.rateLimit.defaultRetryAfterMs,
  };
  const deps: GtmApiDeps = { rootUrl: config.rootUrl, timeoutMs, fetch: config.fetch };
  return {
    manifest: gtmManifest,
    authorizationUrl: (request) => buildGoogleAuthorizationUrl(oauth, request),
    exchangeCode: (input) => exchangeGoogleCode(oauth, input),
    refreshTokens: (refreshToken) => refreshGoogleToken(oauth, refreshToken),
    revokeToken: (token) => revokeGoogleToken(oauth, token),
    listClientAssets: async (clientToken) =>
      listGtmAssets(deps, clientToken, await fetchGoogleEmail(oauth, clientToken)),
    grantAccess: (input) => grantGtm(deps, input),
    readAccess: (input) => readGtm(deps, input.agency, input.asset),
    revokeAccess: (input) => revokeGtm(deps, input),
  };
}
