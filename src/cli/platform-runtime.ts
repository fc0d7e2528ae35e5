/**
 * The platform side of the runtime: one connector per registered platform (TikTok, Meta, Google
 * Ads, GA4, GTM), each with its own rate limiter keyed by platform, and in sandbox mode (no
 * credentials for that platform) its sandbox, served as another site on its own listener
 * (sandbox-sites.ts). Per-platform facts stay in the connectors and manifests; this file only
 * wires them.
 */
import type { Config } from '../config.ts';
import type { PlatformLookup } from '../jobs/grant-deps.ts';
import { createRateLimitedFetch, sleep } from '../jobs/rate-limiter.ts';
import { measuredFetch } from '../lib/metrics.ts';
import type { FetchLike } from '../platforms/http.ts';
import { googleConnectorConfigs } from '../platforms/google/configs.ts';
import { META_BASE_URLS, metaSandboxBaseUrls } from '../platforms/meta/connector.ts';
import { LINKEDIN_BASE_URLS, linkedinSandboxBaseUrls } from '../platforms/linkedin/connector.ts';
import { PINTEREST_BASE_URLS, pinterestSandboxBaseUrls } from '../platforms/pinterest/connector.ts';
import { createPlatformRegistry, platformManifests } from '../platforms/registry.ts';
import { sandboxBaseUrls, TIKTOK_BASE_URLS } from '../platforms/tiktok/connector.ts';
import {
  MICROSOFT_ADS_BASE_URLS,
  microsoftAdsSandboxBaseUrls,
} from '../platforms/microsoft-ads/connector.ts';
import { SNAPCHAT_BASE_URLS, snapchatSandboxBaseUrls } from '../platforms/snapchat/connector.ts';
import { X_ADS_BASE_URLS, xAdsSandboxBaseUrls } from '../platforms/x-ads/connector.ts';
import type { Platform, PlatformId, PlatformManifest } from '../platforms/types.ts';
import type { Database } from '../store/database.ts';
import { createSandboxSites, type SandboxId } from './sandbox-sites.ts';

/** The sandboxes' own developer apps (sandbox mode only; they guard nothing real). */
export const SANDBOX_APP = { appId: 'latchkey-sandbox-app', secret: 'latchkey-sandbox-secret' };
export const META_SANDBOX_APP = { appId: '1000000000000001', secret: 'latchkey-meta-sandbox' };
export const GOOGLE_SANDBOX_APP = {
  clientId: 'latchkey-sandbox.apps.googleusercontent.com',
  clientSecret: 'latchkey-google-sandbox',
  developerToken: 'latchkey-sandbox-developer-token',
};
export const SNAPCHAT_SANDBOX_APP = {
  clientId: 'latchkey-snapchat-sandbox',
  clientSecret: 'latchkey-snapchat-sandbox-secret',
};
export const X_ADS_SANDBOX_APP = {
  consumerKey: 'latchkeyxsandboxkey',
  consumerSecret: 'latchkey-x-sandbox-consumer-secret',
};
export const LINKEDIN_SANDBOX_APP = {
  clientId: 'latchkeysandbox01',
  clientSecret: 'latchkey-linkedin-sandbox',
};
export const PINTEREST_SANDBOX_APP = {
  clientId: '1490000000001',
  clientSecret: 'latchkey-pinterest-sandbox',
};
const GOOGLE_IDS = [
  'google_ads',
  'ga4',
  'gtm',
  'search_console',
  'youtube',
  'business_profile',
  'merchant_center',
] as const;
export const MICROSOFT_ADS_SANDBOX_APP = {
  clientId: 'latchkey-microsoft-ads-sandbox',
  clientSecret: 'latchkey-microsoft-ads-sandbox-secret',
  developerToken: 'latchkey-sandbox-developer-token',
};

export interface PlatformRuntime {
  readonly platforms: PlatformLookup;
  readonly manifests: Readonly<Record<string, PlatformManifest>>;
  /** Each sandbox's URL, its own origin (sandbox mode only). */
  sandboxUrls(): Readonly<Partial<Record<SandboxId, string>>>;
  /** The sandboxes' control token (LATCHKEY_SANDBOX_CONTROL=on, after start), else undefined. */
  sandboxControlToken(): string | undefined;
  /** Sandboxes a worker cannot reach (port 0 and not served here): set their ports. */
  unreachableSandboxes(): SandboxId[];
  /** Starts the sandboxes' own listeners, when this process serves them. */
  start(serveSandboxes: boolean): Promise<void>;
  /** Points redirect URIs and sandbox base URLs at the public URL known after listen. */
  setPublicUrl(url: string): void;
  stop(): Promise<void>;
}

