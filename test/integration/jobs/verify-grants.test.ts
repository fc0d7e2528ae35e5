import { afterEach, describe, expect, it } from 'vitest';
import { runVerification } from '../../../src/jobs/verify-grants.ts';
import {
  addPartner,
  deletePartner,
  deletePartnerAssets,
} from '../../../src/platforms/tiktok/sandbox/model/partners.ts';
import type { Platform } from '../../../src/platforms/types.ts';
import { insertVerificationRun } from '../../../src/store/verifications.ts';
import { AGENCY_BC } from '../../support/lifecycle-world.ts';
import { createLifecycleHarness, type LifecycleHarness } from '../../support/lifecycle.ts';
import { control, countCalls } from '../../support/onboarding.ts';

let h: LifecycleHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function sweep(harness: LifecycleHarness) {
  const run = await insertVerificationRun(harness.database.db, {
    agencyId: harness.agency.agency.id,
    trigger: 'api',
    requestedBy: null,
    now: new Date(),
  });
  return runVerification(harness.deps, run.id);
}

async function addWebhookEndpoint(harness: LifecycleHarness) {
  await harness.database.db
    .insertInto('webhook_endpoints')
    .values({
      agency_id: harness.agency.agency.id,
      url: 'https://hooks.example/latchkey',
      event_types: ['grant.drifted'],
      secret_ciphertext: 'not-used-by-emission',
    })
    .execute();
}

async function driftNotices(harness: LifecycleHarness) {
  const db = harness.database.db;
  const alerts = await db.selectFrom('drift_alerts').selectAll().execute();
  const emails = await db
    .selectFrom('email_outbox')
    .selectAll()
    .where('kind', '=', 'grant_drift')
    .execute();
  const hooks = await db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('event_type', '=', 'grant.drifted')
    .execute();
  return { alerts, emails, hooks };
}

