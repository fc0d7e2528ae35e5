/**
 * A grant left waiting for a person is re-checked within seconds, then less often: the grant job
 * queues the first re-check 2 s out; each re-check that still finds it waiting queues the next one
 * further out; one that finds the access moves the grant on and queues nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeGrant } from '../../../src/jobs/execute-grant.ts';
import { createQueues } from '../../../src/jobs/queue.ts';
import {
  recheckDelaySeconds,
  recheckSoon,
  recheckSoonJob,
  SOON_RECHECKS,
} from '../../../src/jobs/recheck-soon.ts';
import { findGrant } from '../../../src/store/grants.ts';
import {
  ADVERTISERS,
  BCS,
  connectAgency,
  connectClient,
  control,
  createHarness,
  createRequest,
  USERS,
  type Harness,
} from '../../support/onboarding.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await createQueues(h.queue.boss, [recheckSoonJob] as never);
});
afterAll(async () => h.close());

const queued = async () =>
  (await h.queue.boss.findJobs<{ grantId: string; attempt: number }>(recheckSoonJob.name))
    .filter((job) => job.state === 'created')
    .map((job) => ({ ...job.data, inSeconds: (job.startAfter.getTime() - Date.now()) / 1000 }));

describe('soon re-checks of a grant waiting for a person', () => {
  it('backs off from 2 s to 30 s and stops after a quarter of an hour or so', () => {
    const delays = Array.from({ length: SOON_RECHECKS }, (_, i) => recheckDelaySeconds(i));
    expect(delays.slice(0, 6)).toEqual([2, 4, 8, 16, 30, 30]);
    const total = delays.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(15 * 60);
    expect(total).toBeLessThan(20 * 60);
  });

  it('queues the first within seconds, the next further out, none once granted', async () => {
    const link = await createRequest(h, [{ assetType: 'advertiser', permissionLevel: 'OPERATOR' }]);
    await connectAgency(h);
    expect((await connectClient(h, link.token)).statusCode).toBe(303);
    await h.app.inject({ method: 'POST', url: `/api/v1/onboarding/${link.token}/assets/tiktok` });
    const approved = await h.app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${link.token}/approve`,
      payload: {
        selections: [{ platform: 'tiktok', assetType: 'advertiser', assetId: ADVERTISERS.us }],
      },
    });
    expect(approved.statusCode).toBe(202);
    const grantId = approved.json<{ grants: { id: string }[] }>().grants[0]!.id;
    const deps = { ...h.grantDeps, boss: h.queue.boss };

    // The grant job shares the ad account; the agency has not accepted yet.
    await executeGrant(deps, grantId);
    expect((await findGrant(h.database.db, grantId))?.status).toBe('pending_acceptance');
    const first = await queued();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ grantId, attempt: 0 });
    expect(first[0]!.inSeconds).toBeGreaterThan(0.5);
    expect(first[0]!.inSeconds).toBeLessThanOrEqual(2.5);

    // Still waiting: the next re-check is queued 4 s out.
    await recheckSoon(deps, grantId, 0);
    const second = (await queued()).filter((j) => j.attempt === 1);
    expect(second).toHaveLength(1);
    expect(second[0]!.inSeconds).toBeGreaterThan(2.5);
    expect(second[0]!.inSeconds).toBeLessThanOrEqual(4.5);

    // The agency accepts: the next re-check grants, and queues nothing more.
    await control(h.sandbox, 'partners/accept', {
      bc_id: BCS.northwind,
      owner_bc_id: BCS.acme,
      user_id: USERS.nora,
    });
    await recheckSoon(deps, grantId, 1);
    expect((await findGrant(h.database.db, grantId))?.status).toBe('granted');
    expect((await queued()).filter((j) => j.attempt === 2)).toHaveLength(0);

    // The last soon re-check hands over to the minute sweep.
    await recheckSoon(deps, grantId, SOON_RECHECKS - 1);
    expect((await queued()).filter((j) => j.attempt >= SOON_RECHECKS)).toHaveLength(0);
  });
});
