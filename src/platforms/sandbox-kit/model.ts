// The transactional in-memory model every sandbox keeps: state, clock, randomness, `mutate` that
// rolls the state back when a change throws, and an `onChange` hook for persistence.

/** What a change sees: the state, the clock and the random source. */
export interface ModelCore<S> {
  state: S;
  now: () => Date;
  random: () => number;
}

/** The model: `mutate` runs a change atomically; `replaceState` swaps the whole state. */
export interface TransactionalModel<S> extends ModelCore<S> {
  /** Moves on every change, rolled back or not, and every replaced state (readPerVersion). */
  readonly version: number;
  /** Runs a change; on a throw the state is rolled back, on success `onChange` fires. */
  mutate<T>(change: (ctx: ModelCore<S>) => T): T;
  /** Replaces the whole state (reset, load world); `onChange` fires. */
  replaceState(next: S): void;
}

/** The initial state, clock, random source and the hook fired after each change. */
export interface ModelOptions<S> {
  state: S;
  now: () => Date;
  random: () => number;
  onChange?: ((state: S) => void) | undefined;
}

/** Creates the model around an initial state; the model itself is the context changes get. */
export function createTransactionalModel<S>(options: ModelOptions<S>): TransactionalModel<S> {
  let version = 0;
  const model: TransactionalModel<S> = {
    state: options.state,
    now: options.now,
    random: options.random,
    get version() {
      return version;
    },
    mutate(change) {
      const before = cloneJson(model.state);
      try {
        const result = change(model);
        options.onChange?.(model.state);
        return result;
      } catch (error) {
        model.state = before;
        throw error;
      } finally {
        version += 1;
      }
    },
    replaceState(next) {
      model.state = next;
      version += 1;
      options.onChange?.(model.state);
    },
  };
  return model;
}

/**
 * A read of the state computed at most once per version of it, by key (the read's parameters):
 * the pages of one paged read (50 items each, 20 pages for a Business Center of 1,000 ad
 * accounts, asked for at once) share one pass over the state while no change comes between them,
 * instead of each filtering every holding again (issue #16). What `compute` returns is shared by
 * every caller until the next change: callers only read it. Every state change goes through
 * `mutate` or `replaceState`, which move the version.
 */
export function readPerVersion<V>(
  model: { readonly version: number },
  compute: (key: string) => V,
  maxKeys = 64,
): (key: string) => V {
  let seen = -1;
  const cache = new Map<string, V>();
  return (key) => {
    if (model.version !== seen || cache.size >= maxKeys) {
      cache.clear();
      seen = model.version;
    }
    if (cache.has(key)) return cache.get(key) as V;
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}

/**
 * A deep copy of plain JSON data (objects, arrays, strings, numbers, booleans, null), which is
 * what every sandbox state is: it persists as JSON. The rollback snapshot is taken before every
 * change, so it is on the path of every write; this copy is several times faster than
 * structuredClone for such data (which also handles Dates, Maps, cycles: nothing a state holds).
 * Each level is copied shallowly (`slice`, object spread: own enumerable keys, as JSON has) and
 * only the nested objects and arrays are copied again, a third faster than mapping every value.
 */
export function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const copy: unknown[] = value.slice();
    for (let i = 0; i < copy.length; i += 1) {
      const item = copy[i];
      if (typeof item === 'object' && item !== null) copy[i] = cloneJson(item);
    }
    return copy as T;
  }
  const copy = { ...value } as Record<string, unknown>;
  // The copy is a fresh plain object: its enumerable keys are the ones just copied.
  for (const key in copy) {
    const item = copy[key];
    if (typeof item === 'object' && item !== null) copy[key] = cloneJson(item);
  }
  return copy as T;
}
