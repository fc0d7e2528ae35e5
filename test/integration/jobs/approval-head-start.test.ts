/**
 * Where the process works the grant queue, an approval begins the read of the agency's Business
 * Center its wave will decide from, before its transaction (onboarding-approve.ts, beginHeadStart),
 * and the wave joins that read instead of reading again: the read overlaps the approval's writes
 * and the job's fetch and claim. A selection that does not plan, or a process that does not work
 * grants, begins nothing; an approval time the grants' creation contradicts is not trusted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeGrantJob } from '../../../src/jobs/execute-grant.ts';
import { sleep } from '../../../src/jobs/rate-limiter.ts';
import { listUntriedGrants } from '../../../src/store/grants.ts';
import { extraAdvertiserIds, worldWithAdvertisers } from '../../support/onboarding-world.ts';
import {
  connectAgency,
  countCalls,
  createHarness,
  listedAdvertiserApproval as approveAs,
  type Harness,
} from '../../support/onboarding.ts';

const PER_CLIENT = 3;
const ids = extraAdvertiserIds(PER_CLIENT * 6);
/** Each test's clients take their own ad accounts. */
const accounts = (client: number) => ids.slice(client * PER_CLIENT, (client + 1) * PER_CLIENT);

let h: Harness;
/** A second process serving the API only (role api): it works no grants. */
let api: Harness;

beforeAll(async () => {
  [h, api] = await Promise.all([createHarness({ grantsRunHere: true }), createHarness()]);
  for (const harness of [h, api]) {
    harness.sandbox.sandbox.loadWorld(worldWithAdvertisers(ids.length));
    await connectAgency(harness);
  }
});
afterAll(async () => Promise.all([h.close(), api.close()]));

const READS = 'bc/asset/admin/get/';
const SHARES = 'bc/partner/add/';

/** Waits until the sandbox has answered `count` more agency reads than `from` (or 2 s). */
async function readsReach(harness: Harness, from: number, count: number): Promise<number> {
  const deadline = Date.now() + 2_000;
  for (;;) {
    const reads = await countCalls(harness.sandbox, READS);
    if (reads - from >= count || Date.now() > deadline) return reads - from;
    await sleep(10);
  }
}

/** The wave job holding these ad accounts' grants, run as a worker runs it. */
async function runWave(harness: Harness, assetIds: readonly string[]) {
  const grants = await harness.database.db
    .selectFrom('grants')
    .select('id')
    .where('asset_id', 'in', assetIds)
    .execute();
  const mine = new Set(grants.map((g) => g.id));
  const jobs = await harness.queue.boss.findJobs('grants.execute');
  const job = jobs.find((j) =>
    ((j.data as { grantIds?: string[] }).grantIds ?? []).some((id) => mine.has(id)),
  );
  const deps = { ...harness.grantDeps, boss: harness.queue.boss };
  await executeGrantJob.handler(job?.data as never, deps, { id: 'wave', retryCount: 0 });
  return harness.database.db
    .selectFrom('grants')
    .select(['status', 'asset_id', 'onboarding_id'])
    .where('id', 'in', [...mine])
    .execute();
}

