/**
 * Where the process works the grant queue, an approval begins the read of the agency's Business
 * Center its grants will decide from, before its transaction (onboarding-approve.ts,
 * beginHeadStart), inserts its grants already claimed, and runs them itself once it commits
 * (runApprovedGrants): no job, no fetch, no claim of their own, and no read but the head start's
 * before sharing. Should that process die first, the crash watch queues them again and the retry
 * reads back before any call. A selection that does not plan, or a process that does not work
 * grants, begins nothing (that one queues its grants as a wave job); an approval time the grants'
 * creation contradicts is not trusted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requeueCrashedGrants } from '../../../src/jobs/crash-watch.ts';
import { executeGrantJob } from '../../../src/jobs/execute-grant.ts';
import { createQueues } from '../../../src/jobs/queue.ts';
import { sleep } from '../../../src/jobs/rate-limiter.ts';
import { recheckSoonJob } from '../../../src/jobs/recheck-soon.ts';
import { insertGrants, listUntriedGrants } from '../../../src/store/grants.ts';
import { extraAdvertiserIds, worldWithAdvertisers } from '../../support/onboarding-world.ts';
import {
  connectAgency,
  countCalls,
  createHarness,
  listedAdvertiserApproval as approveAs,
  type Harness,
} from '../../support/onboarding.ts';

const PER_CLIENT = 3;
const ids = extraAdvertiserIds(PER_CLIENT * 7);
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
  await createQueues(h.queue.boss, [recheckSoonJob] as never);
});
afterAll(async () => Promise.all([h.close(), api.close()]));

const READS = 'bc/asset/admin/get/';
const SHARES = 'bc/partner/add/';

/** The jobs queued for any of these grants. */
async function jobsFor(harness: Harness, grantIds: readonly string[]) {
  const mine = new Set(grantIds);
  const jobs = await harness.queue.boss.findJobs('grants.execute');
  return jobs.filter((j) => {
    const data = j.data as { grantId?: string; grantIds?: string[] };
    return [...(data.grantIds ?? []), data.grantId].some((id) => id !== undefined && mine.has(id));
  });
}

/** These ad accounts' grants once none is queued or running any more (or after 3 s). */
async function settled(harness: Harness, assetIds: readonly string[]) {
  const deadline = Date.now() + 3_000;
  for (;;) {
    const grants = await harness.database.db
      .selectFrom('grants')
      .select(['id', 'status', 'asset_id', 'onboarding_id', 'steps', 'attempts'])
      .where('asset_id', 'in', assetIds)
      .execute();
    const open = grants.some((g) => ['queued', 'running'].includes(g.status));
    if (!open || Date.now() > deadline) return grants;
    await sleep(20);
  }
}

