import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measuredFetch } from '../../../src/lib/metrics.ts';
import { startTestRuntime, type TestRuntime } from '../../support/runtime.ts';

// /metrics: off unless LATCHKEY_METRICS=on; then Prometheus' text format with platform calls by
// outcome, queue depth and the other database gauges, labelled by platform/status/queue only.
let on: TestRuntime;
let off: TestRuntime;

beforeAll(async () => {
  [on, off] = await Promise.all([
    startTestRuntime({ env: { LATCHKEY_METRICS: 'on' } }),
    startTestRuntime(),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([on?.stop(), off?.stop()]);
});

const scrape = (runtime: TestRuntime) => fetch(`${runtime.runtime.url}/metrics`);

describe('/metrics', () => {
  it('is not served unless turned on', async () => {
    expect((await scrape(off)).status).toBe(404);
  });

  it('answers in the text format with calls, queue depth and no tenant labels', async () => {
    const answers = [429, 200, 500];
    const fake = measuredFetch(
      'tiktok',
      async () => new Response('{}', { status: answers.shift() ?? 200 }),
    );
    for (let i = 0; i < 3; i += 1) await fake(new URL('http://127.0.0.1/x'), {});
    // The api role runs no workers: a sent job waits in its queue.
    await on.runtime.queue.boss.send('email.send', {});

    const response = await scrape(on);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('# TYPE latchkey_platform_calls_total counter');
    for (const outcome of ['ok', 'error', 'throttled']) {
      expect(text).toMatch(
        new RegExp(
          `latchkey_platform_calls_total\\{platform="tiktok",outcome="${outcome}"\\} [1-9]`,
        ),
      );
    }
    expect(text).toContain(
      'latchkey_platform_call_duration_seconds_bucket{le="0.05",platform="tiktok"}',
    );
    expect(text).toMatch(/latchkey_queue_depth\{queue="email.send"\} 1\b/);
    expect(text).toMatch(/latchkey_queue_oldest_job_age_seconds\{queue="email.send"\} \d/);
    expect(text).toMatch(/latchkey_webhook_delivery_lag_seconds 0\b/);
    expect(text).toContain('# TYPE latchkey_verification_results gauge');
    const labels = new Set([...text.matchAll(/[{,]([a-z_]+)="/g)].map((m) => m[1]));
    const allowed = [
      'platform',
      'outcome',
      'status',
      'queue',
      'le',
      'version',
      'major',
      'minor',
      'patch',
      'space',
      'kind',
      'type',
    ];
    expect([...labels].filter((label) => !allowed.includes(label!))).toEqual([]);
  });
});
