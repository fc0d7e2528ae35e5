/**
 * Benchmark: the access lifecycle on a sandbox world of 20 clients and 200 granted TikTok assets.
 * Drift is injected at random (single-asset removals, downgrades, whole-partner removals); the
 * sandbox answers every call after 50 ms and fails 10% of calls with TikTok's transient 51060/50000.
 * Calls go through the shared rate limiter at the manifest's limits. A sweep (plus follow-ups for
 * reads that stayed unknown) must find every drift and nothing else; then every client is
 * offboarded and the sandbox model is asked what Latchkey-granted access is left.
 * Prints `drift detected: N/M`, `false alarms: K`, `residual access after offboarding: R` and the
 * sweep's wall time. Bar: N = M, K = 0, R = 0. BENCH_SEED picks the drift (default 7).
 */
import { defaultBackoff } from '../src/domain/grant-retry.ts';
import { startOffboarding } from '../src/jobs/offboard-plan.ts';
import { offboardJob, runOffboarding } from '../src/jobs/offboard.ts';
import { createRateLimitedFetch, sleep } from '../src/jobs/rate-limiter.ts';
import { defaultLifecycleSettings, type LifecycleDeps } from '../src/jobs/verify-grants-deps.ts';
import { runVerification, type VerificationResult } from '../src/jobs/verify-grants.ts';
import { createTikTokConnector, sandboxBaseUrls } from '../src/platforms/tiktok/connector.ts';
import { tiktokManifest } from '../src/platforms/tiktok/manifest.ts';
import { unbindHolding } from '../src/platforms/tiktok/sandbox/model/holdings.ts';
import {
  addPartner,
  deletePartner,
  deletePartnerAssets,
} from '../src/platforms/tiktok/sandbox/model/partners.ts';
import type { FetchLike } from '../src/platforms/http.ts';
import { openDatabase } from '../src/store/database.ts';
import { migrate } from '../src/store/migrate.ts';
import { saveAgencyConnection, setAgencyBusiness } from '../src/store/platform-connections.ts';
import { generateKeyEntry, parseKeyring, Secret } from '../src/store/secrets.ts';
import { insertVerificationRun } from '../src/store/verifications.ts';
import { buildAgency } from '../test/support/agency.ts';
import { AGENCY_BC, buildLifecycleWorld, type SeedGrant } from '../test/support/lifecycle-world.ts';
import { mintAgencyToken, seedClient, type SeededClient } from '../test/support/lifecycle.ts';
import { APP, startSandboxServer } from '../test/support/onboarding.ts';

const CLIENTS = 20;
const PER_CLIENT = 10;
const BIG_CLIENTS = Number(process.env.BENCH_BIG_CLIENTS ?? 100);
const LATENCY_MS = 50;
const ERROR_RATE = 0.1;
let seed = Number(process.env.BENCH_SEED ?? 7);
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const keyOf = { advertiser: 'ADVERTISER', pixel: 'PIXEL', catalog: 'CATALOG' } as const;
const levelsOf = (type: string) =>
  tiktokManifest.assetTypes.find((t) => t.id === type)?.levels.map((l): string => l.id) ?? [];

const database = await openDatabase({ inMemory: true });
await migrate(database);
const keyring = parseKeyring(generateKeyEntry('bench'));
const sandbox = await startSandboxServer();
const world = buildLifecycleWorld(CLIENTS, PER_CLIENT);
sandbox.sandbox.loadWorld(world.world);
let calls = 0;
const counting: FetchLike = (url, init) => {
  calls += 1;
  return fetch(url, init);
};
const limits = tiktokManifest.rateLimit;
const tiktok = createTikTokConnector({
  baseUrls: sandboxBaseUrls(sandbox.base),
  appId: APP.appId,
  appSecret: APP.secret,
  fetch: createRateLimitedFetch({
    db: database.db,
    key: 'tiktok',
    limits: { requestsPerSecond: limits.requestsPerSecond, burst: limits.burst },
    fetch: counting,
    now: () => new Date(),
    sleep,
  }),
});
const deps: LifecycleDeps = {
  database,
  keyring,
  platforms: { tiktok },
  now: () => new Date(),
  sleep,
  grantPolicy: { leaseMs: 60_000, backoff: defaultBackoff, workerId: 'bench' },
  lifecycle: { ...defaultLifecycleSettings, stepLeaseMs: 2_000 },
  publicUrl: () => 'http://127.0.0.1:3000',
};
const agency = await buildAgency(database, { name: 'Northwind Media' });
let agencyToken = mintAgencyToken(sandbox.sandbox);
const agencyId = agency.agency.id;
await saveAgencyConnection(database.db, keyring, {
  agencyId,
  platform: 'tiktok',
  tokens: { accessToken: new Secret(agencyToken), scopes: [] },
  now: new Date(),
});
await setAgencyBusiness(database.db, {
  agencyId,
  platform: 'tiktok',
  businessId: AGENCY_BC,
  businessName: 'Northwind Media',
  now: new Date(),
});
const clients: SeededClient[] = [];
for (let c = 0; c < CLIENTS; c += 1) {
  const seeds = world.grants.filter((g) => g.clientIndex === c);
  clients.push(await seedClient(database.db, agencyId, c, seeds, null));
}
const grants = clients.flatMap((c) => c.grants);

