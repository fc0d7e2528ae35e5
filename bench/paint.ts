/**
 * Benchmark: first contentful paint of the client page on a throttled 3G profile, beside /healthz
 * in the same browser and run. Chromium (playwright-core) with CDP
 * Network.emulateNetworkConditions at DevTools' "3G" preset (562.5 ms latency, 1.44 Mbit/s down,
 * 675 kbit/s up), a fresh context (empty cache) per load, BENCH_RUNS loads each (default 3);
 * prints the median of each and their ratio. Bar: the client page's first paint ≤ 1.5 s.
 */
import { loadavg } from 'node:os';
import { chromium, type Browser } from 'playwright-core';
import { startBenchServer } from './bench-server.ts';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const THREE_G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.44 * 1024 * 1024) / 8,
  uploadThroughput: (675 * 1024) / 8,
};

/** One load of `url` in a fresh context; its first contentful paint in ms. */
async function firstPaint(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', THREE_G);
    await page.goto(url, { waitUntil: 'load' });
    return await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          new PerformanceObserver((list) => {
            const entry = list.getEntriesByName('first-contentful-paint')[0];
            if (entry) resolve(entry.startTime);
          }).observe({ type: 'paint', buffered: true });
        }),
    );
  } finally {
    await context.close();
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const server = await startBenchServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  console.log(
    `load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}, ${runs} loads each, 3G`,
  );
  const measure = async (label: string, url: string) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) times.push(await firstPaint(browser, url));
    const ms = median(times);
    console.log(
      `${label}: first contentful paint ${ms.toFixed(0)} ms (median of ${times.map((t) => t.toFixed(0)).join(', ')})`,
    );
    return ms;
  };
  const health = await measure('/healthz', `${server.url}/healthz`);
  const client = await measure('client page', `${server.url}/l/${server.token}`);
  console.log(`client page / healthz: ${(client / health).toFixed(2)}`);
  console.log(
    `bar (client page first paint ≤ 1500 ms on 3G): ${client <= 1500 ? 'met' : 'not met'}`,
  );
} finally {
  await browser.close();
  await server.stop();
}
