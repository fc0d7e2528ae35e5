/**
 * The latest read of each key, with the moment it started. A caller that only needs a read begun
 * at or after some moment (`since`: for a grant, the moment it was created, before which nothing
 * of Latchkey's can have changed its access) shares the latest read when it began late enough,
 * finished or still in flight, instead of making its own. So the grants of many approvals that
 * reach the platform over several seconds ask the same question once per wave, not once each.
 *
 * Unlike singleflight (which merges calls made at the same moment), this keeps a finished read
 * for `keepMs`; the `since` rule is what makes that safe: a read is never handed to a caller
 * whose write could have happened before it began. A read that fails is forgotten at once.
 */
export interface RecentReads<T> {
  /** The latest read of `key` if it began at or after `since`, else a new one (`run`). */
  read(key: string, since: Date | undefined, run: () => Promise<T>): Promise<T>;
}

export function recentReads<T>(options: {
  now: () => Date;
  /** How long a finished read stays available. */
  keepMs: number;
}): RecentReads<T> {
  const latest = new Map<string, { startedAt: number; value: Promise<T> }>();
  const forgetOld = (now: number) => {
    for (const [key, entry] of latest) {
      if (now - entry.startedAt > options.keepMs) latest.delete(key);
    }
  };
  return {
    read(key, since, run) {
      const now = options.now().getTime();
      const entry = latest.get(key);
      if (
        entry &&
        since !== undefined &&
        entry.startedAt >= since.getTime() &&
        now - entry.startedAt <= options.keepMs
      ) {
        return entry.value;
      }
      forgetOld(now);
      const value = run();
      const started = { startedAt: now, value };
      latest.set(key, started);
      value.catch(() => {
        if (latest.get(key) === started) latest.delete(key);
      });
      return value;
    },
  };
}
