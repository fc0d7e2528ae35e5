/**
 * Benchmark: approval → all grants done, at the sizes an agency meets (issue #16). The TikTok
 * sandbox, in its own process, answers every call 100 ms after it arrived and enforces TikTok's
 * limits (50 `asset_ids` per `bc/partner/add/`, 50 items per page). Cases: one client approving
 * 20, 100, 500 and 1,000 ad accounts, and 10 clients approving 20 each at the same moment; each
 * under two limiter settings: one that does not bind (1,000 calls/s) and TikTok's own (the
 * manifest's 10 calls/s, burst 20). The grant workers run as the server runs them.
 *
 * For each case it prints one line a script can read:
 *   case <name>: fewest calls F, calls made M, ideal / measured R
 * where F is the fewest TikTok calls the case needs (one read of the agency's Business Center,
 * the shares in batches of 50 per client, one paged read back of the agency BC) and the ideal
 * time is max(3 × latency, latency + max(0, F − burst) / rate): three calls must follow each other
 * (read, share, read back), and F calls cannot leave faster than the bucket allows
 * (docs/benchmarks.md). The 20-asset case runs BENCH_ROUNDS times (default 3; the median is
 * printed) after BENCH_WARMUP warm-up rounds (default 2); the others run once.
 * BENCH_CASES picks cases by name (comma-separated substrings).
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { defaultBackoff } from '../src/domain/grant-retry.ts';
import { executeGrantJob } from '../src/jobs/execute-grant.ts';
import type { GrantDeps } from '../src/jobs/grant-deps.ts';
import { createQueues, startQueue, startWorkers } from '../src/jobs/queue.ts';
import { createRateLimitedFetch, sleep, type BucketLimits } from '../src/jobs/rate-limiter.ts';
import type { FetchLike } from '../src/platforms/http.ts';
import { createTikTokConnector, sandboxBaseUrls } from '../src/platforms/tiktok/connector.ts';
import { tiktokManifest } from '../src/platforms/tiktok/manifest.ts';
import { readDefaultWorld, type TikTokWorld } from '../src/platforms/tiktok/sandbox/world.ts';
import { approveSelection } from '../src/server/routes/onboarding-approve.ts';
import { insertAccessRequest } from '../src/store/access-requests.ts';
import { insertAgency } from '../src/store/agencies.ts';
import { openDatabase } from '../src/store/database.ts';
import { migrate } from '../src/store/migrate.ts';
import { findOrCreateOnboarding, saveAssetListing } from '../src/store/onboardings.ts';
import {
  saveAgencyConnection,
  saveOnboardingConnection,
  setAgencyBusiness,
} from '../src/store/platform-connections.ts';
import { generateKeyEntry, parseKeyring, Secret } from '../src/store/secrets.ts';
import { CONTROL_TOKEN, controlAuth } from '../test/support/sandbox-control.ts';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const WARMUP = Math.max(0, Number(process.env.BENCH_WARMUP ?? 2));
const SHARE_BATCH = 50;
const PAGE = 50;
const APP = { appId: 'bench-app', secret: 'bench-secret' };
const REDIRECT = 'http://127.0.0.1:3000/oauth/callback/tiktok';
const AGENCY_USER = '7100000000000000003';
const NORTHWIND = '7200000000000000002';

interface Setting {
  readonly name: string;
  readonly limits: BucketLimits;
}
const settings: Setting[] = [
  { name: 'unbound', limits: { requestsPerSecond: 1_000, burst: 1_000 } },
  {
    name: 'tiktok limiter',
    limits: {
      requestsPerSecond: tiktokManifest.rateLimit.requestsPerSecond,
      burst: tiktokManifest.rateLimit.burst,
    },
  },
];
interface Case {
  readonly name: string;
  readonly clients: number;
  readonly perClient: number;
  /** Grant workers in this many processes of their own instead of the benchmark's (PostgreSQL). */
  readonly workerProcesses?: number;
}
const allCases: Case[] = [
  { name: '20 assets', clients: 1, perClient: 20 },
  { name: '100 assets', clients: 1, perClient: 100 },
  { name: '500 assets', clients: 1, perClient: 500 },
  { name: '1000 assets', clients: 1, perClient: 1_000 },
  { name: '10 clients x 20', clients: 10, perClient: 20 },
  // An ordinary agency's hundred clients at once, with the workers in two processes sharing the
  // database (and its rate-limit bucket), as a deployment runs them: PostgreSQL only.
  ...(process.env.DATABASE_URL
    ? [
        {
          name: '100 clients x 20, 2 worker processes',
          clients: 100,
          perClient: 20,
          workerProcesses: 2,
        },
      ]
    : []),
];
const picked = process.env.BENCH_CASES?.split(',').map((s) => s.trim());
const cases = allCases.filter((c) => !picked || picked.some((p) => c.name.includes(p)));

