/**
 * A harness for custom platforms ("any tool"): the workspace, onboarding and lifecycle routes over
 * the test database with the custom connector and Shopify (no sandbox: neither calls an API),
 * a queue, and two agencies (the second to prove one never sees the other's definitions).
 */
import { defaultBackoff } from '../../src/domain/grant-retry.ts';
import type { GrantDeps } from '../../src/jobs/grant-deps.ts';
import { executeGrantJob } from '../../src/jobs/execute-grant.ts';
import { createQueues, startQueue, type QueueHandle } from '../../src/jobs/queue.ts';
import { sleep } from '../../src/jobs/rate-limiter.ts';
import { defaultLifecycleSettings, type LifecycleDeps } from '../../src/jobs/verify-grants-deps.ts';
import { createCustomConnector } from '../../src/platforms/custom/connector.ts';
import { platformManifests } from '../../src/platforms/registry.ts';
import { createShopifyConnector } from '../../src/platforms/shopify/connector.ts';
import { buildApp, type App } from '../../src/server/app.ts';
import { onboardingPlugins } from '../../src/server/routes/onboarding-plugins.ts';
import type { OnboardingServices } from '../../src/server/routes/onboarding-services.ts';
import { lifecyclePlugins } from '../../src/server/routes/verification-services.ts';
import { workspacePlugins } from '../../src/server/workspace-plugins.ts';
import { generateKeyEntry, parseKeyring } from '../../src/store/secrets.ts';
import { buildAgency, buildTestWorkspace, TEST_PUBLIC_URL, type TestAgency } from './agency.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { captureLogger } from './logger.ts';

export interface CustomHarness {
  readonly database: TestDatabase;
  readonly app: App;
  readonly queue: QueueHandle;
  readonly lifecycle: LifecycleDeps;
  readonly agency: TestAgency;
  readonly other: TestAgency;
  close(): Promise<void>;
}

/** Builds the custom-platform harness. */
export async function createCustomHarness(): Promise<CustomHarness> {
  const database = await createTestDatabase();
  const keyring = parseKeyring(generateKeyEntry('test'));
  const platforms = { custom: createCustomConnector(), shopify: createShopifyConnector() };
  const logs = captureLogger('warn');
  const queue = await startQueue(database, { logger: logs.logger });
  await createQueues(queue.boss, [executeGrantJob] as never);
  const grantDeps: GrantDeps = {
    database,
    keyring,
    platforms,
    now: () => new Date(),
    sleep,
    logger: logs.logger,
    grantPolicy: { leaseMs: 30_000, backoff: { ...defaultBackoff, baseMs: 20 }, workerId: 'test' },
  };
  const services: OnboardingServices = {
    db: database.db,
    database,
    keyring,
    platforms,
    manifests: platformManifests,
    boss: queue.boss,
    now: () => new Date(),
    publicUrl: () => TEST_PUBLIC_URL,
    grantDeps,
  };
  const lifecycle: LifecycleDeps = {
    ...grantDeps,
    lifecycle: { ...defaultLifecycleSettings, backoff: { baseMs: 5, capMs: 20, maxAttempts: 2 } },
    publicUrl: () => TEST_PUBLIC_URL,
  };
  const workspace = buildTestWorkspace(database);
  const app = await buildApp({
    logger: logs.logger,
    database,
    plugins: [
      ...workspacePlugins(workspace),
      ...onboardingPlugins(services),
      ...lifecyclePlugins({ deps: lifecycle, runInline: true }),
    ],
  });
  await app.ready();
  const agency = await buildAgency(database, { workspace, name: 'Northwind Media' });
  const other = await buildAgency(database, { workspace, name: 'Elsewhere Agency' });
  return {
    database,
    app,
    queue,
    lifecycle,
    agency,
    other,
    close: async () => {
      await app.close();
      await queue.stop(2_000);
      await database.destroy();
    },
  };
}
