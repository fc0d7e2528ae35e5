/**
 * The Shopify connector: no sign-in and no API call at all (other-platforms.md §10). The grant is
 * the guided step; reading and removing collaborator access are a person's job, and say so.
 */
import { PlatformError } from '../errors.ts';
import { guidedGrant, guidedListing, manualRevoke, notReadable } from '../manual/guided.ts';
import type { Platform } from '../types.ts';
import { shopifyManifest } from './manifest.ts';

const noSignIn = () =>
  new PlatformError('invalid', 'Shopify has no sign-in in Latchkey', 'no_sign_in');

/** Creates the Shopify connector (it needs no configuration). */
export function createShopifyConnector(): Platform {
  const name = shopifyManifest.name;
  return {
    manifest: shopifyManifest,
    authorizationUrl: () => {
      throw noSignIn();
    },
    exchangeCode: () => Promise.reject(noSignIn()),
    listClientAssets: () => Promise.resolve(guidedListing(name)),
    grantAccess: (input) => guidedGrant('shopify', input, { agencyEmail: false }),
    readAccess: () => Promise.reject(notReadable(name)),
    revokeAccess: () =>
      Promise.reject(manualRevoke(name, 'the Shopify admin: Settings › Users and permissions')),
  };
}
