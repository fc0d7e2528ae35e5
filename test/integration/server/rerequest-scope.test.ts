import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeGrant } from '../../../src/jobs/execute-grant.ts';
import { deletePartnerAssets } from '../../../src/platforms/tiktok/sandbox/model/partners.ts';
import type { Platform } from '../../../src/platforms/types.ts';
import type { App } from '../../../src/server/app.ts';
import { buildLifecycleApp, call } from '../../support/lifecycle-app.ts';
import { AGENCY_BC } from '../../support/lifecycle-world.ts';
import {
  agencyToken,
  createLifecycleHarness,
  type LifecycleHarness,
} from '../../support/lifecycle.ts';
import { connectClient } from '../../support/onboarding.ts';

let h: LifecycleHarness;
let app: App;
beforeAll(async () => {
  // One client, three advertisers granted at ANALYST, OPERATOR and ADMIN, one shared by hand.
  h = await createLifecycleHarness({ clients: 1, perClient: 3 });
  app = await buildLifecycleApp(h);
});
afterAll(async () => {
  await app.close();
  await h.close();
});

const seeds = () => h.clients[0]?.grants.map((g) => g.seed) ?? [];

describe('re-request scope', () => {
  it('offers and grants exactly the lost assets at their old levels, and refuses any other', async () => {
    const [analyst, operator, admin] = seeds();
    if (!analyst || !operator || !admin) throw new Error('three seeds expected');
    const clientAdmin = h.world.clientAdmins[0] ?? '';
    h.sandbox.sandbox.model.mutate((ctx) =>
      deletePartnerAssets(ctx, clientAdmin, {
        bcId: analyst.ownerId,
        partnerId: AGENCY_BC,
        assetType: 'ADVERTISER',
        assetIds: [analyst.assetId, operator.assetId],
      }),
    );
    const sweep = await call(app, h, 'POST', '/api/v1/verifications', { wait: true });
    expect(sweep.json().run.summary).toMatchObject({ holds: 1, lost: 2 });
    const alert = (await call(app, h, 'GET', '/api/v1/drift-alerts')).json().alerts[0] as {
      id: string;
    };
    const made = await call(app, h, 'POST', `/api/v1/drift-alerts/${alert.id}/rerequest`);
    expect(made.statusCode).toBe(201);
    const token = (made.json().link.url as string).split('/l/')[1] ?? '';
    const kept = h.world.notGranted[0]?.assetId ?? '';

    const callback = await connectClient(h, token, clientAdmin, {
      advertiserIds: [analyst.assetId, operator.assetId, admin.assetId, kept],
    });
    expect(callback.statusCode).toBe(303);
    const listing = await app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${token}/assets/tiktok`,
    });
    expect(listing.statusCode).toBe(200);
    const assets = listing.json().assets as { id: string; blocked?: { code: string } }[];
    const open = assets.filter((a) => !a.blocked).map((a) => a.id);
    expect(open.sort()).toEqual([analyst.assetId, operator.assetId].sort());
    for (const other of [admin.assetId, kept]) {
      expect(assets.find((a) => a.id === other)?.blocked?.code).toBe('not_in_this_request');
    }

    const approve = (ids: string[]) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/onboarding/${token}/approve`,
        payload: {
          selections: ids.map((assetId) => ({
            platform: 'tiktok',
            assetType: 'advertiser',
            assetId,
          })),
        },
      });
    for (const other of [admin.assetId, kept]) {
      const refused = await approve([analyst.assetId, other]);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.details).toMatchObject({
        reason: 'not_in_this_request',
        problems: [{ index: 1 }],
      });
    }
    expect(await h.database.db.selectFrom('grants').select('id').execute()).toHaveLength(3);

    const approved = await approve([analyst.assetId, operator.assetId]);
    expect(approved.statusCode).toBe(202);
    const grants = approved.json().grants as {
      id: string;
      assetId: string;
      permissionLevel: string;
    }[];
    expect(Object.fromEntries(grants.map((g) => [g.assetId, g.permissionLevel]))).toEqual({
      [analyst.assetId]: 'ANALYST',
      [operator.assetId]: 'OPERATOR',
    });

    for (const grant of grants) await executeGrant(h.grantDeps, grant.id);
    const tiktok = h.deps.platforms.tiktok as Platform;
    const agency = { businessId: AGENCY_BC, accessToken: agencyToken(h) };
    for (const seed of [analyst, operator]) {
      const reading = await tiktok.readAccess({
        agency,
        asset: { type: 'advertiser', id: seed.assetId, ownerId: seed.ownerId },
      });
      expect(reading).toMatchObject({ level: seed.level });
      expect(reading.kind).not.toBe('lost');
    }
  });
});
