/**
 * PGlite in a worker thread (pglite-worker.js), behind the part of PGlite's API Latchkey uses.
 * On the main thread PGlite's WebAssembly set-up (~0.7 s) and every statement ran between the
 * server's own JavaScript; in its own thread they run beside it, so start-up overlaps loading the
 * server's modules with opening the database, and SQL no longer stalls request handling (issue #17).
 *
 * The worker runs the real PGlite, and its locks order the calls as before: a transaction holds
 * PGlite's transaction lock in the worker until the main thread ends it, so statements from
 * outside it (pg-boss's) wait there. Errors come back rebuilt with their PostgreSQL fields.
 */
import { Worker } from 'node:worker_threads';
import type { Results } from '@electric-sql/pglite';

/** Query options that can cross to the worker (functions such as parsers cannot). */
export interface PgliteQueryOptions {
  readonly rowMode?: 'object' | 'array';
}

/** The statements PGlite runs, on the instance or inside a transaction. */
export interface PgliteQueries {
  query<T>(sql: string, params?: unknown[], options?: PgliteQueryOptions): Promise<Results<T>>;
  exec(sql: string): Promise<Array<Results>>;
}

export interface PgliteTransaction extends PgliteQueries {
  rollback(): Promise<void>;
  readonly closed: boolean;
}

/** The PGlite API Latchkey uses; a PGlite instance satisfies it too. */
export interface PgliteDatabase extends PgliteQueries {
  readonly closed: boolean;
  /** Runs `callback` inside BEGIN … COMMIT (ROLLBACK when it throws), holding PGlite's lock. */
  transaction<T>(callback: (tx: PgliteTransaction) => Promise<T>): Promise<T>;
  /** The data folder as a tarball. */
  dumpDataDir(compression?: 'auto' | 'gzip' | 'none'): Promise<Blob>;
  /** LISTEN on a channel (pg-boss's notifier uses it); resolves to the unsubscribe function. */
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface PgliteThreadOptions {
  /** A folder, or `memory://`. */
  readonly dataPath: string;
  /** Added to PGlite's default start parameters. */
  readonly startParams?: readonly string[];
  /** int8 values (counts, bigserial) as numbers rather than strings. */
  readonly int8AsNumber?: boolean;
  /** A data-folder tarball to open the folder from (a restore: pglite-backup.ts). */
  readonly loadDataDir?: Blob | undefined;
}

/** A PostgreSQL error from PGlite, rebuilt on this side of the thread with its fields. */
export class PgliteDatabaseError extends Error {
  severity?: string;
  code?: string;
  detail?: string;
  hint?: string;
  position?: string;
  internalPosition?: string;
  internalQuery?: string;
  where?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  constraint?: string;
  file?: string;
  line?: string;
  routine?: string;
  query?: string;
}

interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly fields?: Record<string, string>;
}

type Reply =
  | { id: number; value?: unknown; error?: SerializedError }
  | { notification: number; payload: string };

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  /** Where the call was made, for the rebuilt error's stack. */
  readonly caller: Error;
}

type Op =
  'query' | 'exec' | 'begin' | 'rollback' | 'end' | 'dumpDataDir' | 'listen' | 'unlisten' | 'close';

const workerUrl = new URL('./pglite-worker.js', import.meta.url);

/** Starts PGlite in a worker thread; resolves once it is ready for statements. */
export async function openPgliteThread(options: PgliteThreadOptions): Promise<PgliteDatabase> {
  const template = options.loadDataDir ? await options.loadDataDir.arrayBuffer() : undefined;
  const settings = {
    dataPath: options.dataPath,
    startParams: [...(options.startParams ?? [])],
    int8AsNumber: options.int8AsNumber ?? false,
    ...(template ? { loadDataDir: template } : {}),
  };
  const transferList = template ? [template] : [];
  const prewarmed = takePrewarmedPgliteWorker();
  if (prewarmed) {
    prewarmed.ref();
    prewarmed.postMessage({ open: settings }, transferList);
    return await connectPgliteWorker(prewarmed);
  }
  const worker = new Worker(workerUrl, { workerData: settings, transferList, ...quiet });
  dropOutput(worker);
  return await connectPgliteWorker(worker);
}

// PGlite's own output (PostgreSQL's log lines quote statements and their values) stays in the
// thread: read and dropped here rather than copied into the process's output.
const quiet = { stdout: true, stderr: true } as const;
const dropOutput = (worker: Worker) => {
  worker.stdout.resume();
  worker.stderr.resume();
};

/** Where a thread started ahead of the server's code waits to be taken (one per process). */
const PREWARMED = Symbol.for('latchkey.pgliteWorker');
type Slot = { [PREWARMED]?: Worker };

/**
 * Starts PGlite's thread before the server's code has loaded (bin/latchkey.js calls this for
 * `latchkey start`, with the worker file's URL): loading PGlite and compiling its WebAssembly
 * then overlap loading the server's modules. The next PGlite opened in this process takes it. It
 * does not keep the process alive while nothing has taken it.
 */
export function prewarmPgliteWorker(url: URL = workerUrl): Worker {
  const worker = new Worker(url, { workerData: { prewarm: true }, ...quiet });
  dropOutput(worker);
  worker.unref();
  (globalThis as Slot)[PREWARMED] = worker;
  return worker;
}

/**
 * Ends a prewarmed thread nothing took (a start that stopped before opening its database, a bad
 * configuration): its piped output would otherwise keep the process from exiting.
 */
export async function discardPrewarmedPgliteWorker(): Promise<void> {
  await takePrewarmedPgliteWorker()?.terminate();
}

function takePrewarmedPgliteWorker(): Worker | undefined {
  const slot = globalThis as Slot;
  const worker = slot[PREWARMED];
  delete slot[PREWARMED];
  return worker;
}

