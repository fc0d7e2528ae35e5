/**
 * The Search Console connector: Google sign-in for the agency's own connection (its email is where
 * the client adds a user), the guided step as the grant, and the read-back through Google's client
 * @googleapis/searchconsole (`sites.get`, verifySearchConsoleAccess) with the agency's token.
 * `owner` counts as `full` (an owner can do everything a full user can).
 */
import {
  createGoogleClientConnector,
  type GoogleClientConnectorConfig,
} from '../google/client-connector.ts';
import type { GooglePlatform } from '../google/platform.ts';
import { guidedGrant, guidedListing, manualRevoke } from '../manual/guided.ts';
import { verifySearchConsoleAccess } from '../manual/search-console.ts';
import { searchConsoleManifest } from './manifest.ts';

export type SearchConsoleConnectorConfig = GoogleClientConnectorConfig;

export const SEARCH_CONSOLE_ROOT_URL = 'https://searchconsole.googleapis.com/';

/** Creates the Search Console connector from injected configuration. */
export function createSearchConsoleConnector(config: SearchConsoleConnectorConfig): GooglePlatform {
  const name = searchConsoleManifest.name;
  return createGoogleClientConnector(config, {
    manifest: searchConsoleManifest,
    list: () => Promise.resolve(guidedListing(name)),
    grant: (_deps, input) => guidedGrant('search_console', input, { agencyEmail: true }),
    read: async (deps, agency, asset) => {
      const reading = await verifySearchConsoleAccess({
        rootUrl: deps.rootUrl,
        agencyToken: agency.accessToken,
        siteUrl: asset.id,
        timeoutMs: deps.timeoutMs,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      });
      return reading.kind !== 'lost' && reading.level === 'owner'
        ? { ...reading, level: 'full' }
        : reading;
    },
    revoke: () =>
      Promise.reject(manualRevoke(name, 'Search Console: Settings › Users and permissions')),
  });
}