/**
 * How many pages one read of the agency BC's assets of these types takes right now (page 1's
 * total_page, at least 1), read straight from the sandbox, outside the counted calls.
 */
async function pagesNow(types: readonly string[]): Promise<number> {
  let pages = 0;
  for (const type of new Set(types)) {
    const url = new URL(`${sandbox.base}/open_api/v1.3/bc/asset/admin/get/`);
    url.search = new URLSearchParams({
      bc_id: AGENCY_BC,
      asset_type: keyOf[type as keyof typeof keyOf] ?? 'TT_ACCOUNT',
      page: '1',
      page_size: '50',
    }).toString();
    for (;;) {
      const body = (await (
        await fetch(url, { headers: { 'Access-Token': agencyToken } })
      ).json()) as { code: number; data?: { page_info?: { total_page?: number } } };
      if (body.code !== 0) continue; // a transient fault of the sandbox: ask again
      pages += Math.max(1, body.data?.page_info?.total_page ?? 1);
      break;
    }
  }
  return pages;
}

/** The fewest calls to remove these grants: what is held, in batches of 50 per type. */
function fewestRemovals(of: readonly SeedGrant[]): number {
  let calls = 0;
  for (const type of new Set(of.map((g) => g.assetType))) {
    const held = of.filter(
      (g) =>
        g.assetType === type &&
        sandbox.sandbox.model.state.holdings.some(
          (h) => h.bcId === AGENCY_BC && h.assetId === g.assetId && h.status === 'BOUND',
        ),
    ).length;
    calls += Math.ceil(held / 50);
  }
  return calls;
}
const typesOf = (of: readonly { seed: SeedGrant }[]) => [
  ...new Set(of.map((g) => g.seed.assetType)),
];

// A first sweep without faults: every asset holds (the baseline the drift is measured against).
const baseline = await sweep();
if (baseline.summary.holds !== grants.length)
  throw new Error(
    `baseline sweep did not hold: ${JSON.stringify(baseline.summary)} ${JSON.stringify(baseline.outcomes.find((o) => o.state.outcome !== 'holds')?.state)}`,
  );

// Inject drift.
const partnerRemovals = new Set([Math.floor(random() * CLIENTS), Math.floor(random() * CLIENTS)]);
let removals = 0;
let downgrades = 0;
sandbox.sandbox.model.mutate((ctx) => {
  for (const c of partnerRemovals) {
    deletePartner(ctx, world.clientAdmins[c] ?? '', {
      bcId: world.clientBcs[c] ?? '',
      partnerId: AGENCY_BC,
    });
  }
  for (const { seed: g } of grants) {
    if (partnerRemovals.has(g.clientIndex)) continue;
    const roll = random();
    if (roll < 0.08) {
      removals += 1;
      if (g.assetType === 'tiktok_account') unbindHolding(ctx, AGENCY_BC, g.assetId);
      else
        deletePartnerAssets(ctx, world.clientAdmins[g.clientIndex] ?? '', {
          bcId: g.ownerId,
          partnerId: AGENCY_BC,
          assetType: keyOf[g.assetType],
          assetIds: [g.assetId],
        });
    } else if (roll < 0.16 && g.assetType === 'advertiser' && g.level !== 'ANALYST') {
      downgrades += 1;
      addPartner(ctx, world.clientAdmins[g.clientIndex] ?? '', {
        bcId: g.ownerId,
        partnerRef: AGENCY_BC,
        assetType: 'ADVERTISER',
        assetIds: [g.assetId],
        roles: [g.level === 'ADMIN' && random() < 0.5 ? 'OPERATOR' : 'ANALYST'],
      });
    }
  }
});

/** What the sandbox model says each grant's outcome should be now. */
function expected(g: SeedGrant): { outcome: string; level: string | null } {
  const holding = sandbox.sandbox.model.state.holdings.find(
    (h) => h.bcId === AGENCY_BC && h.assetId === g.assetId && h.status === 'BOUND',
  );
  if (!holding) return { outcome: 'lost', level: null };
  if (g.assetType !== 'advertiser' && g.assetType !== 'catalog')
    return { outcome: 'holds', level: g.level };
  const levels = levelsOf(g.assetType);
  const found = holding.roles[0] ?? '';
  return levels.indexOf(found) < levels.indexOf(g.level)
    ? { outcome: 'downgraded', level: found }
    : { outcome: 'holds', level: found };
}

