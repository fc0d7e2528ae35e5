import { describe, expect, it } from 'vitest';
import {
  cloneJson,
  createTransactionalModel,
  readPerVersion,
} from '../../../../src/platforms/sandbox-kit/model.ts';

interface State {
  items: { id: string; roles: string[]; note: string | null }[];
  count: number;
}

const initial = (): State => ({ items: [{ id: 'a', roles: ['ADMIN'], note: null }], count: 1 });
const plainModel = () =>
  createTransactionalModel<State>({ state: initial(), now: () => new Date(0), random: () => 0 });

describe('sandbox model', () => {
  it('copies plain JSON data deeply', () => {
    const state = initial();
    const copy = cloneJson(state);
    expect(copy).toEqual(state);
    copy.items[0]?.roles.push('ANALYST');
    copy.count = 2;
    expect(state).toEqual(initial());
  });

  it('copies every JSON shape, sharing no object or array with the original', () => {
    const value = {
      a: [[1, 'x', null], [], [{ b: true, c: [{ d: 0 }] }]],
      e: { f: {}, g: null, h: -1.5, i: '' },
      j: [null, false, { k: [[]] }],
    };
    const copy = cloneJson(value);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
    const objects = (v: unknown): unknown[] =>
      typeof v === 'object' && v !== null ? [v, ...Object.values(v).flatMap(objects)] : [];
    const originals = new Set(objects(value));
    expect(objects(copy).filter((o) => originals.has(o))).toEqual([]);
    expect(cloneJson([1, 'two', null])).toEqual([1, 'two', null]);
    expect(cloneJson('plain')).toBe('plain');
    expect(cloneJson(null)).toBeNull();
  });

  it('rolls a change that throws back to the state before it, nested arrays included', () => {
    const changes: State[] = [];
    const model = createTransactionalModel<State>({
      state: initial(),
      now: () => new Date(0),
      random: () => 0,
      onChange: (state) => changes.push(cloneJson(state)),
    });
    expect(() =>
      model.mutate((ctx) => {
        ctx.state.items[0]?.roles.push('OPERATOR');
        ctx.state.items.push({ id: 'b', roles: [], note: 'x' });
        ctx.state.count = 2;
        throw new Error('refused halfway');
      }),
    ).toThrow('refused halfway');
    expect(model.state).toEqual(initial());
    expect(changes).toEqual([]);
    model.mutate((ctx) => {
      ctx.state.count = 3;
    });
    expect(model.state.count).toBe(3);
    expect(changes).toHaveLength(1);
  });

  it('computes a read once per version of the state: any change, kept or rolled back, or a new state, computes it again', () => {
    const model = plainModel();
    let computed = 0;
    const roles = readPerVersion(model, (id) => {
      computed += 1;
      return model.state.items.find((item) => item.id === id)?.roles.join(',') ?? '';
    });
    expect([roles('a'), roles('a'), roles('b')]).toEqual(['ADMIN', 'ADMIN', '']);
    expect(computed).toBe(2);
    // A change in place of an item the read already saw.
    model.mutate((ctx) => {
      ctx.state.items[0]?.roles.push('ANALYST');
    });
    expect(roles('a')).toBe('ADMIN,ANALYST');
    expect(() =>
      model.mutate((ctx) => {
        ctx.state.items[0]?.roles.pop();
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(roles('a')).toBe('ADMIN,ANALYST');
    model.replaceState({ items: [{ id: 'a', roles: ['OPERATOR'], note: null }], count: 1 });
    expect(roles('a')).toBe('OPERATOR');
    expect(computed).toBe(5);
  });

  it('keeps at most the given number of reads per version', () => {
    const model = plainModel();
    let computed = 0;
    const read = readPerVersion(
      model,
      (key) => {
        computed += 1;
        return key;
      },
      2,
    );
    read('x');
    read('y');
    read('z');
    read('z');
    expect(computed).toBe(3);
  });
});