/** Client c's user, Business Center and ad accounts (19-digit ids). */
const pad = (prefix: string, n: number) =>
  `${prefix}${String(n).padStart(19 - prefix.length, '0')}`;
const clientUser = (c: number) => pad('71300', c + 1);
const clientBc = (c: number) => pad('72300', c + 1);
const advertiserId = (c: number, a: number) => pad('7330', c * 10_000 + a + 1);

/** The default world plus `clients` client BCs, each owning `perClient` ad accounts. */
function worldFor(clients: number, perClient: number): TikTokWorld {
  const base = readDefaultWorld();
  const range = Array.from({ length: clients }, (_, c) => c);
  return {
    ...base,
    users: [
      ...base.users,
      ...range.map((c) => ({
        userId: clientUser(c),
        email: `admin${c + 1}@client${c + 1}.example`,
        name: `Client ${c + 1} admin`,
      })),
    ],
    businessCenters: [
      ...base.businessCenters,
      ...range.map((c) => ({
        bcId: clientBc(c),
        name: `Client ${c + 1}`,
        company: `Client ${c + 1} Inc.`,
        currency: 'USD',
        timezone: 'Etc/GMT',
        registeredArea: 'US',
        type: 'NORMAL' as const,
      })),
    ],
    members: [
      ...base.members,
      ...range.map((c) => ({
        bcId: clientBc(c),
        userId: clientUser(c),
        userRole: 'ADMIN' as const,
        financeRole: null,
      })),
    ],
    advertisers: [
      ...(base.advertisers ?? []),
      ...range.flatMap((c) =>
        Array.from({ length: perClient }, (_, a) => ({
          advertiserId: advertiserId(c, a),
          name: `Client ${c + 1} market ${a + 1}`,
          ownerBcId: clientBc(c),
        })),
      ),
    ],
  };
}

const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    fileURLToPath(new URL('./onboarding-sandbox.ts', import.meta.url)),
    APP.appId,
    APP.secret,
    REDIRECT,
    CONTROL_TOKEN,
  ],
  {
    // stdin: the child's lifeline (lifeline.ts).
    stdio: ['pipe', 'pipe', 'inherit'],
  },
);
const root = await new Promise<string>((resolve) =>
  child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())),
);
const base = `${root}/sandbox/tiktok`;

/** Calls the sandbox control API. */
async function controlCall(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(
    `${base}/_control/${path}`,
    body === undefined
      ? { headers: controlAuth }
      : {
          method: 'POST',
          headers: { ...controlAuth, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        },
  );
  return ((await response.json()) as { data: unknown }).data;
}

/** Signs in as a sandbox user, consents, and exchanges the code: a token for that user. */
async function tokenFor(userId: string, advertiserIds: readonly string[]): Promise<string> {
  const signIn = await fetch(`${base}/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user_id: userId, next: `${base}/console` }),
    redirect: 'manual',
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const form = new URLSearchParams({
    app_id: APP.appId,
    redirect_uri: REDIRECT,
    state: 'bench',
    decision: 'approve',
  });
  for (const id of advertiserIds) form.append('advertiser_ids', id);
  const answer = await fetch(`${base}/portal/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: form,
    redirect: 'manual',
  });
  const code = new URL(answer.headers.get('location') ?? '').searchParams.get('auth_code') ?? '';
  return (await plain.exchangeCode({ code, redirectUri: REDIRECT })).accessToken;
}

