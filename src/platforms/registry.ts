/**
 * The one registry of platforms (STYLE.md 4). `platformManifests` is data only, usable without any
 * configuration (request validation, the web form); `createPlatformRegistry` builds the connectors
 * from injected configuration. The Record type makes the compiler demand every PlatformId.
 */
import { createTikTokConnector, type TikTokConnectorConfig } from './tiktok/connector.ts';
import { tiktokManifest } from './tiktok/manifest.ts';
import { createMetaConnector, type MetaConnectorConfig } from './meta/connector.ts';
import { metaManifest } from './meta/manifest.ts';
import type { Platform, PlatformId, PlatformManifest } from './types.ts';

export interface PlatformRegistryConfig {
  readonly tiktok: TikTokConnectorConfig;
  readonly meta: MetaConnectorConfig;
}

/** Every platform's manifest, keyed by id. */
export const platformManifests: Readonly<Record<PlatformId, PlatformManifest>> = {
  tiktok: tiktokManifest,
  meta: metaManifest,
};

/** Every platform's connector, built from its configuration. */
export function createPlatformRegistry(
  config: PlatformRegistryConfig,
): Readonly<Record<PlatformId, Platform>> {
  return {
    tiktok: createTikTokConnector(config.tiktok),
    meta: createMetaConnector(config.meta),
  };
}

/** The ids of every registered platform, in registry order. */
export const platformIds = Object.keys(platformManifests) as PlatformId[];
