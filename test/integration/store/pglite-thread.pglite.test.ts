/**
 * PGlite in its worker thread keeps PGlite's behaviour across the thread boundary: errors with
 * their PostgreSQL fields, a transaction that holds statements from outside until it ends,
 * rollback, and calls that fail (rather than hang) once the thread is closed or gone.
 */
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectPgliteWorker,
  openPgliteThread,
  PgliteDatabaseError,
  prewarmPgliteWorker,
  type PgliteDatabase,
} from '../../../src/store/pglite-thread.ts';
import { openDatabase } from '../../../src/store/database.ts';

let pglite: PgliteDatabase;

beforeAll(async () => {
  pglite = await openPgliteThread({ dataPath: 'memory://', int8AsNumber: true });
  await pglite.exec(`
    create table item (id int8 primary key, name text not null unique, at timestamptz,
                       bytes bytea, doc jsonb);
  `);
});

afterAll(async () => {
  await pglite.close();
});

describe('PGlite in a worker thread', () => {
  it('returns rows as PGlite does: int8 as numbers, dates, bytes, parsed JSON', async () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    const inserted = await pglite.query('insert into item values ($1, $2, $3, $4, $5)', [
      1,
      'one',
      at,
      new Uint8Array([1, 2, 3]),
      JSON.stringify({ a: [1] }),
    ]);
    expect(inserted.affectedRows).toBe(1);
    const { rows, fields } = await pglite.query<Record<string, unknown>>(
      'select * from item where id = $1',
      [1],
    );
    expect(rows).toEqual([
      { id: 1, name: 'one', at, bytes: new Uint8Array([1, 2, 3]), doc: { a: [1] } },
    ]);
    expect(fields.map((f) => f.name)).toEqual(['id', 'name', 'at', 'bytes', 'doc']);
    const results = await pglite.exec('select 1 as a; select 2 as b');
    expect(results.map((r) => r.rows)).toEqual([[{ a: 1 }], [{ b: 2 }]]);
  });

  it('rebuilds PostgreSQL errors with their code, constraint and the caller in the stack', async () => {
    await pglite.query("insert into item (id, name) values (10, 'ten')");
    const error = await pglite
      .query('insert into item (id, name) values ($1, $2)', [11, 'ten'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PgliteDatabaseError);
    expect(error).toMatchObject({
      code: '23505',
      constraint: 'item_name_key',
      table: 'item',
      severity: 'ERROR',
      detail: 'Key (name)=(ten) already exists.',
      message: expect.stringContaining('duplicate key') as string,
    });
    expect((error as Error).stack).toContain('pglite-thread.pglite.test.ts');
    expect(error).not.toHaveProperty('params');
  });

  it('holds statements from outside a transaction until it ends', async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = pglite.transaction(async (tx) => {
      await tx.query("insert into item (id, name) values (20, 'twenty')");
      order.push('tx insert');
      await held;
      await tx.query("update item set name = 'twenty!' where id = 20");
      order.push('tx update');
    });
    // Wait until the transaction has made its insert, then ask from outside.
    while (!order.includes('tx insert')) await new Promise((r) => setTimeout(r, 5));
    const outside = pglite
      .query<{ name: string }>('select name from item where id = 20')
      .then(({ rows }) => order.push(`outside saw ${rows[0]?.name}`));
    await new Promise((r) => setTimeout(r, 50));
    expect(order).toEqual(['tx insert']);
    release();
    await Promise.all([transaction, outside]);
    expect(order).toEqual(['tx insert', 'tx update', 'outside saw twenty!']);
  });

  it('rolls back when the callback throws, and on tx.rollback()', async () => {
    const thrown = await pglite
      .transaction(async (tx) => {
        await tx.query("insert into item (id, name) values (30, 'thirty')");
        throw new Error('changed my mind');
      })
      .catch((e: unknown) => e);
    expect(thrown).toEqual(new Error('changed my mind'));
    await pglite.transaction(async (tx) => {
      await tx.query("insert into item (id, name) values (31, 'thirty-one')");
      await tx.rollback();
      expect(tx.closed).toBe(true);
      await expect(tx.query('select 1')).rejects.toThrow('Transaction is closed');
    });
    const { rows } = await pglite.query('select id from item where id in (30, 31)');
    expect(rows).toEqual([]);
  });

  it('passes LISTEN notifications back', async () => {
    const payloads: string[] = [];
    const unsubscribe = await pglite.listen('news', (payload) => payloads.push(payload));
    await pglite.query("select pg_notify('news', 'hello')");
    await unsubscribe();
    await pglite.query("select pg_notify('news', 'unheard')");
    expect(payloads).toEqual(['hello']);
  });

  it('dumps the data folder', async () => {
    const dump = await pglite.dumpDataDir('gzip');
    expect(dump.size).toBeGreaterThan(1000);
  });
});

describe('the thread ending', () => {
  it('rejects calls once closed', async () => {
    const own = await openPgliteThread({ dataPath: 'memory://' });
    await own.close();
    expect(own.closed).toBe(true);
    await expect(own.query('select 1')).rejects.toThrow('PGlite is closed');
  });

  it('rejects calls in flight when the worker crashes or exits, and later ones', async () => {
    // A stand-in worker that reports ready and dies on its first statement.
    const dying = (how: string) =>
      new Worker(
        `const { parentPort } = require('node:worker_threads');
         parentPort.postMessage({ id: 0 });
         parentPort.on('message', () => { ${how} });`,
        { eval: true },
      );
    const crashed = await connectPgliteWorker(dying("throw new Error('boom')"));
    await expect(crashed.query('select 1')).rejects.toThrow("PGlite's worker thread failed: boom");
    await expect(crashed.query('select 1')).rejects.toThrow('boom');
    expect(crashed.closed).toBe(true);

    const exited = await connectPgliteWorker(dying('process.exit(3)'));
    await expect(exited.exec('select 1')).rejects.toThrow("PGlite's worker thread exited (code 3)");
  });
});

describe('a PGlite thread started ahead of time', () => {
  it('is taken by the next database opened, and only by that one', async () => {
    const worker = prewarmPgliteWorker();
    const first = await openDatabase({ inMemory: true });
    const second = await openDatabase({ inMemory: true });
    try {
      expect(first.pglite).toBeDefined();
      // The first database runs in the prewarmed thread: closing it ends that thread.
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      await sql`create table marks (n int)`.execute(first.db);
      await sql`insert into marks values (1)`.execute(first.db);
      const rows = await sql<{ n: number }>`select n from marks`.execute(first.db);
      expect(rows.rows).toEqual([{ n: 1 }]);
      // The second has a thread of its own: its tables are its own.
      await expect(sql`select n from marks`.execute(second.db)).rejects.toThrow(/marks/);
      await first.close();
      await exited;
    } finally {
      await first.close();
      await second.close();
    }
  }, 60_000);
});