describe('verification sweep', () => {
  it('reports every partner-shared asset lost when the client removes the agency as partner', async () => {
    h = await createLifecycleHarness({ clients: 2, perClient: 6 });
    await addWebhookEndpoint(h);
    const first = await sweep(h);
    expect(first.summary).toEqual({ holds: 12, downgraded: 0, lost: 0, unknown: 0 });
    expect(first.alertIds).toEqual([]);

    const [client1] = h.world.clientBcs;
    const [admin1] = h.world.clientAdmins;
    h.sandbox.sandbox.model.mutate((ctx) =>
      deletePartner(ctx, admin1 ?? '', { bcId: client1 ?? '', partnerId: AGENCY_BC }),
    );
    const second = await sweep(h);
    const ofClient1 = second.outcomes.filter((o) => o.grant.ownerId === client1);
    const shared = ofClient1.filter((o) => o.grant.assetType !== 'tiktok_account');
    expect(shared.length).toBe(5);
    expect(shared.every((o) => o.state.outcome === 'lost')).toBe(true);
    // A TikTok account linked by QR is not a partner share: removing the partner leaves it.
    expect(ofClient1.find((o) => o.grant.assetType === 'tiktok_account')?.state.outcome).toBe(
      'holds',
    );
    expect(
      second.outcomes.filter((o) => o.grant.ownerId !== client1).map((o) => o.state.outcome),
    ).toEqual(Array(6).fill('holds'));
    const notices = await driftNotices(h);
    expect(notices.alerts).toHaveLength(1);
    expect(notices.alerts[0]?.items.map((i) => i.assetId).sort()).toEqual(
      shared.map((o) => o.grant.assetId).sort(),
    );
    expect(notices.emails).toHaveLength(1);
    expect(notices.emails[0]?.to_address).toBe(h.agency.owner.user.email);
    expect(notices.hooks).toHaveLength(5);
    const body = JSON.parse(notices.hooks[0]?.body ?? '{}') as { data: Record<string, unknown> };
    expect(body.data).toMatchObject({ outcome: 'lost', platform: 'tiktok' });

    // The same drift seen again raises nothing new.
    await sweep(h);
    const again = await driftNotices(h);
    expect(again.alerts).toHaveLength(1);
    expect(again.hooks).toHaveLength(5);
    const checks = await h.database.db.selectFrom('grant_checks').selectAll().execute();
    expect(checks.every((c) => c.verified_at !== null)).toBe(true);
  });

  it('reports only the downgraded asset, with the level found', async () => {
    h = await createLifecycleHarness({ clients: 2, perClient: 6 });
    await addWebhookEndpoint(h);
    await sweep(h);
    const target = h.clients[1]?.grants.find(
      (g) => g.seed.assetType === 'advertiser' && g.seed.level !== 'ANALYST',
    );
    if (!target) throw new Error('no advertiser above ANALYST in the world');
    h.sandbox.sandbox.model.mutate((ctx) =>
      addPartner(ctx, h?.world.clientAdmins[1] ?? '', {
        bcId: target.seed.ownerId,
        partnerRef: AGENCY_BC,
        assetType: 'ADVERTISER',
        assetIds: [target.seed.assetId],
        roles: ['ANALYST'],
      }),
    );
    const result = await sweep(h);
    const drifted = result.outcomes.filter((o) => o.state.outcome !== 'holds');
    expect(drifted).toHaveLength(1);
    expect(drifted[0]?.grant.id).toBe(target.grantId);
    expect(drifted[0]?.state).toMatchObject({ outcome: 'downgraded', levelFound: 'ANALYST' });
    const notices = await driftNotices(h);
    expect(notices.alerts).toHaveLength(1);
    expect(notices.emails).toHaveLength(1);
    expect(notices.hooks).toHaveLength(1);
    const body = JSON.parse(notices.hooks[0]?.body ?? '{}') as { data: Record<string, unknown> };
    expect(body.data).toMatchObject({
      grant_id: target.grantId,
      outcome: 'downgraded',
      expected_level: target.seed.level,
      level_found: 'ANALYST',
    });
  });

  it('never reports a transient error as lost (20% errors)', async () => {
    h = await createLifecycleHarness({ clients: 3, perClient: 6 });
    h.sandbox.sandbox.setFaults({ errorRate: 0.2 });
    const noRetry = {
      ...h.deps,
      lifecycle: { ...h.deps.lifecycle, backoff: { baseMs: 1, capMs: 2, maxAttempts: 1 } },
    };
    let unknown = 0;
    for (let i = 0; i < 5; i += 1) {
      // A sweep reads holdings in a handful of calls, so 20% alone may draw no error in five
      // sweeps; the first call of each sweep fails for certain, the rest at 20%.
      h.sandbox.sandbox.setFaults({ errorRate: 0.2, failNext: 1 });
      const run = await insertVerificationRun(h.database.db, {
        agencyId: h.agency.agency.id,
        trigger: 'api',
        requestedBy: null,
        now: new Date(),
      });
      const result = await runVerification(noRetry, run.id);
      expect(result.summary.lost).toBe(0);
      expect(result.summary.downgraded).toBe(0);
      unknown += result.summary.unknown;
    }
    // Without retries some reads fail: they are unknown, not lost, and raise no alert.
    expect(unknown).toBeGreaterThan(0);
    expect((await driftNotices(h)).alerts).toHaveLength(0);
    // With the retry loop every asset reads as held.
    const retried = await sweep(h);
    expect(retried.summary).toEqual({ holds: 18, downgraded: 0, lost: 0, unknown: 0 });
  });

  it('reads one asset at a time when the connector cannot list holdings', async () => {
    h = await createLifecycleHarness({ clients: 1, perClient: 6 });
    const real = h.deps.platforms.tiktok as Platform;
    const perAsset: Platform = { ...real };
    Reflect.deleteProperty(perAsset, 'listAgencyHoldings');
    const deps = { ...h.deps, platforms: { tiktok: perAsset } };
    const target = h.clients[0]?.grants.find((g) => g.seed.assetType === 'pixel');
    h.sandbox.sandbox.model.mutate((ctx) =>
      deletePartnerAssets(ctx, h?.world.clientAdmins[0] ?? '', {
        bcId: target?.seed.ownerId ?? '',
        partnerId: AGENCY_BC,
        assetType: 'PIXEL',
        assetIds: [target?.seed.assetId ?? ''],
      }),
    );
    await control(h.sandbox, 'log/clear', {});
    const run = await insertVerificationRun(h.database.db, {
      agencyId: h.agency.agency.id,
      trigger: 'api',
      requestedBy: null,
      now: new Date(),
    });
    const result = await runVerification(deps, run.id);
    expect(result.summary).toEqual({ holds: 5, downgraded: 0, lost: 1, unknown: 0 });
    expect(result.outcomes.find((o) => o.state.outcome === 'lost')?.grant.id).toBe(target?.grantId);
    expect(await countCalls(h.sandbox, 'bc/asset/admin/get/')).toBe(6);
  });
});
