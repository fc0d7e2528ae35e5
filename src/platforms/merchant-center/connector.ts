/**
 * The Merchant Center connector: the `Platform` interface over the Merchant API accounts sub-API
 * through Google's own client (@googleapis/merchantapi) with `rootUrl` (Google, or the sandbox
 * root). The agency's identity is its Google account email (businessId) and that account's own
 * token, which also verifies the pending user a grant creates (users.me.verifySelf).
 */
import { DEFAULT_TIMEOUT_MS } from '../http.ts';
import {
  createGoogleClientConnector,
  type GoogleClientConnectorConfig,
} from '../google/client-connector.ts';
import { GOOGLE_OAUTH_URLS } from '../google/oauth.ts';
import type { GooglePlatform } from '../google/platform.ts';
import { continueMerchant, grantMerchant, readMerchant, revokeMerchant } from './access.ts';
import { listMerchantAssets } from './listing.ts';
import { merchantCenterManifest } from './manifest.ts';

export interface MerchantCenterConnectorConfig extends GoogleClientConnectorConfig {
  /** https://merchantapi.googleapis.com/ or the Google sandbox root. */
  readonly rootUrl: string;
}

export const MERCHANT_ROOT_URL = 'https://merchantapi.googleapis.com/';
export { GOOGLE_OAUTH_URLS };

/** Creates the Merchant Center connector from injected configuration. */
export function createMerchantCenterConnector(
  config: MerchantCenterConnectorConfig,
): GooglePlatform {
  const deps = {
    rootUrl: config.rootUrl,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    fetch: config.fetch,
  };
  return {
    ...createGoogleClientConnector(config, {
      manifest: merchantCenterManifest,
      list: (d, clientToken) => listMerchantAssets(d, clientToken),
      grant: grantMerchant,
      read: readMerchant,
      revoke: revokeMerchant,
    }),
    // A grant left pending (the agency could not verify at once) is verified at each re-check.
    continueGrant: (input) => continueMerchant(deps, input),
  };
}