// PGlite in memory by default; DATABASE_URL runs the same on PostgreSQL (a throwaway schema).
const databaseUrl = process.env.DATABASE_URL;
const schema = `bench_${process.pid}`;
const database = databaseUrl
  ? await openDatabase({ databaseUrl, schema, poolSize: 10 })
  : await openDatabase({ inMemory: true });
await migrate(database);
const keyEntry = generateKeyEntry('bench');
const keyring = parseKeyring(keyEntry);
const plain = createTikTokConnector({
  baseUrls: sandboxBaseUrls(base),
  appId: APP.appId,
  appSecret: APP.secret,
});

/** Business API calls made by the grant workers while counting is on. */
const counter = { on: false, calls: 0, t0: 0, trace: [] as string[] };
const counting: FetchLike = async (url, init) => {
  // Business Center calls only: the client token's revocation once the onboarding is done
  // (oauth2/revoke_token/, one per client, S12) is not part of granting.
  if (!counter.on || !String(url).includes('/open_api/v1.3/bc/')) return fetch(url, init);
  counter.calls += 1;
  const start = Date.now() - counter.t0;
  const response = await fetch(url, init);
  const path = String(url).split('/v1.3/')[1]?.split('?')[0] ?? '';
  if (process.env.BENCH_DEBUG)
    counter.trace.push(`${path}${readShape(url)} ${start}-${Date.now() - counter.t0}`);
  return response;
};
/** For BENCH_DEBUG: which page a read asks for, and whether it looks for one asset by keyword. */
function readShape(url: URL): string {
  const query = url.searchParams;
  if (!query.has('page')) return '';
  return ` page ${query.get('page')}${query.get('filtering')?.includes('keyword') ? ' keyword' : ''}`;
}
const limited = new Map(
  settings.map((s) => [
    s.name,
    createRateLimitedFetch({
      db: database.db,
      key: `tiktok-${s.name}`,
      limits: s.limits,
      fetch: counting,
      now: () => new Date(),
      sleep,
    }),
  ]),
);
let setting: Setting = settings[0] as Setting;
const tiktok = createTikTokConnector({
  baseUrls: sandboxBaseUrls(base),
  appId: APP.appId,
  appSecret: APP.secret,
  fetch: (url, init) => (limited.get(setting.name) ?? counting)(url, init),
});
const queue = await startQueue(database);
await createQueues(queue.boss, [executeGrantJob] as never);
const grantDeps: GrantDeps = {
  database,
  keyring,
  platforms: { tiktok },
  now: () => new Date(),
  sleep,
  grantPolicy: { leaseMs: 60_000, backoff: defaultBackoff, workerId: 'bench' },
  boss: queue.boss,
};
await startWorkers(queue.boss, [executeGrantJob] as never, grantDeps);

const now = new Date();
const agency = await insertAgency(database.db, {
  name: 'Northwind Media',
  slug: 'northwind-bench',
});
const tokens = (value: string) => ({ accessToken: new Secret(value), scopes: [] });
const services = {
  db: database.db,
  database,
  keyring,
  platforms: { tiktok },
  manifests: { tiktok: tiktokManifest },
  boss: queue.boss,
  now: () => new Date(),
  publicUrl: () => 'http://127.0.0.1:3000',
  grantDeps,
};
let serial = 0;

/** A fresh world, the agency connected, one request and onboarding per client (seeded). */
async function seedCase(c: Case) {
  await controlCall('faults', { latencyMs: 0 });
  await controlCall('world', { world: worldFor(c.clients, c.perClient) });
  await saveAgencyConnection(database.db, keyring, {
    agencyId: agency.id,
    platform: 'tiktok',
    now,
    tokens: tokens(await tokenFor(AGENCY_USER, [])),
  });
  await setAgencyBusiness(database.db, {
    agencyId: agency.id,
    platform: 'tiktok',
    businessId: NORTHWIND,
    businessName: 'Northwind Media',
    now,
  });
  const seeded = [];
  for (let client = 0; client < c.clients; client += 1) {
    serial += 1;
    const ids = Array.from({ length: c.perClient }, (_, a) => advertiserId(client, a));
    const clientToken = await tokenFor(clientUser(client), ids);
    const listing = await plain.listClientAssets(clientToken);
    const request = await insertAccessRequest(database.db, {
      agencyId: agency.id,
      clientId: null,
      title: `Bench ${serial}`,
      message: null,
      linkId: `benchlnk${serial}`,
      linkSecretHash: '0'.repeat(64),
      linkExpiresAt: new Date(now.getTime() + 86_400_000),
      accessEndsAt: null,
      createdBy: null,
      items: [{ platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'ANALYST' }],
    });
    const { onboarding } = await findOrCreateOnboarding(database.db, {
      agencyId: agency.id,
      requestId: request.id,
    });
    await saveOnboardingConnection(database.db, keyring, {
      agencyId: agency.id,
      onboardingId: onboarding.id,
      platform: 'tiktok',
      now,
      tokens: tokens(clientToken),
    });
    await saveAssetListing(database.db, onboarding.id, { tiktok: listing }, now);
    const selections = ids.map((assetId) => ({
      platform: 'tiktok',
      assetType: 'advertiser',
      assetId,
    }));
    seeded.push({ request, onboarding, selections });
  }
  await controlCall('faults', { latencyMs: LATENCY_MS });
  return seeded;
}

