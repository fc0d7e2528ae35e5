/**
 * Benchmark: the client page's and the API's busiest routes against /healthz, side by side in
 * one run on the compiled server (`latchkey start` on a fresh PGlite folder, sandbox mode).
 * autocannon, 50 connections, BENCH_SECONDS (default 5) per route; /healthz is measured before
 * and after, and each route's req/s is printed as a ratio to their mean. Routes: the client's
 * link JSON, its progress JSON (with and without If-None-Match, as the page polls it) and the
 * request list. Bar: link and progress JSON ≥ 0.5 of /healthz.
 */
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { startBenchServer } from './bench-server.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const { url, cookie, token, stop } = await startBenchServer();

try {
  const link = `${url}/api/v1/onboarding/${token}`;
  const etag = (await fetch(`${link}/progress`)).headers.get('etag') ?? '';

  const measure = async (label: string, target: string, headers: Record<string, string> = {}) => {
    const result = await autocannon({ url: target, connections: 50, duration: seconds, headers });
    if (result.non2xx > 0 && !headers['if-none-match']) {
      throw new Error(`${label}: ${result.non2xx} answers were not 2xx`);
    }
    return { label, rps: result.requests.average, p99: result.latency.p99 };
  };
  console.log(
    `load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}, ${seconds} s a route`,
  );
  const before = await measure('/healthz', `${url}/healthz`);
  const routes = [
    await measure('client link JSON', link),
    await measure('progress JSON', `${link}/progress`),
    await measure('progress JSON, 304', `${link}/progress`, { 'if-none-match': etag }),
    await measure('/api/v1/requests', `${url}/api/v1/requests`, { cookie }),
  ];
  const after = await measure('/healthz', `${url}/healthz`);
  const health = (before.rps + after.rps) / 2;
  console.log(`/healthz: ${before.rps.toFixed(0)} then ${after.rps.toFixed(0)} req/s`);
  for (const route of routes) {
    const ratio = route.rps / health;
    console.log(
      `${route.label}: ${route.rps.toFixed(0)} req/s, ${ratio.toFixed(2)} of /healthz, p99 ${route.p99} ms`,
    );
  }
  const bar = routes.slice(0, 3).every((route) => route.rps / health >= 0.5);
  console.log(`bar (link and progress JSON ≥ 0.5 of /healthz): ${bar ? 'met' : 'not met'}`);
} finally {
  await stop();
}
