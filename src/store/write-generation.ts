/**
 * A counter of this process's writes to the database, for caches of reads that must never
 * outlive a change: a cached read is good only while the count has not moved since it was taken
 * (src/lib/generation-cache.ts). Every statement Kysely runs that is not a plain SELECT moves it,
 * before and after it runs, and so does every commit and rollback. With PGlite this process is
 * the only writer, so nothing is missed; on a shared PostgreSQL server other processes write too,
 * and caches bound their age instead (the client link's reads: 250 ms).
 */
import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryResult,
  TransactionSettings,
} from 'kysely';

/** The number of writes begun or ended in this process. */
export class WriteGeneration {
  #value = 0;
  get value(): number {
    return this.#value;
  }
  bump(): void {
    this.#value += 1;
  }
}

/** A plain read: a SELECT without a CTE (which may write), or raw SQL that is one. */
export function isPlainRead(query: CompiledQuery): boolean {
  const node = query.query;
  if (node.kind === 'SelectQueryNode') return !('with' in node && node.with);
  if (node.kind === 'RawNode') {
    return (
      /^\s*select\b/i.test(query.sql) &&
      !/\b(insert|update|delete|nextval|setval)\b/i.test(query.sql)
    );
  }
  return false;
}

class CountingConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly writes: WriteGeneration,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (isPlainRead(query)) return this.inner.executeQuery<R>(query);
    this.writes.bump();
    try {
      return await this.inner.executeQuery<R>(query);
    } finally {
      this.writes.bump();
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    if (!isPlainRead(query)) this.writes.bump();
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

const innerOf = (connection: DatabaseConnection) =>
  connection instanceof CountingConnection ? connection.inner : connection;

class CountingDriver implements Driver {
  readonly savepoint?: NonNullable<Driver['savepoint']>;
  readonly rollbackToSavepoint?: NonNullable<Driver['rollbackToSavepoint']>;
  readonly releaseSavepoint?: NonNullable<Driver['releaseSavepoint']>;

  constructor(
    private readonly inner: Driver,
    private readonly writes: WriteGeneration,
  ) {
    if (inner.savepoint) {
      this.savepoint = (c, name, compile) => inner.savepoint!(innerOf(c), name, compile);
    }
    if (inner.rollbackToSavepoint) {
      this.rollbackToSavepoint = async (c, name, compile) => {
        try {
          await inner.rollbackToSavepoint!(innerOf(c), name, compile);
        } finally {
          writes.bump();
        }
      };
    }
    if (inner.releaseSavepoint) {
      this.releaseSavepoint = (c, name, compile) =>
        inner.releaseSavepoint!(innerOf(c), name, compile);
    }
  }
  init() {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return new CountingConnection(await this.inner.acquireConnection(), this.writes);
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction(innerOf(connection), settings);
  }
  async commitTransaction(connection: DatabaseConnection) {
    try {
      await this.inner.commitTransaction(innerOf(connection));
    } finally {
      this.writes.bump();
    }
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    try {
      await this.inner.rollbackTransaction(innerOf(connection));
    } finally {
      this.writes.bump();
    }
  }
  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection(innerOf(connection));
  }
  destroy() {
    return this.inner.destroy();
  }
}

/** The dialect with its writes counted in `writes`. */
export function countWrites(dialect: Dialect, writes: WriteGeneration): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new CountingDriver(dialect.createDriver(), writes),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
