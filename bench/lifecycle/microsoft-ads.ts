/**
 * Microsoft Advertising's world for the lifecycle benchmark: client ad accounts with an Active
 * client link to the agency's manager account (Nora, its super admin, holds the agency's token).
 * The sandbox fails calls with Microsoft Advertising's transient fault. A client link is one
 * level, so drift is the client ending links (Inactive), no downgrade.
 */
import {
  createMicrosoftAdsConnector,
  microsoftAdsSandboxBaseUrls,
} from '../../src/platforms/microsoft-ads/connector.ts';
import {
  startMicrosoftAdsSandbox,
  type MicrosoftAdsWorld,
} from '../../src/platforms/microsoft-ads/sandbox/index.ts';
import {
  issueTokens,
  LIVE_STATUSES,
  SUPER_ADMIN,
} from '../../src/platforms/microsoft-ads/sandbox/model.ts';
import { ADS_SCOPE } from '../../src/platforms/microsoft-ads/sandbox/oauth-routes.ts';
import type { BenchSeed, BenchWorld, Drift, PlatformBench } from './core.ts';

const APP = {
  clientId: '00000000-0000-4000-8000-00000000b0b0',
  clientSecret: 'microsoft-bench-secret',
  developerToken: 'BENCHDEVTOKEN',
};
const MANAGER = '310000001';
const NORA = '320000001';

/** `perClient` accounts per client customer, each linked Active to the manager. */
function buildWorld(
  clients: number,
  perClient: number,
): { world: MicrosoftAdsWorld; seeds: BenchSeed[] } {
  const world = {
    users: [{ id: NORA, name: 'Nora Lindqvist', email: 'nora@northwind-media.example' }],
    customers: [
      { id: MANAGER, name: 'Northwind Media', number: 'NW0001', manager: true },
    ] as MicrosoftAdsWorld['customers'],
    accounts: [] as MicrosoftAdsWorld['accounts'],
    roles: [
      { userId: NORA, customerId: MANAGER, roleId: SUPER_ADMIN },
    ] as MicrosoftAdsWorld['roles'],
    links: [] as NonNullable<MicrosoftAdsWorld['links']>,
  };
  const seeds: BenchSeed[] = [];
  for (let c = 0; c < clients; c += 1) {
    const customer = String(330_000_001 + c);
    const admin = String(340_000_001 + c);
    world.users.push({
      id: admin,
      name: `Client ${c + 1} admin`,
      email: `admin${c + 1}@c.example`,
    });
    world.customers.push({ id: customer, name: `Client ${c + 1}`, number: `C${c + 1}` });
    world.roles.push({ userId: admin, customerId: customer, roleId: SUPER_ADMIN });
    for (let a = 0; a < perClient; a += 1) {
      const account = String(350_000_000 + c * 1000 + a);
      const name = `Client ${c + 1} ads ${a + 1}`;
      world.accounts.push({ id: account, name, number: `A${account}`, customerId: customer });
      world.links.push({ clientAccountId: account, managingCustomerId: MANAGER, status: 'Active' });
      seeds.push({
        clientIndex: c,
        assetType: 'ad_account',
        assetId: account,
        name,
        ownerId: customer,
        level: 'client_link',
      });
    }
  }
  return { world, seeds };
}

export const microsoftAdsBench: PlatformBench = {
  id: 'microsoft_ads',
  clients: 5,
  perClient: 4,
  async start({ clients, perClient, fetch }): Promise<BenchWorld> {
    const { world, seeds } = buildWorld(clients, perClient);
    const sandbox = await startMicrosoftAdsSandbox({
      apps: [{ ...APP, redirectUris: ['http://127.0.0.1:3000/oauth/callback/microsoft_ads'] }],
      developerTokens: [APP.developerToken],
      world,
    });
    const model = sandbox.sandbox.model;
    const token = model.mutate(
      (ctx) => issueTokens(ctx, APP.clientId, NORA, `${ADS_SCOPE} offline_access`).access,
    );
    const live = (account: string) =>
      model.state.links.some(
        (l) =>
          l.clientAccountId === account &&
          l.managingCustomerId === MANAGER &&
          LIVE_STATUSES.includes(l.status),
      );
    return {
      platform: createMicrosoftAdsConnector({
        baseUrls: microsoftAdsSandboxBaseUrls(sandbox.url),
        clientId: APP.clientId,
        clientSecret: APP.clientSecret,
        developerToken: APP.developerToken,
        fetch,
      }),
      agency: { businessId: MANAGER, name: 'Northwind Media', token },
      seeds,
      setFaults: (faults) => sandbox.sandbox.setFaults(faults),
      injectDrift(random) {
        const drift = new Map<string, Drift>();
        model.mutate(({ state }) => {
          for (const seed of seeds) {
            if (random() >= 0.2) continue;
            for (const link of state.links)
              if (link.clientAccountId === seed.assetId && link.managingCustomerId === MANAGER)
                link.status = 'Inactive';
            drift.set(seed.assetId, { outcome: 'lost', level: null });
          }
        });
        return { injected: `${drift.size} client links ended by the client`, drift };
      },
      reaches: (seed) => live(seed.assetId),
      close: () => sandbox.close(),
    };
  },
};
