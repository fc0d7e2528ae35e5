/**
 * An offboarding worker killed with SIGKILL mid-run (a child process, real platform calls to the
 * sandbox over loopback): a rerun resumes it, re-reads before acting, revokes nothing twice, and
 * ends with no access Latchkey granted, read back through the sandbox's control API.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { defaultBackoff } from '../../../src/domain/grant-retry.ts';
import { startOffboarding } from '../../../src/jobs/offboard-plan.ts';
import { runOffboarding } from '../../../src/jobs/offboard.ts';
import { sleep } from '../../../src/jobs/rate-limiter.ts';
import {
  defaultLifecycleSettings,
  type LifecycleDeps,
} from '../../../src/jobs/verify-grants-deps.ts';
import { createTikTokConnector, sandboxBaseUrls } from '../../../src/platforms/tiktok/connector.ts';
import { openDatabase, type Database } from '../../../src/store/database.ts';
import { migrate } from '../../../src/store/migrate.ts';
import { findOffboarding, listOffboardingSteps } from '../../../src/store/offboardings.ts';
import {
  saveAgencyConnection,
  setAgencyBusiness,
} from '../../../src/store/platform-connections.ts';
import { generateKeyEntry, parseKeyring, Secret } from '../../../src/store/secrets.ts';
import { buildAgency } from '../../support/agency.ts';
import { createTestDatabase, testDatabaseKind, testPostgresUrl } from '../../support/database.ts';
import { AGENCY_BC, buildLifecycleWorld } from '../../support/lifecycle-world.ts';
import { mintAgencyToken, seedClient } from '../../support/lifecycle.ts';
import {
  APP,
  control,
  countCalls,
  startSandboxServer,
  type SandboxServer,
} from '../../support/onboarding.ts';

const workerPath = fileURLToPath(new URL('../../support/offboard-worker.ts', import.meta.url));
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A database a child process can open too: a PostgreSQL schema, or a PGlite directory. */
async function openShared(): Promise<{
  open: () => Promise<Database>;
  env: Record<string, string>;
}> {
  if (testDatabaseKind === 'postgres') {
    const db = await createTestDatabase();
    cleanups.push(() => db.destroy());
    return {
      open: async () => db,
      env: { WORKER_DATABASE_URL: testPostgresUrl, WORKER_SCHEMA: db.schema },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'latchkey-crash-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const first = await openDatabase({ dataDir: dir });
  await migrate(first);
  await first.close();
  return { open: () => openDatabase({ dataDir: dir }), env: { WORKER_DATA_DIR: dir } };
}

async function agencyReaches(sandbox: SandboxServer, assetId: string): Promise<boolean> {
  const data = (await control(sandbox, `effective-access?asset_id=${assetId}`)) as
    { bcId: string }[] | { list: { bcId: string }[] };
  return (Array.isArray(data) ? data : data.list).some((p) => p.bcId === AGENCY_BC);
}

it('resumes an offboarding after its worker is killed mid-run, revoking nothing twice', async () => {
  const shared = await openShared();
  const keyEntry = generateKeyEntry('crash');
  const keyring = parseKeyring(keyEntry);
  const sandbox = await startSandboxServer({ faults: { latencyMs: 120 } });
  cleanups.push(() => sandbox.close());
  const world = buildLifecycleWorld(2, 6);
  sandbox.sandbox.loadWorld(world.world);
  const tiktok = createTikTokConnector({
    baseUrls: sandboxBaseUrls(sandbox.base),
    appId: APP.appId,
    appSecret: APP.secret,
  });
  let database = await shared.open();
  const deps = (db: Database): LifecycleDeps => ({
    database: db,
    keyring,
    platforms: { tiktok },
    now: () => new Date(),
    sleep,
    grantPolicy: { leaseMs: 30_000, backoff: defaultBackoff, workerId: 'parent' },
    lifecycle: { ...defaultLifecycleSettings, stepLeaseMs: 1_000 },
    publicUrl: () => 'http://127.0.0.1:3000',
  });
  const agency = await buildAgency(database);
  const agencyId = agency.agency.id;
  await saveAgencyConnection(database.db, keyring, {
    agencyId,
    platform: 'tiktok',
    tokens: { accessToken: new Secret(mintAgencyToken(sandbox.sandbox)), scopes: [] },
    now: new Date(),
  });
  await setAgencyBusiness(database.db, {
    agencyId,
    platform: 'tiktok',
    businessId: AGENCY_BC,
    businessName: 'Northwind Media',
    now: new Date(),
  });
  const client = await seedClient(
    database.db,
    agencyId,
    0,
    world.grants.filter((g) => g.clientIndex === 0),
    null,
  );
  const { offboarding } = await startOffboarding(deps(database), {
    agencyId,
    clientId: client.clientId,
    reason: 'manual',
    actor: { kind: 'system', id: null },
    createdBy: null,
  });
  if (testDatabaseKind === 'pglite') await database.close();
  await control(sandbox, 'log/clear', {});

  const child = spawn(process.execPath, ['--import', 'tsx', workerPath], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      ...shared.env,
      WORKER_KEY: keyEntry,
      WORKER_SANDBOX_ROOT: sandbox.base,
      WORKER_APP_ID: APP.appId,
      WORKER_APP_SECRET: APP.secret,
      WORKER_OFFBOARDING_ID: offboarding.id,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_c, s) => resolve(s)),
  );
  const deadline = Date.now() + 60_000;
  while ((await countCalls(sandbox, 'bc/asset/admin/delete/')) < 3) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`worker did not get far:\n${output}`);
    await sleep(15);
  }
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  expect(output).not.toContain('finished');
  // Removals go one call per asset type (4 for 3 ad accounts, a pixel, a catalog, an account).
  const deletesBefore = await countCalls(sandbox, 'bc/asset/admin/delete/');
  expect(deletesBefore).toBeLessThanOrEqual(4);

  database = await shared.open();
  if (testDatabaseKind === 'pglite') cleanups.push(() => database.close());
  const midway = await listOffboardingSteps(database.db, offboarding.id);
  // Killed between asking and recording the answers: `requested` is all the rerun knows.
  expect(
    midway.filter((s) => s.action === 'revoke' && s.status === 'requested').length,
  ).toBeGreaterThan(0);
  await sleep(1_100); // the dead worker's step lease runs out (pg-boss retries after the heartbeat)
  await runOffboarding(deps(database), offboarding.id);

  expect((await findOffboarding(database.db, offboarding.id))?.status).toBe('completed');
  // Exactly one removal per asset in all: the rerun re-read and did not repeat any.
  expect(await countCalls(sandbox, 'bc/asset/admin/delete/')).toBe(4);
  for (const g of client.grants) expect(await agencyReaches(sandbox, g.seed.assetId)).toBe(false);
  expect(await agencyReaches(sandbox, world.notGranted[0]?.assetId ?? '')).toBe(true);
}, 120_000);