describe('the approval’s head start', () => {
  it('begins the agency read with the approval, and the wave decides from it', async () => {
    const approve = await approveAs(h, accounts(0));
    const reads = await countCalls(h.sandbox, READS);
    const shares = await countCalls(h.sandbox, SHARES);

    expect((await approve()).statusCode).toBe(202);
    // No worker has run the wave yet: the read was begun by the approval.
    expect(await readsReach(h, reads, 1)).toBe(1);

    const grants = await runWave(h, accounts(0));
    expect(grants.map((g) => g.status)).toEqual(Array(PER_CLIENT).fill('pending_acceptance'));
    // The wave's own calls: one share and one read back, and no read before sharing.
    expect((await countCalls(h.sandbox, READS)) - reads).toBe(2);
    expect((await countCalls(h.sandbox, SHARES)) - shares).toBe(1);
  });

  it('three clients approving at once: each wave joins a read begun since its approval', async () => {
    const clients = [1, 2, 3].map(accounts);
    const approvals = await Promise.all(clients.map((assetIds) => approveAs(h, assetIds)));
    const reads = await countCalls(h.sandbox, READS);
    const answers = await Promise.all(approvals.map((approve) => approve()));
    expect(answers.map((a) => a.statusCode)).toEqual([202, 202, 202]);
    // At most one read per approval (usually one in all: they began at the same moment).
    const begun = await readsReach(h, reads, 1);
    await sleep(200);
    const headStart = (await countCalls(h.sandbox, READS)) - reads;
    expect(begun).toBeGreaterThanOrEqual(1);
    expect(headStart).toBeLessThanOrEqual(3);

    for (const [k, assetIds] of clients.entries()) {
      const before = await countCalls(h.sandbox, READS);
      const grants = await runWave(h, assetIds);
      // Each client's grants, of its own onboarding, granted from the head start: the wave
      // reads only to read back.
      expect(grants.map((g) => g.asset_id).sort(), `client ${k}`).toEqual([...assetIds].sort());
      expect(new Set(grants.map((g) => g.onboarding_id)).size).toBe(1);
      expect(grants.map((g) => g.status)).toEqual(Array(PER_CLIENT).fill('pending_acceptance'));
      expect((await countCalls(h.sandbox, READS)) - before, `client ${k}`).toBe(1);
    }
  });

  it('trusts the approval’s time only where the grants’ creation follows it closely', async () => {
    const approve = await approveAs(h, accounts(4));
    expect((await approve()).statusCode).toBe(202);
    const rows = await h.database.db
      .selectFrom('grants as g')
      .innerJoin('onboardings as o', 'o.id', 'g.onboarding_id')
      .select(['g.id', 'g.onboarding_id', 'g.created_at', 'o.approved_at'])
      .where('g.asset_id', 'in', accounts(4))
      .execute();
    const created = Math.max(...rows.map((r) => r.created_at.getTime()));
    const grantIds = rows.map((r) => r.id);
    const readsFromWith = async (approvedAt: number) => {
      await h.database.db
        .updateTable('onboardings')
        .set({ approved_at: new Date(approvedAt) })
        .where('id', '=', rows[0]?.onboarding_id ?? '')
        .execute();
      const [group] = await listUntriedGrants(h.database.db, grantIds);
      return group?.readsFrom.getTime();
    };
    // As approved: the approval began just before its transaction created the grants.
    const approvedAt = rows[0]?.approved_at?.getTime() ?? Infinity;
    expect(approvedAt).toBeLessThanOrEqual(created);
    expect(await readsFromWith(approvedAt)).toBe(approvedAt);
    expect(await readsFromWith(created - 5_000)).toBe(created - 5_000);
    // Clocks that disagree: an approval after its grants' creation, or long before it.
    expect(await readsFromWith(created + 1_000)).toBe(created);
    expect(await readsFromWith(created - 60_000)).toBe(created);
  });

  it('a selection that does not plan begins no read', async () => {
    const approve = await approveAs(h, accounts(5), [...accounts(5), '7999999999999999999']);
    const reads = await countCalls(h.sandbox, READS);
    const answer = await approve();
    expect(answer.statusCode).toBe(422);
    await sleep(300);
    expect((await countCalls(h.sandbox, READS)) - reads).toBe(0);
    const grants = await h.database.db
      .selectFrom('grants')
      .select('id')
      .where('asset_id', 'in', accounts(5))
      .execute();
    expect(grants).toEqual([]);
  });

  it('a process that does not work grants begins none', async () => {
    const approve = await approveAs(api, accounts(0));
    const reads = await countCalls(api.sandbox, READS);
    expect((await approve()).statusCode).toBe(202);
    await sleep(300);
    expect((await countCalls(api.sandbox, READS)) - reads).toBe(0);
  });
});
