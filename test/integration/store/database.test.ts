import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAudit } from '../../../src/store/audit.ts';
import { loadMigrations, migrate } from '../../../src/store/migrate.ts';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../../support/database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

describe(`store on ${testDatabaseKind}`, () => {
  it('reports which database it is', () => {
    expect(database.kind).toBe(testDatabaseKind);
  });

  it('applies migrations once; a second run is a no-op', async () => {
    expect(await migrate(database)).toEqual([]);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = current_schema()`.execute(
      database.db,
    );
    const names = tables.rows.map((row) => row.table_name);
    for (const table of [
      'agencies',
      'users',
      'sessions',
      'clients',
      'access_requests',
      'onboardings',
      'grants',
      'platform_connections',
      'audit_events',
    ]) {
      expect(names).toContain(table);
    }
  });

  it('refuses to start when an applied migration changed', async () => {
    await database.db
      .updateTable('schema_migrations')
      .set({ checksum: 'changed' })
      .where('name', '=', '0001_initial.sql')
      .execute();
    await expect(migrate(database)).rejects.toThrow(/0001_initial\.sql was edited/);
    const { checksum } = (await loadMigrations())[0]!;
    await database.db
      .updateTable('schema_migrations')
      .set({ checksum })
      .where('name', '=', '0001_initial.sql')
      .execute();
  });

  it('maps types the same way on both databases', async () => {
    const agency = await database.db
      .insertInto('agencies')
      .values({ name: 'Northwind', slug: 'northwind-types' })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(agency.created_at).toBeInstanceOf(Date);
    expect(typeof agency.id).toBe('string');
    const count = await database.db
      .selectFrom('agencies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(typeof count.n).toBe('number');
  });

  it('commits an audit event with its change, and neither when the change fails', async () => {
    const agency = await database.db
      .insertInto('agencies')
      .values({ name: 'Audit Co', slug: 'audit-co' })
      .returningAll()
      .executeTakeFirstOrThrow();
    await withAudit(database.db, async (tx) => {
      const client = await tx
        .insertInto('clients')
        .values({ agency_id: agency.id, name: 'Acme' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return {
        result: client,
        audit: {
          agencyId: agency.id,
          actor: { kind: 'system', id: null },
          action: 'client.created',
          target: { kind: 'client', id: client.id },
        },
      };
    });
    await expect(
      withAudit(database.db, async (tx) => {
        await tx.insertInto('clients').values({ agency_id: agency.id, name: 'Doomed' }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const clients = await database.db
      .selectFrom('clients')
      .select('name')
      .where('agency_id', '=', agency.id)
      .execute();
    expect(clients.map((c) => c.name)).toEqual(['Acme']);
    const events = await database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('agency_id', '=', agency.id)
      .execute();
    expect(events.map((e) => e.action)).toEqual(['client.created']);
  });

  it('keeps the audit log append-only', async () => {
    await expect(
      database.db.updateTable('audit_events').set({ action: 'rewritten' }).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(database.db.deleteFrom('audit_events').execute()).rejects.toThrow(/append-only/);
  });

  it('runs concurrent transactions without interleaving them', async () => {
    const agency = await database.db
      .insertInto('agencies')
      .values({ name: 'Tx Co', slug: 'tx-co' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        database.db
          .transaction()
          .execute(async (tx) => {
            await tx
              .insertInto('clients')
              .values({ agency_id: agency.id, name: `c${i}` })
              .execute();
            if (i % 2 === 0) throw new Error('rollback');
          })
          .catch(() => undefined),
      ),
    );
    const rows = await database.db
      .selectFrom('clients')
      .select('name')
      .where('agency_id', '=', agency.id)
      .execute();
    expect(rows.map((r) => r.name).sort()).toEqual(['c1', 'c3', 'c5', 'c7', 'c9']);
  });
});
