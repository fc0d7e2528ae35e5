/**
 * The YouTube connector: Google sign-in for the agency's own connection (only to name its Google
 * email in the step) and the guided step as the grant. No API reads or removes channel
 * permissions (other-platforms.md §8): readAccess and revokeAccess say so.
 */
import {
  createGoogleClientConnector,
  type GoogleClientConnectorConfig,
} from '../google/client-connector.ts';
import type { GooglePlatform } from '../google/platform.ts';
import { guidedGrant, guidedListing, manualRevoke, notReadable } from '../manual/guided.ts';
import { youtubeManifest } from './manifest.ts';

export type YouTubeConnectorConfig = GoogleClientConnectorConfig;

/** Creates the YouTube connector from injected configuration. */
export function createYouTubeConnector(config: YouTubeConnectorConfig): GooglePlatform {
  const name = youtubeManifest.name;
  return createGoogleClientConnector(config, {
    manifest: youtubeManifest,
    list: () => Promise.resolve(guidedListing(name)),
    grant: (_deps, input) => guidedGrant('youtube', input, { agencyEmail: true }),
    read: () => Promise.reject(notReadable(name)),
    revoke: () => Promise.reject(manualRevoke(name, 'YouTube Studio: Settings › Permissions')),
  });
}
