/**
 * The real server for whole-surface tests: `startRuntime` (every plugin anyone registered) on a
 * fresh PGlite data folder, or on a fresh PostgreSQL database, chosen by the vitest project.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startRuntime, type Role, type Runtime } from '../../src/cli/runtime.ts';
import { loadConfig } from '../../src/config.ts';
import { generateKeyEntry } from '../../src/store/secrets.ts';
import { testDatabaseKind, testPostgresUrl } from './database.ts';
import { captureLogger, type CapturedLogger } from './logger.ts';

export interface TestRuntime {
  readonly runtime: Runtime;
  readonly log: CapturedLogger;
  readonly setupLinks: string[];
  /** The data folder (PGlite's files, the mail folder, sandbox state). */
  readonly dataDir: string;
  /** The PostgreSQL database's URL (PostgreSQL project only). */
  readonly databaseUrl: string | undefined;
  /** Stops the server but keeps its data folder and database (for reading them afterwards). */
  halt(): Promise<void>;
  stop(): Promise<void>;
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Starts the runtime with the given role on a database no other test sees. */
export async function startTestRuntime(
  options: { role?: Role; env?: Record<string, string>; logLevel?: string } = {},
): Promise<TestRuntime> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'latchkey-runtime-'));
  let databaseUrl: string | undefined;
  let databaseName: string | undefined;
  if (testDatabaseKind === 'postgres') {
    databaseName = `t_${randomBytes(6).toString('hex')}`;
    await withAdmin((client) => client.query(`CREATE DATABASE "${databaseName}"`));
    const url = new URL(testPostgresUrl);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LATCHKEY_DATA_DIR: dataDir,
    LATCHKEY_SECRET_KEYS: generateKeyEntry('t1'),
    LOG_LEVEL: 'debug',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  });
  const log = captureLogger(options.logLevel ?? 'debug');
  const setupLinks: string[] = [];
  const runtime = await startRuntime(config, options.role ?? 'api', log.logger, {
    onSetupLink: (url) => setupLinks.push(url),
  });
  let halted = false;
  const halt = async () => {
    if (halted) return;
    halted = true;
    await runtime.stop();
  };
  return {
    runtime,
    log,
    setupLinks,
    dataDir,
    databaseUrl,
    halt,
    stop: async () => {
      await halt();
      await rm(dataDir, { recursive: true, force: true });
      if (databaseName) {
        await withAdmin((client) =>
          client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`),
        );
      }
    },
  };
}
