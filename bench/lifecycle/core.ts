/**
 * The lifecycle benchmark's harness, the same for every platform: an in-memory database and
 * keyring, one agency per platform connected to the platform's sandbox, a connector whose fetch
 * counts calls and goes through the shared rate limiter at the manifest's limits, clients and
 * granted grants seeded as onboarding would leave them. Then a sweep without faults (the
 * baseline), drift injected through the sandbox model, a sweep with latency and transient errors
 * (plus follow-ups for reads that stayed unknown), every client offboarded, and the sandbox model
 * asked what Latchkey-granted access is left. Each platform supplies its world (bench/lifecycle/*.ts).
 */
import { defaultBackoff } from '../../src/domain/grant-retry.ts';
import { startOffboarding } from '../../src/jobs/offboard-plan.ts';
import { offboardJob, runOffboarding } from '../../src/jobs/offboard.ts';
import { createRateLimitedFetch, sleep } from '../../src/jobs/rate-limiter.ts';
import { defaultLifecycleSettings, type LifecycleDeps } from '../../src/jobs/verify-grants-deps.ts';
import { runVerification, type VerificationResult } from '../../src/jobs/verify-grants.ts';
import type { FetchLike } from '../../src/platforms/http.ts';
import { platformManifests } from '../../src/platforms/registry.ts';
import type { Platform, PlatformId } from '../../src/platforms/types.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { migrate } from '../../src/store/migrate.ts';
import { saveAgencyConnection, setAgencyBusiness } from '../../src/store/platform-connections.ts';
import { generateKeyEntry, parseKeyring, Secret, type Keyring } from '../../src/store/secrets.ts';
import { insertVerificationRun } from '../../src/store/verifications.ts';
import { buildAgency } from '../../test/support/agency.ts';
import { seedClient, type SeedAsset, type SeededClient } from '../../test/support/lifecycle.ts';

/** One granted asset of the world, with the client it belongs to. */
export interface BenchSeed extends SeedAsset {
  readonly clientIndex: number;
}

/** What a sweep should find on a drifted asset. */
export interface Drift {
  readonly outcome: 'lost' | 'downgraded';
  /** The level left, for a downgrade. */
  readonly level: string | null;
}

/** The faults the harness turns on: latency and a share of transient errors, in the platform's shape. */
export interface BenchFaults {
  readonly latencyMs?: number;
  readonly errorRate?: number;
}

/** A platform's sandbox world with the agency's grants in place, as the harness drives it. */
export interface BenchWorld<S extends BenchSeed = BenchSeed> {
  /** The connector, its fetch the one given to `start` (counted and rate-limited). */
  readonly platform: Platform;
  /** The agency's identity on the platform: where grants went, and its own token. */
  readonly agency: { readonly businessId: string; readonly name: string; readonly token: string };
  readonly seeds: readonly S[];
  setFaults(faults: BenchFaults): void;
  /** Changes access in the sandbox model; what each drifted asset should read as, by asset id. */
  injectDrift(random: () => number): {
    readonly injected: string;
    readonly drift: Map<string, Drift>;
  };
  /** Whether the agency still reaches the asset, by the sandbox model. */
  reaches(seed: S): boolean;
  /** Optional (#16): the fewest calls one read of what the agency holds of these types takes now. */
  pagesNow?(types: readonly string[]): Promise<number>;
  /** Optional (#16): the fewest calls that remove these grants. */
  fewestRemovals?(seeds: readonly S[]): number;
  close(): Promise<void>;
}

export interface PlatformBench<S extends BenchSeed = BenchSeed> {
  readonly id: PlatformId;
  /** Clients and assets per client of the default run. */
  readonly clients: number;
  readonly perClient: number;
  start(input: { clients: number; perClient: number; fetch: FetchLike }): Promise<BenchWorld<S>>;
}

