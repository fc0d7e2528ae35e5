/**
 * What the Google connectors share: Google OAuth wiring (authorization URL, code exchange,
 * refresh, RFC 7009 revoke) and, for the APIs reached through Google's own Node clients with a
 * `rootUrl` (GA4 Admin, Tag Manager), the whole `Platform` around four API functions.
 */
import { DEFAULT_TIMEOUT_MS, type FetchLike } from '../http.ts';
import type { GrantOutcome, PlatformManifest, RevokeOutcome } from '../types.ts';
import type {
  AccessReading,
  AgencyIdentity,
  AssetAccessReading,
  AssetRef,
  ClientAssetListing,
} from '../types.ts';
import {
  buildGoogleAuthorizationUrl,
  exchangeGoogleCode,
  fetchGoogleEmail,
  refreshGoogleToken,
  revokeGoogleToken,
  type GoogleOAuthDeps,
  type GoogleOAuthUrls,
} from './oauth.ts';
import type { GooglePlatform } from './platform.ts';

/** Configuration of a connector over a Google Node client. */
export interface GoogleClientConnectorConfig {
  readonly baseUrls: GoogleOAuthUrls;
  /** The API's Google root URL, or the Google sandbox root. */
  readonly rootUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly fetch?: FetchLike;
  readonly now?: () => Date;
  readonly timeoutMs?: number;
}

/** What the API functions of a client-based connector receive. */
export interface GoogleClientApiDeps {
  readonly rootUrl: string;
  readonly timeoutMs: number;
  readonly fetch?: FetchLike | undefined;
}

/** The four API functions a client-based connector plugs in, with its manifest. */
export interface GoogleClientApi {
  readonly manifest: PlatformManifest;
  list(deps: GoogleClientApiDeps, clientToken: string, email: string): Promise<ClientAssetListing>;
  grant(
    deps: GoogleClientApiDeps,
    input: { clientToken: string; agency: AgencyIdentity; asset: AssetRef; level: string },
  ): Promise<GrantOutcome>;
  read(deps: GoogleClientApiDeps, agency: AgencyIdentity, asset: AssetRef): Promise<AccessReading>;
  revoke(
    deps: GoogleClientApiDeps,
    input: { agency: AgencyIdentity; clientToken?: string; asset: AssetRef },
  ): Promise<RevokeOutcome>;
  /** Optional: the effective-access explainer's read (GA4, Tag Manager). */
  explain?(
    deps: GoogleClientApiDeps,
    agency: AgencyIdentity,
    asset: AssetRef,
  ): Promise<AssetAccessReading>;
}

/** The OAuth/token half of every Google connector, over the given OAuth deps. */
export function googleTokenMethods(
  oauth: GoogleOAuthDeps,
): Pick<GooglePlatform, 'authorizationUrl' | 'exchangeCode' | 'refreshTokens' | 'revokeToken'> {
  return {
    authorizationUrl: (request) => buildGoogleAuthorizationUrl(oauth, request),
    exchangeCode: (input) => exchangeGoogleCode(oauth, input),
    refreshTokens: (refreshToken) => refreshGoogleToken(oauth, refreshToken),
    revokeToken: (token) => revokeGoogleToken(oauth, token),
  };
}

/** Creates a connector over a Google Node client from injected configuration and its API. */
export function createGoogleClientConnector(
  config: GoogleClientConnectorConfig,
  api: GoogleClientApi,
): GooglePlatform {
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const oauth: GoogleOAuthDeps = {
    urls: config.baseUrls,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    fetch: config.fetch ?? ((input, init) => fetch(input, init)),
    now: config.now ?? (() => new Date()),
    timeoutMs,
    defaultRetryAfterMs: api.manifest.rateLimit.defaultRetryAfterMs,
  };
  const deps: GoogleClientApiDeps = { rootUrl: config.rootUrl, timeoutMs, fetch: config.fetch };
  const explain = api.explain?.bind(api);
  return {
    manifest: api.manifest,
    ...googleTokenMethods(oauth),
    listClientAssets: async (clientToken) =>
      api.list(deps, clientToken, await fetchGoogleEmail(oauth, clientToken)),
    // The agency's identity here is its Google account itself (grants name the email).
    listAgencyBusinesses: async (agencyToken) => {
      const email = await fetchGoogleEmail(oauth, agencyToken);
      return [{ id: email, name: email, isAdmin: true }];
    },
    grantAccess: (input) => api.grant(deps, input),
    readAccess: (input) => api.read(deps, input.agency, input.asset),
    revokeAccess: (input) => api.revoke(deps, input),
    ...(explain ? { readAssetAccess: (input) => explain(deps, input.agency, input.asset) } : {}),
  };
}
