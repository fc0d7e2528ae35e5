import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLatchkey, type RunningProcess } from '../support/process.ts';

// The README's promise, as a user meets it: `latchkey start` on a fresh data folder serves
// /healthz, the web front end loads in a real browser, and SIGTERM stops it. How fast it starts
// is measured by `npm run bench:start` (docs/benchmarks.md), not asserted here: a timed test
// fails on a loaded machine.
let dir: string;
let proc: RunningProcess;
let url: string;
let browser: Browser;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'latchkey-e2e-start-'));
  proc = runLatchkey(['start'], { LATCHKEY_DATA_DIR: dir, PORT: '0' });
  url = (await proc.waitForOutput(/Open (http:\/\/\S+)/, 150_000))[1]!;
  const health = await fetch(`${url}/healthz`);
  expect(health.status).toBe(200);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (proc?.child.exitCode === null) proc.child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('a fresh start', () => {
  it('loads the web front end at / in Chromium', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await expect.poll(() => page.getByTestId('health').textContent()).toBe('Server ok on pglite');
    await page.close();
  });

  it('stops cleanly on SIGTERM within 10 s', async () => {
    const stopping = Date.now();
    proc.child.kill('SIGTERM');
    const { code } = await proc.exited;
    expect(code).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(10_000);
    expect(proc.output()).toMatch(/shutting down/);
  });
});
