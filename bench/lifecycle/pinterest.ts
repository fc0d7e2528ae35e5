/**
 * Pinterest's world for the lifecycle benchmark: each client business is partnered with the
 * agency's business and gives it ad accounts and a catalog at the grant's permissions. The
 * sandbox fails calls with Pinterest's 500. Drift: partner access removed, and permissions
 * lowered (analyst < campaign manager < admin; catalogs viewer < catalogs manager).
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  createPinterestConnector,
  pinterestSandboxBaseUrls,
} from '../../src/platforms/pinterest/connector.ts';
import {
  pinterestManifest,
  pinterestPermissionsByLevel,
  type PinterestAssetType,
} from '../../src/platforms/pinterest/manifest.ts';
import {
  startPinterestSandbox,
  type PinterestWorld,
} from '../../src/platforms/pinterest/sandbox/index.ts';
import type { BenchSeed, BenchWorld, Drift, PlatformBench } from './core.ts';

const APP = { clientId: '1490000000077', clientSecret: 'pinterest-bench-secret' };
const AGENCY = '1200000000000001';
const NORA = '1100000000000001';
const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(16 - prefix.length, '0')}`;
const levelsOf = (type: PinterestAssetType) => Object.keys(pinterestPermissionsByLevel[type]);

/** `perClient` assets per client: ad accounts, and a catalog last when perClient allows. */
function buildWorld(
  clients: number,
  perClient: number,
): { world: PinterestWorld; seeds: BenchSeed[] } {
  const world = {
    users: [
      { id: NORA, name: 'Nora Lindqvist', email: 'nora@northwind.example', username: 'nora' },
    ],
    businesses: [{ id: AGENCY, name: 'Northwind Media', username: 'northwind', admins: [NORA] }],
    assets: [] as PinterestWorld['assets'],
    partnerships: [] as NonNullable<PinterestWorld['partnerships']>,
    partnerAccess: [] as NonNullable<PinterestWorld['partnerAccess']>,
  };
  const seeds: BenchSeed[] = [];
  let serial = 1;
  for (let c = 0; c < clients; c += 1) {
    const admin = id('11', c + 10);
    const business = id('12', c + 10);
    world.users.push({
      id: admin,
      name: `Client ${c + 1} admin`,
      email: `admin${c + 1}@c.example`,
      username: `client${c + 1}admin`,
    });
    world.businesses.push({
      id: business,
      name: `Client ${c + 1}`,
      username: `client${c + 1}`,
      admins: [admin],
    });
    world.partnerships.push({ ownerBusinessId: business, partnerBusinessId: AGENCY });
    for (let a = 0; a < perClient; a += 1) {
      const type: PinterestAssetType =
        perClient >= 3 && a === perClient - 1 ? 'catalog' : 'ad_account';
      const assetId = id(type === 'catalog' ? '55' : '54', serial++);
      const levels = levelsOf(type);
      const level = levels[(c + a) % levels.length] ?? '';
      const name = `Client ${c + 1} ${type} ${a + 1}`;
      world.assets.push({
        id: assetId,
        type: type === 'catalog' ? 'CATALOG' : 'AD_ACCOUNT',
        name,
        ownerBusinessId: business,
      });
      world.partnerAccess.push({
        ownerBusinessId: business,
        partnerBusinessId: AGENCY,
        assetId,
        permissions: [...(pinterestPermissionsByLevel[type][level] ?? [])] as never,
      });
      seeds.push({ clientIndex: c, assetType: type, assetId, name, ownerId: business, level });
    }
  }
  return { world, seeds };
}

export const pinterestBench: PlatformBench = {
  id: 'pinterest',
  clients: 5,
  perClient: 4,
  async start({ clients, perClient, fetch }): Promise<BenchWorld> {
    const { world, seeds } = buildWorld(clients, perClient);
    const sandbox = await startPinterestSandbox({
      apps: [{ ...APP, redirectUris: ['http://127.0.0.1:3000/oauth/callback/pinterest'] }],
      world,
    });
    const model = sandbox.sandbox.model;
    const token = `pina_${randomBytes(24).toString('hex')}`;
    model.mutate(({ state, now }) => {
      state.tokens.push({
        hash: createHash('sha256').update(token).digest('hex'),
        kind: 'access',
        clientId: APP.clientId,
        userId: NORA,
        scopes: [...(pinterestManifest.oauth?.scopes ?? [])],
        expiresAt: now().getTime() + 86_400_000,
      });
    });
    const access = (assetId: string) =>
      model.state.partnerAccess.find(
        (p) => p.assetId === assetId && p.partnerBusinessId === AGENCY,
      );
    return {
      platform: createPinterestConnector({
        baseUrls: pinterestSandboxBaseUrls(sandbox.url),
        clientId: APP.clientId,
        clientSecret: APP.clientSecret,
        fetch,
      }),
      agency: { businessId: AGENCY, name: 'Northwind Media', token },
      seeds,
      setFaults: (faults) => sandbox.sandbox.setFaults(faults),
      injectDrift(random) {
        const drift = new Map<string, Drift>();
        let removals = 0;
        let downgrades = 0;
        model.mutate(({ state }) => {
          for (const seed of seeds) {
            const roll = random();
            const type = seed.assetType as PinterestAssetType;
            const levels = levelsOf(type);
            const level = levels.indexOf(seed.level);
            if (roll < 0.15) {
              removals += 1;
              state.partnerAccess = state.partnerAccess.filter(
                (p) => !(p.assetId === seed.assetId && p.partnerBusinessId === AGENCY),
              );
              drift.set(seed.assetId, { outcome: 'lost', level: null });
            } else if (roll < 0.3 && level > 0) {
              downgrades += 1;
              const lower = levels[Math.floor(random() * level)] ?? '';
              const held = state.partnerAccess.find(
                (p) => p.assetId === seed.assetId && p.partnerBusinessId === AGENCY,
              );
              if (held) held.permissions = [...(pinterestPermissionsByLevel[type][lower] ?? [])];
              drift.set(seed.assetId, { outcome: 'downgraded', level: lower });
            }
          }
        });
        return { injected: `${removals} partner access removed, ${downgrades} lowered`, drift };
      },
      reaches: (seed) => access(seed.assetId) !== undefined,
      close: () => sandbox.close(),
    };
  },
};
