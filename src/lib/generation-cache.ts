/**
 * A bounded in-process cache of reads that is never older than the last write: an entry is good
 * while the write generation it was read at is still the current one (src/store/write-generation.ts)
 * and for at most `ttlMs` (writes of other processes, on a shared PostgreSQL server). Concurrent
 * misses of one key share one read; a failed read is not kept. The least recently used entries
 * go first once `maxEntries` is reached.
 */
export interface GenerationCacheOptions {
  /** The current write generation. */
  readonly generation: () => number;
  readonly ttlMs: number;
  readonly maxEntries: number;
  /** Milliseconds clock (tests). */
  readonly now?: () => number;
}

interface Entry {
  readonly generation: number;
  readonly at: number;
  readonly value: Promise<unknown>;
}

export class GenerationCache {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;

  constructor(private readonly options: GenerationCacheOptions) {
    this.#now = options.now ?? (() => performance.now());
  }

  /** The value of `key` read at the current generation: from the cache, or from `load`. */
  read<T>(key: string, load: () => Promise<T>): Promise<T> {
    const generation = this.options.generation();
    const now = this.#now();
    const entry = this.#entries.get(key);
    this.#entries.delete(key);
    if (entry && entry.generation === generation && now - entry.at < this.options.ttlMs) {
      this.#entries.set(key, entry);
      return entry.value as Promise<T>;
    }
    if (this.options.ttlMs <= 0) return load();
    const value = load();
    const fresh: Entry = { generation, at: now, value };
    this.#entries.set(key, fresh);
    value.catch(() => {
      if (this.#entries.get(key) === fresh) this.#entries.delete(key);
    });
    while (this.#entries.size > this.options.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return value;
  }

  /** How many entries are held (tests, metrics). */
  get size(): number {
    return this.#entries.size;
  }
}
