/**
 * What the lifecycle jobs (verification sweeps, offboarding, expiry) need, injected by the runtime,
 * tests and the benchmark: the grant deps (database, keyring, connectors behind the shared rate
 * limiter, clock, sleep), the settings, where links point, and the queue to send follow-ups to.
 * Also the one retry loop every lifecycle read and revoke goes through (J3, L2).
 */
import type { PgBoss } from 'pg-boss';
import { retryDelayMs, type BackoffPolicy } from '../domain/grant-retry.ts';
import { PlatformError } from '../platforms/errors.ts';
import type { GrantDeps } from './grant-deps.ts';
import { blockCalls } from './rate-limiter.ts';

export interface LifecycleSettings {
  /** How often the scheduled sweep verifies every granted asset (default 24 h). */
  readonly sweepIntervalHours: number;
  /** How many days before a request's end date the reminder goes out (default 7). */
  readonly reminderDays: number;
  /** Retries of one read or revoke inside a job, with full-jitter backoff. */
  readonly backoff: BackoffPolicy;
  /** When reads stayed unknown, the follow-up sweep of just those assets runs after this. */
  readonly unknownRetryMs: number;
  /** Lease on an offboarding step while a worker works on it. */
  readonly stepLeaseMs: number;
}

export const defaultLifecycleSettings: LifecycleSettings = {
  sweepIntervalHours: 24,
  reminderDays: 7,
  backoff: { baseMs: 200, capMs: 10_000, maxAttempts: 5 },
  unknownRetryMs: 5 * 60_000,
  stepLeaseMs: 60_000,
};

export interface LifecycleDeps extends GrantDeps {
  readonly lifecycle: LifecycleSettings;
  /** Where people reach this server, without a trailing slash (links in emails). */
  readonly publicUrl: () => string;
  /** Sends follow-up jobs; absent in direct calls (tests, the benchmark). */
  readonly boss?: PgBoss;
}

/**
 * Runs one platform operation, retrying transient errors (throttling, outages) with the
 * platform's wait or jittered backoff; a throttle also blocks the platform's shared bucket.
 * Permanent errors and the last transient one are thrown to the caller.
 */
export async function withPlatformRetry<T>(
  deps: Pick<LifecycleDeps, 'database' | 'sleep' | 'now' | 'random' | 'lifecycle'>,
  platform: string,
  operation: () => Promise<T>,
): Promise<T> {
  const policy = deps.lifecycle.backoff;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof PlatformError) || !error.retryable) throw error;
      if (attempt + 1 >= policy.maxAttempts) throw error;
      const delay = retryDelayMs(policy, attempt, error.extra.retryAfterMs, deps.random);
      if (error.kind === 'rate_limited') {
        await blockCalls(deps.database.db, platform, new Date(deps.now().getTime() + delay));
      }
      await deps.sleep(delay);
    }
  }
}

/** A short, token-free description of an error for a check or step row. */
export function describeError(error: unknown): string {
  if (error instanceof PlatformError)
    return `${error.kind} ${error.platformCode}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
