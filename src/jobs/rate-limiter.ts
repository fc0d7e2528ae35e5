/**
 * The per-platform rate limiter, shared by every process: a token bucket stored as one row per
 * (platform, app) in `rate_limit_buckets`. Each platform call reserves one token with a single
 * UPDATE (the row lock serialises concurrent reservations across processes); the bucket may go
 * negative, and a negative balance is the caller's wait, so callers queue fairly instead of
 * polling. A throttle answer from the platform pushes `blocked_until`, and no reservation is
 * released before it (SECURITY-RELIABILITY L1-L2).
 */
import { sql } from 'kysely';
import type { FetchLike } from '../platforms/http.ts';
import type { Executor } from '../store/audit.ts';

export interface BucketLimits {
  readonly requestsPerSecond: number;
  readonly burst: number;
}

/**
 * Reserves `count` calls with one UPDATE (the row lock serialises reservations across
 * processes); resolves to the wait in ms before each of them may be made, in order.
 */
export async function reserveCalls(
  db: Executor,
  key: string,
  limits: BucketLimits,
  now: Date,
  count = 1,
): Promise<number[]> {
  const take = () =>
    db
      .updateTable('rate_limit_buckets')
      .set({
        tokens: sql<number>`least(${limits.burst}::float8, tokens + greatest(0, extract(epoch from (${now}::timestamptz - refilled_at))) * ${limits.requestsPerSecond}::float8) - ${count}::float8`,
        refilled_at: sql<Date>`greatest(refilled_at, ${now}::timestamptz)`,
      })
      .where('key', '=', key)
      .returning(['tokens', 'blocked_until'])
      .executeTakeFirst();
  let row = await take();
  if (!row) {
    await db
      .insertInto('rate_limit_buckets')
      .values({ key, tokens: limits.burst, refilled_at: now, blocked_until: null })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    row = await take();
  }
  const balance = row?.tokens ?? 0;
  const blockWait = row?.blocked_until ? row.blocked_until.getTime() - now.getTime() : 0;
  return Array.from({ length: count }, (_, i) => {
    const after = balance + (count - 1 - i);
    const tokenWait = after < 0 ? (-after / limits.requestsPerSecond) * 1000 : 0;
    return Math.max(0, Math.ceil(tokenWait), blockWait);
  });
}

/** Reserves one call; resolves to how many ms the caller must wait before making it. */
export async function reserveCall(
  db: Executor,
  key: string,
  limits: BucketLimits,
  now: Date,
): Promise<number> {
  const [wait = 0] = await reserveCalls(db, key, limits, now, 1);
  return wait;
}

/** Records that the platform throttled us: nobody calls again on this key before `until`. */
export async function blockCalls(db: Executor, key: string, until: Date): Promise<void> {
  await db
    .updateTable('rate_limit_buckets')
    .set({
      blocked_until: sql<Date>`greatest(coalesce(blocked_until, ${until}::timestamptz), ${until}::timestamptz)`,
    })
    .where('key', '=', key)
    .execute();
}

export interface RateLimitedFetchOptions {
  readonly db: Executor;
  readonly key: string;
  readonly limits: BucketLimits;
  readonly fetch: FetchLike;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
}

/**
 * Wraps a connector's fetch so that every HTTP call it makes first takes its turn in the shared
 * bucket. Connectors stay unaware of the limiter (they only receive `fetch`). At high rates the
 * process reserves up to 100 ms worth of calls per database round trip and hands them out
 * locally (at 10 calls/s, TikTok's default, that is one call per trip: exact).
 */
export function createRateLimitedFetch(options: RateLimitedFetchOptions): FetchLike {
  const chunk = Math.max(1, Math.floor(options.limits.requestsPerSecond / 10));
  const ready: number[] = [];
  let refill: Promise<void> | undefined;
  const take = async (): Promise<number> => {
    for (;;) {
      const at = ready.shift();
      if (at !== undefined) return at;
      refill ??= (async () => {
        const now = options.now();
        const waits = await reserveCalls(options.db, options.key, options.limits, now, chunk);
        ready.push(...waits.map((wait) => now.getTime() + wait));
      })().finally(() => {
        refill = undefined;
      });
      await refill;
    }
  };
  return async (input, init) => {
    const wait = (await take()) - options.now().getTime();
    if (wait > 0) await options.sleep(wait);
    return options.fetch(input, init);
  };
}

/** A sleep that resolves after `ms` (the default for deps). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
