// Fault injection shared by the sandboxes: a sliding-window rate limit, added latency and a random
// transient error. Each sandbox supplies its own throttling and transient error to throw.

/** At most `requests` API calls per `perMs` window. */
export interface RateLimit {
  requests: number;
  perMs: number;
}

/** The faults every sandbox understands (a sandbox may add platform-specific ones). */
export interface BasicFaults {
  /** Every API answer leaves this long after its request arrived (see holdAnswer). */
  latencyMs?: number;
  /** 0..1: share of API calls answered with a transient error. */
  errorRate?: number;
  /** The next this many API calls are answered with a transient error (then 0): a sure fault. */
  failNext?: number;
  rateLimit?: RateLimit;
}

/** What the faults act on: the settings, the window of recent call times, the model's clock. */
export interface FaultTarget<F extends BasicFaults = BasicFaults> {
  faults: F;
  /** Timestamps (ms) of recent API calls. */
  recentCalls: number[];
  model: { now: () => Date; random: () => number };
}

/**
 * Holds an answer until `latencyMs` after its request arrived (`arrivedAt`, performance.now()).
 * The work is done on arrival and only the answer waits, so concurrent calls each take the fixed
 * time, as on a platform that serves them in parallel; sleeping first and working after would
 * make the last of 20 simultaneous calls also wait for the work of the 19 before it.
 */
export async function holdAnswer(arrivedAt: number, latencyMs: number | undefined): Promise<void> {
  if (latencyMs === undefined || latencyMs <= 0) return;
  const wait = arrivedAt + latencyMs - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

/** Whether this call draws a transient error at `errorRate` (the model's random source). */
export function drawsTransientError(errorRate: number | undefined, random: () => number): boolean {
  return errorRate !== undefined && errorRate > 0 && random() < errorRate;
}

/**
 * The basic fault sequence for one API call: the rate limit (drops calls older than the window,
 * refuses once it is full, else counts the call), then a transient error (one of `failNext`,
 * else at random at `errorRate`). Throws what
 * `errors` builds; `throttled` gets the milliseconds until the oldest call leaves the window.
 * Latency is the endpoint's: it holds whatever the answer is (holdAnswer).
 */
export async function applyBasicFaults(
  target: FaultTarget,
  errors: { throttled: (retryAfterMs: number) => Error; transient: () => Error },
): Promise<void> {
  const { errorRate, rateLimit } = target.faults;
  const now = target.model.now().getTime();
  if (rateLimit) {
    target.recentCalls = target.recentCalls.filter((t) => t > now - rateLimit.perMs);
    if (target.recentCalls.length >= rateLimit.requests) {
      const oldest = target.recentCalls[0] ?? now;
      throw errors.throttled(oldest + rateLimit.perMs - now);
    }
    target.recentCalls.push(now);
  }
  await Promise.resolve();
  if (target.faults.failNext !== undefined && target.faults.failNext > 0) {
    target.faults.failNext -= 1;
    throw errors.transient();
  }
  if (drawsTransientError(errorRate, () => target.model.random())) throw errors.transient();
}
