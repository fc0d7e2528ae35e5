/**
 * CRASH test (R2, J1): a worker in a child process is SIGKILLed after the sandbox applied
 * `bc/partner/add/` and before the job recorded the answer. After a restart the grant is read back
 * (not asked again): the sandbox holds exactly one share, saw exactly one partner/add call, and
 * the request completes once the agency accepts. With production timings (lease, renewals, crash
 * watch; no sweep), the grant settles within 15 s of the kill: not a minute later.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantIdempotencyKey } from '../../../src/domain/grant.ts';
import { recheckGrant } from '../../../src/jobs/recheck-grant.ts';
import { createTikTokConnector, sandboxBaseUrls } from '../../../src/platforms/tiktok/connector.ts';
import { insertAccessRequest } from '../../../src/store/access-requests.ts';
import { insertAgency } from '../../../src/store/agencies.ts';
import { openDatabase, type Database } from '../../../src/store/database.ts';
import { insertGrants } from '../../../src/store/grants.ts';
import { migrate } from '../../../src/store/migrate.ts';
import { findOrCreateOnboarding, setOnboardingStatus } from '../../../src/store/onboardings.ts';
import {
  saveAgencyConnection,
  saveOnboardingConnection,
  setAgencyBusiness,
} from '../../../src/store/platform-connections.ts';
import { generateKeyEntry, parseKeyring, Secret } from '../../../src/store/secrets.ts';
import { TEST_PUBLIC_URL } from '../../support/agency.ts';
import {
  createTestDatabase,
  testDatabaseKind,
  testPostgresUrl,
  type TestDatabase,
} from '../../support/database.ts';
import {
  ADVERTISERS,
  APP,
  BCS,
  consentInSandbox,
  control,
  startSandboxServer,
  USERS,
  type SandboxServer,
} from '../../support/onboarding.ts';
import { waitFor } from '../../support/queue.ts';

const keys = generateKeyEntry('crash');
const keyring = parseKeyring(keys);
const child = fileURLToPath(new URL('../../support/grant-worker-child.ts', import.meta.url));
let sandbox: SandboxServer;
let delayPartnerAdd = true;
let dataDir = '';
let pg: TestDatabase | undefined;
let grantId = '';
let requestId = '';

async function openDb(): Promise<Database> {
  return pg ?? openDatabase({ dataDir });
}
async function closeDb(db: Database): Promise<void> {
  if (!pg) await db.close();
}

async function tokenFor(userId: string, advertiserIds: string[]): Promise<string> {
  const connector = createTikTokConnector({
    baseUrls: sandboxBaseUrls(sandbox.base),
    appId: APP.appId,
    appSecret: APP.secret,
  });
  const redirectUri = `${TEST_PUBLIC_URL}/oauth/callback/tiktok`;
  const auth = connector.authorizationUrl({ state: 'seed', redirectUri, scopes: [] });
  const callback = await consentInSandbox(sandbox, auth.toString(), userId, { advertiserIds });
  return (
    await connector.exchangeCode({
      code: callback.searchParams.get('auth_code') ?? '',
      redirectUri,
    })
  ).accessToken;
}

async function seed(db: Database): Promise<void> {
  const now = new Date();
  const agency = await insertAgency(db.db, {
    name: 'Northwind Media',
    slug: `northwind-${Date.now()}`,
  });
  const request = await insertAccessRequest(db.db, {
    agencyId: agency.id,
    clientId: null,
    title: 'Crash',
    message: null,
    linkId: 'crashlnk',
    linkSecretHash: 'x'.repeat(64),
    linkExpiresAt: new Date(now.getTime() + 86_400_000),
    accessEndsAt: null,
    createdBy: null,
    items: [{ platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'OPERATOR' }],
  });
  requestId = request.id;
  const { onboarding } = await findOrCreateOnboarding(db.db, {
    agencyId: agency.id,
    requestId: request.id,
  });
  await setOnboardingStatus(db.db, onboarding.id, 'approved', now);
  const tokens = (value: string) => ({ accessToken: new Secret(value), scopes: [] });
  await saveOnboardingConnection(db.db, keyring, {
    agencyId: agency.id,
    onboardingId: onboarding.id,
    platform: 'tiktok',
    now,
    tokens: tokens(await tokenFor(USERS.dana, [ADVERTISERS.us])),
  });
  await saveAgencyConnection(db.db, keyring, {
    agencyId: agency.id,
    platform: 'tiktok',
    now,
    tokens: tokens(await tokenFor(USERS.nora, [])),
  });
  await setAgencyBusiness(db.db, {
    agencyId: agency.id,
    platform: 'tiktok',
    businessId: BCS.northwind,
    businessName: 'Northwind Media',
    now,
  });
  const [grant] = await insertGrants(db.db, [
    {
      agencyId: agency.id,
      onboardingId: onboarding.id,
      platform: 'tiktok',
      assetType: 'advertiser',
      assetId: ADVERTISERS.us,
      assetName: 'Acme Outdoor US',
      ownerId: BCS.acme,
      permissionLevel: 'OPERATOR',
      idempotencyKey: grantIdempotencyKey({
        onboardingId: onboarding.id,
        platform: 'tiktok',
        assetType: 'advertiser',
        assetId: ADVERTISERS.us,
        level: 'OPERATOR',
      }),
    },
  ]);
  grantId = grant?.id ?? '';
}

/** Every worker started, so a failed test leaves none running. */
const children: ChildProcess[] = [];