/**
 * Talks to a started pglite-worker.js (or anything answering its messages); resolves once it
 * reports PGlite open.
 */
export async function connectPgliteWorker(worker: Worker): Promise<PgliteDatabase> {
  const thread = new PgliteThread(worker);
  await thread.ready;
  return thread;
}

class PgliteThread implements PgliteDatabase {
  readonly ready: Promise<unknown>;
  #worker: Worker;
  #pending = new Map<number, Pending>();
  #listeners = new Map<number, (payload: string) => void>();
  #nextId = 1;
  #closed = false;
  #failure: Error | undefined;

  constructor(worker: Worker) {
    this.#worker = worker;
    // Id 0 is the worker's answer to being opened.
    this.ready = new Promise((resolve, reject) =>
      this.#track(0, { resolve, reject, caller: new Error() }),
    );
    worker.on('message', (reply: Reply) => this.#receive(reply));
    worker.on('error', (error) => this.#fail(`PGlite's worker thread failed: ${error.message}`));
    worker.on('exit', (code) => this.#fail(`PGlite's worker thread exited (code ${code})`));
  }

  get closed(): boolean {
    return this.#closed;
  }

  query<T>(sql: string, params?: unknown[], options?: PgliteQueryOptions): Promise<Results<T>> {
    return this.#call('query', undefined, [sql, params, options]) as Promise<Results<T>>;
  }

  exec(sql: string): Promise<Array<Results>> {
    return this.#call('exec', undefined, [sql]) as Promise<Array<Results>>;
  }

  async transaction<T>(callback: (tx: PgliteTransaction) => Promise<T>): Promise<T> {
    const txId = this.#nextId++;
    await this.#call('begin', txId, []);
    const tx = new ThreadTransaction((op, args) => this.#call(op, txId, args));
    let result: T;
    try {
      result = await callback(tx);
    } catch (error) {
      tx.closed = true;
      await this.#call('end', txId, ['rollback']);
      throw error;
    }
    tx.closed = true;
    await this.#call('end', txId, ['commit']);
    return result;
  }

  async dumpDataDir(compression?: 'auto' | 'gzip' | 'none'): Promise<Blob> {
    const bytes = (await this.#call('dumpDataDir', undefined, [compression])) as ArrayBuffer;
    return new Blob([bytes]);
  }

  async listen(channel: string, callback: (payload: string) => void) {
    const listenId = this.#nextId++;
    this.#listeners.set(listenId, callback);
    await this.#call('listen', undefined, [listenId, channel]);
    return async () => {
      this.#listeners.delete(listenId);
      if (!this.#closed) await this.#call('unlisten', undefined, [listenId]);
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#call('close', undefined, []);
    this.#closed = true;
    this.#failure = new Error('PGlite is closed');
    await this.#worker.terminate();
  }

  #call(op: Op, txId: number | undefined, args: unknown[]): Promise<unknown> {
    if (this.#closed) return Promise.reject(this.#failure ?? new Error('PGlite is closed'));
    const id = this.#nextId++;
    const caller = new Error();
    return new Promise((resolve, reject) => {
      this.#track(id, { resolve, reject, caller });
      this.#worker.postMessage({ id, op, txId, args });
    });
  }

  /**
   * The worker keeps the process alive only while a call waits on it, as PGlite on the main
   * thread did (it held nothing open between statements).
   */
  #track(id: number, pending: Pending): void {
    if (this.#pending.size === 0) this.#worker.ref();
    this.#pending.set(id, pending);
  }

  #settle(id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    if (this.#pending.size === 0) this.#worker.unref();
    return pending;
  }

  #receive(reply: Reply): void {
    if ('notification' in reply) {
      this.#listeners.get(reply.notification)?.(reply.payload);
      return;
    }
    const pending = this.#settle(reply.id);
    if (!pending) return;
    if (reply.error) pending.reject(rebuildError(reply.error, pending.caller));
    else pending.resolve(reply.value);
  }

  /** The thread is gone: every waiting call fails now rather than never answering. */
  #fail(message: string): void {
    this.#closed = true;
    this.#failure ??= new Error(message);
    for (const [id, pending] of [...this.#pending]) {
      this.#settle(id);
      pending.reject(this.#failure);
    }
  }
}

class ThreadTransaction implements PgliteTransaction {
  closed = false;
  constructor(private readonly call: (op: Op, args: unknown[]) => Promise<unknown>) {}

  query<T>(sql: string, params?: unknown[], options?: PgliteQueryOptions): Promise<Results<T>> {
    return this.#open().then(() => this.call('query', [sql, params, options])) as Promise<
      Results<T>
    >;
  }

  exec(sql: string): Promise<Array<Results>> {
    return this.#open().then(() => this.call('exec', [sql])) as Promise<Array<Results>>;
  }

  async rollback(): Promise<void> {
    await this.#open();
    await this.call('rollback', []);
    this.closed = true;
  }

  async #open(): Promise<void> {
    if (this.closed) throw new Error('Transaction is closed');
  }
}

/**
 * PGlite's error as thrown in the worker, with the stack of the call made here followed by the
 * worker's own frames.
 */
function rebuildError(serialized: SerializedError, caller: Error): Error {
  const error = serialized.fields
    ? Object.assign(new PgliteDatabaseError(serialized.message), serialized.fields)
    : new Error(serialized.message);
  error.name = serialized.name;
  const here = (caller.stack ?? '').split('\n').slice(2).join('\n');
  const there = (serialized.stack ?? '').split('\n').slice(1).join('\n');
  error.stack = `${serialized.name}: ${serialized.message}\n${here}\n    --- in PGlite's worker thread ---\n${there}`;
  return error;
}
