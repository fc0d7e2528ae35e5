/**
 * Meta's world for the lifecycle benchmark: client businesses sharing ad accounts, a pixel and a
 * catalog with the agency's business as a partner (CONFIRMED shares with the level's tasks), Nora
 * the agency business's admin holding the agency's token. The sandbox fails calls with Graph's
 * transient error (code 2, is_transient). Drift: partner shares removed, and shares cut to a
 * lower level's tasks (ad accounts and catalogs have three levels).
 */
import { createMetaConnector, metaSandboxBaseUrls } from '../../src/platforms/meta/connector.ts';
import { levelOf, metaTasks, type MetaLevel } from '../../src/platforms/meta/levels.ts';
import { startMetaSandbox, type MetaWorld } from '../../src/platforms/meta/sandbox/index.ts';
import { issueToken } from '../../src/platforms/meta/sandbox/model/oauth.ts';
import type { BenchSeed, BenchWorld, Drift, PlatformBench } from './core.ts';

const APP = {
  appId: '900000000000001',
  secret: 'meta-bench-secret',
  name: 'Latchkey bench',
  redirectUris: ['http://127.0.0.1:3000/oauth/callback/meta'],
  requireAppsecretProof: true,
};
const AGENCY = '200000000000010';
const NORA = '100000000000010';
const SCOPES = ['business_management', 'ads_management', 'catalog_management'];
const LEVELS: readonly MetaLevel[] = ['view_only', 'partial', 'full_control'];
const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(15 - prefix.length, '0')}`;
type SharedType = 'ad_account' | 'pixel' | 'catalog';

/** `perClient` assets per client: ad accounts, then a pixel and a catalog when perClient allows. */
function buildWorld(clients: number, perClient: number): { world: MetaWorld; seeds: BenchSeed[] } {
  const world = {
    users: [{ id: NORA, name: 'Nora Lindqvist', email: 'nora@northwind-media.example' }],
    businesses: [{ id: AGENCY, name: 'Northwind Media', admins: [NORA] }],
    assets: [] as MetaWorld['assets'],
    shares: [] as NonNullable<MetaWorld['shares']>,
  };
  const seeds: BenchSeed[] = [];
  let serial = 1;
  for (let c = 0; c < clients; c += 1) {
    const admin = id('11', c + 1);
    const business = id('21', c + 1);
    world.users.push({
      id: admin,
      name: `Client ${c + 1} admin`,
      email: `admin${c + 1}@c.example`,
    });
    world.businesses.push({ id: business, name: `Client ${c + 1}`, admins: [admin] });
    for (let a = 0; a < perClient; a += 1) {
      const kind: SharedType =
        perClient >= 4 && a === perClient - 1
          ? 'catalog'
          : perClient >= 4 && a === perClient - 2
            ? 'pixel'
            : 'ad_account';
      const raw = id(kind === 'ad_account' ? '3' : kind === 'pixel' ? '5' : '6', serial++);
      const level = LEVELS[(c + a) % LEVELS.length] ?? 'view_only';
      const name = `Client ${c + 1} ${kind} ${a + 1}`;
      world.assets.push({ id: raw, kind, name, ownerBusinessId: business });
      world.shares.push({
        assetId: raw,
        partnerBusinessId: AGENCY,
        tasks: [...metaTasks[kind][level]],
      });
      const assetId = kind === 'ad_account' ? `act_${raw}` : raw;
      seeds.push({ clientIndex: c, assetType: kind, assetId, name, ownerId: business, level });
    }
  }
  return { world, seeds };
}

const rawId = (assetId: string) => assetId.replace(/^act_/, '');

export const metaBench: PlatformBench = {
  id: 'meta',
  clients: 5,
  perClient: 4,
  async start({ clients, perClient, fetch }): Promise<BenchWorld> {
    const { world, seeds } = buildWorld(clients, perClient);
    const sandbox = await startMetaSandbox({ apps: [APP], world });
    const model = sandbox.sandbox.model;
    const token = model.mutate(
      (ctx) =>
        issueToken(ctx, {
          type: 'USER',
          appId: APP.appId,
          userId: NORA,
          pageId: null,
          scopes: SCOPES,
        }).token,
    );
    const share = (assetId: string) =>
      model.state.shares.find(
        (s) => s.assetId === rawId(assetId) && s.partnerBusinessId === AGENCY,
      );
    return {
      platform: createMetaConnector({
        baseUrls: metaSandboxBaseUrls(sandbox.url),
        appId: APP.appId,
        appSecret: APP.secret,
        graphVersion: 'v25.0',
        fetch,
      }),
      agency: { businessId: AGENCY, name: 'Northwind Media', token },
      seeds,
      setFaults: (faults) => sandbox.sandbox.setFaults(faults),
      injectDrift(random) {
        const drift = new Map<string, Drift>();
        let removals = 0;
        let downgrades = 0;
        model.mutate((ctx) => {
          for (const seed of seeds) {
            const roll = random();
            const level = LEVELS.indexOf(seed.level as MetaLevel);
            if (roll < 0.15) {
              removals += 1;
              ctx.state.shares = ctx.state.shares.filter(
                (s) => !(s.assetId === rawId(seed.assetId) && s.partnerBusinessId === AGENCY),
              );
              drift.set(seed.assetId, { outcome: 'lost', level: null });
            } else if (roll < 0.3 && level > 0) {
              downgrades += 1;
              const lower = LEVELS[Math.floor(random() * level)] ?? 'view_only';
              const row = ctx.state.shares.find(
                (s) => s.assetId === rawId(seed.assetId) && s.partnerBusinessId === AGENCY,
              );
              if (row) row.tasks = [...metaTasks[seed.assetType as SharedType][lower]];
              drift.set(seed.assetId, {
                outcome: 'downgraded',
                level: levelOf(seed.assetType, row?.tasks ?? []) ?? null,
              });
            }
          }
        });
        return { injected: `${removals} partner shares removed, ${downgrades} downgrades`, drift };
      },
      reaches: (seed) => share(seed.assetId) !== undefined,
      close: () => sandbox.close(),
    };
  },
};