describe('the approval’s head start', () => {
  it('begins the agency read with the approval and runs the grants itself, with no job', async () => {
    const approve = await approveAs(h, accounts(0));
    const reads = await countCalls(h.sandbox, READS);
    const shares = await countCalls(h.sandbox, SHARES);

    const answer = await approve();
    expect(answer.statusCode).toBe(202);
    // Claimed with their insert: the answer shows them running, first attempt.
    const shown = answer.json<{ grants: { status: string }[] }>().grants;
    expect(shown.map((g) => g.status)).toEqual(Array(PER_CLIENT).fill('running'));

    const grants = await settled(h, accounts(0));
    expect(grants.map((g) => g.status)).toEqual(Array(PER_CLIENT).fill('pending_acceptance'));
    expect(grants.map((g) => g.attempts)).toEqual(Array(PER_CLIENT).fill(1));
    expect(grants[0]?.steps.map((step) => step.name).slice(0, 2)).toEqual([
      'claimed',
      'grant_requested',
    ]);
    // The head start's read, one share and one read back; and nothing was queued.
    expect((await countCalls(h.sandbox, READS)) - reads).toBe(2);
    expect((await countCalls(h.sandbox, SHARES)) - shares).toBe(1);
    const grantIds = grants.map((g) => g.id);
    expect(await jobsFor(h, grantIds)).toEqual([]);
    // Run with the workers' deps, queue included: each grant waiting for the agency to accept
    // has its first re-check queued, as a worker's run would.
    // (Queued just after the settlement: waited for.)
    const rechecked = async () =>
      (await h.queue.boss.findJobs('grants.recheck'))
        .map((j) => (j.data as { grantId: string }).grantId)
        .filter((id) => grantIds.includes(id));
    await expect.poll(rechecked, { timeout: 2_000 }).toHaveLength(PER_CLIENT);
  });

  it('three clients approving at once: each gets its own grants, each share its own token', async () => {
    const clients = [1, 2, 3].map(accounts);
    const approvals = await Promise.all(clients.map((assetIds) => approveAs(h, assetIds)));
    const reads = await countCalls(h.sandbox, READS);
    const shares = await countCalls(h.sandbox, SHARES);
    const answers = await Promise.all(approvals.map((approve) => approve()));
    expect(answers.map((a) => a.statusCode)).toEqual([202, 202, 202]);

    for (const [k, assetIds] of clients.entries()) {
      const grants = await settled(h, assetIds);
      expect(grants.map((g) => g.asset_id).sort(), `client ${k}`).toEqual([...assetIds].sort());
      expect(new Set(grants.map((g) => g.onboarding_id)).size).toBe(1);
      expect(grants.map((g) => g.status)).toEqual(Array(PER_CLIENT).fill('pending_acceptance'));
    }
    const onboardings = await Promise.all(clients.map((assetIds) => settled(h, assetIds)));
    expect(new Set(onboardings.map((grants) => grants[0]?.onboarding_id)).size).toBe(3);
    // One share per client (each client's own token); before sharing at most one read per
    // approval, after it at most one read back per client.
    expect((await countCalls(h.sandbox, SHARES)) - shares).toBe(3);
    expect((await countCalls(h.sandbox, READS)) - reads).toBeLessThanOrEqual(6);
  });

  it('grants whose approving process died are queued again by the crash watch, and read back before sharing', async () => {
    const approve = await approveAs(api, accounts(6));
    expect((await approve()).statusCode).toBe(202);
    const queued = await api.database.db
      .selectFrom('grants')
      .selectAll()
      .where('asset_id', 'in', accounts(6))
      .execute();
    // What a process that died right after its approval's commit leaves: the grants claimed by
    // an owner that will never run them, with a lease about to lapse, and no job.
    await api.database.db.deleteFrom('grants').where('asset_id', 'in', accounts(6)).execute();
    const owner = 'approval-of-a-dead-process';
    const now = new Date();
    await insertGrants(
      api.database.db,
      queued.map((g) => ({
        agencyId: g.agency_id,
        onboardingId: g.onboarding_id,
        platform: g.platform,
        assetType: g.asset_type,
        assetId: g.asset_id,
        assetName: g.asset_name,
        ownerId: g.owner_id,
        permissionLevel: g.permission_level,
        idempotencyKey: g.idempotency_key,
      })),
      {
        claimedBy: {
          owner,
          now,
          leaseMs: 1,
          intent: { name: 'grant_requested', at: now.toISOString() },
        },
      },
    );
    await sleep(5);
    const shares = await countCalls(api.sandbox, SHARES);

    const deps = { ...api.grantDeps, boss: api.queue.boss };
    const requeued = await requeueCrashedGrants(deps);
    const grantIds = (
      await api.database.db
        .selectFrom('grants')
        .select('id')
        .where('asset_id', 'in', accounts(6))
        .execute()
    ).map((g) => g.id);
    expect([...requeued].sort()).toEqual([...grantIds].sort());
    for (const job of await jobsFor(api, grantIds)) {
      await executeGrantJob.handler(job.data as never, deps, { id: job.id, retryCount: 0 });
    }
    const grants = await settled(api, accounts(6));
    expect(grants.map((g) => g.status)).toEqual(Array(PER_CLIENT).fill('pending_acceptance'));
    // The run after the crash read the platform back before its share, and shared once.
    for (const grant of grants) {
      expect(grant.steps.map((step) => step.name).slice(0, 6)).toEqual([
        ...['claimed', 'grant_requested'], // the dead process's approval
        ...['claimed', 'grant_requested', 'read_back', 'grant_requested'],
      ]);
    }
    expect(grants.map((g) => g.attempts)).toEqual(Array(PER_CLIENT).fill(2));
    expect((await countCalls(api.sandbox, SHARES)) - shares).toBeGreaterThanOrEqual(1);
    expect((await countCalls(api.sandbox, SHARES)) - shares).toBeLessThanOrEqual(PER_CLIENT);
  });

  it('trusts the approval’s time only where the grants’ creation follows it closely', async () => {
    // Grants queued for a worker (here by a process that works none) decide from it.
    const approve = await approveAs(api, accounts(4));
    expect((await approve()).statusCode).toBe(202);
    const rows = await api.database.db
      .selectFrom('grants as g')
      .innerJoin('onboardings as o', 'o.id', 'g.onboarding_id')
      .select(['g.id', 'g.onboarding_id', 'g.created_at', 'o.approved_at'])
      .where('g.asset_id', 'in', accounts(4))
      .execute();
    const created = Math.max(...rows.map((r) => r.created_at.getTime()));
    const grantIds = rows.map((r) => r.id);
    const readsFromWith = async (approvedAt: number) => {
      await api.database.db
        .updateTable('onboardings')
        .set({ approved_at: new Date(approvedAt) })
        .where('id', '=', rows[0]?.onboarding_id ?? '')
        .execute();
      const [group] = await listUntriedGrants(api.database.db, grantIds);
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

  it('a process that does not work grants begins none, and queues its grants as a wave job', async () => {
    const approve = await approveAs(api, accounts(0));
    const reads = await countCalls(api.sandbox, READS);
    expect((await approve()).statusCode).toBe(202);
    await sleep(300);
    expect((await countCalls(api.sandbox, READS)) - reads).toBe(0);
    const grants = await api.database.db
      .selectFrom('grants')
      .select(['id', 'status', 'attempts'])
      .where('asset_id', 'in', accounts(0))
      .execute();
    expect(grants.map((g) => [g.status, g.attempts])).toEqual(
      Array(PER_CLIENT).fill(['queued', 0]),
    );
    const jobs = await jobsFor(
      api,
      grants.map((g) => g.id),
    );
    expect(jobs.map((j) => (j.data as { grantIds: string[] }).grantIds.length)).toEqual([
      PER_CLIENT,
    ]);
  });
});