/** What the run measured on one platform. */
export interface LifecycleSummary {
  readonly platform: PlatformId;
  readonly grants: number;
  readonly clients: number;
  readonly injected: string;
  readonly drifted: number;
  readonly detected: number;
  readonly falseAlarms: number;
  readonly unknown: number;
  readonly followUps: number;
  readonly sweepMs: number;
  readonly sweepCalls: number;
  readonly sweepFewest: number | null;
  readonly firstUnknown: number;
  readonly offMs: number;
  readonly offCalls: number;
  readonly offFewest: number | null;
  readonly completed: number;
  readonly jobRetries: number;
  /** Steps the platform refused to do by API and handed to a person. */
  readonly manualSteps: number;
  /** Granted assets the agency still reaches whose removal was not handed to a person. */
  readonly residual: number;
  /** Granted assets still reached whose removal waits on a person's manual step. */
  readonly awaitingPerson: number;
  /** Retry waits the jobs asked for, and their total (each slept at most BENCH_MAX_WAIT_MS). */
  readonly waits: { readonly count: number; readonly askedMs: number };
}

/** The database and keyring every platform's run shares. */
export interface BenchContext {
  readonly database: Database;
  readonly keyring: Keyring;
}

/** Opens the in-memory database, migrated, and a keyring. */
export async function openBenchContext(): Promise<BenchContext> {
  const database = await openDatabase({ inMemory: true });
  await migrate(database);
  return { database, keyring: parseKeyring(generateKeyEntry('bench')) };
}

/** The longest a retry wait of the jobs really sleeps (BENCH_MAX_WAIT_MS, default 1 s). */
const maxWaitMs = Number(process.env.BENCH_MAX_WAIT_MS ?? 1000);

