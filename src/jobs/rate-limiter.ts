/**
 * The per-platform rate limiter, shared by every process: a token bucket stored as one row per
 * (platform, app) in `rate_limit_buckets`, taken from with a single UPDATE under the row lock
 * (on PostgreSQL and PGlite alike). A process takes only tokens it can use now (takeTokens) and
 * hands them out round-robin across the shares waiting in it (an agency's client, an
 * offboarding, a sweep: withRateShare), so one big job does not starve another agency's
 * approval, in the same process or another. A throttle answer from the platform pushes
 * `blocked_until`, and no token is taken before it (SECURITY-RELIABILITY L1-L2). reserveCalls,
 * which borrows ahead, remains for callers that want a wait rather than a turn.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
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

/** How many ms a throttle block on `key` still lasts (0 when none). */
async function blockedFor(db: Executor, key: string, now: Date): Promise<number> {
  const row = await db
    .selectFrom('rate_limit_buckets')
    .select('blocked_until')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.blocked_until ? Math.max(0, row.blocked_until.getTime() - now.getTime()) : 0;
}

/**
 * Takes up to `max` tokens that are available now, never borrowing from the future (unlike
 * reserveCalls): one UPDATE under the row lock, so processes sharing the bucket each take only
 * what they can use at once, and none queues a long backlog ahead of another (a big offboarding
 * in one worker does not push an approval in another 100 s back). Nothing is taken while a
 * throttle block lasts. `waitMs`: when to ask again if nothing was taken.
 */
export async function takeTokens(
  db: Executor,
  key: string,
  limits: BucketLimits,
  now: Date,
  max: number,
): Promise<{ taken: number; waitMs: number }> {
  const take = () =>
    sql<{ taken: number; avail: number; blocked_until: Date | null }>`
      WITH s AS (
        SELECT key,
          least(${limits.burst}::float8, tokens + greatest(0, extract(epoch from (${now}::timestamptz - refilled_at))) * ${limits.requestsPerSecond}::float8) AS avail,
          blocked_until
        FROM rate_limit_buckets WHERE key = ${key} FOR UPDATE
      ), t AS (
        SELECT key, avail, blocked_until,
          CASE WHEN blocked_until IS NOT NULL AND blocked_until > ${now}::timestamptz THEN 0
               ELSE greatest(0, least(${max}::int, floor(avail)::int)) END AS taken
        FROM s
      )
      UPDATE rate_limit_buckets b
         SET tokens = t.avail - t.taken, refilled_at = greatest(b.refilled_at, ${now}::timestamptz)
        FROM t WHERE b.key = t.key
      RETURNING t.taken::int AS taken, t.avail::float8 AS avail, t.blocked_until AS blocked_until`
      .execute(db)
      .then((result) => result.rows[0]);
  let row = await take();
  if (!row) {
    await db
      .insertInto('rate_limit_buckets')
      .values({ key, tokens: limits.burst, refilled_at: now, blocked_until: null })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    row = await take();
  }
  if (!row) return { taken: 0, waitMs: 1_000 / limits.requestsPerSecond };
  const taken = Number(row.taken);
  const blockedUntil = row.blocked_until ? new Date(row.blocked_until).getTime() : 0;
  const blockWait = blockedUntil - now.getTime();
  const tokenWait = ((1 - Number(row.avail)) / limits.requestsPerSecond) * 1000;
  return { taken, waitMs: Math.max(1, Math.ceil(blockWait > 0 ? blockWait : tokenWait)) };
}

/**
 * Who a platform call is made for (an agency and its client, an offboarding, a sweep), set by
 * the job around its work (withRateShare); calls made outside any share count as one share.
 */
const rateShare = new AsyncLocalStorage<string>();

/** Runs `work` with its platform calls counted against `share` in the limiter's fair queue. */
export function withRateShare<T>(share: string, work: () => Promise<T>): Promise<T> {
  return rateShare.run(share, work);
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
 * Wraps a connector's fetch so that every HTTP call it makes first takes a token of the shared
 * bucket. Connectors stay unaware of the limiter (they only receive `fetch`). Calls wait in one
 * queue per share (withRateShare) and the tokens this process takes are handed out round-robin
 * across the shares that are waiting, so a share with 1,000 calls queued (an offboarding) and
 * one with 3 (a client's approval) each get every other token. Across processes the bucket is
 * shared and nobody takes tokens ahead of time (takeTokens), so each process's waiting shares
 * compete for every token as it comes back.
 */
export function createRateLimitedFetch(options: RateLimitedFetchOptions): FetchLike {
  const queues = new Map<string, { resolve: () => void; reject: (error: unknown) => void }[]>();
  let cursor = 0;
  let waiting = 0;
  let pumping = false;

  const releaseNext = () => {
    const shares = [...queues.keys()];
    const share = shares[cursor % shares.length];
    if (share === undefined) return;
    const queue = queues.get(share) ?? [];
    queue.shift()?.resolve();
    waiting -= 1;
    if (queue.length === 0) queues.delete(share);
    else cursor += 1;
    if (queues.size > 0) cursor %= queues.size;
  };

  const pump = async () => {
    pumping = true;
    try {
      while (waiting > 0) {
        const { taken, waitMs } = await takeTokens(
          options.db,
          options.key,
          options.limits,
          options.now(),
          waiting,
        );
        for (let i = 0; i < taken && waiting > 0; i += 1) releaseNext();
        if (taken === 0) await waitInLine(waitMs);
      }
    } catch (error) {
      // The bucket cannot be read (database down): the waiting calls fail, as a call would.
      for (const queue of queues.values()) for (const w of queue) w.reject(error);
      queues.clear();
      waiting = 0;
    } finally {
      pumping = false;
    }
  };

  // Nothing is free now. Sleeping and asking again would race the other processes' pumps, and
  // the one that asked last always loses (each wakes when the token it just missed comes back):
  // a process with one call could wait behind another's whole backlog. Instead this process
  // reserves the next token (borrowing one ahead, never more), which puts it in line after the
  // reservations already made; it makes the call when its slot comes, and not while a throttle
  // block lasts (a block may have begun while it waited).
  const waitInLine = async (waitMs: number) => {
    const blocked = await blockedFor(options.db, options.key, options.now());
    if (blocked > 0) {
      await options.sleep(Math.max(blocked, waitMs));
      return;
    }
    await options.sleep(await reserveCall(options.db, options.key, options.limits, options.now()));
    for (;;) {
      const block = await blockedFor(options.db, options.key, options.now());
      if (block <= 0) break;
      await options.sleep(block);
    }
    if (waiting > 0) releaseNext();
  };

  const turn = (share: string) =>
    new Promise<void>((resolve, reject) => {
      const queue = queues.get(share) ?? [];
      queue.push({ resolve, reject });
      queues.set(share, queue);
      waiting += 1;
      if (!pumping) void pump();
    });

  return async (input, init) => {
    await turn(rateShare.getStore() ?? '');
    return options.fetch(input, init);
  };
}

/** A sleep that resolves after `ms` (the default for deps). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
