import { describe, expect, it } from 'vitest';
import { singleflight } from '../../../src/lib/singleflight.ts';

describe('singleflight', () => {
  it('gives callers of one key in flight the same call, and calls again afterwards', async () => {
    const once = singleflight();
    let calls = 0;
    const slow = async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 10));
      return calls;
    };
    const together = await Promise.all([once('a', slow), once('a', slow), once('a', slow)]);
    expect(together).toEqual([1, 1, 1]);
    expect(await once('a', slow)).toBe(2);
  });

  it('keeps keys apart and shares a failure only with the callers of that call', async () => {
    const once = singleflight();
    const failing = once('x', async () => {
      await new Promise((r) => setTimeout(r, 5));
      throw new Error('down');
    });
    const twin = once('x', async () => 'never called');
    const other = once('y', async () => 'y');
    await expect(failing).rejects.toThrow('down');
    await expect(twin).rejects.toThrow('down');
    await expect(other).resolves.toBe('y');
    await expect(once('x', async () => 'recovered')).resolves.toBe('recovered');
  });
});
