/* eslint-disable @typescript-eslint/no-unsafe-call -- loose JSON envelopes in tests */
// Faults (latency, transient errors, rate limit), persistence across restarts, world reset/load.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readDefaultWorld } from '../../../../../src/platforms/tiktok/sandbox/world.ts';
import { startHarness, W, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('faults', () => {
  it('a rate limit answers 40100 beyond the allowance', async () => {
    h = await startHarness();
    const token = await h.authorize(W.dana);
    h.sandbox.setFaults({ rateLimit: { requests: 3, perMs: 60_000 } });
    const codes = [];
    for (let i = 0; i < 5; i += 1) codes.push((await h.get('bc/get/', {}, token)).code);
    expect(codes).toEqual([0, 0, 0, 40100, 40100]);
    h.clock.t += 60_001;
    expect((await h.get('bc/get/', {}, token)).code).toBe(0);
  });

  it('an error rate of 1 answers 51060 on bc/ and 50000 elsewhere; 0 answers normally', async () => {
    h = await startHarness();
    const token = await h.authorize(W.dana);
    await h.control('faults', { errorRate: 1 });
    expect((await h.get('bc/get/', {}, token)).code).toBe(51060);
    expect((await h.get('oauth2/advertiser/get/', { app_id: 'x', secret: 'y' }, token)).code).toBe(
      50000,
    );
    await h.control('faults', { errorRate: 0 });
    expect((await h.get('bc/get/', {}, token)).code).toBe(0);
  });

  it('latency delays each answer', async () => {
    h = await startHarness({ faults: { latencyMs: 120 } });
    const started = Date.now();
    await h.get('bc/get/');
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('latency is fixed per call: concurrent calls do not queue behind each other', async () => {
    h = await startHarness();
    const token = await h.authorize(W.dana);
    // Each answer is held, not the work: a write is visible before its answer leaves.
    h.sandbox.setFaults({ latencyMs: 300 });
    const invite = h.post(
      'bc/member/invite/',
      { bc_id: W.acmeBc, asset_ids: [], emails: ['x@acme-outdoor.example'] },
      token,
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(h.sandbox.model.state.members.some((m) => m.email === 'x@acme-outdoor.example')).toBe(
      true,
    );
    expect((await invite).code).toBe(0);
    // The sandbox's own work for 20 calls (reads of the whole BC) hides inside the fixed time.
    h.sandbox.setFaults({ latencyMs: 150 });
    const started = performance.now();
    const took = await Promise.all(
      Array.from({ length: 20 }, async () => {
        await h?.get('bc/asset/admin/get/', { bc_id: W.acmeBc, asset_type: 'ADVERTISER' }, token);
        return performance.now() - started;
      }),
    );
    expect(Math.min(...took)).toBeGreaterThanOrEqual(145);
    expect(Math.max(...took)).toBeLessThan(150 + 100);
  });
});

describe('persistence', () => {
  it('state and tokens survive a restart from the same data file (written atomically)', async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), 'tt-sandbox-')), 'state.json');
    h = await startHarness({ dataFile });
    const token = await h.authorize(W.dana);
    await h.post(
      'bc/member/invite/',
      { bc_id: W.acmeBc, asset_ids: [], emails: ['persist@acme-outdoor.example'] },
      token,
    );
    expect(JSON.parse(readFileSync(dataFile, 'utf8')).version).toBe(1);
    await h.close();
    h = await startHarness({ dataFile });
    const members = await h.get('bc/member/get/', { bc_id: W.acmeBc }, token);
    expect(members.code).toBe(0);
    expect(
      members.data.list.some(
        (m: { user_email: string }) => m.user_email === 'persist@acme-outdoor.example',
      ),
    ).toBe(true);
  });
});

describe('worlds', () => {
  it('reset restores the world; loading another world replaces it', async () => {
    h = await startHarness();
    const token = await h.authorize(W.dana);
    await h.post(
      'bc/member/invite/',
      { bc_id: W.acmeBc, asset_ids: [], emails: ['gone@acme-outdoor.example'] },
      token,
    );
    expect((await h.control('reset', {})).code).toBe(0);
    expect(h.sandbox.model.state.members.some((m) => m.email === 'gone@acme-outdoor.example')).toBe(
      false,
    );
    const world = readDefaultWorld();
    world.businessCenters[0]!.name = 'Renamed Outdoor';
    expect((await h.control('world', { world })).code).toBe(0);
    expect(h.sandbox.model.state.businessCenters[0]?.name).toBe('Renamed Outdoor');
    expect((await h.control('world', { world: { users: 'nope' } })).code).toBe(40002);
  });
});
