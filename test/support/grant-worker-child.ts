/**
 * A grant worker in its own process, for the crash test: opens the database named in the
 * environment, runs the grant job's workers and the crash watch with production timings (lease,
 * renewals, watch interval), and exits 0 once every listed grant's job is final. The test
 * SIGKILLs it mid-grant and starts it again. No test branch lives in src/: this file only
 * composes production pieces.
 */
import { defaultBackoff } from '../../src/domain/grant-retry.ts';
import { executeGrantJob } from '../../src/jobs/execute-grant.ts';
import { enqueueGrantJobs } from '../../src/jobs/grant-queue.ts';
import { createQueues, startQueue, startWorkers } from '../../src/jobs/queue.ts';
import { createRateLimitedFetch, sleep } from '../../src/jobs/rate-limiter.ts';
import { sweepGrantsJob } from '../../src/jobs/sweep-grants.ts';
import { GRANT_LEASE_MS, watchCrashedGrants } from '../../src/jobs/crash-watch.ts';
import { createTikTokConnector, sandboxBaseUrls } from '../../src/platforms/tiktok/connector.ts';
import { openDatabase } from '../../src/store/database.ts';
import { parseKeyring } from '../../src/store/secrets.ts';

const env = process.env;
const database = await openDatabase(
  env.CHILD_DATABASE_URL
    ? { databaseUrl: env.CHILD_DATABASE_URL, schema: env.CHILD_SCHEMA ?? 'public', poolSize: 4 }
    : { dataDir: env.CHILD_DATA_DIR ?? '' },
);
const keyring = parseKeyring(env.CHILD_KEYS ?? '');
const grantIds = (env.CHILD_GRANTS ?? '').split(',');
const tiktok = createTikTokConnector({
  baseUrls: sandboxBaseUrls(env.CHILD_SANDBOX_ROOT ?? ''),
  appId: env.CHILD_APP_ID ?? '',
  appSecret: env.CHILD_APP_SECRET ?? '',
  fetch: createRateLimitedFetch({
    db: database.db,
    key: 'tiktok',
    limits: { requestsPerSecond: 100, burst: 100 },
    fetch: (url, init) => fetch(url, init),
    now: () => new Date(),
    sleep,
  }),
});
const queue = await startQueue(database);
await createQueues(queue.boss, [executeGrantJob, sweepGrantsJob] as never);
const deps = {
  database,
  keyring,
  platforms: { tiktok },
  now: () => new Date(),
  sleep,
  boss: queue.boss,
  grantPolicy: {
    leaseMs: GRANT_LEASE_MS,
    backoff: defaultBackoff,
    workerId: `child-${process.pid}`,
  },
};
await startWorkers(queue.boss, [executeGrantJob] as never, deps);
// The first start queues the grants, as an approval does; a restart only has the watch to find
// the grant its dead predecessor was running.
if (env.CHILD_ENQUEUE === '1') await enqueueGrantJobs(queue.boss, grantIds);
const watch = watchCrashedGrants(deps);
process.stdout.write('ready\n');
for (;;) {
  const rows = await database.db
    .selectFrom('grants')
    .select('status')
    .where('id', 'in', grantIds)
    .execute();
  if (
    rows.length === grantIds.length &&
    rows.every((r) => !['queued', 'running'].includes(r.status))
  )
    break;
  await sleep(100);
}
watch.stop();
await queue.stop(2_000);
await database.close();
process.exit(0);
