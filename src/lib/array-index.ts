// Keyed lookups over arrays, without putting anything in them: the index lives beside each array,
// cached per array object. First used for the sandboxes' state, which stays plain JSON (persisted
// as is, deep-copied for rollback, replaced wholesale by resets): a linear `find` per item made one
// 50-asset share into a 1,000-asset Business Center cost milliseconds of CPU (issue #16). Also for
// reads and listings looked up once per grant or selection (1,000 of each at most).
//
// The index assumes what every sandbox model (and every read it is used on) does: an indexed array
// changes only by `push` (or is replaced by a new array, e.g. from `filter`), and an item's key
// field never changes in place. Other fields (a status, roles) may change in place: lookups test
// them on the live items.

interface Entry<T> {
  /** Items by key, each bucket in array order. */
  buckets: Map<string, T[]>;
  /** How many items of the array the buckets hold (its first `seen`). */
  seen: number;
  /** The item at `seen - 1` when last synced, to notice a shrunk-then-regrown array. */
  last: T | undefined;
}

/** Lookups of an array's items by one key field, for whatever array is passed each time. */
export interface ArrayIndex<T> {
  /** What `items.find((x) => key(x) === key && test(x))` returns: the first such item. */
  find(items: readonly T[], key: string, test?: (item: T) => boolean): T | undefined;
  /** What `items.filter((x) => key(x) === key)` returns: a fresh array, in array order. */
  filter(items: readonly T[], key: string): T[];
}

/** Creates an index of arrays of `T` by the key `keyOf` gives each item. */
export function createArrayIndex<T extends object>(keyOf: (item: T) => string): ArrayIndex<T> {
  const cache = new WeakMap<readonly T[], Entry<T>>();

  const sync = (items: readonly T[]): Map<string, T[]> => {
    let entry = cache.get(items);
    const stale =
      entry !== undefined &&
      (items.length < entry.seen || (entry.seen > 0 && items[entry.seen - 1] !== entry.last));
    if (entry === undefined || stale) {
      entry = { buckets: new Map(), seen: 0, last: undefined };
      cache.set(items, entry);
    }
    for (let i = entry.seen; i < items.length; i += 1) {
      const item = items[i] as T;
      const key = keyOf(item);
      const bucket = entry.buckets.get(key);
      if (bucket) bucket.push(item);
      else entry.buckets.set(key, [item]);
    }
    entry.seen = items.length;
    entry.last = items[items.length - 1];
    return entry.buckets;
  };

  return {
    find(items, key, test) {
      for (const item of sync(items).get(key) ?? []) {
        // The key is checked again on the live item, so a bucket can never answer a wrong one.
        if (keyOf(item) === key && (test === undefined || test(item))) return item;
      }
      return undefined;
    },
    filter(items, key) {
      return (sync(items).get(key) ?? []).filter((item) => keyOf(item) === key);
    },
  };
}
