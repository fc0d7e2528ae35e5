/**
 * Leases and the crash watch: a live worker's leases are renewed while it runs (however long a
 * call takes); the watch re-queues only grants whose worker died (owner named, lease lapsed),
 * never one released for its job's retry, one with a live lease, or one this process holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requeueCrashedGrants } from '../../../src/jobs/crash-watch.ts';
import { grantBatching } from '../../../src/jobs/grant-batching.ts';
import { findOrCreateOnboarding } from '../../../src/store/onboardings.ts';
import { claimGrant, findGrant, insertGrants, releaseGrant } from '../../../src/store/grants.ts';
import { createHarness, createRequest, type Harness } from '../../support/onboarding.ts';

let h: Harness;
let onboardingId = '';
beforeAll(async () => {
  h = await createHarness();
  const request = await createRequest(h, [{ assetType: 'advertiser', permissionLevel: 'ANALYST' }]);
  const { onboarding } = await findOrCreateOnboarding(h.database.db, {
    agencyId: h.agency.agency.id,
    requestId: request.id,
  });
  onboardingId = onboarding.id;
});
afterAll(async () => h.close());

async function grantClaimedBy(owner: string, leaseMs: number): Promise<string> {
  const assetId = `73000000000${Math.floor(Math.random() * 1e8)}`;
  const [grant] = await insertGrants(h.database.db, [
    {
      agencyId: h.agency.agency.id,
      onboardingId,
      platform: 'tiktok',
      assetType: 'advertiser',
      assetId,
      assetName: assetId,
      ownerId: null,
      permissionLevel: 'ANALYST',
      idempotencyKey: `crash-watch-${assetId}`,
    },
  ]);
  const id = grant?.id ?? '';
  expect(await claimGrant(h.database.db, { id, owner, now: new Date(), leaseMs })).toBeDefined();
  return id;
}

const queuedGrantIds = async () =>
  (await h.queue.boss.findJobs('grants.execute')).map(
    (j) => (j.data as { grantId: string }).grantId,
  );

describe('leases and the crash watch', () => {
  it('re-queues only the grants of a dead worker', async () => {
    const deps = { ...h.grantDeps, boss: h.queue.boss };
    const crashed = await grantClaimedBy('dead-worker', 1);
    const live = await grantClaimedBy('live-worker', 60_000);
    const released = await grantClaimedBy('retrying-worker', 60_000);
    await releaseGrant(h.database.db, released, 'retrying-worker', new Date());
    const heldHere = await grantClaimedBy('this-process', 1);
    let finish: () => void = () => {};
    const running = grantBatching(deps).holding(
      { id: heldHere, owner: 'this-process' },
      () => new Promise<void>((resolve) => (finish = resolve)),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(await requeueCrashedGrants(deps)).toEqual([crashed]);
    expect(await queuedGrantIds()).toEqual([crashed]);
    // Found again before its new job runs: the waiting job is not doubled.
    expect(await requeueCrashedGrants(deps)).toEqual([crashed]);
    expect(await queuedGrantIds()).toEqual([crashed]);
    expect((await findGrant(h.database.db, live))?.leaseOwner).toBe('live-worker');
    finish();
    await running;
  });

  it('keeps renewing a running grant past its lease, and stops when the run ends', async () => {
    const deps = { ...h.grantDeps, grantPolicy: { ...h.grantDeps.grantPolicy, leaseMs: 300 } };
    const id = await grantClaimedBy('slow-worker', 300);
    await grantBatching(deps).holding({ id, owner: 'slow-worker' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const grant = await findGrant(h.database.db, id);
      expect(grant?.leaseUntil?.getTime()).toBeGreaterThan(Date.now());
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    const lapsed = await findGrant(h.database.db, id);
    expect(lapsed?.leaseUntil?.getTime()).toBeLessThan(Date.now());
  });
});
