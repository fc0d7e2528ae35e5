/**
 * An approval sends its grants as one wave job (grant-queue.ts): three clients approving at the
 * same moment get three jobs, each holding exactly its own client's grants. In a wave, a grant
 * that must be tried again gets a job of its own and the wave completes; the others are done.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeGrantJob } from '../../../src/jobs/execute-grant.ts';
import { PlatformError } from '../../../src/platforms/errors.ts';
import { createTikTokConnector, sandboxBaseUrls } from '../../../src/platforms/tiktok/connector.ts';
import type { Platform } from '../../../src/platforms/types.ts';
import { extraAdvertiserIds, worldWithAdvertisers } from '../../support/onboarding-world.ts';
import {
  APP,
  connectAgency,
  countCalls,
  createHarness,
  listedAdvertiserApproval,
  type Harness,
} from '../../support/onboarding.ts';

const PER_CLIENT = 3;
const CLIENTS = 3;
let h: Harness;
const ids = extraAdvertiserIds(PER_CLIENT * CLIENTS);
/** Ad accounts for a later client of the last test. */
const later = extraAdvertiserIds(PER_CLIENT * (CLIENTS + 1)).slice(ids.length);

beforeAll(async () => {
  h = await createHarness();
  h.sandbox.sandbox.loadWorld(worldWithAdvertisers(ids.length + later.length));
  await connectAgency(h);
});
afterAll(async () => h.close());

/** One client's link, connected and listed, approved with its own ad accounts. */
const approveAs = (assetIds: readonly string[]) => listedAdvertiserApproval(h, assetIds);

const grantRows = () =>
  h.database.db
    .selectFrom('grants')
    .select(['id', 'onboarding_id', 'asset_id', 'status', 'lease_owner'])
    .execute();