/** A seeded PRNG (mulberry32), so BENCH_SEED replays the same drift. */
export function seededRandom(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A platform's world, connector, agency and seeded clients, ready for sweeps and offboardings. */
export interface Rig<S extends BenchSeed = BenchSeed> {
  readonly world: BenchWorld<S>;
  /** The retry waits the jobs asked for: how many, and their total in ms (before the cap). */
  readonly waits: { count: number; askedMs: number };
  readonly deps: LifecycleDeps;
  readonly agencyId: string;
  readonly clients: readonly SeededClient<S>[];
  /** Calls the connector made since the last reset. */
  calls(): number;
  resetCalls(): void;
}

/** Builds the world, the counted and rate-limited connector, the agency and its clients. */
export async function buildRig<S extends BenchSeed>(
  ctx: BenchContext,
  bench: PlatformBench<S>,
  size: { clients: number; perClient: number },
  agencyName = 'Northwind Media',
): Promise<Rig<S>> {
  let calls = 0;
  const counting: FetchLike = (url, init) => {
    calls += 1;
    return fetch(url, init);
  };
  const { database, keyring } = ctx;
  const limits = platformManifests[bench.id].rateLimit;
  const world = await bench.start({
    ...size,
    fetch: createRateLimitedFetch({
      db: database.db,
      key: bench.id,
      limits: { requestsPerSecond: limits.requestsPerSecond, burst: limits.burst },
      fetch: counting,
      now: () => new Date(),
      sleep,
    }),
  });
  // The jobs' retry waits: a transient 5xx waits the platform's default (Meta and Pinterest 10 s,
  // LinkedIn and Microsoft Advertising 60 s); each wait is counted as asked and slept at most
  // `maxWaitMs`, so a run with 10% errors takes minutes, not hours. Calls and outcomes are unchanged.
  const waits = { count: 0, askedMs: 0 };
  const deps: LifecycleDeps = {
    database,
    keyring,
    platforms: { [bench.id]: world.platform },
    now: () => new Date(),
    sleep: (ms) => {
      waits.count += 1;
      waits.askedMs += ms;
      return sleep(Math.min(ms, maxWaitMs));
    },
    grantPolicy: { leaseMs: 60_000, backoff: defaultBackoff, workerId: 'bench' },
    lifecycle: { ...defaultLifecycleSettings, stepLeaseMs: 2_000 },
    publicUrl: () => 'http://127.0.0.1:3000',
  };
  const agency = await buildAgency(database, { name: agencyName });
  const agencyId = agency.agency.id;
  await saveAgencyConnection(database.db, keyring, {
    agencyId,
    platform: bench.id,
    tokens: { accessToken: new Secret(world.agency.token), scopes: [] },
    now: new Date(),
  });
  await setAgencyBusiness(database.db, {
    agencyId,
    platform: bench.id,
    businessId: world.agency.businessId,
    businessName: world.agency.name,
    now: new Date(),
  });
  const clients: SeededClient<S>[] = [];
  for (let c = 0; c < size.clients; c += 1) {
    const seeds = world.seeds.filter((g) => g.clientIndex === c);
    clients.push(await seedClient(database.db, agencyId, c, seeds, null, bench.id));
  }
  return {
    world,
    waits,
    deps,
    agencyId,
    clients,
    calls: () => calls,
    resetCalls: () => {
      calls = 0;
    },
  };
}

/** One sweep of the agency (only the unknown grants when asked). */
export async function sweep(rig: Rig, onlyUnknown = false): Promise<VerificationResult> {
  const run = await insertVerificationRun(rig.deps.database.db, {
    agencyId: rig.agencyId,
    trigger: onlyUnknown ? 'retry' : 'schedule',
    requestedBy: null,
    now: new Date(),
  });
  return runVerification(rig.deps, run.id, { onlyUnknown });
}

/**
 * Starts and runs one offboarding as the queue would: a run that gives up on a transient error is
 * retried up to offboardJob's retryLimit. Its status and the job retries it took.
 */
export async function offboard(
  rig: Rig,
  target: { clientId?: string; platform?: string },
): Promise<{ id: string; status: string; retries: number }> {
  const { offboarding } = await startOffboarding(rig.deps, {
    agencyId: rig.agencyId,
    ...target,
    reason: 'manual',
    actor: { kind: 'system', id: null },
    createdBy: null,
  });
  let retries = 0;
  for (let attempt = 0; ; attempt += 1) {
    try {
      await runOffboarding(rig.deps, offboarding.id);
      break;
    } catch (error) {
      retries += 1;
      if (attempt >= (offboardJob.queue.retryLimit ?? 0)) throw error;
      await sleep(200);
    }
  }
  const row = await rig.deps.database.db
    .selectFrom('offboardings')
    .select('status')
    .where('id', '=', offboarding.id)
    .executeTakeFirstOrThrow();
  return { id: offboarding.id, status: row.status, retries };
}

/** The asset ids whose offboarding steps wait on a person (the platform refused the API removal). */
async function manualAssets(rig: Rig): Promise<Set<string>> {
  const rows = await rig.deps.database.db
    .selectFrom('offboarding_steps')
    .innerJoin('offboardings', 'offboardings.id', 'offboarding_steps.offboarding_id')
    .select('offboarding_steps.asset_id')
    .where('offboardings.agency_id', '=', rig.agencyId)
    .where('offboarding_steps.status', '=', 'manual_pending')
    .execute();
  return new Set(rows.map((r) => r.asset_id));
}

const typesOf = (of: readonly { seed: BenchSeed }[]) => [
  ...new Set(of.map((g) => g.seed.assetType)),
];

/**
 * The whole lifecycle on one platform: baseline sweep, drift, a sweep with faults (and follow-ups
 * for unknown reads), then every client offboarded one by one, and what is left.
 */
export async function runLifecycle<S extends BenchSeed>(
  ctx: BenchContext,
  bench: PlatformBench<S>,
  options: {
    clients?: number;
    perClient?: number;
    faults: BenchFaults;
    random: () => number;
  },
): Promise<LifecycleSummary> {
  const size = {
    clients: options.clients ?? bench.clients,
    perClient: options.perClient ?? bench.perClient,
  };
  const rig = await buildRig(ctx, bench, size);
  const { world } = rig;
  try {
    const grants = rig.clients.flatMap((c) => c.grants);
    // A first sweep without faults: every asset holds (the baseline the drift is measured against).
    const baseline = await sweep(rig);
    if (baseline.summary.holds !== grants.length)
      throw new Error(
        `${bench.id}: baseline sweep did not hold: ${JSON.stringify(baseline.summary)} ${JSON.stringify(baseline.outcomes.find((o) => o.state.outcome !== 'holds')?.state)}`,
      );
    const { injected, drift } = world.injectDrift(options.random);
    const sweepFewest = world.pagesNow ? await world.pagesNow(typesOf(grants)) : null;
    world.setFaults(options.faults);
    rig.resetCalls();
    const started = performance.now();
    const first = await sweep(rig);
    const sweepMs = performance.now() - started;
    const sweepCalls = rig.calls();
    const firstUnknown = first.outcomes.filter((o) => o.state.outcome === 'unknown').length;
    const final = new Map(first.outcomes.map((o) => [o.grant.id, o.state]));
    let followUps = 0;
    while ([...final.values()].some((s) => s.outcome === 'unknown') && followUps < 5) {
      followUps += 1;
      for (const o of (await sweep(rig, true)).outcomes) final.set(o.grant.id, o.state);
    }
    let drifted = 0;
    let detected = 0;
    let falseAlarms = 0;
    let unknown = 0;
    for (const { grantId, seed } of grants) {
      const want = drift.get(seed.assetId);
      const got = final.get(grantId);
      if (got?.outcome === 'unknown') unknown += 1;
      if (want) {
        drifted += 1;
        if (
          got?.outcome === want.outcome &&
          (want.outcome === 'lost' || got.levelFound === want.level)
        )
          detected += 1;
      } else if (got?.outcome === 'lost' || got?.outcome === 'downgraded') {
        falseAlarms += 1;
      }
    }

    // Offboard every client, then ask the sandbox model what is left.
    const offStarted = performance.now();
    let offCalls = 0;
    let offFewest: number | null = world.pagesNow && world.fewestRemovals ? 0 : null;
    let completed = 0;
    let jobRetries = 0;
    for (const client of rig.clients) {
      let before = 0;
      if (offFewest !== null && world.pagesNow && world.fewestRemovals) {
        world.setFaults({});
        before =
          (await world.pagesNow(typesOf(client.grants))) +
          world.fewestRemovals(client.grants.map((g) => g.seed));
        world.setFaults(options.faults);
      }
      rig.resetCalls();
      const done = await offboard(rig, { clientId: client.clientId });
      offCalls += rig.calls();
      if (done.status === 'completed') completed += 1;
      jobRetries += done.retries;
      if (offFewest !== null && world.pagesNow) {
        world.setFaults({});
        offFewest += before + (await world.pagesNow(typesOf(client.grants)));
      }
    }
    const offMs = performance.now() - offStarted;
    world.setFaults({});
    const manual = await manualAssets(rig);
    const left = grants.filter((g) => world.reaches(g.seed));
    return {
      platform: bench.id,
      grants: grants.length,
      clients: size.clients,
      injected,
      drifted,
      detected,
      falseAlarms,
      unknown,
      followUps,
      sweepMs,
      sweepCalls,
      sweepFewest,
      firstUnknown,
      offMs,
      offCalls,
      offFewest,
      completed,
      jobRetries,
      manualSteps: grants.filter((g) => manual.has(g.seed.assetId)).length,
      residual: left.filter((g) => !manual.has(g.seed.assetId)).length,
      awaitingPerson: left.filter((g) => manual.has(g.seed.assetId)).length,
      waits: { ...rig.waits },
    };
  } finally {
    await world.close();
  }
}

/** Whether the run meets issue #12's bar: every drift found, no false alarm, nothing left. */
export function meetsBar(s: LifecycleSummary): boolean {
  return s.detected === s.drifted && s.falseAlarms === 0 && s.residual === 0;
}

/** `ok` when calls are within 1.2 × the fewest (issue #16), else `over`. */
export function callsVerdict(calls: number, fewest: number): string {
  return calls <= 1.2 * fewest ? 'ok' : 'over';
}

/** The summary's lines, the #12 line first. */
export function formatSummary(s: LifecycleSummary, faults: BenchFaults): string[] {
  const lines = [
    `${s.platform}: drift detected: ${s.detected}/${s.drifted}, false alarms: ${s.falseAlarms}, residual access after offboarding: ${s.residual}, manual steps: ${s.manualSteps}${meetsBar(s) ? '' : '  <- misses the #12 bar'}`,
    `  world: ${s.clients} clients, ${s.grants} granted assets; ${faults.latencyMs ?? 0} ms per call, ${(faults.errorRate ?? 0) * 100}% transient errors`,
    `  injected: ${s.injected}`,
    `  unknown after ${s.followUps} follow-up sweep(s): ${s.unknown}`,
    `  sweep wall time: ${Math.round(s.sweepMs)} ms (${s.sweepCalls} platform calls, retries included)`,
    `  offboarding: ${s.completed}/${s.clients} completed in ${(s.offMs / 1000).toFixed(1)} s (${s.offCalls} platform calls, ${s.jobRetries} job retries)`,
    `  retry waits: ${s.waits.count}, ${(s.waits.askedMs / 1000).toFixed(1)} s asked in all (each slept at most ${maxWaitMs} ms)`,
  ];
  if (s.awaitingPerson > 0 || s.manualSteps > 0)
    lines.push(`  still reached, waiting on a person's manual step: ${s.awaitingPerson}`);
  if (s.sweepFewest !== null)
    lines.push(
      `  sweep ${s.grants} grants: calls ${s.sweepCalls}, fewest ${s.sweepFewest}, unknown ${s.firstUnknown} ${callsVerdict(s.sweepCalls, s.sweepFewest)}`,
    );
  if (s.offFewest !== null)
    lines.push(
      `  offboarding ${s.grants} grants: calls ${s.offCalls}, fewest ${s.offFewest}, residual access ${s.residual} ${callsVerdict(s.offCalls, s.offFewest)}`,
    );
  return lines;
}

/** What the run at scale measured (issue #16): one sweep and one offboarding of every grant. */
export interface ScaleSummary {
  readonly lines: readonly string[];
  /** Issue #12's part of it: nothing left, the offboarding completed. */
  readonly ok: boolean;
}

/**
 * At scale (a fresh world and agency), with faults: one sweep, then one offboarding of every grant
 * of the platform, counted against the fewest calls the world says each could take.
 */
export async function runAtScale<S extends BenchSeed>(
  ctx: BenchContext,
  bench: PlatformBench<S>,
  size: { clients: number; perClient: number },
  faults: BenchFaults,
): Promise<ScaleSummary> {
  const rig = await buildRig(ctx, bench, size, 'Northwind Media at scale');
  const { world } = rig;
  try {
    const all = rig.clients.flatMap((c) => c.grants);
    const types = typesOf(all);
    const fewest = world.pagesNow ? await world.pagesNow(types) : 0;
    world.setFaults(faults);
    rig.resetCalls();
    const sweepStarted = performance.now();
    const result = await sweep(rig);
    const sweepCalls = rig.calls();
    const unknownLeft = result.outcomes.filter((o) => o.state.outcome === 'unknown').length;
    const lines = [
      `sweep ${all.length} grants: calls ${sweepCalls}, fewest ${fewest}, unknown ${unknownLeft} ${callsVerdict(sweepCalls, fewest)}`,
      `  in ${Math.round(performance.now() - sweepStarted)} ms`,
    ];
    world.setFaults({});
    const before =
      (world.pagesNow ? await world.pagesNow(types) : 0) +
      (world.fewestRemovals ? world.fewestRemovals(all.map((g) => g.seed)) : 0);
    world.setFaults(faults);
    rig.resetCalls();
    const offStarted = performance.now();
    const done = await offboard(rig, { platform: bench.id });
    const offMade = rig.calls();
    world.setFaults({});
    const offFewest = before + (world.pagesNow ? await world.pagesNow(types) : 0);
    const left = all.filter((g) => world.reaches(g.seed)).length;
    lines.push(
      `offboarding ${all.length} grants: calls ${offMade}, fewest ${offFewest}, residual access ${left} ${callsVerdict(offMade, offFewest)}`,
      `  ${done.status} in ${Math.round((performance.now() - offStarted) / 1000)} s, ${done.retries} job retries; calls per asset ${(offMade / all.length).toFixed(3)} against ${(offFewest / all.length).toFixed(3)}`,
    );
    return { lines, ok: left === 0 && done.status === 'completed' };
  } finally {
    await world.close();
  }
}
