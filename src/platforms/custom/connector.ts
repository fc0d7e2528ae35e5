/**
 * The custom platform's connector: no sign-in and no API call. The grant is the agency's steps
 * (stored on the grant at approval, onboarding-approve.ts); reading and removing access are a
 * person's job, and say so.
 */
import { PlatformError } from '../errors.ts';
import { guidedListing, manualRevoke, notReadable } from '../manual/guided.ts';
import type { Platform } from '../types.ts';
import { customManifest } from './manifest.ts';

const noSignIn = () =>
  new PlatformError('invalid', 'A custom tool has no sign-in in Latchkey', 'no_sign_in');

/** Creates the custom platform's connector (it needs no configuration). */
export function createCustomConnector(): Platform {
  const name = 'this tool';
  return {
    manifest: customManifest,
    authorizationUrl: () => {
      throw noSignIn();
    },
    exchangeCode: () => Promise.reject(noSignIn()),
    listClientAssets: () => Promise.resolve(guidedListing(name)),
    // The approval moves custom grants to their step at once; no job asks for it.
    grantAccess: () =>
      Promise.reject(
        new PlatformError('invalid', 'A custom tool is granted by its steps', 'guided_only'),
      ),
    readAccess: () => Promise.reject(notReadable(name)),
    revokeAccess: () => Promise.reject(manualRevoke(name, 'the tool, as its removal steps say')),
  };
}
