/**
 * The Google connector configurations from one set of settings, for the registry: real
 * Google's hosts, or every base URL pointing at the Google sandbox's root (its own listener).
 */
import type { BusinessProfileConnectorConfig } from '../business-profile/connector.ts';
import type { Ga4ConnectorConfig } from '../ga4/connector.ts';
import type { GoogleAdsConnectorConfig } from '../google-ads/connector.ts';
import type { GtmConnectorConfig } from '../gtm/connector.ts';
import type { FetchLike } from '../http.ts';
import type { MerchantCenterConnectorConfig } from '../merchant-center/connector.ts';
import type { SearchConsoleConnectorConfig } from '../search-console/connector.ts';
import type { YouTubeConnectorConfig } from '../youtube/connector.ts';
import { GOOGLE_OAUTH_URLS } from './oauth.ts';

export interface GoogleSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly developerToken: string;
  /** The Google sandbox's root URL; undefined means real Google. */
  readonly sandboxUrl?: string;
  readonly fetch?: FetchLike;
}

/** Builds the `google_ads`, `ga4`, `gtm`, `search_console`, `youtube` and `merchant_center` entries of the registry config. */
export function googleConnectorConfigs(settings: GoogleSettings): {
  google_ads: GoogleAdsConnectorConfig;
  ga4: Ga4ConnectorConfig;
  gtm: GtmConnectorConfig;
  search_console: SearchConsoleConnectorConfig;
  youtube: YouTubeConnectorConfig;
  business_profile: BusinessProfileConnectorConfig;
  merchant_center: MerchantCenterConnectorConfig;
} {
  const root = settings.sandboxUrl?.replace(/\/+$/, '');
  const oauth =
    root === undefined ? GOOGLE_OAUTH_URLS : { accounts: root, oauth2: root, openid: root };
  const app = {
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    ...(settings.fetch !== undefined ? { fetch: settings.fetch } : {}),
  };
  return {
    google_ads: {
      ...app,
      baseUrls: { ...oauth, ads: root ?? 'https://googleads.googleapis.com' },
      developerToken: settings.developerToken,
    },
    ga4: { ...app, baseUrls: oauth, rootUrl: root ?? 'https://analyticsadmin.googleapis.com/' },
    gtm: { ...app, baseUrls: oauth, rootUrl: root ?? 'https://tagmanager.googleapis.com/' },
    search_console: {
      ...app,
      baseUrls: oauth,
      rootUrl: root ?? 'https://searchconsole.googleapis.com/',
    },
    // YouTube calls only Google sign-in and userinfo; rootUrl is not used.
    youtube: { ...app, baseUrls: oauth, rootUrl: root ?? 'https://www.googleapis.com/' },
    business_profile: {
      ...app,
      baseUrls: oauth,
      rootUrl: root ?? 'https://mybusinessaccountmanagement.googleapis.com/',
      informationRootUrl: root ?? 'https://mybusinessbusinessinformation.googleapis.com/',
    },
    merchant_center: {
      ...app,
      baseUrls: oauth,
      rootUrl: root ?? 'https://merchantapi.googleapis.com/',
    },
  };
}
