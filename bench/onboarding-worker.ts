/**
 * The benchmark's grant workers in a process of their own (issue #16: 100 clients × 20 on
 * PostgreSQL with two worker processes). Composes the production pieces as a worker role does:
 * the queue, the grant job's workers, and the TikTok connector behind the rate limiter whose
 * bucket lives in the database, so every process shares TikTok's budget. Prints `ready` once its
 * workers listen, then runs until killed or the benchmark ends (lifeline.ts). Environment: BENCH_DATABASE_URL, BENCH_SCHEMA,
 * BENCH_KEYS, BENCH_SANDBOX_ROOT, BENCH_APP_ID, BENCH_APP_SECRET, BENCH_BUCKET, BENCH_RATE,
 * BENCH_BURST.
 */
import { defaultBackoff } from '../src/domain/grant-retry.ts';
import { executeGrantJob } from '../src/jobs/execute-grant.ts';
import type { GrantDeps } from '../src/jobs/grant-deps.ts';
import { createQueues, startQueue, startWorkers } from '../src/jobs/queue.ts';
import { createRateLimitedFetch, sleep } from '../src/jobs/rate-limiter.ts';
import { createTikTokConnector, sandboxBaseUrls } from '../src/platforms/tiktok/connector.ts';
import { exitWithParent } from './lifeline.ts';
import { openDatabase } from '../src/store/database.ts';
import { parseKeyring } from '../src/store/secrets.ts';

const env = process.env;
const database = await openDatabase({
  databaseUrl: env.BENCH_DATABASE_URL ?? '',
  schema: env.BENCH_SCHEMA ?? 'public',
  poolSize: 10,
});
const tiktok = createTikTokConnector({
  baseUrls: sandboxBaseUrls(env.BENCH_SANDBOX_ROOT ?? ''),
  appId: env.BENCH_APP_ID ?? '',
  appSecret: env.BENCH_APP_SECRET ?? '',
  fetch: createRateLimitedFetch({
    db: database.db,
    key: env.BENCH_BUCKET ?? 'tiktok',
    limits: { requestsPerSecond: Number(env.BENCH_RATE), burst: Number(env.BENCH_BURST) },
    fetch: (url, init) => fetch(url, init),
    now: () => new Date(),
    sleep,
  }),
});
const queue = await startQueue(database);
await createQueues(queue.boss, [executeGrantJob] as never);
const deps: GrantDeps = {
  database,
  keyring: parseKeyring(env.BENCH_KEYS ?? ''),
  platforms: { tiktok },
  now: () => new Date(),
  sleep,
  grantPolicy: { leaseMs: 60_000, backoff: defaultBackoff, workerId: `bench-${process.pid}` },
};
await startWorkers(queue.boss, [executeGrantJob] as never, deps);
const stop = () => {
  void queue
    .stop(2_000)
    .then(
      () => database.close(),
      () => undefined,
    )
    .finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
exitWithParent(stop);
process.stdout.write('ready\n');
