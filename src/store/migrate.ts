/**
 * Versioned SQL migrations, applied in name order at start. Plain SQL files keep the text that
 * runs identical on PGlite and PostgreSQL; an advisory lock lets several processes start at once.
 * Committed migrations are never edited (test/unit/store/migrations-immutable.test.ts).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './database.ts';

export const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));
const LOCK_KEY = 7_422_111; // any constant shared by every Latchkey process

export interface Migration {
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

/** Reads every `NNNN_name.sql` file in order. */
export async function loadMigrations(dir = migrationsDir): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file)).sort();
  return Promise.all(
    files.map(async (name) => {
      const text = await readFile(new URL(name, `file://${dir}`), 'utf8');
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
    }),
  );
}

/** Applies pending migrations; refuses to run when an applied one has changed on disk. */
export async function migrate(database: Database): Promise<string[]> {
  const migrations = await loadMigrations();
  // Session-level advisory locks belong to one connection: pin it for the whole run.
  return database.db.connection().execute(async (db) => {
    await sql`select pg_advisory_lock(${LOCK_KEY})`.execute(db);
    try {
      await sql`create table if not exists schema_migrations (
      name text primary key, checksum text not null, applied_at timestamptz not null default now()
    )`.execute(db);
      const applied = new Map(
        (await db.selectFrom('schema_migrations').selectAll().execute()).map((row) => [
          row.name,
          row.checksum,
        ]),
      );
      const ran: string[] = [];
      for (const migration of migrations) {
        const checksum = applied.get(migration.name);
        if (checksum === migration.checksum) continue;
        if (checksum !== undefined) {
          throw new Error(`Migration ${migration.name} was edited after it was applied`);
        }
        const record = `insert into schema_migrations (name, checksum) values ('${migration.name}', '${migration.checksum}');`;
        await database.executeScript(`${migration.sql}\n${record}`);
        ran.push(migration.name);
      }
      return ran;
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_KEY})`.execute(db);
    }
  });
}
