/**
 * The platform side of the runtime: one connector per registered platform (TikTok, Meta, Google
 * Ads, GA4, GTM), each with its own rate limiter keyed by platform, and in sandbox mode (no
 * credentials for that platform) its sandbox: TikTok and Meta mounted under `/sandbox/<id>` of
 * Latchkey's own listener, Google on its own listener (Google's clients drop any path in their
 * root URL). Per-platform facts stay in the connectors and manifests; this file only wires them.
 */
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.ts';
import type { PlatformLookup } from '../jobs/grant-deps.ts';
import { createRateLimitedFetch, sleep } from '../jobs/rate-limiter.ts';
import { measuredFetch } from '../lib/metrics.ts';
import type { FetchLike } from '../platforms/http.ts';
import { googleConnectorConfigs } from '../platforms/google/configs.ts';
import { startGoogleSandbox, type GoogleSandbox } from '../platforms/google/sandbox/index.ts';
import { META_BASE_URLS, metaSandboxBaseUrls } from '../platforms/meta/connector.ts';
import { createMetaSandbox } from '../platforms/meta/sandbox/index.ts';
import { createPlatformRegistry, platformManifests } from '../platforms/registry.ts';
import { createTikTokSandbox } from '../platforms/tiktok/sandbox/index.ts';
import { sandboxBaseUrls, TIKTOK_BASE_URLS } from '../platforms/tiktok/connector.ts';
import type { Platform, PlatformId, PlatformManifest } from '../platforms/types.ts';
import type { Database } from '../store/database.ts';

/** The sandboxes' own developer apps (sandbox mode only; they guard nothing real). */
export const SANDBOX_APP = { appId: 'latchkey-sandbox-app', secret: 'latchkey-sandbox-secret' };
export const META_SANDBOX_APP = { appId: '1000000000000001', secret: 'latchkey-meta-sandbox' };
export const GOOGLE_SANDBOX_APP = {
  clientId: 'latchkey-sandbox.apps.googleusercontent.com',
  clientSecret: 'latchkey-google-sandbox',
  developerToken: 'latchkey-sandbox-developer-token',
};
const GOOGLE_IDS = ['google_ads', 'ga4', 'gtm', 'search_console', 'youtube'] as const;

export interface PlatformRuntime {
  readonly platforms: PlatformLookup;
  readonly manifests: Readonly<Record<string, PlatformManifest>>;
  /** Sandboxes mounted on Latchkey's listener (sandbox mode only). */
  sandboxPlugins(): { plugin: FastifyPluginAsync; prefix: string }[];
  /** Starts the sandboxes with their own listener (Google), when this process serves them. */
  start(serveSandboxes: boolean): Promise<void>;
  /** Points redirect URIs and sandbox base URLs at the public URL known after listen. */
  setPublicUrl(url: string): void;
  stop(): Promise<void>;
}

/**
 * Mounts a sandbox as the separate site it simulates: its pages send `Referrer-Policy:
 * same-origin` instead of Latchkey's `no-referrer`, because under `no-referrer` browsers send
 * `Origin: null` with same-origin form posts, which the CSRF check (rightly) refuses.
 */
function mountSandbox(plugin: FastifyPluginAsync): FastifyPluginAsync {
  return async (app) => {
    app.addHook('onSend', async (_request, reply) => {
      void reply.header('referrer-policy', 'same-origin');
    });
    await app.register(plugin);
  };
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
  const dataFile = (name: string) => path.join(config.dataDir, 'sandbox', `${name}.json`);
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
  const tiktokSandbox = config.tiktok
    ? undefined
    : createTikTokSandbox({ dataFile: dataFile('tiktok'), apps: [tiktokApp] });
  const metaSandbox = config.meta
    ? undefined
    : createMetaSandbox({ dataFile: dataFile('meta'), apps: [metaApp] });
  let googleSandbox: GoogleSandbox | undefined;
  let googleSandboxUrl = config.google
    ? undefined
    : `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.googleSandboxPort}`;

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
    const google = googleConnectorConfigs({
      clientId: config.google?.clientId ?? GOOGLE_SANDBOX_APP.clientId,
      clientSecret: config.google?.clientSecret ?? GOOGLE_SANDBOX_APP.clientSecret,
      developerToken: config.google?.developerToken ?? GOOGLE_SANDBOX_APP.developerToken,
      ...(googleSandboxUrl !== undefined ? { sandboxUrl: googleSandboxUrl } : {}),
    });
    registry = createPlatformRegistry({
      tiktok: {
        baseUrls: config.tiktok ? TIKTOK_BASE_URLS : sandboxBaseUrls(publicUrl),
        appId: config.tiktok?.appId ?? SANDBOX_APP.appId,
        appSecret: config.tiktok?.appSecret ?? SANDBOX_APP.secret,
        fetch: limited('tiktok'),
      },
      meta: {
        baseUrls: config.meta ? META_BASE_URLS : metaSandboxBaseUrls(publicUrl),
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
    sandboxPlugins: () => [
      ...(tiktokSandbox
        ? [{ plugin: mountSandbox(tiktokSandbox.plugin), prefix: '/sandbox/tiktok' }]
        : []),
      ...(metaSandbox
        ? [{ plugin: mountSandbox(metaSandbox.plugin), prefix: '/sandbox/meta' }]
        : []),
    ],
    start: async (serveSandboxes) => {
      if (config.google || !serveSandboxes || googleSandbox) return;
      googleSandbox = await startGoogleSandbox({
        host: config.host,
        port: config.googleSandboxPort,
        dataFile: dataFile('google'),
        apps: [googleApp],
        developerTokens: [GOOGLE_SANDBOX_APP.developerToken],
      });
      googleSandboxUrl = googleSandbox.url;
      build();
    },
    setPublicUrl: (url) => {
      publicUrl = url.replace(/\/+$/, '');
      tiktokApp.redirectUris = callbacks(publicUrl, ['tiktok']);
      metaApp.redirectUris = callbacks(publicUrl, ['meta']);
      googleApp.redirectUris = callbacks(publicUrl, GOOGLE_IDS);
      build();
    },
    stop: async () => {
      await googleSandbox?.close();
      await metaSandbox?.close();
      googleSandbox = undefined;
    },
  };
}
