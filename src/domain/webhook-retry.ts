/**
 * When a failed webhook delivery is tried again: exponential backoff with jitter, from 30 s
 * doubling to a 2 h cap, each delay drawn from [ceiling/2, ceiling] so retries from many
 * deliveries spread out without ever retrying at once (AWS "Exponential Backoff and Jitter").
 */
export interface RetrySchedule {
  readonly baseMs: number;
  readonly capMs: number;
}

export const webhookRetrySchedule: RetrySchedule = { baseMs: 30_000, capMs: 2 * 3_600_000 };

/** The delay after failed attempt number `attempt` (1 for the first attempt). */
export function webhookRetryDelayMs(
  attempt: number,
  random: () => number = Math.random,
  schedule: RetrySchedule = webhookRetrySchedule,
): number {
  const ceiling = Math.min(schedule.capMs, schedule.baseMs * 2 ** Math.min(attempt - 1, 20));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
