/**
 * Key rotation: re-encrypts every stored secret still under an older key with the newest one.
 * Batched and idempotent (rows already on the newest key are skipped), so a crash mid-run is
 * finished by the next run.
 */
import { sql } from 'kysely';
import type { Database } from './database.ts';
import type { Keyring } from './secrets.ts';

/** Every encrypted column Latchkey stores: add new ones here. */
export const encryptedColumns = [
  { table: 'platform_connections', column: 'access_token_ciphertext' },
  { table: 'platform_connections', column: 'refresh_token_ciphertext' },
  { table: 'webhook_endpoints', column: 'secret_ciphertext' },
  { table: 'email_outbox', column: 'body_ciphertext' },
  { table: 'link_reminders', column: 'link_ciphertext' },
] as const;

interface CipherRow {
  id: string;
  agency_id: string;
  value: string;
}

/** Re-encrypts up to `batchSize` values per column per round until none is left on an old key. */
export async function rewrapSecrets(
  { db }: Pick<Database, 'db'>,
  keyring: Keyring,
  batchSize = 200,
): Promise<{ rewrapped: number }> {
  const newestPrefix = `lk1.${keyring.newestKeyId}.`;
  let rewrapped = 0;
  for (const { table, column } of encryptedColumns) {
    for (;;) {
      const { rows } = await sql<CipherRow>`
        select id, agency_id, ${sql.ref(column)} as value from ${sql.table(table)}
        where ${sql.ref(column)} is not null and ${sql.ref(column)} not like ${newestPrefix + '%'}
        limit ${batchSize}`.execute(db);
      if (rows.length === 0) break;
      for (const row of rows) {
        const context = { table, column, rowId: row.id, agencyId: row.agency_id };
        const resealed = keyring.seal(keyring.open(row.value, context), context);
        // Compare-and-set: a concurrent writer's newer value is never overwritten.
        await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${resealed}
          where id = ${row.id} and ${sql.ref(column)} = ${row.value}`.execute(db);
        rewrapped += 1;
      }
    }
  }
  return { rewrapped };
}

/** How many stored values each key id protects (for `latchkey doctor` and operators). */
export async function countSecretsByKey({
  db,
}: Pick<Database, 'db'>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { table, column } of encryptedColumns) {
    const { rows } = await sql<{ kid: string; n: number }>`
      select split_part(${sql.ref(column)}, '.', 2) as kid, count(*)::int as n
      from ${sql.table(table)} where ${sql.ref(column)} is not null group by 1`.execute(db);
    for (const row of rows) counts[row.kid] = (counts[row.kid] ?? 0) + row.n;
  }
  return counts;
}