const sweepFewest = await pagesNow(typesOf(grants));
sandbox.sandbox.setFaults({ latencyMs: LATENCY_MS, errorRate: ERROR_RATE });
calls = 0;
const started = performance.now();
const first = await sweep();
const sweepMs = performance.now() - started;
const sweepCalls = calls;
const firstUnknown = first.outcomes.filter((o) => o.state.outcome === 'unknown').length;
const final = new Map(first.outcomes.map((o) => [o.grant.id, o.state]));
let followUps = 0;
while ([...final.values()].some((s) => s.outcome === 'unknown') && followUps < 5) {
  followUps += 1;
  for (const o of (await sweep(true)).outcomes) final.set(o.grant.id, o.state);
}
let drifted = 0;
let detected = 0;
let falseAlarms = 0;
let unknown = 0;
for (const { grantId, seed: g } of grants) {
  const want = expected(g);
  const got = final.get(grantId);
  if (got?.outcome === 'unknown') unknown += 1;
  if (want.outcome !== 'holds') {
    drifted += 1;
    if (got?.outcome === want.outcome && (want.outcome === 'lost' || got.levelFound === want.level))
      detected += 1;
  } else if (got?.outcome === 'lost' || got?.outcome === 'downgraded') {
    falseAlarms += 1;
  }
}

// Offboard every client (all platforms), then ask the sandbox model what is left.
const offStarted = performance.now();
calls = 0;
const statuses: string[] = [];
let jobRetries = 0;
let offFewest = 0;
let offCalls = 0;
for (const client of clients) {
  sandbox.sandbox.setFaults({});
  const before = await pagesNow(typesOf(client.grants));
  const removals = fewestRemovals(client.grants.map((g) => g.seed));
  sandbox.sandbox.setFaults({ latencyMs: LATENCY_MS, errorRate: ERROR_RATE });
  calls = 0;
  const { offboarding } = await startOffboarding(deps, {
    agencyId,
    clientId: client.clientId,
    reason: 'manual',
    actor: { kind: 'system', id: null },
    createdBy: null,
  });
  // As the queue would: a run that gives up on a transient error is retried (offboardJob retryLimit).
  for (let attempt = 0; ; attempt += 1) {
    try {
      await runOffboarding(deps, offboarding.id);
      break;
    } catch (error) {
      jobRetries += 1;
      if (attempt >= offboardJob.queue.retryLimit!) throw error;
      await sleep(200);
    }
  }
  offCalls += calls;
  sandbox.sandbox.setFaults({});
  offFewest += before + removals + (await pagesNow(typesOf(client.grants)));
  const row = await database.db
    .selectFrom('offboardings')
    .select('status')
    .where('id', '=', offboarding.id)
    .executeTakeFirstOrThrow();
  statuses.push(row.status);
}
const offMs = performance.now() - offStarted;
const reaches = (assetId: string) =>
  sandbox.sandbox.model.effectiveAccess(assetId).some((p) => p.bcId === AGENCY_BC);
const residual = grants.filter((g) => reaches(g.seed.assetId)).length;
const keptBefore = world.notGranted.filter((n) => !partnerRemovals.has(n.clientIndex)).length;
const keptAfter = world.notGranted.filter((n) => reaches(n.assetId)).length;

console.log(
  `world: ${CLIENTS} clients, ${grants.length} granted assets; sandbox ${LATENCY_MS} ms per call, ${ERROR_RATE * 100}% transient errors; limiter ${limits.requestsPerSecond}/s burst ${limits.burst}`,
);
console.log(
  `injected: ${partnerRemovals.size} whole-partner removals, ${removals} single removals, ${downgrades} downgrades (seed ${process.env.BENCH_SEED ?? 7})`,
);
console.log(`drift detected: ${detected}/${drifted}`);
console.log(`false alarms: ${falseAlarms}`);
console.log(`unknown after ${followUps} follow-up sweep(s): ${unknown}`);
console.log(
  `sweep wall time: ${Math.round(sweepMs)} ms (${sweepCalls} platform calls, retries included)`,
);
console.log(
  `offboarding: ${statuses.filter((s) => s === 'completed').length}/${statuses.length} completed in ${Math.round(offMs / 1000)} s (${offCalls} platform calls, ${jobRetries} job retries)`,
);
console.log(`residual access after offboarding: ${residual}`);
console.log(`access not granted by Latchkey still in place: ${keptAfter}/${keptBefore}`);
console.log(
  `sweep ${grants.length} grants: calls ${sweepCalls}, fewest ${sweepFewest}, unknown ${firstUnknown}`,
);
console.log(
  `offboarding ${grants.length} grants: calls ${offCalls}, fewest ${offFewest}, residual access ${residual}`,
);
console.log(
  `  calls per asset ${(offCalls / grants.length).toFixed(2)} against ${(offFewest / grants.length).toFixed(2)} (${statuses.length} offboardings, one per client)`,
);
const big = await atScale();
await sandbox.close();
await database.close();
process.exitCode = detected === drifted && falseAlarms === 0 && residual === 0 && big.ok ? 0 : 1;

