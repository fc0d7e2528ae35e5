/**
 * Property: over random sandbox worlds, the explainer's answer (GET /api/v1/assets/{id}/access)
 * equals the sandbox model's ground truth `effectiveAccess`, restricted to the agency's Business
 * Center (what the agency's own connection can read), for every asset of the world. TikTok does
 * not return "Deliver ads" on TikTok accounts, so it is left out of both sides.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TikTokWorld } from '../../../src/platforms/tiktok/sandbox/index.ts';
import type { App } from '../../../src/server/app.ts';
import { saveAgencyConnection } from '../../../src/store/platform-connections.ts';
import { Secret } from '../../../src/store/secrets.ts';
import { buildLifecycleApp, call } from '../../support/lifecycle-app.ts';
import { AGENCY_ADMIN, AGENCY_BC } from '../../support/lifecycle-world.ts';
import {
  agencyToken,
  createLifecycleHarness,
  type LifecycleHarness,
} from '../../support/lifecycle.ts';

let h: LifecycleHarness;
let app: App;
beforeAll(async () => {
  h = await createLifecycleHarness({ clients: 1, perClient: 1 });
  app = await buildLifecycleApp(h);
});
afterAll(async () => {
  await app.close();
  await h.close();
});

const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(19 - prefix.length, '0')}`;
const RIVAL_BC = id('7290', 1);
const typeIds = {
  ADVERTISER: 'advertiser',
  PIXEL: 'pixel',
  CATALOG: 'catalog',
  TT_ACCOUNT: 'tiktok_account',
} as const;
type Key = keyof typeof typeIds;
const rolesFor = (key: Key): fc.Arbitrary<string[]> => {
  switch (key) {
    case 'ADVERTISER':
      return fc.constantFrom(['ADMIN'], ['OPERATOR'], ['ANALYST']);
    case 'CATALOG':
      return fc.constantFrom(['ADMIN'], ['AD_PROMOTE']);
    case 'PIXEL':
      return fc.constant([]);
    case 'TT_ACCOUNT':
      return fc.subarray(['AD_DELIVERY', 'POST', 'LIVE', 'DIRECT_MESSAGE'], { minLength: 1 });
  }
};

interface Spec {
  agencyMembers: ('ADMIN' | 'STANDARD')[];
  owners: { assets: Key[] }[];
  shares: {
    asset: number;
    roles: fc.Arbitrary<string[]> extends fc.Arbitrary<infer R> ? R : never;
    toRival: boolean;
    toAgency: boolean;
  }[];
  linkAgency: boolean[];
  assignments: { member: number; asset: number; roles: string[] }[];
}

const specArb: fc.Arbitrary<Spec> = fc
  .record({
    agencyMembers: fc.array(fc.constantFrom('ADMIN' as const, 'STANDARD' as const), {
      maxLength: 3,
    }),
    owners: fc.array(
      fc.record({
        assets: fc.array(
          fc.constantFrom<Key>('ADVERTISER', 'ADVERTISER', 'PIXEL', 'CATALOG', 'TT_ACCOUNT'),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .chain((base) => {
    const assets = base.owners.flatMap((o) => o.assets);
    const standard = base.agencyMembers.length;
    return fc.record({
      agencyMembers: fc.constant(base.agencyMembers),
      owners: fc.constant(base.owners),
      shares: fc.tuple(
        ...assets.map((key, asset) =>
          fc.record({
            asset: fc.constant(asset),
            roles: rolesFor(key),
            toRival: fc.boolean(),
            toAgency: fc.boolean(),
          }),
        ),
      ),
      linkAgency: fc.array(fc.boolean(), { minLength: assets.length, maxLength: assets.length }),
      assignments:
        standard === 0
          ? fc.constant([])
          : fc.array(
              fc.integer({ min: 0, max: assets.length - 1 }).chain((asset) =>
                fc.record({
                  member: fc.integer({ min: 0, max: standard - 1 }),
                  asset: fc.constant(asset),
                  roles: rolesFor(assets[asset] ?? 'PIXEL'),
                }),
              ),
              { maxLength: 6 },
            ),
    });
  });

function worldOf(spec: Spec): { world: TikTokWorld; assets: { id: string; key: Key }[] } {
  const users: TikTokWorld['users'] = [
    { userId: AGENCY_ADMIN, email: 'nora@northwind-media.example', name: 'Nora Lindqvist' },
    { userId: id('7190', 1), email: 'rita@rival.example', name: 'Rita Rival' },
  ];
  const businessCenters: TikTokWorld['businessCenters'] = [
    { bcId: AGENCY_BC, name: 'Northwind Media', company: 'Northwind', type: 'AGENCY' },
    { bcId: RIVAL_BC, name: 'Rival Media', company: 'Rival', type: 'AGENCY' },
  ];
  const members: TikTokWorld['members'] = [
    { bcId: AGENCY_BC, userId: AGENCY_ADMIN, userRole: 'ADMIN', financeRole: null },
    { bcId: RIVAL_BC, userId: id('7190', 1), userRole: 'ADMIN', financeRole: null },
  ];
  spec.agencyMembers.forEach((role, i) => {
    const userId = id('7180', i + 1);
    users.push({ userId, email: `m${i + 1}@northwind-media.example`, name: `Member ${i + 1}` });
    members.push({
      bcId: AGENCY_BC,
      userId,
      userRole: role,
      financeRole: i === 0 ? 'ANALYST' : null,
    });
  });
  const world = {
    advertisers: [] as NonNullable<TikTokWorld['advertisers']>,
    pixels: [] as NonNullable<TikTokWorld['pixels']>,
    catalogs: [] as NonNullable<TikTokWorld['catalogs']>,
    tiktokAccounts: [] as NonNullable<TikTokWorld['tiktokAccounts']>,
    partners: [] as NonNullable<TikTokWorld['partners']>,
    assignments: [] as NonNullable<TikTokWorld['assignments']>,
  };
  const assets: { id: string; key: Key; owner: string; ownerUser: string }[] = [];
  let n = 0;
  spec.owners.forEach((owner, o) => {
    const bcId = id('7280', o + 1);
    const adminId = id('7170', o + 1);
    users.push({ userId: adminId, email: `owner${o + 1}@client.example`, name: `Owner ${o + 1}` });
    businessCenters.push({ bcId, name: `Client ${o + 1}`, company: `Client ${o + 1}` });
    members.push({ bcId, userId: adminId, userRole: 'ADMIN', financeRole: null });
    for (const key of owner.assets) {
      n += 1;
      assets.push({
        id: id(
          key === 'ADVERTISER' ? '73' : key === 'PIXEL' ? '75' : key === 'CATALOG' ? '76' : '74',
          n,
        ),
        key,
        owner: bcId,
        ownerUser: adminId,
      });
    }
  });
  assets.forEach((asset, i) => {
    const name = `Asset ${i + 1}`;
    if (asset.key === 'ADVERTISER')
      world.advertisers.push({ advertiserId: asset.id, name, ownerBcId: asset.owner });
    if (asset.key === 'PIXEL')
      world.pixels.push({ pixelId: asset.id, pixelCode: `P${i}`, name, ownerBcId: asset.owner });
    if (asset.key === 'CATALOG')
      world.catalogs.push({ catalogId: asset.id, name, ownerBcId: asset.owner });
    if (asset.key === 'TT_ACCOUNT') {
      world.tiktokAccounts.push({
        accountId: asset.id,
        name: `@asset${i + 1}`,
        ownerUserId: asset.ownerUser,
        linkedBcIds: [asset.owner, ...(spec.linkAgency[i] ? [AGENCY_BC] : [])],
        sharingAllowed: true,
      });
    }
  });
  for (const [o] of spec.owners.entries()) {
    const bcId = id('7280', o + 1);
    for (const partner of [AGENCY_BC, RIVAL_BC]) {
      const shares = spec.shares
        .filter(
          (s) =>
            assets[s.asset]?.owner === bcId && (partner === AGENCY_BC ? s.toAgency : s.toRival),
        )
        .filter(
          (s) =>
            !(
              partner === AGENCY_BC &&
              assets[s.asset]?.key === 'TT_ACCOUNT' &&
              spec.linkAgency[s.asset]
            ),
        )
        .map((s) => ({ assetId: assets[s.asset]?.id ?? '', roles: s.roles }));
      if (shares.length)
        world.partners.push({ bcId, partnerBcId: partner, primaryMediaAgency: false, shares });
    }
  }
  for (const a of spec.assignments) {
    world.assignments.push({
      bcId: AGENCY_BC,
      userId: id('7180', a.member + 1),
      assetId: assets[a.asset]?.id ?? '',
      roles: a.roles,
    });
  }
  return { world: { users, businessCenters, members, ...world }, assets };
}

const relation = {
  OWNER_PARTNER: 'partner_share',
  OWNER_INDIVIDUAL: 'individual_link',
  OWNER_BC: 'owner',
} as const;

it('the explainer equals the sandbox ground truth for every asset of random worlds', async () => {
  await fc.assert(
    fc.asyncProperty(specArb, async (spec) => {
      const { world, assets } = worldOf(spec);
      const sandbox = h.sandbox.sandbox;
      sandbox.loadWorld(world);
      await saveAgencyConnection(h.database.db, h.keyring, {
        agencyId: h.agency.agency.id,
        platform: 'tiktok',
        tokens: { accessToken: new Secret(agencyToken(h)), scopes: [] },
        now: new Date(),
      });
      await h.database.db
        .updateTable('platform_connections')
        .set({ business_id: AGENCY_BC, business_name: 'Northwind Media' })
        .where('agency_id', '=', h.agency.agency.id)
        .execute();
      const bcName = (bcId: string | null) =>
        world.businessCenters.find((b) => b.bcId === bcId)?.name ?? null;
      for (const asset of assets) {
        const res = await call(
          app,
          h,
          'GET',
          `/api/v1/assets/${asset.id}/access?platform=tiktok&type=${typeIds[asset.key]}`,
        );
        expect(res.statusCode).toBe(200);
        const answer = res
          .json<{
            paths: {
              person: { id: string };
              business: { id: string; relation: string; sourceName: string | null };
              reason: string;
              levels: string[];
            }[];
          }>()
          .paths.map((p) => ({
            user: p.person.id,
            bc: p.business.id,
            relation: p.business.relation,
            source: p.business.sourceName,
            reason: p.reason,
            levels: [...p.levels].sort(),
          }));
        const truth = sandbox.model
          .effectiveAccess(asset.id)
          .filter((p) => p.bcId === AGENCY_BC)
          .map((p) => ({
            user: p.userId,
            bc: p.bcId,
            relation: relation[p.via],
            // The API names no sharing business for TikTok accounts (owner_bc_name is null).
            source:
              p.via === 'OWNER_BC' || asset.key === 'TT_ACCOUNT' ? null : bcName(p.sourceBcId),
            reason: p.reason === 'bc_admin' ? 'business_admin' : 'asset_assignment',
            levels: p.roles
              .filter((r) => !(asset.key === 'TT_ACCOUNT' && r === 'AD_DELIVERY'))
              .sort(),
          }))
          .sort((a, b) => a.user.localeCompare(b.user));
        expect(answer).toEqual(truth);
      }
    }),
    { numRuns: 100 },
  );
}, 180_000);
