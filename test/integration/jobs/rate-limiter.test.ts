import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  blockCalls,
  createRateLimitedFetch,
  reserveCalls,
  sleep,
  takeTokens,
  withRateShare,
} from '../../../src/jobs/rate-limiter.ts';
import type { FetchLike } from '../../../src/platforms/http.ts';
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

  it('takes only tokens available now, none while blocked, and says when to ask again', async () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const limits = { requestsPerSecond: 10, burst: 3 };
    expect(await takeTokens(database.db, 'd', limits, at, 5)).toMatchObject({ taken: 3 });
    expect(await takeTokens(database.db, 'd', limits, at, 5)).toEqual({ taken: 0, waitMs: 100 });
    const later = new Date(at.getTime() + 250);
    expect(await takeTokens(database.db, 'd', limits, later, 5)).toMatchObject({ taken: 2 });
    await blockCalls(database.db, 'd', new Date(later.getTime() + 2_000));
    const blocked = new Date(later.getTime() + 1_000);
    expect(await takeTokens(database.db, 'd', limits, blocked, 5)).toEqual({
      taken: 0,
      waitMs: 1_000,
    });
  });
});

/** A fetch that records, in order, which share each call was made for (from the URL). */
function recorder() {
  const order: string[] = [];
  const fetch: FetchLike = async (url) => {
    order.push(url.searchParams.get('share') ?? '');
    return new Response('{}');
  };
  return { order, fetch };
}

const limitedFor = (key: string, fetch: FetchLike) =>
  createRateLimitedFetch({
    db: database.db,
    key,
    limits: { requestsPerSecond: 40, burst: 1 },
    fetch,
    now: () => new Date(),
    sleep,
  });

const callsFor = (limited: FetchLike, share: string, count: number) =>
  withRateShare(share, () =>
    Promise.all(
      Array.from({ length: count }, () => limited(new URL(`http://x.test/?share=${share}`), {})),
    ),
  );

describe('fair shares of one bucket', () => {
  it('a big offboarding and a small approval on one connection both progress', async () => {
    const { order, fetch } = recorder();
    const limited = limitedFor('fair-one', fetch);
    const big = callsFor(limited, 'agency-a/offboarding', 30);
    await sleep(30);
    await callsFor(limited, 'agency-b/client-1', 3);
    // The approval's 3 calls went out within a few tokens, not after the offboarding's 30.
    const lastSmall = order.lastIndexOf('agency-b/client-1');
    expect(lastSmall).toBeLessThan(12);
    await big;
    expect(order.filter((s) => s === 'agency-a/offboarding')).toHaveLength(30);
  });

  it('two processes sharing the bucket: the one with one call is not queued behind the other', async () => {
    const one = recorder();
    const two = recorder();
    const processA = limitedFor('fair-two', one.fetch);
    const processB = limitedFor('fair-two', two.fetch);
    const sent: string[] = [];
    const track = (fetch: FetchLike, label: string): FetchLike => {
      return async (url, init) => {
        const response = await fetch(url, init);
        sent.push(label);
        return response;
      };
    };
    const big = callsFor(track(processA, 'A'), 'agency-a/offboarding', 30);
    await sleep(30);
    await callsFor(track(processB, 'B'), 'agency-b/client-1', 1);
    expect(sent.indexOf('B')).toBeLessThan(8);
    await big;
    expect(one.order).toHaveLength(30);
  });
});