/** The fewest TikTok calls: read the agency BC (empty: 1 page), shares, one paged read back. */
function fewestCalls(c: Case): number {
  return (
    1 +
    c.clients * Math.ceil(c.perClient / SHARE_BATCH) +
    Math.ceil((c.clients * c.perClient) / PAGE)
  );
}

/** The least time F calls can take: a chain of three, and the bucket's rate beyond its burst. */
function idealMs(fewest: number, limits: BucketLimits): number {
  const paced = LATENCY_MS + (Math.max(0, fewest - limits.burst) / limits.requestsPerSecond) * 1000;
  return Math.max(3 * LATENCY_MS, paced);
}

/** Business Center calls the sandbox received since `since` (calls made in other processes). */
async function sandboxCallsSince(since: number): Promise<number> {
  const { list } = (await controlCall('log')) as { list: { path: string; time: string }[] };
  return list.filter(
    (entry) => entry.path.includes('/open_api/v1.3/bc/') && Date.parse(entry.time) >= since,
  ).length;
}

/** For BENCH_DEBUG: when each Business Center call of other processes reached the sandbox. */
async function sandboxArrivals(since: number): Promise<string> {
  const { list } = (await controlCall('log')) as { list: { path: string; time: string }[] };
  return list
    .filter((entry) => entry.path.includes('/open_api/v1.3/bc/') && Date.parse(entry.time) >= since)
    .map(
      (entry) => `${entry.path.split('/v1.3/')[1] ?? ''} arrived ${Date.parse(entry.time) - since}`,
    )
    .join('\n');
}

/** Starts `count` worker processes (bench/onboarding-worker.ts) and waits until they listen. */
async function startWorkerProcesses(count: number, s: Setting) {
  const children = Array.from({ length: count }, () =>
    spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./onboarding-worker.ts', import.meta.url))],
      {
        // stdin: the child's lifeline (lifeline.ts).
        stdio: ['pipe', 'pipe', 'inherit'],
        env: {
          ...process.env,
          BENCH_DATABASE_URL: databaseUrl,
          BENCH_SCHEMA: schema,
          BENCH_KEYS: keyEntry,
          BENCH_SANDBOX_ROOT: base,
          BENCH_APP_ID: APP.appId,
          BENCH_APP_SECRET: APP.secret,
          BENCH_BUCKET: `tiktok-${s.name}`,
          BENCH_RATE: String(s.limits.requestsPerSecond),
          BENCH_BURST: String(s.limits.burst),
        },
      },
    ),
  );
  await Promise.all(
    children.map(
      (worker) => new Promise<void>((resolve) => worker.stdout.once('data', () => resolve())),
    ),
  );
  return {
    stop: () =>
      Promise.all(
        children.map(
          (worker) =>
            new Promise<void>((resolve) => {
              worker.once('exit', () => resolve());
              worker.kill('SIGTERM');
            }),
        ),
      ),
  };
}

/**
 * Each case starts with the setting's bucket full, as a server that has been calling TikTok
 * finds it after a quiet moment: the row stays (deleting it made every case's first call also
 * create the bucket, which a running server did once, long ago).
 */