const callbacks = (url: string, ids: readonly string[]) =>
  ids.map((id) => `${url}/oauth/callback/${id}`);

/** Builds connectors (and sandboxes in sandbox mode) from configuration. */
export function createPlatformRuntime(input: {
  config: Config;
  database: Pick<Database, 'db'>;
}): PlatformRuntime {
  const { config, database } = input;
  let publicUrl = config.publicUrl;
  const tiktokApp = { ...SANDBOX_APP, redirectUris: callbacks(publicUrl, ['tiktok']) };
  const metaApp = {
    ...META_SANDBOX_APP,
    redirectUris: callbacks(publicUrl, ['meta']),
    requireAppsecretProof: true,
  };
  const googleApp = {
    clientId: GOOGLE_SANDBOX_APP.clientId,
    clientSecret: GOOGLE_SANDBOX_APP.clientSecret,
    redirectUris: callbacks(publicUrl, GOOGLE_IDS),
  };
  const linkedinApp = {
    ...LINKEDIN_SANDBOX_APP,
    name: 'Latchkey',
    redirectUris: callbacks(publicUrl, ['linkedin']),
  };
  const pinterestApp = {
    ...PINTEREST_SANDBOX_APP,
    redirectUris: callbacks(publicUrl, ['pinterest']),
  };
  const microsoftAdsApp = {
    clientId: MICROSOFT_ADS_SANDBOX_APP.clientId,
    clientSecret: MICROSOFT_ADS_SANDBOX_APP.clientSecret,
    redirectUris: callbacks(publicUrl, ['microsoft_ads']),
  };
  const snapchatApp = {
    ...SNAPCHAT_SANDBOX_APP,
    redirectUris: callbacks(publicUrl, ['snapchat']),
  };
  const xAdsApp = { ...X_ADS_SANDBOX_APP, callbacks: callbacks(publicUrl, ['x_ads']) };
  const sites = createSandboxSites(config, {
    xAds: xAdsApp,
    linkedin: linkedinApp,
    pinterest: pinterestApp,
    microsoftAds: microsoftAdsApp,
    microsoftAdsDeveloperTokens: [MICROSOFT_ADS_SANDBOX_APP.developerToken],
    snapchat: snapchatApp,
    tiktok: tiktokApp,
    meta: metaApp,
    google: googleApp,
    googleDeveloperTokens: [GOOGLE_SANDBOX_APP.developerToken],
  });

  const limited = (id: PlatformId): FetchLike => {
    const limit = platformManifests[id].rateLimit;
    return createRateLimitedFetch({
      db: database.db,
      key: id,
      limits: { requestsPerSecond: limit.requestsPerSecond, burst: limit.burst },
      fetch: measuredFetch(id, (url, init) => fetch(url, init)),
      now: () => new Date(),
      sleep,
    });
  };
  let registry: Readonly<Record<PlatformId, Platform>> | undefined;
  const build = () => {
    const sandboxes = sites.urls();
    const google = googleConnectorConfigs({
      clientId: config.google?.clientId ?? GOOGLE_SANDBOX_APP.clientId,
      clientSecret: config.google?.clientSecret ?? GOOGLE_SANDBOX_APP.clientSecret,
      developerToken: config.google?.developerToken ?? GOOGLE_SANDBOX_APP.developerToken,
      ...(sandboxes.google !== undefined ? { sandboxUrl: sandboxes.google } : {}),
    });
    registry = createPlatformRegistry({
      tiktok: {
        baseUrls: config.tiktok ? TIKTOK_BASE_URLS : sandboxBaseUrls(sandboxes.tiktok ?? ''),
        appId: config.tiktok?.appId ?? SANDBOX_APP.appId,
        appSecret: config.tiktok?.appSecret ?? SANDBOX_APP.secret,
        fetch: limited('tiktok'),
      },
      meta: {
        baseUrls: config.meta ? META_BASE_URLS : metaSandboxBaseUrls(sandboxes.meta ?? ''),
        appId: config.meta?.appId ?? META_SANDBOX_APP.appId,
        appSecret: config.meta?.appSecret ?? META_SANDBOX_APP.secret,
        graphVersion: config.metaGraphVersion,
        fetch: limited('meta'),
      },
      google_ads: { ...google.google_ads, fetch: limited('google_ads') },
      ga4: { ...google.ga4, fetch: limited('ga4') },
      gtm: { ...google.gtm, fetch: limited('gtm') },
      search_console: { ...google.search_console, fetch: limited('search_console') },
      youtube: { ...google.youtube, fetch: limited('youtube') },
      business_profile: { ...google.business_profile, fetch: limited('business_profile') },
      merchant_center: { ...google.merchant_center, fetch: limited('merchant_center') },
      linkedin: {
        baseUrls: config.linkedin
          ? LINKEDIN_BASE_URLS
          : linkedinSandboxBaseUrls(sandboxes.linkedin ?? ''),
        clientId: config.linkedin?.clientId ?? LINKEDIN_SANDBOX_APP.clientId,
        clientSecret: config.linkedin?.clientSecret ?? LINKEDIN_SANDBOX_APP.clientSecret,
        apiVersion: config.linkedinApiVersion,
        fetch: limited('linkedin'),
      },
      pinterest: {
        baseUrls: config.pinterest
          ? PINTEREST_BASE_URLS
          : pinterestSandboxBaseUrls(sandboxes.pinterest ?? ''),
        clientId: config.pinterest?.appId ?? PINTEREST_SANDBOX_APP.clientId,
        clientSecret: config.pinterest?.appSecret ?? PINTEREST_SANDBOX_APP.clientSecret,
        fetch: limited('pinterest'),
      },
      microsoft_ads: {
        baseUrls: config.microsoftAds
          ? MICROSOFT_ADS_BASE_URLS
          : microsoftAdsSandboxBaseUrls(sandboxes.microsoft_ads ?? ''),
        clientId: config.microsoftAds?.clientId ?? MICROSOFT_ADS_SANDBOX_APP.clientId,
        clientSecret: config.microsoftAds?.clientSecret ?? MICROSOFT_ADS_SANDBOX_APP.clientSecret,
        developerToken:
          config.microsoftAds?.developerToken ?? MICROSOFT_ADS_SANDBOX_APP.developerToken,
        fetch: limited('microsoft_ads'),
      },
      snapchat: {
        baseUrls: config.snapchat
          ? SNAPCHAT_BASE_URLS
          : snapchatSandboxBaseUrls(sandboxes.snapchat ?? ''),
        clientId: config.snapchat?.clientId ?? SNAPCHAT_SANDBOX_APP.clientId,
        clientSecret: config.snapchat?.clientSecret ?? SNAPCHAT_SANDBOX_APP.clientSecret,
        fetch: limited('snapchat'),
      },
      x_ads: {
        baseUrls: config.xAds ? X_ADS_BASE_URLS : xAdsSandboxBaseUrls(sandboxes.x_ads ?? ''),
        consumerKey: config.xAds?.consumerKey ?? X_ADS_SANDBOX_APP.consumerKey,
        consumerSecret: config.xAds?.consumerSecret ?? X_ADS_SANDBOX_APP.consumerSecret,
        fetch: limited('x_ads'),
      },
    });
  };
  build();
  const platforms: Partial<Record<string, Platform>> = {};
  for (const id of Object.keys(platformManifests) as PlatformId[]) {
    Object.defineProperty(platforms, id, { enumerable: true, get: () => registry?.[id] });
  }
  return {
    platforms,
    manifests: platformManifests,
    sandboxUrls: () => sites.urls(),
    unreachableSandboxes: () => sites.unreachable(),
    sandboxControlToken: () => sites.controlToken(),
    start: async (serveSandboxes) => {
      if (!serveSandboxes) return;
      await sites.start();
      build();
    },
    setPublicUrl: (url) => {
      publicUrl = url.replace(/\/+$/, '');
      tiktokApp.redirectUris = callbacks(publicUrl, ['tiktok']);
      metaApp.redirectUris = callbacks(publicUrl, ['meta']);
      snapchatApp.redirectUris = callbacks(publicUrl, ['snapchat']);
      xAdsApp.callbacks = callbacks(publicUrl, ['x_ads']);
      googleApp.redirectUris = callbacks(publicUrl, GOOGLE_IDS);
      linkedinApp.redirectUris = callbacks(publicUrl, ['linkedin']);
      pinterestApp.redirectUris = callbacks(publicUrl, ['pinterest']);
      microsoftAdsApp.redirectUris = callbacks(publicUrl, ['microsoft_ads']);
      build();
    },
    stop: () => sites.close(),
  };
}
