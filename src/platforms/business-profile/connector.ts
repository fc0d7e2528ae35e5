/**
 * The Google Business Profile connector: the `Platform` interface over the My Business Account
 * Management API through Google's own client with `rootUrl` (Google, or the sandbox root), plus
 * the Business Information API's locations list. The agency's identity is its Google account
 * email (or one of its location groups, `accounts/{id}`) and that account's own token.
 */
import { DEFAULT_TIMEOUT_MS } from '../http.ts';
import {
  googleTokenMethods,
  type GoogleClientConnectorConfig,
} from '../google/client-connector.ts';
import { fetchGoogleEmail, type GoogleOAuthDeps } from '../google/oauth.ts';
import type { GooglePlatform } from '../google/platform.ts';
import {
  acceptBusinessProfile,
  grantBusinessProfile,
  readBusinessProfile,
  revokeBusinessProfile,
} from './access.ts';
import { listAccounts, type BusinessProfileApiDeps } from './api.ts';
import { listBusinessProfileAssets } from './listing.ts';
import { businessProfileManifest, levelOfRole } from './manifest.ts';

export interface BusinessProfileConnectorConfig extends GoogleClientConnectorConfig {
  /** https://mybusinessaccountmanagement.googleapis.com/ or the Google sandbox root. */
  readonly rootUrl: string;
  /** https://mybusinessbusinessinformation.googleapis.com/ or the Google sandbox root. */
  readonly informationRootUrl: string;
}

export const BUSINESS_PROFILE_ROOT_URL = 'https://mybusinessaccountmanagement.googleapis.com/';
export const BUSINESS_INFORMATION_ROOT_URL =
  'https://mybusinessbusinessinformation.googleapis.com/';

/** Creates the Business Profile connector from injected configuration. */
export function createBusinessProfileConnector(
  config: BusinessProfileConnectorConfig,
): GooglePlatform {
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const oauth: GoogleOAuthDeps = {
    urls: config.baseUrls,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    fetch: config.fetch ?? ((input, init) => fetch(input, init)),
    now: config.now ?? (() => new Date()),
    timeoutMs,
    defaultRetryAfterMs: businessProfileManifest.rateLimit.defaultRetryAfterMs,
  };
  const deps: BusinessProfileApiDeps = {
    rootUrl: config.rootUrl,
    informationRootUrl: config.informationRootUrl,
    timeoutMs,
    fetch: config.fetch,
  };
  return {
    manifest: businessProfileManifest,
    ...googleTokenMethods(oauth),
    listClientAssets: async (clientToken) =>
      listBusinessProfileAssets(deps, clientToken, await fetchGoogleEmail(oauth, clientToken)),
    // Where invitations may go: the agency's Google account, or a location group it owns.
    listAgencyBusinesses: async (agencyToken) => {
      const email = await fetchGoogleEmail(oauth, agencyToken);
      const groups = (await listAccounts(deps, agencyToken)).filter(
        (a) => a.type === 'LOCATION_GROUP' && a.name && levelOfRole(a.role) === 'owner',
      );
      return [
        { id: email, name: email, isAdmin: true },
        ...groups.map((g) => ({
          id: g.name as string,
          name: g.accountName ?? (g.name as string),
          isAdmin: true,
        })),
      ];
    },
    grantAccess: (input) => grantBusinessProfile(deps, input),
    continueGrant: (input) => acceptBusinessProfile(deps, input),
    readAccess: (input) => readBusinessProfile(deps, input.agency, input.asset),
    revokeAccess: (input) => revokeBusinessProfile(deps, input),
  };
}
