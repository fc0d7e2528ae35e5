/**
 * A full dump of what a Latchkey database holds, to search for secrets or erased data: every row
 * of every table in every schema (Latchkey's and pg-boss's job tables alike) as JSON, plus, on
 * PostgreSQL, `pg_dump`'s text of the whole database, and on PGlite, the raw bytes of every file
 * in its data folder (dead row versions and the write-ahead log included).
 */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import type { Database } from '../../src/store/database.ts';

/** Every row of every user table of every schema, one JSON line each, prefixed by its table. */
export async function dumpRows(database: Pick<Database, 'db'>): Promise<string> {
  const tables = await sql<{ table_schema: string; table_name: string }>`
    select table_schema, table_name from information_schema.tables
    where table_type = 'BASE TABLE'
      and table_schema not in ('pg_catalog', 'information_schema')
      and table_schema not like 'pg_toast%'`.execute(database.db);
  const lines: string[] = [];
  for (const { table_schema: schema, table_name: table } of tables.rows) {
    const name = `"${schema.replace(/"/g, '""')}"."${table.replace(/"/g, '""')}"`;
    const rows = await sql<{
      r: string;
    }>`select row_to_json(t)::text as r from ${sql.raw(name)} t`.execute(database.db);
    for (const row of rows.rows) lines.push(`${schema}.${table} ${row.r}`);
  }
  return lines.join('\n');
}

/** `pg_dump` of a PostgreSQL database (schema and data of every schema). */
export async function pgDump(databaseUrl: string): Promise<string> {
  const { stdout } = await promisify(execFile)('pg_dump', ['--no-owner', databaseUrl], {
    maxBuffer: 512 * 1024 * 1024,
  });
  return stdout;
}

/** The raw bytes of every file under a folder, as latin1 text (so ASCII secrets show as-is). */
export async function dumpFiles(folder: string): Promise<string> {
  const parts: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) parts.push((await readFile(full)).toString('latin1'));
    }
  };
  await walk(folder);
  return parts.join('\n');
}
