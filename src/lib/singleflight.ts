/**
 * Singleflight (after Go's golang.org/x/sync/singleflight): callers asking for the same key while
 * a call for it is in flight share that call's result instead of making their own. Nothing is
 * kept once the call settles, so this never serves a stale answer: it only merges requests that
 * were made at the same moment, as if they had been one.
 */
export type Singleflight = <T>(key: string, run: () => Promise<T>) => Promise<T>;

export function singleflight(): Singleflight {
  const inFlight = new Map<string, Promise<unknown>>();
  return <T>(key: string, run: () => Promise<T>): Promise<T> => {
    const current = inFlight.get(key);
    if (current) return current as Promise<T>;
    const call = run().finally(() => inFlight.delete(key));
    inFlight.set(key, call);
    return call;
  };
}
