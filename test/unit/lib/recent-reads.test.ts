// Recent reads: a read begun at or after `since` is shared, finished or in flight; an older one,
// a failed one or an expired one never is.
import { describe, expect, it } from 'vitest';
import { recentReads } from '../../../src/lib/recent-reads.ts';

function harness(keepMs = 1_000) {
  let clock = 10_000;
  let runs = 0;
  const reads = recentReads<number>({ now: () => new Date(clock), keepMs });
  const run = () => {
    runs += 1;
    return Promise.resolve(runs);
  };
  return {
    reads,
    run,
    runs: () => runs,
    at: (ms: number) => new Date(ms),
    advance: (ms: number) => (clock += ms),
  };
}

describe('recentReads', () => {
  it('shares the latest read begun at or after `since`, in flight or finished', async () => {
    const h = harness();
    const first = h.reads.read('bc', h.at(10_000), h.run);
    // In flight, begun exactly at `since`.
    expect(await h.reads.read('bc', h.at(10_000), h.run)).toBe(await first);
    h.advance(500);
    // Finished, begun after `since`.
    expect(await h.reads.read('bc', h.at(9_000), h.run)).toBe(1);
    expect(h.runs()).toBe(1);
  });

  it('reads again for a caller whose moment is later than the read, or who has none', async () => {
    const h = harness();
    await h.reads.read('bc', h.at(10_000), h.run);
    expect(await h.reads.read('bc', h.at(10_001), h.run)).toBe(2);
    expect(await h.reads.read('bc', undefined, h.run)).toBe(3);
    // Other keys never share.
    expect(await h.reads.read('other', h.at(0), h.run)).toBe(4);
  });

  it('forgets a read that failed, and one older than keepMs', async () => {
    const h = harness(1_000);
    const failed = h.reads.read('bc', h.at(0), () => Promise.reject(new Error('throttled')));
    await expect(failed).rejects.toThrow('throttled');
    expect(await h.reads.read('bc', h.at(0), h.run)).toBe(1);
    h.advance(1_001);
    expect(await h.reads.read('bc', h.at(0), h.run)).toBe(2);
  });
});
