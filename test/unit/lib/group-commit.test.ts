import { describe, expect, it } from 'vitest';
import { groupCommit } from '../../../src/lib/group-commit.ts';

/** A flush that records its batches and resolves when told to. */
function recordingFlush() {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  const flush = async (items: readonly number[]) => {
    batches.push([...items]);
    await new Promise<void>((resolve) => gates.push(resolve));
    return items.map((n) => n * 10);
  };
  const openNext = async () => {
    while (gates.length === 0) await new Promise((r) => setTimeout(r, 1));
    gates.shift()?.();
  };
  return { batches, flush, openNext };
}

describe('groupCommit', () => {
  it('flushes a lone write at once and gives each caller its own result', async () => {
    const { batches, flush, openNext } = recordingFlush();
    const write = groupCommit(flush);
    const one = write(1);
    await openNext();
    await expect(one).resolves.toBe(10);
    expect(batches).toEqual([[1]]);
  });

  it('puts writes made in the same tick in one batch', async () => {
    const { batches, flush, openNext } = recordingFlush();
    const write = groupCommit(flush);
    const results = Promise.all([write(1), write(2), write(3)]);
    await openNext();
    await expect(results).resolves.toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('gathers the writes that arrive during a flush into the next one', async () => {
    const { batches, flush, openNext } = recordingFlush();
    const write = groupCommit(flush);
    const first = write(1);
    await new Promise((r) => setTimeout(r, 5));
    const later = [write(2), write(3), write(4)];
    expect(batches).toEqual([[1]]);
    await openNext();
    await openNext();
    await expect(first).resolves.toBe(10);
    await expect(Promise.all(later)).resolves.toEqual([20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('fails only the bad item: a failed batch is flushed again item by item', async () => {
    const batches: number[][] = [];
    const write = groupCommit(async (items: readonly number[]) => {
      batches.push([...items]);
      if (items.includes(2)) throw new Error('bad item 2');
      return items.map((n) => n * 10);
    });
    const results = await Promise.allSettled([write(1), write(2), write(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[0]).toMatchObject({ value: 10 });
    expect(results[1]).toMatchObject({ reason: new Error('bad item 2') });
    expect(batches).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('keeps working after a failure', async () => {
    let fail = true;
    const write = groupCommit(async (items: readonly number[]) => {
      if (fail) throw new Error('down');
      return [...items];
    });
    await expect(write(1)).rejects.toThrow('down');
    fail = false;
    await expect(write(2)).resolves.toBe(2);
  });

  it('with a delay, gathers writes that arrive a little apart into one flush', async () => {
    const batches: number[][] = [];
    const write = groupCommit(
      async (items: readonly number[]) => {
        batches.push([...items]);
        return [...items];
      },
      { delayMs: 20 },
    );
    const first = write(1);
    await new Promise((r) => setTimeout(r, 5));
    const second = write(2);
    await expect(Promise.all([first, second])).resolves.toEqual([1, 2]);
    expect(batches).toEqual([[1, 2]]);
  });

  it('with complete, flushes as soon as every expected write is waiting', async () => {
    const batches: number[][] = [];
    const write = groupCommit(
      async (items: readonly number[]) => {
        batches.push([...items]);
        return [...items];
      },
      { delayMs: 10_000, complete: (waiting) => waiting >= 3 },
    );
    const started = Date.now();
    const first = [write(1), write(2)];
    await new Promise((r) => setTimeout(r, 5));
    expect(batches).toEqual([]);
    await expect(Promise.all([...first, write(3)])).resolves.toEqual([1, 2, 3]);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('with complete, still flushes an incomplete batch after the delay', async () => {
    const batches: number[][] = [];
    const write = groupCommit(
      async (items: readonly number[]) => {
        batches.push([...items]);
        return [...items];
      },
      { delayMs: 20, complete: () => false },
    );
    await expect(Promise.all([write(1), write(2)])).resolves.toEqual([1, 2]);
    expect(batches).toEqual([[1, 2]]);
  });
});
