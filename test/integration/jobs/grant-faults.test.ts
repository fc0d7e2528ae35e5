/**
 * FAULT test: with 20% transient errors and a rate limit in the sandbox, every grant completes and
 * none is duplicated; the shared limiter keeps throttle answers rare (L1-L3, J3).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeGrantJob } from '../../../src/jobs/execute-grant.ts';
import { startWorkers } from '../../../src/jobs/queue.ts';
import { extraAdvertiserIds, worldWithAdvertisers } from '../../support/onboarding-world.ts';
import {
  BCS,
  connectAgency,
  control,
  createHarness,
  listedAdvertiserApproval,
  type Harness,
} from '../../support/onboarding.ts';
import { waitFor } from '../../support/queue.ts';

const COUNT = 12;
let h: Harness;

beforeAll(async () => {
  h = await createHarness({ limits: { requestsPerSecond: 6, burst: 4 } });
  h.sandbox.sandbox.loadWorld(worldWithAdvertisers(COUNT));
  await connectAgency(h);
});
afterAll(async () => h.close());

describe('grants under faults', () => {
  it('completes every grant exactly once with 20% errors and a rate limit', async () => {
    const ids = extraAdvertiserIds(COUNT);
    const approval = await listedAdvertiserApproval(h, ids);
    await control(h.sandbox, 'log/clear', {});
    // 20% of calls fail at random, and the first surely does: shares and read-backs go in
    // batches now, so an approval of 12 makes few calls and might otherwise draw no error.
    h.sandbox.sandbox.setFaults({
      errorRate: 0.2,
      failNext: 1,
      rateLimit: { requests: 10, perMs: 1_000 },
    });
    const approve = await approval();
    expect(approve.statusCode).toBe(202);
    await startWorkers(
      h.queue.boss,
      [{ ...executeGrantJob, concurrency: 8 }] as never,
      h.grantDeps,
    );
    const grants = await waitFor(
      async () => {
        const rows = await h.database.db.selectFrom('grants').selectAll().execute();
        return rows.every((g) => !['queued', 'running'].includes(g.status)) ? rows : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 250 },
    );
    h.sandbox.sandbox.setFaults({});
    expect(grants).toHaveLength(COUNT);
    expect(grants.map((g) => g.status)).toEqual(Array(COUNT).fill('pending_acceptance'));
    const state = h.sandbox.sandbox.model.state;
    for (const id of ids) {
      expect(
        state.holdings.filter((x) => x.bcId === BCS.northwind && x.assetId === id),
      ).toHaveLength(1);
    }
    const log = (await control(h.sandbox, 'log')) as {
      list: { path: string; code: number | null }[];
    };
    const api = log.list.filter((e) => e.path.includes('/open_api/'));
    const errors = api.filter((e) => e.code === 50000 || e.code === 51060).length;
    const throttled = api.filter((e) => e.code === 40100).length;
    expect(errors).toBeGreaterThan(0);
    expect(throttled / api.length).toBeLessThanOrEqual(0.05);
    const retried = grants.filter((g) => g.steps.some((s) => s.name === 'retry_scheduled'));
    expect(retried.length).toBeGreaterThan(0);
  }, 120_000);
});
