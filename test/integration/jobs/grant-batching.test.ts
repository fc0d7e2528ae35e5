/**
 * Grants that start and finish together share statements (grant-batching.ts): a batched claim
 * guards each row exactly as a single claim does, and a batched settlement advances each
 * onboarding once, with the same audit trail as settling one by one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantBatching } from '../../../src/jobs/grant-batching.ts';
import type { GrantDeps } from '../../../src/jobs/grant-deps.ts';
import { settleGrantsAndAdvance } from '../../../src/jobs/onboarding-progress.ts';
import { findAuditEvents } from '../../../src/store/audit.ts';
import { createWebhookEndpoint } from '../../../src/store/webhook-endpoints.ts';
import {
  claimGrants,
  findGrant,
  insertGrants,
  settleGrants,
  type Grant,
} from '../../../src/store/grants.ts';
import { findOrCreateOnboarding, setOnboardingStatus } from '../../../src/store/onboardings.ts';
import { createHarness, createRequest, type Harness } from '../../support/onboarding.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h.close());

/** An approved onboarding with `count` queued grants. */
async function approvedGrants(count: number): Promise<Grant[]> {
  const link = await createRequest(h, [{ assetType: 'advertiser', permissionLevel: 'ANALYST' }]);
  const { onboarding } = await findOrCreateOnboarding(h.database.db, {
    agencyId: h.agency.agency.id,
    requestId: link.id,
  });
  await setOnboardingStatus(h.database.db, onboarding.id, 'approved', new Date());
  return insertGrants(
    h.database.db,
    Array.from({ length: count }, (_, i) => ({
      agencyId: h.agency.agency.id,
      onboardingId: onboarding.id,
      platform: 'tiktok',
      assetType: 'advertiser',
      assetId: `73000000000000099${i}`,
      assetName: `Batch ${i}`,
      ownerId: null,
      permissionLevel: 'ANALYST',
      idempotencyKey: `${onboarding.id}-batch-${i}`,
    })),
  );
}

const granted = (at: Date) => ({
  status: 'granted' as const,
  verified: true,
  step: { name: 'grant_answered', at: at.toISOString() },
});

