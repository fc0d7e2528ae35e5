import { describe, expect, it } from 'vitest';
import {
  classifyReading,
  groupDriftByClient,
  nextCheckState,
  type CheckState,
} from '../../../src/domain/drift.ts';

const levels = ['ANALYST', 'OPERATOR', 'ADMIN'];
const t0 = new Date('2030-01-01T00:00:00Z');
const t1 = new Date('2030-01-02T00:00:00Z');

describe('classifyReading', () => {
  it('holds at the level or above, downgraded below, lost when gone or pending', () => {
    expect(classifyReading('OPERATOR', { kind: 'holds', level: 'OPERATOR' }, levels).outcome).toBe(
      'holds',
    );
    expect(classifyReading('OPERATOR', { kind: 'holds', level: 'ADMIN' }, levels).outcome).toBe(
      'holds',
    );
    expect(classifyReading('OPERATOR', { kind: 'holds', level: 'ANALYST' }, levels)).toEqual({
      outcome: 'downgraded',
      levelFound: 'ANALYST',
    });
    expect(classifyReading('OPERATOR', { kind: 'lost' }, levels).outcome).toBe('lost');
    expect(
      classifyReading('OPERATOR', { kind: 'pending', level: 'OPERATOR' }, levels).outcome,
    ).toBe('lost');
    expect(classifyReading('OPERATOR', { kind: 'holds', level: 'WEIRD' }, levels).outcome).toBe(
      'downgraded',
    );
  });
});

describe('nextCheckState', () => {
  const lost = {
    kind: 'read' as const,
    classified: { outcome: 'lost' as const, levelFound: null },
  };
  const holds = {
    kind: 'read' as const,
    classified: { outcome: 'holds' as const, levelFound: 'ADMIN' },
  };
  it('a failed read is unknown, keeps the last known state and never alerts', () => {
    const first = nextCheckState(undefined, { kind: 'failed', error: 'unavailable 51060' }, t0);
    expect(first).toMatchObject({
      alert: false,
      state: { outcome: 'unknown', failures: 1, driftSince: null },
    });
    const drift = nextCheckState(undefined, lost, t0).state;
    const after = nextCheckState(drift, { kind: 'failed', error: 'x' }, t1);
    expect(after.state).toMatchObject({ outcome: 'unknown', driftSince: t0, verifiedAt: t0 });
  });
  it('alerts once per drift, again when the drift changes, and resolves when access is back', () => {
    const a = nextCheckState(undefined, lost, t0);
    expect(a.alert).toBe(true);
    const b = nextCheckState(a.state, lost, t1);
    expect(b.alert).toBe(false);
    expect(b.state.driftSince).toEqual(t0);
    const unknown: CheckState = nextCheckState(b.state, { kind: 'failed', error: 'x' }, t1).state;
    expect(nextCheckState(unknown, lost, t1).alert).toBe(false);
    const down = {
      kind: 'read' as const,
      classified: { outcome: 'downgraded' as const, levelFound: 'ANALYST' },
    };
    const c = nextCheckState(b.state, down, t1);
    expect(c.alert).toBe(true);
    const d = nextCheckState(c.state, holds, t1);
    expect(d).toMatchObject({ alert: false, resolved: true, state: { driftSince: null } });
  });
});

describe('groupDriftByClient', () => {
  it('gives each client one group, and a request without a client its own', () => {
    const groups = groupDriftByClient([
      { clientId: 'a', requestId: 'r1', n: 1 },
      { clientId: 'b', requestId: 'r2', n: 2 },
      { clientId: 'a', requestId: 'r3', n: 3 },
      { clientId: null, requestId: 'r4', n: 4 },
      { clientId: null, requestId: 'r5', n: 5 },
    ]);
    expect(groups.map((g) => [g.clientId, g.requestId, g.items.map((i) => i.n)])).toEqual([
      ['a', null, [1, 3]],
      ['b', null, [2]],
      [null, 'r4', [4]],
      [null, 'r5', [5]],
    ]);
  });
});
