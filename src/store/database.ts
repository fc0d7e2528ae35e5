/**
 * Opens the one database Latchkey runs on: embedded PGlite in the data folder by default, or a
 * PostgreSQL server through `pg` when a URL is given. The same Kysely queries run on both.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from './pglite-dialect.ts';
import { copyPgliteTemplate, isPgliteFolder } from './pglite-template.ts';
import { openPgliteThread, type PgliteDatabase } from './pglite-thread.ts';
import type { Schema } from './schema.ts';
import { countWrites, WriteGeneration } from './write-generation.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Kysely<Schema>;
  /** Moves on every write made through `db` (caches of reads check it: write-generation.ts). */
  readonly writes: WriteGeneration;
  /** The embedded instance, for pg-boss's PGlite backend. */
  readonly pglite: PgliteDatabase | undefined;
  /** The server URL, for pg-boss's own pool. */
  readonly connectionString: string | undefined;
  /** The PostgreSQL schema holding Latchkey's tables (tests isolate themselves with it). */
  readonly schema: string;
  /** Runs a multi-statement SQL script (migrations) in one transaction. */
  executeScript(script: string): Promise<void>;
  /** True when a trivial query answers within the timeout. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

const INT8_OID = 20;

/**
 * PGlite's Postgres reserves its shared buffers in WebAssembly memory when it starts, and zeroing
 * initdb's default (128 MB) was about 0.35 s of every start (issue #17). 32 MB (4,096 pages) holds
 * an agency's working set many times over; reads beyond it come from the data folder's files
 * through the operating system's cache. Set per start, so the folder's postgresql.conf is
 * untouched and an existing folder needs nothing. (Added to PGlite's default start parameters.)
 */
const PGLITE_START_PARAMS = ['-c', 'shared_buffers=32MB'];

export interface OpenDatabaseOptions {
  /** A postgres:// URL; when absent, PGlite stores its files in `dataDir/pglite`. */
  readonly databaseUrl?: string | undefined;
  readonly dataDir?: string;
  /** `memory://` PGlite (tests). */
  readonly inMemory?: boolean;
  readonly schema?: string;
  readonly poolSize?: number;
  /**
   * The data folder a fresh PGlite folder is copied from instead of running initdb (default: the
   * build's, when it exists); `false` always runs initdb.
   */
  readonly template?: string | false;
}

/** Opens (and for PGlite, creates) the database; migrations are applied separately. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const schema = options.schema ?? 'public';
  if (options.databaseUrl) return openPostgres(options.databaseUrl, schema, options.poolSize ?? 10);
  let dataPath = 'memory://';
  if (!options.inMemory) {
    if (!options.dataDir) throw new Error('openDatabase: dataDir or databaseUrl is required');
    dataPath = path.join(options.dataDir, 'pglite');
    const fromTemplate =
      !isPgliteFolder(dataPath) &&
      schema === 'public' &&
      options.template !== false &&
      (await copyPgliteTemplate(dataPath, options.template));
    if (!fromTemplate) await mkdir(dataPath, { recursive: true });
  }
  return openPglite(dataPath, schema);
}

async function openPglite(dataPath: string, schema: string): Promise<Database> {
  // In its own thread (pglite-thread.ts): its set-up and statements run beside this thread's work.
  const pglite = await openPgliteThread({
    dataPath,
    int8AsNumber: true,
    startParams: PGLITE_START_PARAMS,
  });
  if (schema !== 'public') {
    await pglite.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}"; SET search_path TO "${schema}"`);
  }
  const writes = new WriteGeneration();
  const db = new Kysely<Schema>({ dialect: countWrites(new PGliteDialect(pglite), writes) });
  return {
    kind: 'pglite',
    db,
    writes,
    pglite,
    connectionString: undefined,
    schema,
    executeScript: async (script) => {
      writes.bump();
      await pglite.transaction(async (tx) => {
        await tx.exec(script);
      });
      writes.bump();
    },
    ping: (timeoutMs) => ping(db, timeoutMs),
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function openPostgres(url: string, schema: string, max: number): Promise<Database> {
  // Loaded here, not at the top: PGlite starts never need it, and its load (undici through a
  // `new Response()` check) was about 50 ms of each (issue #17).
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 5_000,
    options: `-c search_path="${schema}"`,
    types: {
      // int8 (counts, bigserial) as numbers, as PGlite is configured above.
      getTypeParser: ((oid: number, format?: 'text') =>
        oid === INT8_OID
          ? (value: string) => Number(value)
          : (pg.types.getTypeParser(oid, format) as (
              value: string,
            ) => unknown)) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', () => {
    // An idle client lost its server; the next query reconnects and /healthz reports the outage.
  });
  if (schema !== 'public') await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  const writes = new WriteGeneration();
  const db = new Kysely<Schema>({ dialect: countWrites(new PostgresDialect({ pool }), writes) });
  let closed = false;
  return {
    kind: 'postgres',
    db,
    writes,
    pglite: undefined,
    connectionString: url,
    schema,
    executeScript: async (script) => {
      const client = await pool.connect();
      writes.bump();
      try {
        await client.query('BEGIN');
        await client.query(script);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
        writes.bump();
      }
    },
    ping: (timeoutMs) => ping(db, timeoutMs),
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

async function ping(db: Kysely<Schema>, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    const query = sql<{ ok: number }>`select 1 as ok`.execute(db).then(() => true);
    return await Promise.race([query, timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
