/**
 * A Kysely dialect over PGlite. Written here because kysely-pglite-dialect does not support
 * PGlite 0.5. Transactions run inside `pglite.transaction()`, which holds PGlite's own transaction
 * lock, so statements from pg-boss (sharing the same PGlite instance) never land inside ours.
 * Over PgliteDatabase, so it runs on PGlite in its worker thread (pglite-thread.ts).
 */
import type { PgliteDatabase, PgliteTransaction } from './pglite-thread.ts';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type Kysely,
} from 'kysely';

export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PgliteDatabase) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}

class PGliteDriver implements Driver {
  constructor(private readonly pglite: PgliteDatabase) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new PGliteConnection(this.pglite);
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PGliteConnection).begin();
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PGliteConnection).end('commit');
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PGliteConnection).end('rollback');
  }
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

class RollbackSignal extends Error {}

class PGliteConnection implements DatabaseConnection {
  #tx: PgliteTransaction | undefined;
  #finish: ((outcome: 'commit' | 'rollback') => void) | undefined;
  #done: Promise<unknown> | undefined;

  constructor(private readonly pglite: PgliteDatabase) {}

  /** Opens a PGlite transaction and keeps it open until `end` is called. */
  async begin(): Promise<void> {
    let ready!: () => void;
    const started = new Promise<void>((resolve) => (ready = resolve));
    this.#done = this.pglite
      .transaction(async (tx) => {
        this.#tx = tx;
        const outcome = await new Promise<'commit' | 'rollback'>((resolve) => {
          this.#finish = resolve;
          ready();
        });
        if (outcome === 'rollback') throw new RollbackSignal();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RollbackSignal)) throw error;
      });
    await Promise.race([started, this.#done]);
  }

  async end(outcome: 'commit' | 'rollback'): Promise<void> {
    this.#finish?.(outcome);
    const done = this.#done;
    this.#tx = undefined;
    this.#finish = undefined;
    this.#done = undefined;
    await done;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const target = this.#tx ?? this.pglite;
    const result = await target.query<R>(compiled.sql, [...compiled.parameters]);
    const affected = result.affectedRows;
    return {
      rows: result.rows,
      ...(affected !== undefined ? { numAffectedRows: BigInt(affected) } : {}),
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite dialect does not support streaming');
  }
}
