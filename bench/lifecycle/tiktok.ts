/**
 * TikTok's world for the lifecycle benchmark: client BCs sharing advertisers, pixels, catalogs and
 * TikTok accounts with the agency BC (test/support/lifecycle-world.ts), the sandbox failing calls
 * with TikTok's transient 51060/50000. Drift: whole-partner removals, single removals, advertiser
 * downgrades. TikTok also gives the fewest calls a sweep or an offboarding could make (#16).
 */
import { createTikTokConnector, sandboxBaseUrls } from '../../src/platforms/tiktok/connector.ts';
import { tiktokManifest } from '../../src/platforms/tiktok/manifest.ts';
import { unbindHolding } from '../../src/platforms/tiktok/sandbox/model/holdings.ts';
import {
  addPartner,
  deletePartner,
  deletePartnerAssets,
} from '../../src/platforms/tiktok/sandbox/model/partners.ts';
import {
  AGENCY_BC,
  buildLifecycleWorld,
  type SeedGrant,
} from '../../test/support/lifecycle-world.ts';
import { mintAgencyToken } from '../../test/support/lifecycle.ts';
import { APP, startSandboxServer } from '../../test/support/onboarding.ts';
import type { BenchWorld, Drift, PlatformBench } from './core.ts';

const keyOf = { advertiser: 'ADVERTISER', pixel: 'PIXEL', catalog: 'CATALOG' } as const;
const levelsOf = (type: string) =>
  tiktokManifest.assetTypes.find((t) => t.id === type)?.levels.map((l): string => l.id) ?? [];

export const tiktokBench: PlatformBench<SeedGrant> = {
  id: 'tiktok',
  clients: 20,
  perClient: 10,
  async start({ clients, perClient, fetch: limited }): Promise<BenchWorld<SeedGrant>> {
    const sandbox = await startSandboxServer();
    const world = buildLifecycleWorld(clients, perClient);
    sandbox.sandbox.loadWorld(world.world);
    const token = mintAgencyToken(sandbox.sandbox);
    const model = sandbox.sandbox.model;
    const held = (assetId: string) =>
      model.state.holdings.find(
        (h) => h.bcId === AGENCY_BC && h.assetId === assetId && h.status === 'BOUND',
      );

    /** Page 1's total_page per type (at least 1), read straight from the sandbox, uncounted. */
    const pagesNow = async (types: readonly string[]): Promise<number> => {
      let pages = 0;
      for (const type of new Set(types)) {
        const url = new URL(`${sandbox.base}/open_api/v1.3/bc/asset/admin/get/`);
        url.search = new URLSearchParams({
          bc_id: AGENCY_BC,
          asset_type: keyOf[type as keyof typeof keyOf] ?? 'TT_ACCOUNT',
          page: '1',
          page_size: '50',
        }).toString();
        for (;;) {
          const body = (await (
            await fetch(url, { headers: { 'Access-Token': token } })
          ).json()) as { code: number; data?: { page_info?: { total_page?: number } } };
          if (body.code !== 0) continue; // a transient fault of the sandbox: ask again
          pages += Math.max(1, body.data?.page_info?.total_page ?? 1);
          break;
        }
      }
      return pages;
    };

    /** What the model says a grant reads as now. */
    const expected = (g: SeedGrant): Drift | null => {
      const holding = held(g.assetId);
      if (!holding) return { outcome: 'lost', level: null };
      if (g.assetType !== 'advertiser' && g.assetType !== 'catalog') return null;
      const levels = levelsOf(g.assetType);
      const found = holding.roles[0] ?? '';
      return levels.indexOf(found) < levels.indexOf(g.level)
        ? { outcome: 'downgraded', level: found }
        : null;
    };

    return {
      platform: createTikTokConnector({
        baseUrls: sandboxBaseUrls(sandbox.base),
        appId: APP.appId,
        appSecret: APP.secret,
        fetch: limited,
      }),
      agency: { businessId: AGENCY_BC, name: 'Northwind Media', token },
      seeds: world.grants,
      setFaults: (faults) => sandbox.sandbox.setFaults(faults),
      injectDrift(random) {
        const partnerRemovals = new Set([
          Math.floor(random() * clients),
          Math.floor(random() * clients),
        ]);
        let removals = 0;
        let downgrades = 0;
        model.mutate((ctx) => {
          for (const c of partnerRemovals) {
            deletePartner(ctx, world.clientAdmins[c] ?? '', {
              bcId: world.clientBcs[c] ?? '',
              partnerId: AGENCY_BC,
            });
          }
          for (const g of world.grants) {
            if (partnerRemovals.has(g.clientIndex)) continue;
            const roll = random();
            if (roll < 0.08) {
              removals += 1;
              if (g.assetType === 'tiktok_account') unbindHolding(ctx, AGENCY_BC, g.assetId);
              else
                deletePartnerAssets(ctx, world.clientAdmins[g.clientIndex] ?? '', {
                  bcId: g.ownerId,
                  partnerId: AGENCY_BC,
                  assetType: keyOf[g.assetType],
                  assetIds: [g.assetId],
                });
            } else if (roll < 0.16 && g.assetType === 'advertiser' && g.level !== 'ANALYST') {
              downgrades += 1;
              addPartner(ctx, world.clientAdmins[g.clientIndex] ?? '', {
                bcId: g.ownerId,
                partnerRef: AGENCY_BC,
                assetType: 'ADVERTISER',
                assetIds: [g.assetId],
                roles: [g.level === 'ADMIN' && random() < 0.5 ? 'OPERATOR' : 'ANALYST'],
              });
            }
          }
        });
        const drift = new Map<string, Drift>();
        for (const g of world.grants) {
          const want = expected(g);
          if (want) drift.set(g.assetId, want);
        }
        return {
          injected: `${partnerRemovals.size} whole-partner removals, ${removals} single removals, ${downgrades} downgrades`,
          drift,
        };
      },
      reaches: (g) => model.effectiveAccess(g.assetId).some((p) => p.bcId === AGENCY_BC),
      pagesNow,
      fewestRemovals(of) {
        let calls = 0;
        for (const type of new Set(of.map((g) => g.assetType))) {
          const count = of.filter((g) => g.assetType === type && held(g.assetId)).length;
          calls += Math.ceil(count / 50);
        }
        return calls;
      },
      close: () => sandbox.close(),
    };
  },
};
