// The lifecycle benchmark's harness (bench/lifecycle/) at a small size on every platform it
// covers: with latency and 10% transient errors, a sweep finds every injected drift and raises no
// false alarm, and offboarding every client leaves no access that Latchkey's API actions should
// have removed (removals a platform hands to a person are counted apart, and really left in place).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  meetsBar,
  runLifecycle,
  seededRandom,
  type BenchContext,
} from '../../bench/lifecycle/core.ts';
import { platformBenches } from '../../bench/lifecycle/platforms.ts';
import { generateKeyEntry, parseKeyring } from '../../src/store/secrets.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let database: TestDatabase;
let ctx: BenchContext;
beforeAll(async () => {
  database = await createTestDatabase();
  ctx = { database, keyring: parseKeyring(generateKeyEntry('bench-test')) };
});
afterAll(async () => database.close());

describe('bench:lifecycle on every platform', () => {
  it('covers each platform that reads and revokes access by API', () => {
    expect(platformBenches.map((b) => b.id).sort()).toEqual(
      ['google_ads', 'linkedin', 'meta', 'microsoft_ads', 'pinterest', 'snapchat', 'tiktok'].sort(),
    );
  });

  // Side by side, as the benchmark runs them: each has its own agency, sandbox and bucket.
  for (const bench of platformBenches)
    it.concurrent(
      `${bench.id}: every drift found, no false alarm, nothing left after offboarding`,
      async ({ expect }) => {
        const summary = await runLifecycle(ctx, bench, {
          clients: 3,
          perClient: 4,
          faults: { latencyMs: 5, errorRate: 0.1 },
          random: seededRandom(7),
        });
        expect(summary.grants).toBe(12);
        expect(summary.drifted).toBeGreaterThan(0);
        expect(summary.detected).toBe(summary.drifted);
        expect(summary.falseAlarms).toBe(0);
        expect(summary.unknown).toBe(0);
        expect(summary.residual).toBe(0);
        expect(meetsBar(summary)).toBe(true);
        // A removal handed to a person is left as it is, not counted as done.
        expect(summary.awaitingPerson).toBe(summary.manualSteps);
        if (bench.id === 'snapchat') expect(summary.manualSteps).toBeGreaterThan(0);
        else expect(summary.completed).toBe(summary.clients);
      },
      180_000,
    );
});
