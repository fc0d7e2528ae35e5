/** Where pg-boss keeps its tables beside a Latchkey schema (one queue schema per database schema). */
import { sql } from 'kysely';
import type { Executor } from './audit.ts';

/** The pg-boss schema that belongs to a Latchkey database schema. */
export function bossSchemaFor(databaseSchema: string): string {
  return databaseSchema === 'public' ? 'pgboss' : `${databaseSchema}_boss`;
}

/** The pg-boss schema of the connection's current schema. */
export async function bossSchemaOf(db: Executor): Promise<string> {
  const row = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return bossSchemaFor(row.rows[0]?.schema ?? 'public');
}