describe('wave jobs', () => {
  it('sends one job per approval, holding exactly that approval’s grants', async () => {
    const clients = Array.from({ length: CLIENTS }, (_, k) =>
      ids.slice(k * PER_CLIENT, (k + 1) * PER_CLIENT),
    );
    const approvals = await Promise.all(clients.map((assetIds) => approveAs(assetIds)));
    const answers = await Promise.all(approvals.map((approve) => approve()));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(CLIENTS).fill(202));

    const grants = await grantRows();
    expect(grants).toHaveLength(ids.length);
    const jobs = await h.queue.boss.findJobs('grants.execute');
    expect(jobs).toHaveLength(CLIENTS);
    const onboardingOf = new Map(grants.map((g) => [g.id, g.onboarding_id]));
    const waves = jobs.map((job) => (job.data as { grantIds: string[] }).grantIds);
    for (const wave of waves) {
      const onboardings = new Set(wave.map((id) => onboardingOf.get(id)));
      expect(onboardings.size).toBe(1);
      const [onboarding] = onboardings;
      expect(new Set(wave)).toEqual(
        new Set(grants.filter((g) => g.onboarding_id === onboarding).map((g) => g.id)),
      );
    }
    expect(new Set(waves.flat())).toEqual(new Set(grants.map((g) => g.id)));
  });

  it('gives a grant that must be tried again a job of its own; the rest of the wave is done', async () => {
    const jobs = await h.queue.boss.findJobs('grants.execute');
    const wave = (jobs[0]?.data as { grantIds: string[] }).grantIds;
    const grants = await grantRows();
    const flakyGrant = grants.find((g) => g.id === wave[0]);
    const tiktok = h.grantDeps.platforms.tiktok as Platform;
    // The platform is unavailable for one ad account, every time this attempt asks.
    const flaky: Platform = {
      ...tiktok,
      grantAccess: (input) =>
        input.asset.id === flakyGrant?.asset_id
          ? Promise.reject(new PlatformError('unavailable', 'TikTok is down', '50002'))
          : tiktok.grantAccess(input),
    };
    const deps = {
      ...h.grantDeps,
      platforms: { ...h.grantDeps.platforms, tiktok: flaky },
      boss: h.queue.boss,
    };

    await executeGrantJob.handler({ grantIds: wave }, deps, { id: 'wave', retryCount: 0 });

    const after = new Map((await grantRows()).map((g) => [g.id, g]));
    // Released for its retry: no owner, so no crash watch takes it for a dead worker's.
    expect(after.get(wave[0] ?? '')).toMatchObject({ status: 'running', lease_owner: null });
    for (const id of wave.slice(1)) expect(after.get(id)?.status).toBe('pending_acceptance');
    const own = (await h.queue.boss.findJobs('grants.execute')).filter(
      (job) => (job.data as { grantId?: string }).grantId !== undefined,
    );
    expect(own.map((job) => (job.data as { grantId: string }).grantId)).toEqual([wave[0]]);
    // It waits out the first retry's delay, like any job's retry.
    expect(own[0]?.startAfter.getTime()).toBeGreaterThan(Date.now() + 2_000);
  });

  it('without a queue to send to, fails the wave job so that it runs again', async () => {
    const jobs = await h.queue.boss.findJobs('grants.execute');
    const wave = (jobs[1]?.data as { grantIds: string[] }).grantIds;
    const tiktok = h.grantDeps.platforms.tiktok as Platform;
    const down: Platform = {
      ...tiktok,
      grantAccess: () =>
        Promise.reject(new PlatformError('unavailable', 'TikTok is down', '50002')),
    };
    const deps = { ...h.grantDeps, platforms: { ...h.grantDeps.platforms, tiktok: down } };
    await expect(
      executeGrantJob.handler({ grantIds: wave }, deps, { id: 'wave', retryCount: 0 }),
    ).rejects.toThrow('TikTok is down');
    for (const grant of (await grantRows()).filter((g) => wave.includes(g.id))) {
      expect(grant).toMatchObject({ status: 'running', lease_owner: null });
    }
  });

  it('starts the read its grants decide from before claiming them, and they all use it', async () => {
    const jobs = await h.queue.boss.findJobs('grants.execute');
    const wave = (jobs[2]?.data as { grantIds: string[] }).grantIds;
    // A connector of its own: no read of the agency BC made by the tests above is recent here.
    const tiktok = createTikTokConnector({
      baseUrls: sandboxBaseUrls(h.sandbox.base),
      appId: APP.appId,
      appSecret: APP.secret,
    });
    // A clock that moves on at every reading, so that "before" is strict.
    let tick = Date.now();
    const now = () => new Date((tick += 1));
    const prepared: { at: Date; assetTypes: readonly string[]; readsFrom: Date }[] = [];
    const recording: Platform = {
      ...tiktok,
      prepareGrants: (input) => {
        prepared.push({ at: now(), assetTypes: input.assetTypes, readsFrom: input.readsFrom });
        return tiktok.prepareGrants?.(input) ?? Promise.resolve();
      },
    };
    const deps = {
      ...h.grantDeps,
      now,
      platforms: { ...h.grantDeps.platforms, tiktok: recording },
      boss: h.queue.boss,
    };
    const reads = await countCalls(h.sandbox, 'bc/asset/admin/get/');
    const shares = await countCalls(h.sandbox, 'bc/partner/add/');

    await executeGrantJob.handler({ grantIds: wave }, deps, { id: 'wave', retryCount: 0 });

    const grants = await h.database.db
      .selectFrom('grants as g')
      .innerJoin('onboardings as o', 'o.id', 'g.onboarding_id')
      .select(['g.status', 'g.steps', 'g.created_at', 'o.approved_at'])
      .where('g.id', 'in', wave)
      .execute();
    expect(grants.map((g) => g.status)).toEqual(Array(PER_CLIENT).fill('pending_acceptance'));
    expect(prepared).toHaveLength(1);
    expect(prepared[0]?.assetTypes).toEqual(['advertiser']);
    // From the moment their approval began (nothing of Latchkey's touched them before), which
    // precedes their creation.
    const approvedAt = grants[0]?.approved_at?.getTime();
    expect(prepared[0]?.readsFrom.getTime()).toBe(approvedAt);
    expect(approvedAt).toBeLessThanOrEqual(Math.min(...grants.map((g) => g.created_at.getTime())));
    for (const grant of grants) {
      const claimed = (grant.steps as { name: string; at: string }[]).find(
        (step) => step.name === 'claimed',
      );
      expect(Date.parse(claimed?.at ?? '')).toBeGreaterThan(prepared[0]?.at.getTime() ?? Infinity);
    }
    // One read before sharing (the prepared one, joined by all three), one share, one read back.
    expect((await countCalls(h.sandbox, 'bc/asset/admin/get/')) - reads).toBe(2);
    expect((await countCalls(h.sandbox, 'bc/partner/add/')) - shares).toBe(1);
  });

  it('a platform whose prepared read rejects costs the wave only its head start', async () => {
    const approve = await approveAs(later);
    expect((await approve()).statusCode).toBe(202);
    const tiktok = h.grantDeps.platforms.tiktok as Platform;
    let asked = 0;
    const breaking: Platform = {
      ...tiktok,
      prepareGrants: () => {
        asked += 1;
        return Promise.reject(new Error('this platform breaks the contract'));
      },
    };
    const deps = { ...h.grantDeps, platforms: { ...h.grantDeps.platforms, tiktok: breaking } };
    const laterGrants = await h.database.db
      .selectFrom('grants')
      .select('id')
      .where('asset_id', 'in', later)
      .execute();
    const grantIds = laterGrants.map((g) => g.id);
    await executeGrantJob.handler({ grantIds }, deps, { id: 'wave', retryCount: 0 });
    expect(asked).toBe(1);
    const statuses = await h.database.db
      .selectFrom('grants')
      .select('status')
      .where('asset_id', 'in', later)
      .execute();
    expect(statuses.map((g) => g.status)).toEqual(Array(PER_CLIENT).fill('pending_acceptance'));
  });
});
