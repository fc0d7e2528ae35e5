/**
 * A lifecycle worker in its own process, for the crash test: it opens the database named in its
 * environment (a PostgreSQL schema or a PGlite directory), points the TikTok connector at the
 * sandbox, prints `ready`, and runs one offboarding. The test kills it with SIGKILL mid-run.
 */
import { defaultBackoff } from '../../src/domain/grant-retry.ts';
import { runOffboarding } from '../../src/jobs/offboard.ts';
import { sleep } from '../../src/jobs/rate-limiter.ts';
import { defaultLifecycleSettings } from '../../src/jobs/verify-grants-deps.ts';
import { createTikTokConnector, sandboxBaseUrls } from '../../src/platforms/tiktok/connector.ts';
import { openDatabase } from '../../src/store/database.ts';
import { parseKeyring } from '../../src/store/secrets.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const database = process.env.WORKER_DATABASE_URL
  ? await openDatabase({
      databaseUrl: process.env.WORKER_DATABASE_URL,
      schema: env('WORKER_SCHEMA'),
      poolSize: 2,
    })
  : await openDatabase({ dataDir: env('WORKER_DATA_DIR') });
const tiktok = createTikTokConnector({
  baseUrls: sandboxBaseUrls(env('WORKER_SANDBOX_ROOT')),
  appId: env('WORKER_APP_ID'),
  appSecret: env('WORKER_APP_SECRET'),
});
process.stdout.write('ready\n');
await runOffboarding(
  {
    database,
    keyring: parseKeyring(env('WORKER_KEY')),
    platforms: { tiktok },
    now: () => new Date(),
    sleep,
    grantPolicy: { leaseMs: 30_000, backoff: defaultBackoff, workerId: 'child' },
    lifecycle: { ...defaultLifecycleSettings, stepLeaseMs: 1_000 },
    publicUrl: () => 'http://127.0.0.1:3000',
  },
  env('WORKER_OFFBOARDING_ID'),
);
process.stdout.write('finished\n');
await database.close();