describe('batched grant writes', () => {
  it('claims many grants in one statement, guarding each row like a single claim', async () => {
    const [free, leased, done] = await approvedGrants(3);
    const now = new Date();
    const leaseMs = 60_000;
    // One grant already leased by another live worker, one already settled.
    expect(
      await claimGrants(h.database.db, [{ id: leased!.id, owner: 'other', now, leaseMs }]),
    ).toHaveLength(1);
    await h.database.db
      .updateTable('grants')
      .set({ status: 'granted' })
      .where('id', '=', done!.id)
      .execute();

    const intent = { name: 'grant_requested', at: now.toISOString() };
    const claimed = await claimGrants(h.database.db, [
      { id: free!.id, owner: 'me:1', now, leaseMs, intent },
      { id: leased!.id, owner: 'me:2', now, leaseMs, intent },
      { id: done!.id, owner: 'me:3', now, leaseMs, intent },
      // The same grant twice in one batch (a re-sent job): only one owner gets it.
      { id: free!.id, owner: 'me:4', now, leaseMs, intent },
    ]);
    expect(claimed.map((g) => g?.leaseOwner)).toEqual(['me:1', undefined, undefined, undefined]);
    expect(claimed[0]?.steps.map((s) => s.name)).toEqual(['claimed', 'grant_requested']);
    expect(claimed[0]?.attempts).toBe(1);
    expect((await findGrant(h.database.db, leased!.id))?.leaseOwner).toBe('other');
    expect((await findGrant(h.database.db, done!.id))?.status).toBe('granted');
  });

  it('settles many grants in one transaction and completes their onboarding once', async () => {
    const grants = await approvedGrants(3);
    const now = new Date();
    const owners = grants.map((g, i) => `w:${i}`);
    await claimGrants(
      h.database.db,
      grants.map((g, i) => ({ id: g.id, owner: owners[i]!, now, leaseMs: 60_000 })),
    );
    const deps = { database: h.database, platforms: h.grantDeps.platforms, now: () => new Date() };
    const settled = await settleGrantsAndAdvance(deps, [
      { grantId: grants[0]!.id, owner: owners[0]!, settlement: granted(now) },
      // A stale owner: its guard fails and only its own result is undefined.
      { grantId: grants[1]!.id, owner: 'stale', settlement: granted(now) },
      { grantId: grants[2]!.id, owner: owners[2]!, settlement: granted(now) },
    ]);
    expect(settled.map((g) => g?.status)).toEqual(['granted', undefined, 'granted']);
    const onboardingId = grants[0]!.onboardingId;
    const events = await findAuditEvents(h.database.db, h.agency.agency.id, {});
    const mine = events.filter(
      (e) =>
        grants.some((g) => g.id === e.target_id) ||
        (e.target_kind === 'onboarding' && e.target_id === onboardingId),
    );
    expect(mine.filter((e) => e.action === 'grant.granted')).toHaveLength(2);
    // grants[1] is still running, so the onboarding has not moved on yet.
    expect(mine.filter((e) => e.target_kind === 'onboarding')).toHaveLength(0);

    await settleGrantsAndAdvance(deps, [
      { grantId: grants[1]!.id, owner: owners[1]!, settlement: granted(now) },
    ]);
    const after = await findAuditEvents(h.database.db, h.agency.agency.id, {});
    const moved = after.filter(
      (e) => e.target_kind === 'onboarding' && e.target_id === onboardingId,
    );
    expect(moved.map((e) => e.action)).toEqual(['onboarding.completed']);
  });

  it('settles many grants in one statement, each with its own guard and settlement', async () => {
    const [mine, stolen, fresh] = await approvedGrants(3);
    const now = new Date();
    await claimGrants(h.database.db, [
      { id: mine!.id, owner: 'me', now, leaseMs: 60_000 },
      { id: stolen!.id, owner: 'other', now, leaseMs: 60_000 },
    ]);
    const failed = {
      status: 'failed' as const,
      failureReason: 'not an admin',
      step: { name: 'failed', at: now.toISOString() },
    };
    const settled = await settleGrants(
      h.database.db,
      [
        { id: mine!.id, owner: 'me', settlement: granted(now) },
        { id: stolen!.id, owner: 'me', settlement: granted(now) },
        { id: fresh!.id, from: ['queued'], settlement: failed },
      ],
      now,
    );
    expect(settled.map((g) => g?.status)).toEqual(['granted', undefined, 'failed']);
    expect(settled[0]).toMatchObject({ leaseOwner: null, verifiedAt: now });
    expect(settled[0]?.steps.at(-1)?.name).toBe('grant_answered');
    expect(settled[2]).toMatchObject({ failureReason: 'not an admin', verifiedAt: null });
    expect(await findGrant(h.database.db, stolen!.id)).toMatchObject({
      status: 'running',
      leaseOwner: 'other',
    });
  });

  it('says in the grant.granted webhook whether an API verified it or a person confirmed it', async () => {
    await createWebhookEndpoint(h.database.db, h.grantDeps.keyring, h.agency.agency.id, null, {
      url: 'https://hooks.example/latchkey',
      eventTypes: ['grant.granted'],
    });
    const [read, confirmed] = await approvedGrants(2);
    const now = new Date();
    const deps = { database: h.database, platforms: h.grantDeps.platforms, now: () => now };
    await settleGrantsAndAdvance(deps, [
      { grantId: read!.id, from: ['queued'], settlement: granted(now) },
      {
        grantId: confirmed!.id,
        from: ['queued'],
        settlement: {
          status: 'granted',
          step: { name: 'client_confirmed', at: now.toISOString() },
        },
      },
    ]);
    const bodies = await h.database.db
      .selectFrom('webhook_deliveries')
      .select('body')
      .where('event_type', '=', 'grant.granted')
      .execute();
    const data = bodies.map((b) => (JSON.parse(b.body) as { data: Record<string, unknown> }).data);
    expect(data.find((d) => d.grant_id === read!.id)).toMatchObject({
      verified: true,
      confirmed_by: null,
    });
    expect(data.find((d) => d.grant_id === confirmed!.id)).toMatchObject({
      verified: false,
      confirmed_by: 'client',
    });
  });

  it('groups the claims of workers that start together into one flush', async () => {
    const grants = await approvedGrants(5);
    const deps: GrantDeps = { ...h.grantDeps };
    const statements: string[] = [];
    const db = h.database.db.withPlugin({
      transformQuery: (args) => {
        if (args.node.kind === 'RawNode') statements.push('raw');
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const batching = grantBatching({ ...deps, database: { db } });
    const now = new Date();
    const claimed = await Promise.all(
      grants.map((g, i) => batching.claim({ id: g.id, owner: `t:${i}`, now, leaseMs: 60_000 })),
    );
    expect(claimed.map((g) => g?.leaseOwner)).toEqual(grants.map((_, i) => `t:${i}`));
    expect(statements).toHaveLength(1);
  });
});
