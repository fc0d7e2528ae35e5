/**
 * Composition of the onboarding side for the runtime: the platform connectors of every registered
 * platform (platform-runtime.ts: rate limiters, and each platform's sandbox when its credentials
 * are absent), the grant deps for the workers, and the HTTP services.
 */
import { hostname } from 'node:os';
import type { FastifyPluginAsync } from 'fastify';
import type { PgBoss } from 'pg-boss';
import type { Config } from '../config.ts';
import { defaultBackoff } from '../domain/grant-retry.ts';
import { GRANT_LEASE_MS } from '../jobs/crash-watch.ts';
import { approvedGrantsDone } from '../jobs/execute-grant.ts';
import type { GrantDeps } from '../jobs/grant-deps.ts';
import { sleep } from '../jobs/rate-limiter.ts';
import type { Logger } from '../lib/logger.ts';
import { onboardingPlugins } from '../server/routes/onboarding-plugins.ts';
import type { OnboardingServices } from '../server/routes/onboarding-services.ts';
import type { Database } from '../store/database.ts';
import type { Keyring } from '../store/secrets.ts';
import { createPlatformRuntime } from './platform-runtime.ts';
import type { SandboxId } from './sandbox-sites.ts';

export { GOOGLE_SANDBOX_APP, META_SANDBOX_APP, SANDBOX_APP } from './platform-runtime.ts';

export interface OnboardingRuntimeInput {
  readonly config: Config;
  readonly database: Database;
  readonly keyring: Keyring;
  readonly logger: Logger;
  readonly boss: PgBoss;
}

export interface OnboardingRuntime {
  readonly grantDeps: GrantDeps;
  /** HTTP plugins (the onboarding routes). */
  plugins(): { plugin: FastifyPluginAsync; prefix?: string }[];
  /** Each sandbox's own URL in sandbox mode (sandbox-sites.ts). */
  sandboxUrls(): Readonly<Partial<Record<SandboxId, string>>>;
  /** The sandboxes' control token when their control API is open (tests, demos). */
  sandboxControlToken(): string | undefined;
  /**
   * Starts the sandboxes' listeners when this process serves them; a process that does not
   * (a worker) warns about each sandbox it cannot reach (no fixed port).
   */
  start(serveSandboxes: boolean): Promise<void>;
  /** Call once the public URL is known (after listen): points connectors and sandboxes at it. */
  setPublicUrl(url: string): void;
  /**
   * Call once this process's grant workers have started, with the deps they use: from then on
   * its approvals run their grants here (OnboardingServices.grantWorkers).
   */
  workGrants(workers: GrantDeps): void;
  /**
   * Lets the grants this process's approvals are running end (at most 8 s), before the queue
   * and the database close; call once the server takes no more requests.
   */
  drain(): Promise<void>;
  /** Closes what `start` opened. */
  stop(): Promise<void>;
}

/** Builds the onboarding side from configuration. */
export function createOnboardingRuntime(input: OnboardingRuntimeInput): OnboardingRuntime {
  const { config, database } = input;
  let publicUrl = config.publicUrl;
  const platformRuntime = createPlatformRuntime({ config, database });
  const platforms = platformRuntime.platforms;
  const grantDeps: GrantDeps = {
    database,
    keyring: input.keyring,
    platforms,
    now: () => new Date(),
    sleep,
    logger: input.logger,
    grantPolicy: {
      leaseMs: GRANT_LEASE_MS,
      backoff: defaultBackoff,
      workerId: `${hostname()}:${process.pid}`,
    },
  };
  let grantWorkers: GrantDeps | undefined;
  const services: OnboardingServices = {
    db: database.db,
    database,
    keyring: input.keyring,
    platforms,
    manifests: platformRuntime.manifests,
    boss: input.boss,
    now: () => new Date(),
    publicUrl: () => publicUrl,
    grantDeps,
    get grantWorkers() {
      return grantWorkers;
    },
  };
  return {
    grantDeps,
    plugins: () => onboardingPlugins(services),
    sandboxUrls: () => platformRuntime.sandboxUrls(),
    sandboxControlToken: () => platformRuntime.sandboxControlToken(),
    start: async (serveSandboxes) => {
      await platformRuntime.start(serveSandboxes);
      const unreachable = platformRuntime.unreachableSandboxes();
      if (unreachable.length === 0) return;
      input.logger.warn(
        { sandboxes: unreachable },
        'sandbox mode in a process that does not serve the sandboxes: set TIKTOK_SANDBOX_PORT, META_SANDBOX_PORT, GOOGLE_SANDBOX_PORT and LINKEDIN_SANDBOX_PORT to the ports the API process serves them on',
      );
    },
    setPublicUrl: (url) => {
      publicUrl = url.replace(/\/+$/, '');
      platformRuntime.setPublicUrl(publicUrl);
    },
    workGrants: (workers) => {
      grantWorkers = workers;
    },
    drain: async () => {
      if (grantWorkers) await approvedGrantsDone(grantWorkers, 8_000);
    },
    stop: () => platformRuntime.stop(),
  };
}