async function refillBucket(s: Setting) {
  const full = { tokens: s.limits.burst, refilled_at: new Date(), blocked_until: null };
  await database.db
    .insertInto('rate_limit_buckets')
    .values({ key: `tiktok-${s.name}`, ...full })
    .onConflict((oc) => oc.column('key').doUpdateSet(full))
    .execute();
}

/** One run of a case: every client approves at once; the clock stops at the last grant's write. */
async function runCase(c: Case) {
  const seeded = await seedCase(c);
  await refillBucket(setting);
  // The benchmark's own workers step aside while other processes run the case.
  if (c.workerProcesses) await queue.boss.offWork(executeGrantJob.name);
  const others = c.workerProcesses
    ? await startWorkerProcesses(c.workerProcesses, setting)
    : undefined;
  await sleep(250);
  counter.calls = 0;
  counter.trace = [];
  counter.on = true;
  const started = Date.now();
  counter.t0 = started;
  await Promise.all(
    // As in the server: an approval runs its grants only where the grant workers run.
    seeded.map((s) =>
      approveSelection(
        { ...services, ...(c.workerProcesses ? {} : { grantWorkers: grantDeps }) },
        s.request,
        s.onboarding.id,
        s.selections,
      ),
    ),
  );
  if (process.env.BENCH_DEBUG) console.log(`  approved after ${Date.now() - started} ms`);
  const ids = seeded.map((s) => s.onboarding.id);
  const mine = () => database.db.selectFrom('grants').where('onboarding_id', 'in', ids);
  await sleep(3 * LATENCY_MS);
  for (;;) {
    // One row at most: the poll shares the database with what it measures.
    const open = await mine()
      .select('id')
      .where('status', 'in', ['queued', 'running'])
      .limit(1)
      .execute();
    if (open.length === 0) break;
    await sleep(25);
  }
  counter.on = false;
  const calls = others ? await sandboxCallsSince(started) : counter.calls;
  if (process.env.BENCH_DEBUG) console.log(await sandboxArrivals(started));
  if (others) {
    await others.stop();
    await startWorkers(queue.boss, [executeGrantJob] as never, grantDeps);
  }
  if (process.env.BENCH_DEBUG) console.log(counter.trace.join('\n'));
  const grants = await mine().select(['status', 'updated_at']).execute();
  const last = Math.max(...grants.map((g) => g.updated_at.getTime()));
  const done = grants.filter((g) => ['pending_acceptance', 'granted'].includes(g.status)).length;
  return { measured: last - started, calls, done, total: grants.length };
}

console.log(
  `onboarding (${database.kind}, load average ${loadavg()[0]?.toFixed(1) ?? '?'}): ${LATENCY_MS} ms per TikTok call, batches of ${SHARE_BATCH}`,
);
for (let w = 0; w < WARMUP; w += 1) await runCase(allCases[0] as Case);
let ok = true;
const pickedSettings = process.env.BENCH_SETTINGS?.split(',').map((x) => x.trim());
for (const s of settings.filter((x) => !pickedSettings || pickedSettings.includes(x.name))) {
  setting = s;
  for (const c of cases) {
    const fewest = fewestCalls(c);
    const ideal = idealMs(fewest, s.limits);
    const runs = [];
    for (let r = 0; r < (c.perClient * c.clients === 20 ? ROUNDS : 1); r += 1)
      runs.push(await runCase(c));
    runs.sort((a, b) => a.measured - b.measured);
    const run = runs[Math.floor(runs.length / 2)] ?? runs[0];
    if (!run) continue;
    ok &&= run.done === run.total;
    console.log(
      `case ${c.name} (${s.name}): fewest calls ${fewest}, calls made ${run.calls}, ideal / measured ${(ideal / run.measured).toFixed(3)}`,
    );
    console.log(
      `  grants done ${run.done}/${run.total}, measured ${run.measured} ms, ideal ${Math.round(ideal)} ms${runs.length > 1 ? ` (median of ${runs.length})` : ''}`,
    );
  }
}
await queue.stop(2_000);
child.kill();
if (databaseUrl) {
  await sql
    .raw(
      `drop schema if exists "${schema}" cascade; drop schema if exists "${schema}_boss" cascade`,
    )
    .execute(database.db);
}
await database.close();
process.exit(ok ? 0 : 1);
