import { afterEach, describe, expect, it } from 'vitest';
import { buildOffboardingPlan, startOffboarding } from '../../../src/jobs/offboard-plan.ts';
import { runOffboarding } from '../../../src/jobs/offboard.ts';
import { PlatformError } from '../../../src/platforms/errors.ts';
import { adminDeleteAssets } from '../../../src/platforms/tiktok/sandbox/model/assets.ts';
import type { Platform } from '../../../src/platforms/types.ts';
import { findOffboarding, listOffboardingSteps } from '../../../src/store/offboardings.ts';
import { AGENCY_ADMIN, AGENCY_BC } from '../../support/lifecycle-world.ts';
import { createLifecycleHarness, type LifecycleHarness } from '../../support/lifecycle.ts';
import { control, countCalls } from '../../support/onboarding.ts';

let h: LifecycleHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Whether the agency BC still reaches the asset, read back through the sandbox's control API. */
async function agencyReaches(harness: LifecycleHarness, assetId: string): Promise<boolean> {
  const data = (await control(harness.sandbox, `effective-access?asset_id=${assetId}`)) as
    { bcId: string }[] | { list: { bcId: string }[] };
  const list = Array.isArray(data) ? data : data.list;
  return list.some((path) => path.bcId === AGENCY_BC);
}

const system = { kind: 'system' as const, id: null };

describe('offboarding', () => {
  it('plans, removes exactly what Latchkey granted, verifies, keeps the rest, and reruns idempotently', async () => {
    h = await createLifecycleHarness({ clients: 2, perClient: 6 });
    const [client1, client2] = h.clients;
    if (!client1 || !client2) throw new Error('two clients expected');
    const target = { agencyId: h.agency.agency.id, clientId: client1.clientId };
    const { plan } = await buildOffboardingPlan(h.deps, target);
    expect(plan.steps.filter((s) => s.action === 'revoke')).toHaveLength(6);
    expect(plan.steps.every((s) => s.action === 'keep' || s.scope === 'asset')).toBe(true);
    const kept = plan.steps.filter((s) => s.action === 'keep');
    expect(kept.map((s) => s.assetId)).toEqual([h.world.notGranted[0]?.assetId]);
    expect(plan.notes.join(' ')).toMatch(/never removes access it did not grant/);
    expect(plan.notes.join(' ')).toMatch(/never removes a whole partner/);

    const { offboarding } = await startOffboarding(h.deps, {
      ...target,
      reason: 'manual',
      actor: system,
      createdBy: null,
    });
    await runOffboarding(h.deps, offboarding.id);
    expect((await findOffboarding(h.database.db, offboarding.id))?.status).toBe('completed');
    const steps = await listOffboardingSteps(h.database.db, offboarding.id);
    expect(steps.filter((s) => s.action === 'revoke').every((s) => s.verified === 'gone')).toBe(
      true,
    );
    for (const g of client1.grants) expect(await agencyReaches(h, g.seed.assetId)).toBe(false);
    expect(await agencyReaches(h, h.world.notGranted[0]?.assetId ?? '')).toBe(true);
    for (const g of client2.grants) expect(await agencyReaches(h, g.seed.assetId)).toBe(true);
    const grants = await h.database.db
      .selectFrom('grants')
      .select('status')
      .where(
        'id',
        'in',
        client1.grants.map((g) => g.grantId),
      )
      .execute();
    expect(grants.every((g) => g.status === 'revoked')).toBe(true);
    const audit = await h.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', offboarding.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'offboarding.completed',
      'offboarding.started',
    ]);

    // One removal call per asset type (the three ad accounts go in one), none per asset read.
    const deletes = await countCalls(h.sandbox, 'bc/asset/admin/delete/');
    expect(deletes).toBe(4);
    await runOffboarding(h.deps, offboarding.id);
    expect(await countCalls(h.sandbox, 'bc/asset/admin/delete/')).toBe(deletes);
    expect((await findOffboarding(h.database.db, offboarding.id))?.status).toBe('completed');
  });

  it('turns a refused removal into the exact manual step, verified once a person does it', async () => {
    h = await createLifecycleHarness({ clients: 1, perClient: 6 });
    const real = h.deps.platforms.tiktok as Platform;
    const refusal = new PlatformError('permission', 'Only the owner can unshare a pixel', '40001');
    const refusing: Platform = {
      ...real,
      revokeAccess: async (input) => {
        if (input.asset.type === 'pixel') throw refusal;
        return real.revokeAccess(input);
      },
      // The batched removal refuses pixels the same way (one result per asset).
      revokeAssets: async (input) => {
        if (input.assetType === 'pixel') {
          return input.assetIds.map((assetId) => ({ assetId, error: refusal }));
        }
        return real.revokeAssets?.(input) ?? [];
      },
    };
    const deps = { ...h.deps, platforms: { tiktok: refusing } };
    const client = h.clients[0];
    const pixel = client?.grants.find((g) => g.seed.assetType === 'pixel');
    if (!client || !pixel) throw new Error('a pixel grant expected');
    const { offboarding } = await startOffboarding(deps, {
      agencyId: h.agency.agency.id,
      clientId: client.clientId,
      reason: 'manual',
      actor: system,
      createdBy: null,
    });
    await runOffboarding(deps, offboarding.id);
    expect((await findOffboarding(h.database.db, offboarding.id))?.status).toBe('needs_attention');
    const step = (await listOffboardingSteps(h.database.db, offboarding.id)).find(
      (s) => s.assetId === pixel.seed.assetId,
    );
    expect(step).toMatchObject({ status: 'manual_pending', verified: 'still_present' });
    const manual = step?.manualStep as { instructions: string[]; verification: string };
    expect(manual.instructions.join(' ')).toContain(pixel.seed.assetId);
    expect(manual.verification).toMatch(/reads the agency's access/);

    h.sandbox.sandbox.model.mutate((ctx) =>
      adminDeleteAssets(ctx, AGENCY_ADMIN, {
        bcId: AGENCY_BC,
        assetType: 'PIXEL',
        assetIds: [pixel.seed.assetId],
      }),
    );
    await runOffboarding(deps, offboarding.id);
    expect((await findOffboarding(h.database.db, offboarding.id))?.status).toBe('completed');
    expect(await agencyReaches(h, pixel.seed.assetId)).toBe(false);
  });
});
