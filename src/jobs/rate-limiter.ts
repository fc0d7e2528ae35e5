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

/** Reserves one call; resolves to how many ms the caller must wait before making it. */
export async function reserveCall(
  db: Executor,
  key: string,
  limits: BucketLimits,
  now: Date,
): Promise<number> {
  await db
    .insertInto('rate_limit_buckets')
    .values({ key, tokens: limits.burst, refilled_at: now, blocked_until: null })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .updateTable('rate_limit_buckets')
    .set({
      tokens: sql<number>`least(${limits.burst}::float8, tokens + greatest(0, extract(epoch from (${now}::timestamptz - refilled_at))) * ${limits.requestsPerSecond}::float8) - 1`,
      refilled_at: sql<Date>`greatest(refilled_at, ${now}::timestamptz)`,
    })
    .where('key', '=', key)
    .returning(['tokens', 'blocked_until'])
    .executeTakeFirstOrThrow();
  const tokenWait = row.tokens < 0 ? (-row.tokens / limits.requestsPerSecond) * 1000 : 0;
  const blockWait = row.blocked_until ? row.blocked_until.getTime() - now.getTime() : 0;
  return Math.max(0, Math.ceil(tokenWait), blockWait);
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
 * bucket. Connectors stay unaware of the limiter (they only receive `fetch`).
 */
export function createRateLimitedFetch(options: RateLimitedFetchOptions): FetchLike {
  return async (input, init) => {
    const wait = await reserveCall(options.db, options.key, options.limits, options.now());
    if (wait > 0) await options.sleep(wait);
    return options.fetch(input, init);
  };
}

/** A sleep that resolves after `ms` (the default for deps). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
