/**
 * Composition root: opens the database, applies migrations, starts the queue and workers and the
 * HTTP server according to the role, and stops them all in order.
 */
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';
import { watchCrashedGrants, type CrashWatch } from '../jobs/crash-watch.ts';
import { createQueue, createQueues, startWorkers, type QueueHandle } from '../jobs/queue.ts';
import { scheduleGrantSweep } from '../jobs/sweep-grants.ts';
import { defaultLifecycleSettings, type LifecycleDeps } from '../jobs/verify-grants-deps.ts';
import { scheduleLifecycleJobs } from '../jobs/verify-grants-schedule.ts';
import { lifecyclePlugins } from '../server/routes/verification-services.ts';
import { jobs } from '../jobs/registry.ts';
import type { Logger } from '../lib/logger.ts';
import { buildApp, type App } from '../server/app.ts';
import { createWebhookRoutes } from '../server/routes/webhook-routes.ts';
import { metricsPlugin } from '../server/routes/metrics.ts';
import { prepareSetupLink } from '../server/auth/setup.ts';
import { createWorkspace, type Workspace } from '../server/workspace.ts';
import { workspacePlugins, type AppPlugin } from '../server/workspace-plugins.ts';
import { checkTemplateItem } from '../server/template-check.ts';
import { dumpPglite } from '../store/pglite-backup.ts';
import { serveAdminSocket } from './admin-socket.ts';
import type { Database } from '../store/database.ts';
import { loadKeyring } from '../store/keyring-file.ts';
import { migrate } from '../store/migrate.ts';
import { createOnboardingRuntime } from './onboarding-runtime.ts';
import { createOutboxRuntime } from './outbox-runtime.ts';
import { openRuntimeStore, type RuntimeStore } from './runtime-store.ts';
import type { SandboxId } from './sandbox-sites.ts';

export type Role = 'all' | 'api' | 'worker';

export interface Runtime {
  readonly database: Database;
  readonly app: App | undefined;
  readonly queue: QueueHandle;
  /** The public URL (PUBLIC_URL, or the listening address when it is not set). */
  readonly url: string | undefined;
  /** Where this process listens, e.g. `http://127.0.0.1:41234` (for local clients and tests). */
  readonly listenUrl: string | undefined;
  /** Milliseconds each start-up phase took, in order (logged with the ready line). */
  readonly startup: Record<string, number>;
  /** Each sandbox's own URL (sandbox mode; another origin than `url`). */
  readonly sandboxes: Readonly<Partial<Record<SandboxId, string>>>;
  /** The sandboxes' control token when LATCHKEY_SANDBOX_CONTROL=on (this process serves them). */
  readonly sandboxControlToken: string | undefined;
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  /** Receives the one-time setup link while no agency exists (default: printed to stdout). */
  readonly onSetupLink?: (url: string) => void;
  /**
   * Called once the HTTP server answers, before the workers start (they take a few hundred ms more
   * and nothing a person opens first waits for them): the place to print the URL.
   */
  readonly onListening?: (url: string) => void;
  /** The database, when the caller began opening it already (see runtime-store.ts). */
  readonly store?: Promise<RuntimeStore>;
}

/** What the HTTP plugins are built from; tests build the same list with test services. */
export interface AppServices {
  readonly database: Database;
  readonly config: Config;
  readonly logger: Logger;
  readonly workspace: Workspace;
}

/** Every plugin of the HTTP server, in registration order: add new route plugins here. */
export function appPlugins(services: AppServices): AppPlugin[] {
  return [
    ...workspacePlugins(services.workspace),
    { plugin: createWebhookRoutes(services.workspace) },
  ];
}

const printSetupLink = (url: string) => {
  process.stdout.write(`\n  Set up your agency (one-time link, valid 1 hour):\n  ${url}\n\n`);
};

