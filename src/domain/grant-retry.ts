/**
 * Retry timing for platform calls: the platform's own wait first (Retry-After, TikTok throttling),
 * otherwise full-jitter exponential backoff (AWS "Exponential Backoff and Jitter").
 */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
  /** Attempts inside one job run before the job itself fails and pg-boss retries it later. */
  readonly maxAttempts: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 200, capMs: 30_000, maxAttempts: 8 };

/**
 * How long to wait before attempt `attempt + 1` (attempt counts from 0): at least the platform's
 * `retryAfterMs`, else `random(0, min(cap, base·2^attempt))`.
 */
export function retryDelayMs(
  policy: BackoffPolicy,
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 20));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}
