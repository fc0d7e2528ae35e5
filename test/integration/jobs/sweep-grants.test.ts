import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepGrants } from '../../../src/jobs/sweep-grants.ts';
import { findAuditEvents } from '../../../src/store/audit.ts';
import { createHarness, createRequest, type Harness } from '../../support/onboarding.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h.close());

describe('grant sweep', () => {
  it('expires lapsed links, purges old OAuth transactions, re-queues stranded grants', async () => {
    const lapsed = await createRequest(h, [
      { assetType: 'advertiser', permissionLevel: 'ANALYST' },
    ]);
    const fresh = await createRequest(h, [{ assetType: 'advertiser', permissionLevel: 'ANALYST' }]);
    await h.database.db
      .updateTable('access_requests')
      .set({ link_expires_at: new Date(Date.now() - 1_000) })
      .where('id', '=', lapsed.id)
      .execute();
    await h.app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${fresh.token}/oauth/tiktok/start`,
    });
    await h.database.db
      .updateTable('oauth_states')
      .set({ expires_at: new Date(Date.now() - 2 * 86_400_000) })
      .execute();
    const { onboarding } = await import('../../../src/store/onboardings.ts').then((m) =>
      m.findOrCreateOnboarding(h.database.db, {
        agencyId: h.agency.agency.id,
        requestId: fresh.id,
      }),
    );
    const [grant] = await import('../../../src/store/grants.ts').then((m) =>
      m.insertGrants(h.database.db, [
        {
          agencyId: h.agency.agency.id,
          onboardingId: onboarding.id,
          platform: 'tiktok',
          assetType: 'advertiser',
          assetId: '7300000000000000001',
          assetName: 'US',
          ownerId: null,
          permissionLevel: 'ANALYST',
          idempotencyKey: 'sweep-test',
        },
      ]),
    );
    await h.database.db
      .updateTable('grants')
      .set({ updated_at: new Date(Date.now() - 60_000) })
      .execute();

    const result = await sweepGrants({ ...h.grantDeps, boss: h.queue.boss });
    expect(result.requeued).toBe(1);
    const jobs = await h.queue.boss.findJobs('grants.execute');
    expect(jobs.map((j) => (j.data as { grantId: string }).grantId)).toEqual([grant?.id]);
    const statuses = await h.database.db
      .selectFrom('access_requests')
      .select(['id', 'status'])
      .execute();
    expect(statuses.find((r) => r.id === lapsed.id)?.status).toBe('expired');
    expect(statuses.find((r) => r.id === fresh.id)?.status).toBe('open');
    expect(await h.database.db.selectFrom('oauth_states').select('id').execute()).toHaveLength(0);
    const actions = (await findAuditEvents(h.database.db, h.agency.agency.id)).map((e) => e.action);
    expect(actions).toContain('request.expired');
  });
});