/**
 * At 1,000 grants (100 clients × 10 assets, a new agency on a fresh world), 10% transient errors:
 * one sweep, then one offboarding of every TikTok grant of the agency.
 */
async function atScale(): Promise<{ ok: boolean }> {
  const bigWorld = buildLifecycleWorld(BIG_CLIENTS, PER_CLIENT);
  sandbox.sandbox.setFaults({});
  sandbox.sandbox.loadWorld(bigWorld.world);
  agencyToken = mintAgencyToken(sandbox.sandbox);
  const other = await buildAgency(database, { name: 'Northwind Media at scale' });
  const otherId = other.agency.id;
  await saveAgencyConnection(database.db, keyring, {
    agencyId: otherId,
    platform: 'tiktok',
    tokens: { accessToken: new Secret(agencyToken), scopes: [] },
    now: new Date(),
  });
  await setAgencyBusiness(database.db, {
    agencyId: otherId,
    platform: 'tiktok',
    businessId: AGENCY_BC,
    businessName: 'Northwind Media',
    now: new Date(),
  });
  const seeded: SeededClient[] = [];
  for (let c = 0; c < BIG_CLIENTS; c += 1) {
    const seeds = bigWorld.grants.filter((g) => g.clientIndex === c);
    seeded.push(await seedClient(database.db, otherId, c, seeds, null));
  }
  const all = seeded.flatMap((c) => c.grants);
  const types = typesOf(all);
  const fewest = await pagesNow(types);
  sandbox.sandbox.setFaults({ latencyMs: LATENCY_MS, errorRate: ERROR_RATE });
  calls = 0;
  const sweepStarted = performance.now();
  const run = await insertVerificationRun(database.db, {
    agencyId: otherId,
    trigger: 'schedule',
    requestedBy: null,
    now: new Date(),
  });
  const result = await runVerification(deps, run.id);
  const unknownLeft = result.outcomes.filter((o) => o.state.outcome === 'unknown').length;
  console.log(
    `sweep ${all.length} grants: calls ${calls}, fewest ${fewest}, unknown ${unknownLeft}`,
  );
  console.log(`  in ${Math.round(performance.now() - sweepStarted)} ms`);

  sandbox.sandbox.setFaults({});
  const before = await pagesNow(types);
  const removals = fewestRemovals(all.map((g) => g.seed));
  sandbox.sandbox.setFaults({ latencyMs: LATENCY_MS, errorRate: ERROR_RATE });
  calls = 0;
  const offStarted = performance.now();
  const { offboarding } = await startOffboarding(deps, {
    agencyId: otherId,
    platform: 'tiktok',
    reason: 'manual',
    actor: { kind: 'system', id: null },
    createdBy: null,
  });
  let retries = 0;
  for (let attempt = 0; ; attempt += 1) {
    try {
      await runOffboarding(deps, offboarding.id);
      break;
    } catch (error) {
      retries += 1;
      if (attempt >= offboardJob.queue.retryLimit!) throw error;
      await sleep(200);
    }
  }
  const offMade = calls;
  sandbox.sandbox.setFaults({});
  const offFewestBig = before + removals + (await pagesNow(types));
  const status = (
    await database.db
      .selectFrom('offboardings')
      .select('status')
      .where('id', '=', offboarding.id)
      .executeTakeFirstOrThrow()
  ).status;
  const left = all.filter((g) => reaches(g.seed.assetId)).length;
  console.log(
    `offboarding ${all.length} grants: calls ${offMade}, fewest ${offFewestBig}, residual access ${left}`,
  );
  console.log(
    `  ${status} in ${Math.round((performance.now() - offStarted) / 1000)} s, ${retries} job retries; calls per asset ${(offMade / all.length).toFixed(3)} against ${(offFewestBig / all.length).toFixed(3)}`,
  );
  return {
    ok: unknownLeft === 0 && left === 0 && status === 'completed' && offMade <= 1.2 * offFewestBig,
  };
}

async function sweep(onlyUnknown = false): Promise<VerificationResult> {
  const run = await insertVerificationRun(database.db, {
    agencyId,
    trigger: onlyUnknown ? 'retry' : 'schedule',
    requestedBy: null,
    now: new Date(),
  });
  return runVerification(deps, run.id, { onlyUnknown });
}