interface Child {
  process: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
  /** When the worker said it was ready (ms since the epoch). */
  ready: Promise<number>;
}

function startChild(extraEnv: Record<string, string> = {}): Child {
  const output: string[] = [];
  let markReady: (at: number) => void = () => {};
  const ready = new Promise<number>((resolve) => (markReady = resolve));
  const proc = spawn(process.execPath, ['--import', 'tsx', child], {
    env: {
      ...process.env,
      CHILD_KEYS: keys,
      CHILD_GRANTS: grantId,
      CHILD_SANDBOX_ROOT: sandbox.base,
      CHILD_APP_ID: APP.appId,
      CHILD_APP_SECRET: APP.secret,
      ...extraEnv,
      ...(pg
        ? { CHILD_DATABASE_URL: testPostgresUrl, CHILD_SCHEMA: pg.schema }
        : { CHILD_DATA_DIR: dataDir }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(proc);
  proc.stdout?.on('data', (chunk: Buffer) => {
    output.push(chunk.toString());
    if (chunk.toString().includes('ready')) markReady(Date.now());
  });
  proc.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { process: proc, output, exited, ready };
}

const partnerAdds = async () => {
  const log = (await control(sandbox, 'log')) as { list: { path: string }[] };
  return log.list.filter((e) => e.path.endsWith('bc/partner/add/')).length;
};
const agencyShares = () =>
  sandbox.sandbox.model.state.holdings.filter(
    (x) => x.bcId === BCS.northwind && x.assetId === ADVERTISERS.us,
  );

beforeAll(async () => {
  sandbox = await startSandboxServer({
    configure: (server) => {
      server.addHook('onSend', async (request, _reply, payload) => {
        if (delayPartnerAdd && request.url.includes('bc/partner/add/'))
          await new Promise((r) => setTimeout(r, 5_000));
        return payload;
      });
    },
  });
  if (testDatabaseKind === 'postgres') pg = await createTestDatabase();
  else dataDir = await mkdtemp(path.join(tmpdir(), 'latchkey-crash-'));
  const db = await openDb();
  if (!pg) await migrate(db);
  await seed(db);
  await closeDb(db);
}, 60_000);

afterAll(async () => {
  for (const proc of children) if (proc.exitCode === null) proc.kill('SIGKILL');
  await sandbox?.close();
  await pg?.destroy();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('a worker killed mid-grant', () => {
  it('never grants twice and completes after restart', async () => {
    const first = startChild({ CHILD_ENQUEUE: '1' });
    await waitFor(async () => (await partnerAdds()) === 1 && agencyShares().length === 1, {
      timeoutMs: 60_000,
      intervalMs: 20,
    });
    first.process.kill('SIGKILL');
    const killedAt = Date.now();
    await first.exited;
    delayPartnerAdd = false;

    let db = await openDb();
    const crashed = await db.db
      .selectFrom('grants')
      .selectAll()
      .where('id', '=', grantId)
      .executeTakeFirstOrThrow();
    expect(crashed.status).toBe('running');
    expect(crashed.steps.map((s) => s.name)).toContain('grant_requested');
    expect(crashed.steps.map((s) => s.name)).not.toContain('grant_answered');
    await closeDb(db);

    const second = startChild();
    const code = await Promise.race([
      second.exited,
      new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 60_000)),
    ]);
    if (code !== 0) second.process.kill('SIGKILL');
    expect(code, second.output.join('')).toBe(0);

    expect(await partnerAdds()).toBe(1);
    expect(agencyShares()).toHaveLength(1);
    db = await openDb();
    const after = await db.db
      .selectFrom('grants')
      .selectAll()
      .where('id', '=', grantId)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('pending_acceptance');
    expect(after.steps.map((s) => s.name)).toContain('read_back');
    // Recovery time: the lapse of the dead worker's lease, then the watch. A restart slower than
    // the lease (a loaded machine) only shifts when the watch can run, so that case is bounded
    // from the moment the new worker was ready.
    const settledAt = after.updated_at.getTime();
    const readyAt = await second.ready;
    const recoveryMs = settledAt - killedAt;
    console.log(
      `crash recovery: ${recoveryMs} ms after the kill (worker ready after ${readyAt - killedAt} ms)`,
    );
    expect(recoveryMs).toBeLessThan(Math.max(15_000, readyAt - killedAt + 6_000));

    await control(sandbox, 'partners/accept', {
      bc_id: BCS.northwind,
      owner_bc_id: BCS.acme,
      user_id: USERS.nora,
    });
    const tiktok = createTikTokConnector({
      baseUrls: sandboxBaseUrls(sandbox.base),
      appId: APP.appId,
      appSecret: APP.secret,
    });
    const checked = await recheckGrant(
      { database: db, keyring, platforms: { tiktok }, now: () => new Date() },
      grantId,
    );
    expect(checked?.status).toBe('granted');
    const request = await db.db
      .selectFrom('access_requests')
      .select('status')
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    expect(request.status).toBe('completed');
    expect(await db.db.selectFrom('grants').select('id').execute()).toHaveLength(1);
    await closeDb(db);
  }, 150_000);
});
