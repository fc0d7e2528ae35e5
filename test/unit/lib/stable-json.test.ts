import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stableStringify } from '../../../src/lib/stable-json.ts';

/** The former recursive definition, kept here as the specification of the output. */
function reference(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, item]) => `${JSON.stringify(key)}:${reference(item)}`);
  return `{${entries.join(',')}}`;
}

describe('stableStringify', () => {
  it('writes what the recursive definition writes, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(stableStringify(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts keys and drops undefined members', () => {
    expect(stableStringify({ b: 1, a: [undefined, { d: undefined, c: 'x' }] })).toBe(
      '{"a":[null,{"c":"x"}],"b":1}',
    );
  });

  it('does not overflow the stack on 200,000 levels of nesting', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i += 1) deep = i % 2 ? [deep] : { k: deep };
    expect(() => reference(deep)).toThrow(RangeError);
    const text = stableStringify(deep);
    expect(text.slice(0, 12)).toBe('[{"k":[{"k":');
    expect(text.length).toBe(100_000 * '[{"k":'.length + 3 + 100_000 * 2);
  });
});
