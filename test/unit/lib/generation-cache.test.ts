import { describe, expect, it } from 'vitest';
import { GenerationCache } from '../../../src/lib/generation-cache.ts';

function setup(ttlMs = 1_000, maxEntries = 10) {
  const clock = { generation: 0, ms: 0 };
  const cache = new GenerationCache({
    generation: () => clock.generation,
    ttlMs,
    maxEntries,
    now: () => clock.ms,
  });
  let loads = 0;
  const load = (value: string) => async () => {
    loads += 1;
    return value;
  };
  return { clock, cache, load, loads: () => loads };
}

describe('GenerationCache', () => {
  it('serves a read until the next write or the end of its time, whichever comes first', async () => {
    const { clock, cache, load, loads } = setup();
    expect(await cache.read('k', load('a'))).toBe('a');
    expect(await cache.read('k', load('b'))).toBe('a');
    expect(loads()).toBe(1);
    clock.generation += 1;
    expect(await cache.read('k', load('c'))).toBe('c');
    clock.ms += 999;
    expect(await cache.read('k', load('d'))).toBe('c');
    clock.ms += 1;
    expect(await cache.read('k', load('e'))).toBe('e');
    expect(loads()).toBe(3);
  });

  it('shares one read between concurrent misses and keeps no failure', async () => {
    const { cache } = setup();
    let calls = 0;
    const slow = async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return calls;
    };
    expect(await Promise.all([cache.read('k', slow), cache.read('k', slow)])).toEqual([1, 1]);
    const failing = async () => {
      throw new Error('database down');
    };
    await expect(cache.read('f', failing)).rejects.toThrow('database down');
    await Promise.resolve();
    expect(await cache.read('f', async () => 'recovered')).toBe('recovered');
  });

  it('holds at most maxEntries, dropping the least recently used', async () => {
    const { cache, load, loads } = setup(1_000, 2);
    await cache.read('a', load('a'));
    await cache.read('b', load('b'));
    await cache.read('a', load('a'));
    await cache.read('c', load('c'));
    expect(cache.size).toBe(2);
    await cache.read('a', load('a'));
    expect(loads()).toBe(3);
    await cache.read('b', load('b'));
    expect(loads()).toBe(4);
  });

  it('keeps nothing when its time is zero', async () => {
    const { cache, load, loads } = setup(0);
    await cache.read('k', load('a'));
    await cache.read('k', load('a'));
    expect(loads()).toBe(2);
    expect(cache.size).toBe(0);
  });
});
