import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  blockCalls,
  createRateLimitedFetch,
  reserveCalls,
} from '../../../src/jobs/rate-limiter.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.destroy());

describe('shared token bucket', () => {
  it('hands out the burst at once, then one token per 1/rate, fairly', async () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const limits = { requestsPerSecond: 10, burst: 3 };
    const waits = await reserveCalls(database.db, 'a', limits, at, 5);
    expect(waits).toEqual([0, 0, 0, 100, 200]);
    expect(await reserveCalls(database.db, 'a', limits, at, 1)).toEqual([300]);
    // a second later 10 tokens came back, but the bucket holds at most `burst`
    expect(await reserveCalls(database.db, 'a', limits, new Date(at.getTime() + 1_000), 1)).toEqual(
      [0],
    );
  });

  it('never releases a call before a throttle wait ends (L2)', async () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const limits = { requestsPerSecond: 100, burst: 100 };
    await reserveCalls(database.db, 'b', limits, at, 1);
    await blockCalls(database.db, 'b', new Date(at.getTime() + 1_500));
    await blockCalls(database.db, 'b', new Date(at.getTime() + 500));
    expect(await reserveCalls(database.db, 'b', limits, new Date(at.getTime() + 100), 1)).toEqual([
      1_400,
    ]);
  });

  it('keeps any window within rate·w + burst through the fetch wrapper (L1)', async () => {
    const sent: number[] = [];
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const limited = createRateLimitedFetch({
      db: database.db,
      key: 'c',
      limits: { requestsPerSecond: 5, burst: 2 },
      fetch: async () => {
        sent.push(clock);
        return new Response('{}');
      },
      now: () => new Date(clock),
      sleep: async (ms) => {
        clock += ms;
      },
    });
    for (let i = 0; i < 12; i += 1) await limited(new URL('http://x.test/'), {});
    const start = sent[0] ?? 0;
    const inFirstSecond = sent.filter((t) => t < start + 1_000).length;
    expect(inFirstSecond).toBeLessThanOrEqual(5 + 2);
    expect((sent.at(-1) ?? 0) - start).toBeGreaterThanOrEqual(1_900);
  });
});
