/**
 * Composition of the onboarding side for the runtime: the platform connectors (whose fetch goes
 * through the shared rate limiter), the grant deps for the workers, the HTTP services, and in
 * sandbox mode (no TIKTOK_APP_ID/SECRET) the TikTok sandbox mounted at `/sandbox/tiktok` with the
 * connector pointed at it. With real credentials: real TikTok URLs and no sandbox.
 */
import { hostname } from 'node:os';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { PgBoss } from 'pg-boss';
import type { Config } from '../config.ts';
import { defaultBackoff } from '../domain/grant-retry.ts';
import type { GrantDeps, PlatformLookup } from '../jobs/grant-deps.ts';
import { createRateLimitedFetch, sleep } from '../jobs/rate-limiter.ts';
import type { Logger } from '../lib/logger.ts';
import { createTikTokSandbox } from '../platforms/tiktok/sandbox/index.ts';
import {
  createTikTokConnector,
  sandboxBaseUrls,
  TIKTOK_BASE_URLS,
} from '../platforms/tiktok/connector.ts';
import { tiktokManifest } from '../platforms/tiktok/manifest.ts';
import type { Platform } from '../platforms/types.ts';
import { onboardingPlugins } from '../server/routes/onboarding-plugins.ts';
import type { OnboardingServices } from '../server/routes/onboarding-services.ts';
import type { Database } from '../store/database.ts';
import type { Keyring } from '../store/secrets.ts';

/** The sandbox's own developer app (sandbox mode only; it guards nothing real). */
export const SANDBOX_APP = { appId: 'latchkey-sandbox-app', secret: 'latchkey-sandbox-secret' };

export interface OnboardingRuntimeInput {
  readonly config: Config;
  readonly database: Database;
  readonly keyring: Keyring;
  readonly logger: Logger;
  readonly boss: PgBoss;
}

export interface OnboardingRuntime {
  readonly grantDeps: GrantDeps;
  /** HTTP plugins (routes, and the sandbox in sandbox mode). */
  plugins(): { plugin: FastifyPluginAsync; prefix?: string }[];
  /** Call once the public URL is known (after listen): points connectors and sandbox at it. */
  setPublicUrl(url: string): void;
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

/** Builds the onboarding side from configuration. */
export function createOnboardingRuntime(input: OnboardingRuntimeInput): OnboardingRuntime {
  const { config, database } = input;
  let publicUrl = config.publicUrl;
  const sandboxApps = [{ ...SANDBOX_APP, redirectUris: [`${publicUrl}/oauth/callback/tiktok`] }];
  const sandbox = config.tiktok
    ? undefined
    : createTikTokSandbox({
        dataFile: path.join(config.dataDir, 'sandbox', 'tiktok.json'),
        apps: sandboxApps,
      });
  // TikTok is the platform this side drives today; other connectors join here with their config.
  let registry: { tiktok: Platform } | undefined;
  const build = () => {
    const tiktok = tiktokManifest.rateLimit;
    registry = {
      tiktok: createTikTokConnector({
        baseUrls: config.tiktok ? TIKTOK_BASE_URLS : sandboxBaseUrls(publicUrl),
        appId: config.tiktok?.appId ?? SANDBOX_APP.appId,
        appSecret: config.tiktok?.appSecret ?? SANDBOX_APP.secret,
        fetch: createRateLimitedFetch({
          db: database.db,
          key: 'tiktok',
          limits: { requestsPerSecond: tiktok.requestsPerSecond, burst: tiktok.burst },
          fetch: (url, init) => fetch(url, init),
          now: () => new Date(),
          sleep,
        }),
      }),
    };
  };
  build();
  const platforms: PlatformLookup = {
    get tiktok() {
      return registry?.tiktok;
    },
  };
  const grantDeps: GrantDeps = {
    database,
    keyring: input.keyring,
    platforms,
    now: () => new Date(),
    sleep,
    logger: input.logger,
    grantPolicy: {
      leaseMs: 60_000,
      backoff: defaultBackoff,
      workerId: `${hostname()}:${process.pid}`,
    },
  };
  const services: OnboardingServices = {
    db: database.db,
    keyring: input.keyring,
    platforms,
    manifests: { tiktok: tiktokManifest },
    boss: input.boss,
    now: () => new Date(),
    publicUrl: () => publicUrl,
    grantDeps,
  };
  return {
    grantDeps,
    plugins: () => [
      ...(sandbox ? [{ plugin: mountSandbox(sandbox.plugin), prefix: '/sandbox/tiktok' }] : []),
      ...onboardingPlugins(services),
    ],
    setPublicUrl: (url) => {
      publicUrl = url.replace(/\/+$/, '');
      const app = sandboxApps[0];
      if (app) app.redirectUris = [`${publicUrl}/oauth/callback/tiktok`];
      build();
    },
  };
}
