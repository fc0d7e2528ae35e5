/**
 * The X Ads connector: OAuth 1.0a sign-in for the agency's own X account (its @handle is where the
 * client adds access), the guided step as the grant, and the read-back through the Ads API's
 * authenticated_user_access with the agency's token. Removal is a person's step in ads manager.
 */
import { DEFAULT_TIMEOUT_MS, type FetchLike } from '../http.ts';
import { PlatformError } from '../errors.ts';
import { guidedGrant, guidedListing, manualRevoke } from '../manual/guided.ts';
import type { AccessReading, Platform } from '../types.ts';
import { getAuthenticatedUserAccess, type XApiDeps } from './api.ts';
import { X_PERMISSIONS, xAdsManifest, type XLevel } from './manifest.ts';
import {
  exchangeXVerifier,
  packXToken,
  requestXToken,
  unpackXToken,
  type XOAuthDeps,
} from './oauth.ts';

export interface XAdsConnectorConfig {
  readonly baseUrls: {
    /** https://api.x.com (OAuth 1.0a), or the sandbox's URL. */
    readonly auth: string;
    /** https://ads-api.x.com/12, or `<sandbox>/12`. */
    readonly ads: string;
  };
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly fetch?: FetchLike;
  readonly now?: () => Date;
  readonly timeoutMs?: number;
}

export const X_ADS_BASE_URLS = {
  auth: 'https://api.x.com',
  ads: 'https://ads-api.x.com/12',
} as const;

/** The sandbox's base URLs from its own URL. */
export function xAdsSandboxBaseUrls(sandboxUrl: string): XAdsConnectorConfig['baseUrls'] {
  const root = sandboxUrl.replace(/\/+$/, '');
  return { auth: root, ads: `${root}/12` };
}

/** Our levels, lowest first, and X's name for each. */
const LEVELS = Object.keys(X_PERMISSIONS) as XLevel[];

/** The highest of our levels among X's permissions; null when none is an access level. */
export function levelOf(permissions: readonly string[]): XLevel | null {
  let best: XLevel | null = null;
  for (const level of LEVELS)
    if (permissions.includes(X_PERMISSIONS[level].permission)) best = level;
  return best;
}

/** Creates the X Ads connector from injected configuration. */
export function createXAdsConnector(config: XAdsConnectorConfig): Platform {
  const name = xAdsManifest.name;
  const fetchFn: FetchLike = config.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const oauth: XOAuthDeps = {
    authBaseUrl: config.baseUrls.auth,
    consumerKey: config.consumerKey,
    consumerSecret: config.consumerSecret,
    fetch: fetchFn,
    timeoutMs,
  };
  const api: XApiDeps = {
    adsBaseUrl: config.baseUrls.ads,
    consumerKey: config.consumerKey,
    consumerSecret: config.consumerSecret,
    fetch: fetchFn,
    timeoutMs,
    now: config.now ?? (() => new Date()),
    defaultRetryAfterMs: xAdsManifest.rateLimit.defaultRetryAfterMs,
  };
  return {
    manifest: xAdsManifest,
    authorizationUrl: () => {
      // OAuth 1.0a starts with a signed call, not a URL: see startRequestToken.
      throw new PlatformError(
        'invalid',
        'X signs in with OAuth 1.0a: start with a request token',
        'oauth1',
      );
    },
    startRequestToken: ({ redirectUri }) => requestXToken(oauth, redirectUri),
    exchangeCode: async ({ code, codeVerifier, requestToken }) => {
      if (codeVerifier === undefined || requestToken === undefined)
        throw new PlatformError('invalid', 'X sign-in answer without its request token', 'oauth1');
      const token = await exchangeXVerifier(oauth, {
        requestToken,
        requestTokenSecret: codeVerifier,
        verifier: code,
      });
      return { accessToken: packXToken(token), scopes: [], grantedIds: [token.userId] };
    },
    // The agency's X account is the one identity it has there: its @handle.
    listAgencyBusinesses: (agencyToken) => {
      const token = unpackXToken(agencyToken);
      return Promise.resolve([{ id: token.handle, name: `@${token.handle}`, isAdmin: true }]);
    },
    listClientAssets: () => Promise.resolve(guidedListing(name)),
    grantAccess: (input) => guidedGrant('x_ads', input, { agencyEmail: true }),
    readAccess: async ({ agency, asset }): Promise<AccessReading> => {
      const token = unpackXToken(agency.accessToken);
      try {
        const access = await getAuthenticatedUserAccess(api, token, asset.id);
        const level = levelOf(access.permissions);
        return level === null ? { kind: 'lost' } : { kind: 'holds', level };
      } catch (error) {
        // No access reads as 403 or 404 (x-ads-api.md facts item 5): the agency holds nothing.
        if (
          error instanceof PlatformError &&
          (error.kind === 'permission' || error.kind === 'not_found')
        )
          return { kind: 'lost' };
        throw error;
      }
    },
    revokeAccess: () =>
      Promise.reject(
        manualRevoke(name, 'X ads manager (ads.x.com): account menu › Edit access to account'),
      ),
  };
}
