import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/store/database.ts';

// Every write through the database's Kysely moves the generation (before and after it runs, and
// at commit); plain reads do not, so a cache of reads keyed on it never outlives a write.
let database: Database;
const table = () => database.db as unknown as Kysely<{ t: { id: number; v: string } }>;

beforeAll(async () => {
  database = await openDatabase({ inMemory: true });
  await sql`create table t (id int primary key, v text)`.execute(database.db);
});
afterAll(async () => database.close());

describe('the write generation', () => {
  it('does not move on plain reads', async () => {
    const before = database.writes.value;
    await sql`select 1 as ok`.execute(database.db);
    await table().selectFrom('t').selectAll().execute();
    expect(database.writes.value).toBe(before);
  });

  it('moves on inserts, updates, writing CTEs, raw writes and transactions', async () => {
    const moves = async (run: () => Promise<unknown>) => {
      const before = database.writes.value;
      await run();
      return database.writes.value > before;
    };
    const db = table();
    expect(await moves(() => db.insertInto('t').values({ id: 1, v: 'a' }).execute())).toBe(true);
    expect(await moves(() => db.updateTable('t').set({ v: 'b' }).execute())).toBe(true);
    expect(
      await moves(() =>
        db
          .with('gone', (q) => q.deleteFrom('t').where('id', '=', 9).returning('id'))
          .selectFrom('gone')
          .selectAll()
          .execute(),
      ),
    ).toBe(true);
    expect(await moves(() => sql`delete from t where id = 8`.execute(db))).toBe(true);
    let inside = 0;
    const after = await moves(() =>
      db.transaction().execute(async (tx) => {
        await tx.selectFrom('t').selectAll().execute();
        inside = database.writes.value;
      }),
    );
    expect(after).toBe(true);
    expect(database.writes.value).toBeGreaterThan(inside);
  });
});
