/**
 * Prometheus metrics (prom-client). What a process counts as it runs lives here: platform calls
 * by platform and outcome, and their latency. What the database knows (grants, queue depth,
 * webhook lag, verification results) is read when /metrics is scraped, so every process reports
 * the same totals (src/server/routes/metrics.ts). Labels are platforms, outcomes and queue names:
 * never an agency, client, asset or token.
 */
import { Counter, Histogram, Registry } from 'prom-client';
import type { FetchLike } from '../platforms/http.ts';

export const metricsRegistry = new Registry();

const platformCalls = new Counter({
  name: 'latchkey_platform_calls_total',
  help: 'HTTP calls to platform APIs, by platform and outcome (ok, error, throttled)',
  labelNames: ['platform', 'outcome'] as const,
  registers: [metricsRegistry],
});

const platformCallSeconds = new Histogram({
  name: 'latchkey_platform_call_duration_seconds',
  help: 'Latency of HTTP calls to platform APIs, by platform',
  labelNames: ['platform'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

/** A 429, or a 503 with Retry-After, is the platform asking us to slow down. */
function outcomeOf(response: Response): 'ok' | 'error' | 'throttled' {
  if (response.status === 429) return 'throttled';
  if (response.status === 503 && response.headers.has('retry-after')) return 'throttled';
  return response.status >= 500 ? 'error' : 'ok';
}

/** Wraps a platform's fetch so each call is counted and timed under the platform's id. */
export function measuredFetch(platform: string, fetch: FetchLike): FetchLike {
  return async (input, init) => {
    const stop = platformCallSeconds.startTimer({ platform });
    try {
      const response = await fetch(input, init);
      platformCalls.inc({ platform, outcome: outcomeOf(response) });
      return response;
    } catch (error) {
      platformCalls.inc({ platform, outcome: 'error' });
      throw error;
    } finally {
      stop();
    }
  };
}
