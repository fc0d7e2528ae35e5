/**
 * The one registry of platforms (STYLE.md 4). `platformManifests` is data only, usable without any
 * configuration (request validation, the web form); `createPlatformRegistry` builds the connectors
 * from injected configuration. The Record type makes the compiler demand every PlatformId.
 */
import { createTikTokConnector, type TikTokConnectorConfig } from './tiktok/connector.ts';
import { tiktokManifest } from './tiktok/manifest.ts';
import { createMetaConnector, type MetaConnectorConfig } from './meta/connector.ts';
import { metaManifest } from './meta/manifest.ts';
import { createGa4Connector, type Ga4ConnectorConfig } from './ga4/connector.ts';
import { ga4Manifest } from './ga4/manifest.ts';
import { createGoogleAdsConnector, type GoogleAdsConnectorConfig } from './google-ads/connector.ts';
import { googleAdsManifest } from './google-ads/manifest.ts';
import { createGtmConnector, type GtmConnectorConfig } from './gtm/connector.ts';
import { gtmManifest } from './gtm/manifest.ts';
import {
  createSearchConsoleConnector,
  type SearchConsoleConnectorConfig,
} from './search-console/connector.ts';
import { searchConsoleManifest } from './search-console/manifest.ts';
import { createShopifyConnector } from './shopify/connector.ts';
import { shopifyManifest } from './shopify/manifest.ts';
import { createYouTubeConnector, type YouTubeConnectorConfig } from './youtube/connector.ts';
import { youtubeManifest } from './youtube/manifest.ts';
import { createLinkedInConnector, type LinkedInConnectorConfig } from './linkedin/connector.ts';
import { linkedinManifest } from './linkedin/manifest.ts';
import { createPinterestConnector, type PinterestConnectorConfig } from './pinterest/connector.ts';
import { pinterestManifest } from './pinterest/manifest.ts';
import {
  createMicrosoftAdsConnector,
  type MicrosoftAdsConnectorConfig,
} from './microsoft-ads/connector.ts';
import { microsoftAdsManifest } from './microsoft-ads/manifest.ts';
import { createSnapchatConnector, type SnapchatConnectorConfig } from './snapchat/connector.ts';
import { snapchatManifest } from './snapchat/manifest.ts';
import {
  createBusinessProfileConnector,
  type BusinessProfileConnectorConfig,
} from './business-profile/connector.ts';
import { businessProfileManifest } from './business-profile/manifest.ts';
import { createXAdsConnector, type XAdsConnectorConfig } from './x-ads/connector.ts';
import { xAdsManifest } from './x-ads/manifest.ts';
import { createCustomConnector } from './custom/connector.ts';
import { customManifest } from './custom/manifest.ts';
import {
  createMerchantCenterConnector,
  type MerchantCenterConnectorConfig,
} from './merchant-center/connector.ts';
import { merchantCenterManifest } from './merchant-center/manifest.ts';
import type { Platform, PlatformId, PlatformManifest } from './types.ts';

export interface PlatformRegistryConfig {
  readonly tiktok: TikTokConnectorConfig;
  readonly meta: MetaConnectorConfig;
  readonly google_ads: GoogleAdsConnectorConfig;
  readonly ga4: Ga4ConnectorConfig;
  readonly gtm: GtmConnectorConfig;
  readonly search_console: SearchConsoleConnectorConfig;
  readonly youtube: YouTubeConnectorConfig;
  readonly linkedin: LinkedInConnectorConfig;
  readonly pinterest: PinterestConnectorConfig;
  readonly microsoft_ads: MicrosoftAdsConnectorConfig;
  readonly snapchat: SnapchatConnectorConfig;
  readonly business_profile: BusinessProfileConnectorConfig;
  readonly x_ads: XAdsConnectorConfig;
  readonly merchant_center: MerchantCenterConnectorConfig;
}

/** Every platform's manifest, keyed by id. */
export const platformManifests: Readonly<Record<PlatformId, PlatformManifest>> = {
  tiktok: tiktokManifest,
  meta: metaManifest,
  google_ads: googleAdsManifest,
  ga4: ga4Manifest,
  gtm: gtmManifest,
  search_console: searchConsoleManifest,
  youtube: youtubeManifest,
  shopify: shopifyManifest,
  linkedin: linkedinManifest,
  pinterest: pinterestManifest,
  microsoft_ads: microsoftAdsManifest,
  snapchat: snapchatManifest,
  business_profile: businessProfileManifest,
  x_ads: xAdsManifest,
  custom: customManifest,
  merchant_center: merchantCenterManifest,
};

/** Every platform's connector, built from its configuration. */
export function createPlatformRegistry(
  config: PlatformRegistryConfig,
): Readonly<Record<PlatformId, Platform>> {
  return {
    tiktok: createTikTokConnector(config.tiktok),
    meta: createMetaConnector(config.meta),
    google_ads: createGoogleAdsConnector(config.google_ads),
    ga4: createGa4Connector(config.ga4),
    gtm: createGtmConnector(config.gtm),
    search_console: createSearchConsoleConnector(config.search_console),
    youtube: createYouTubeConnector(config.youtube),
    shopify: createShopifyConnector(),
    linkedin: createLinkedInConnector(config.linkedin),
    pinterest: createPinterestConnector(config.pinterest),
    microsoft_ads: createMicrosoftAdsConnector(config.microsoft_ads),
    snapchat: createSnapchatConnector(config.snapchat),
    business_profile: createBusinessProfileConnector(config.business_profile),
    x_ads: createXAdsConnector(config.x_ads),
    custom: createCustomConnector(),
    merchant_center: createMerchantCenterConnector(config.merchant_center),
  };
}

/** The ids of every registered platform, in registry order. */
export const platformIds = Object.keys(platformManifests) as PlatformId[];
