/**
 * The Tag Manager connector: the `Platform` interface over Tag Manager v2 through Google's own client
 * (@googleapis/tagmanager) with `rootUrl` (Google, or the sandbox root). The agency's identity
 * is its Google account email (businessId) and that account's own token.
 */
import { GOOGLE_OAUTH_URLS } from '../google/oauth.ts';
import {
  createGoogleClientConnector,
  type GoogleClientConnectorConfig,
} from '../google/client-connector.ts';
import type { GooglePlatform } from '../google/platform.ts';
import { grantGtm, readGtm, revokeGtm } from './access.ts';
import { readGtmAssetAccess } from './access-reading.ts';
import { listGtmAssets } from './listing.ts';
import { gtmManifest } from './manifest.ts';

export interface GtmConnectorConfig extends GoogleClientConnectorConfig {
  /** https://tagmanager.googleapis.com/ or the Google sandbox root. */
  readonly rootUrl: string;
}

export const GTM_ROOT_URL = 'https://tagmanager.googleapis.com/';
export { GOOGLE_OAUTH_URLS };

/** Creates the Tag Manager connector from injected configuration. */
export function createGtmConnector(config: GtmConnectorConfig): GooglePlatform {
  return createGoogleClientConnector(config, {
    manifest: gtmManifest,
    list: listGtmAssets,
    grant: grantGtm,
    read: readGtm,
    revoke: revokeGtm,
    explain: readGtmAssetAccess,
  });
}
