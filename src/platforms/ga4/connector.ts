/**
 * The GA4 connector: the `Platform` interface over the GA4 Admin API through Google's own client
 * (@googleapis/analyticsadmin) with `rootUrl` (Google, or the sandbox root). The agency's identity
 * is its Google account email (businessId) and that account's own token.
 */
import { GOOGLE_OAUTH_URLS } from '../google/oauth.ts';
import {
  createGoogleClientConnector,
  type GoogleClientConnectorConfig,
} from '../google/client-connector.ts';
import type { GooglePlatform } from '../google/platform.ts';
import { grantGa4, readGa4, revokeGa4 } from './access.ts';
import { readGa4AssetAccess } from './access-reading.ts';
import { listGa4Assets } from './listing.ts';
import { ga4Manifest } from './manifest.ts';

export interface Ga4ConnectorConfig extends GoogleClientConnectorConfig {
  /** https://analyticsadmin.googleapis.com/ or the Google sandbox root. */
  readonly rootUrl: string;
}

export const GA4_ROOT_URL = 'https://analyticsadmin.googleapis.com/';
export { GOOGLE_OAUTH_URLS };

/** Creates the GA4 connector from injected configuration. */
export function createGa4Connector(config: Ga4ConnectorConfig): GooglePlatform {
  return createGoogleClientConnector(config, {
    manifest: ga4Manifest,
    list: listGa4Assets,
    grant: grantGa4,
    read: readGa4,
    revoke: revokeGa4,
    explain: readGa4AssetAccess,
  });
}
