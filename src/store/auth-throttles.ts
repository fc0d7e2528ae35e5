/**
 * Failed-attempt counters with exponential back-off, in the database so every process shares
 * them. A key's failures are forgotten `policy.forgetAfterMs` after its last failure; from the
 * `policy.threshold`-th failure on, the key is locked for `baseLockMs × 2^(failures − threshold)`,
 * capped at `maxLockMs`: a temporary lock that grows, never a permanent one.
 */
import { sql } from 'kysely';
import type { Executor } from './audit.ts';

export interface ThrottlePolicy {
  readonly threshold: number;
  readonly baseLockMs: number;
  readonly maxLockMs: number;
  readonly forgetAfterMs: number;
}

/** The lock's length after `failures` failures under `policy` (0 below the threshold). */
export function lockMsAfter(policy: ThrottlePolicy, failures: number): number {
  if (failures < policy.threshold) return 0;
  const exponent = Math.min(failures - policy.threshold, 30);
  return Math.min(policy.maxLockMs, policy.baseLockMs * 2 ** exponent);
}

/** When the key's lock ends, or undefined when it is not locked at `now`. */
export async function lockedUntil(db: Executor, key: string, now: Date): Promise<Date | undefined> {
  const row = await db
    .selectFrom('auth_throttles')
    .select('locked_until')
    .where('key', '=', key)
    .executeTakeFirst();
  const until = row?.locked_until;
  return until && until.getTime() > now.getTime() ? until : undefined;
}

/** Counts one failure (atomically) and sets the lock the count earns. */
export async function recordFailure(
  db: Executor,
  key: string,
  now: Date,
  policy: ThrottlePolicy,
): Promise<void> {
  const forgetBefore = new Date(now.getTime() - policy.forgetAfterMs);
  const row = await db
    .insertInto('auth_throttles')
    .values({ key, failures: 1, last_at: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when auth_throttles.last_at < ${forgetBefore} then 1 else auth_throttles.failures + 1 end`,
        last_at: now,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  const lockMs = lockMsAfter(policy, row.failures);
  if (lockMs > 0) {
    await db
      .updateTable('auth_throttles')
      .set({ locked_until: new Date(now.getTime() + lockMs) })
      .where('key', '=', key)
      .execute();
  }
}

/** Forgets a key's failures (a successful sign-in clears its account's count). */
export async function clearFailures(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('auth_throttles').where('key', '=', key).execute();
}

/** Records a success for a key (a known email and address pair). */
export async function recordSuccess(db: Executor, key: string, now: Date): Promise<void> {
  await db
    .insertInto('auth_throttles')
    .values({ key, failures: 0, last_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ last_at: now }))
    .execute();
}

/** Whether the key had a success within `withinMs` before `now`. */
export async function succeededWithin(
  db: Executor,
  key: string,
  now: Date,
  withinMs: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('auth_throttles')
    .select('last_at')
    .where('key', '=', key)
    .executeTakeFirst();
  return row !== undefined && now.getTime() - row.last_at.getTime() <= withinMs;
}