/** The host a local client dials for this bind address (a wildcard bind answers on loopback). */
function localHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export const webDir = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** Starts Latchkey in one process with the given role. */
export async function startRuntime(
  config: Config,
  role: Role,
  logger: Logger,
  options: RuntimeOptions = {},
): Promise<Runtime> {
  let releaseLock = () => {};
  let database: Database | undefined;
  let stopOnboarding: (() => Promise<void>) | undefined;
  let closeAdmin = async () => {};
  // What has started so far, stopped in reverse if a later phase fails (the server may already
  // be listening when the workers fail to start).
  let app: App | undefined;
  let startedQueue: QueueHandle | undefined;
  let crashWatch: CrashWatch | undefined;
  let stopOutbox = () => {};
  const startup: Record<string, number> = {};
  let lapStart = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    startup[phase] = Math.round(now - lapStart);
    lapStart = now;
  };
  try {
    const store = await (options.store ?? openRuntimeStore(config));
    ({ database, releaseLock } = store);
    lap('database');
    const keyring = await loadKeyring(config, (message, fields) =>
      logger.warn(fields ?? {}, message),
    );
    const applied = await migrate(database);
    if (applied.length > 0) logger.info({ migrations: applied }, 'applied database migrations');
    lap('migrations');
    const pglite = database.pglite;
    // `latchkey backup` from another process asks this one for a copy of the database it holds.
    if (pglite)
      closeAdmin = await serveAdminSocket(config.dataDir, { backup: () => dumpPglite(pglite) });
    const queue = createQueue(database, { logger });
    startedQueue = queue;
    // pg-boss's start (its schema check and maintenance set-up: SQL) runs while the sandboxes and
    // the server are set up (JavaScript), so the two overlap. Nothing sends or works a job before
    // it is awaited: before the server listens, and before the workers start.
    const queueReady = queue.start().then(() => createQueues(queue.boss, jobs));
    queueReady.catch(() => {}); // awaited below, where a failure is thrown
    const outbox = createOutboxRuntime({ config, database, keyring, logger });
    const onboarding = createOnboardingRuntime({
      config,
      database,
      keyring,
      logger,
      boss: queue.boss,
    });
    stopOnboarding = () => onboarding.stop();
    stopOutbox = () => outbox.stop();
    await onboarding.start(role !== 'worker');
    lap('sandboxes');
    let publicUrl = config.publicUrl;
    const lifecycleDeps: LifecycleDeps = {
      ...onboarding.grantDeps,
      boss: queue.boss,
      publicUrl: () => publicUrl,
      lifecycle: {
        ...defaultLifecycleSettings,
        sweepIntervalHours: config.lifecycle.verifyIntervalHours,
        reminderDays: config.lifecycle.endReminderDays,
      },
    };
    let url: string | undefined;
    let listenUrl: string | undefined;
    if (role !== 'worker') {
      const workspace = createWorkspace({
        db: database.db,
        keyring,
        publicUrl: () => url ?? config.publicUrl,
        checkTemplateItem,
      });
      const plugins = [
        ...appPlugins({ database, config, logger, workspace }),
        ...onboarding.plugins(),
        ...lifecyclePlugins({ deps: lifecycleDeps }),
        ...(config.metrics
          ? [{ plugin: metricsPlugin({ db: database.db, queueSchema: queue.schema }) }]
          : []),
      ];
      app = await buildApp({
        logger,
        database,
        webDir,
        plugins,
        hsts: config.publicUrl.startsWith('https:'),
      });
      lap('app');
      await queueReady;
      lap('queue');
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      listenUrl = `http://${localHost(config.host)}:${port}`;
      // A configured PUBLIC_URL is where people reach Latchkey (often a proxy on another port):
      // links and OAuth redirect URIs keep it as written. Only a derived one takes the bound port.
      url = config.publicUrlConfigured
        ? config.publicUrl
        : config.publicUrl.replace(/:\d+$/, `:${port}`);
      onboarding.setPublicUrl(url);
      publicUrl = url;
      const setupUrl = await prepareSetupLink(database.db, url);
      if (setupUrl) (options.onSetupLink ?? printSetupLink)(setupUrl);
      lap('http');
      options.onListening?.(url);
    }
    await queueReady;
    if (role !== 'api') {
      const grantDeps = { ...lifecycleDeps, ...onboarding.grantDeps, boss: queue.boss };
      const workerDeps = { ...outbox.deps, ...grantDeps, database, keyring };
      await startWorkers(queue.boss, jobs, workerDeps, logger);
      crashWatch = watchCrashedGrants(workerDeps);
      // Approvals taken here run their grants with these workers' batching and crash watch.
      onboarding.workGrants(workerDeps);
      await scheduleGrantSweep(queue.boss);
      await scheduleLifecycleJobs(queue.boss);
    }
    await outbox.start(queue.boss, role !== 'api');
    lap('workers');
    const opened = database;
    const server = app;
    const watch = crashWatch;
    return {
      database: opened,
      app: server,
      queue,
      url,
      listenUrl,
      startup,
      sandboxes: onboarding.sandboxUrls(),
      sandboxControlToken: onboarding.sandboxControlToken(),
      stop: async () => {
        await closeAdmin();
        await server?.close();
        await onboarding.drain();
        watch?.stop();
        outbox.stop();
        await queue.stop();
        await onboarding.stop();
        await opened.close();
        releaseLock();
      },
    };
  } catch (error) {
    await closeAdmin();
    await app?.close();
    crashWatch?.stop();
    stopOutbox();
    await startedQueue?.stop();
    await stopOnboarding?.();
    await database?.close();
    releaseLock();
    throw error;
  }
}
