/**
 * A fresh, migrated database for one test file: in-memory PGlite, or an isolated schema on the
 * real PostgreSQL server, chosen by LATCHKEY_TEST_DB (set per vitest project).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { migrate } from '../../src/store/migrate.ts';

export type TestDatabaseKind = 'pglite' | 'postgres';

export const testDatabaseKind: TestDatabaseKind =
  process.env.LATCHKEY_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

export const testPostgresUrl =
  process.env.LATCHKEY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase extends Database {
  /** Drops the schema (PostgreSQL) and closes the connection. */
  destroy(): Promise<void>;
}

/** Opens and migrates a database no other test file sees. */
export async function createTestDatabase(
  options: { migrate?: boolean; kind?: TestDatabaseKind } = {},
): Promise<TestDatabase> {
  const kind = options.kind ?? testDatabaseKind;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const database =
    kind === 'postgres'
      ? await openDatabase({ databaseUrl: testPostgresUrl, schema, poolSize: 5 })
      : await openDatabase({ inMemory: true });
  if (options.migrate !== false) await migrate(database);
  return Object.assign(database, {
    destroy: async () => {
      await database.close();
      if (kind === 'postgres') await dropSchemas(schema);
    },
  });
}

async function dropSchemas(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS "${schema}_boss" CASCADE`);
  } finally {
    await client.end();
  }
}
