import { describe, expect, it } from 'vitest';
import { createArrayIndex } from '../../../src/lib/array-index.ts';

interface Item {
  id: string;
  status: 'ON' | 'OFF';
  n: number;
}

const item = (id: string, n: number, status: Item['status'] = 'ON'): Item => ({ id, status, n });

describe('array index', () => {
  it('answers what find and filter answer: the first match, then all in array order', () => {
    const index = createArrayIndex<Item>((x) => x.id);
    const items = [item('a', 1, 'OFF'), item('b', 2), item('a', 3), item('a', 4)];
    expect(index.find(items, 'a')).toBe(items[0]);
    expect(index.find(items, 'a', (x) => x.status === 'ON')).toBe(items[2]);
    expect(index.find(items, 'c')).toBeUndefined();
    expect(index.filter(items, 'a')).toEqual([items[0], items[2], items[3]]);
    expect(index.filter(items, 'c')).toEqual([]);
  });

  it('tests the live item, so fields changed in place count', () => {
    const index = createArrayIndex<Item>((x) => x.id);
    const items = [item('a', 1), item('a', 2)];
    const on = (x: Item) => x.status === 'ON';
    expect(index.find(items, 'a', on)).toBe(items[0]);
    (items[0] as Item).status = 'OFF';
    expect(index.find(items, 'a', on)).toBe(items[1]);
  });

  it('sees items pushed after the last lookup, after the earlier ones', () => {
    const index = createArrayIndex<Item>((x) => x.id);
    const items = [item('a', 1)];
    expect(index.find(items, 'b')).toBeUndefined();
    items.push(item('b', 2), item('a', 3));
    expect(index.find(items, 'b')).toBe(items[1]);
    expect(index.find(items, 'a')).toBe(items[0]);
    expect(index.filter(items, 'a').map((x) => x.n)).toEqual([1, 3]);
  });

  it('starts afresh for a new array (a filter, a rollback, a loaded world)', () => {
    const index = createArrayIndex<Item>((x) => x.id);
    const items = [item('a', 1), item('b', 2)];
    expect(index.find(items, 'a')?.n).toBe(1);
    const kept = items.filter((x) => x.id !== 'a');
    expect(index.find(kept, 'a')).toBeUndefined();
    expect(index.find(kept, 'b')).toBe(kept[0]);
    const copy = structuredClone(items);
    expect(index.find(copy, 'a')).toBe(copy[0]);
    expect(index.find(items, 'a')).toBe(items[0]);
  });

  it('rebuilds when the same array shrank, or shrank and grew back to its length', () => {
    const index = createArrayIndex<Item>((x) => x.id);
    const items = [item('a', 1), item('b', 2), item('c', 3)];
    expect(index.find(items, 'c')?.n).toBe(3);
    items.pop();
    expect(index.find(items, 'c')).toBeUndefined();
    items.splice(1, 1, item('d', 4));
    expect(index.find(items, 'b')).toBeUndefined();
    expect(index.find(items, 'd')?.n).toBe(4);
    items.pop();
    items.push(item('e', 5));
    expect(index.find(items, 'd')).toBeUndefined();
    expect(index.find(items, 'e')?.n).toBe(5);
  });

  it('keeps separate caches for separate indexes of the same array', () => {
    const byId = createArrayIndex<Item>((x) => x.id);
    const byStatus = createArrayIndex<Item>((x) => x.status);
    const items = [item('a', 1, 'OFF'), item('b', 2)];
    expect(byId.find(items, 'b')?.n).toBe(2);
    expect(byStatus.find(items, 'OFF')?.n).toBe(1);
    items.push(item('c', 3, 'OFF'));
    expect(byStatus.filter(items, 'OFF').map((x) => x.n)).toEqual([1, 3]);
    expect(byId.find(items, 'c')?.n).toBe(3);
  });
});
