/**
 * Google Ads' world for the lifecycle benchmark: client accounts linked ACTIVE under the agency's
 * manager account (its admin, Nora, holds the agency's token). The sandbox fails calls with
 * Google's 503 UNAVAILABLE. Google Ads has one level (the manager link), so drift is the client
 * ending links (INACTIVE), no downgrade.
 */
import { randomBytes } from 'node:crypto';
import { createGoogleAdsConnector } from '../../src/platforms/google-ads/connector.ts';
import { googleAdsManifest } from '../../src/platforms/google-ads/manifest.ts';
import { googleConnectorConfigs } from '../../src/platforms/google/configs.ts';
import { startGoogleSandbox, type GoogleWorld } from '../../src/platforms/google/sandbox/index.ts';
import { hashSecret } from '../../src/platforms/google/sandbox/model/ids.ts';
import type { BenchSeed, BenchWorld, Drift, PlatformBench } from './core.ts';

const APP = {
  clientId: 'latchkey-bench.apps.googleusercontent.com',
  clientSecret: 'google-bench-secret',
  developerToken: 'bench-dev-token',
};
const MANAGER = '9000000001';
const NORA = 'nora@northwind-media.example';

/** `perClient` client accounts per client, each linked ACTIVE under the manager. */
function buildWorld(
  clients: number,
  perClient: number,
): { world: GoogleWorld; seeds: BenchSeed[] } {
  const customers: NonNullable<GoogleWorld['ads']>['customers'] = [
    { customerId: MANAGER, descriptiveName: 'Northwind Media MCC', manager: true },
  ];
  const access: NonNullable<GoogleWorld['ads']>['access'] = [
    { email: NORA, customerId: MANAGER, role: 'ADMIN' },
  ];
  const links: NonNullable<GoogleWorld['ads']>['links'] = [];
  const users = [{ email: NORA, name: 'Nora Lindqvist' }];
  const seeds: BenchSeed[] = [];
  for (let c = 0; c < clients; c += 1) {
    const admin = `admin${c + 1}@client${c + 1}.example`;
    users.push({ email: admin, name: `Client ${c + 1} admin` });
    for (let a = 0; a < perClient; a += 1) {
      const customerId = String(5_000_000_000 + c * 1000 + a);
      const name = `Client ${c + 1} ads ${a + 1}`;
      customers.push({ customerId, descriptiveName: name });
      access.push({ email: admin, customerId, role: 'ADMIN' });
      links.push({ managerId: MANAGER, clientId: customerId, status: 'ACTIVE' });
      seeds.push({
        clientIndex: c,
        assetType: 'ad_account',
        assetId: customerId,
        name,
        ownerId: customerId,
        level: 'manager_link',
      });
    }
  }
  return { world: { users, ads: { customers, access, links } }, seeds };
}

export const googleAdsBench: PlatformBench = {
  id: 'google_ads',
  clients: 5,
  perClient: 4,
  async start({ clients, perClient, fetch }): Promise<BenchWorld> {
    const { world, seeds } = buildWorld(clients, perClient);
    const sandbox = await startGoogleSandbox({
      apps: [{ ...APP, redirectUris: ['http://127.0.0.1:3000/oauth/callback/google'] }],
      developerTokens: [APP.developerToken],
      world,
    });
    const model = sandbox.model;
    const token = `ya29.${randomBytes(24).toString('base64url')}`;
    model.mutate(({ state, now }) => {
      state.tokens.push({
        tokenHash: hashSecret(token),
        kind: 'access',
        grantId: 'bench',
        clientId: APP.clientId,
        email: NORA,
        scopes: [...(googleAdsManifest.oauth?.scopes ?? [])],
        expiresAt: new Date(now().getTime() + 86_400_000).toISOString(),
        revoked: false,
      });
    });
    const linked = (clientId: string) =>
      model.state.ads.links.some(
        (l) =>
          l.managerId === MANAGER &&
          l.clientId === clientId &&
          (l.status === 'ACTIVE' || l.status === 'PENDING'),
      );
    const config = googleConnectorConfigs({ ...APP, sandboxUrl: sandbox.url, fetch }).google_ads;
    return {
      platform: createGoogleAdsConnector(config),
      agency: { businessId: MANAGER, name: 'Northwind Media MCC', token },
      seeds,
      setFaults: (faults) => sandbox.setFaults(faults),
      injectDrift(random) {
        const drift = new Map<string, Drift>();
        model.mutate(({ state }) => {
          for (const seed of seeds) {
            if (random() >= 0.2) continue;
            for (const link of state.ads.links)
              if (link.managerId === MANAGER && link.clientId === seed.assetId)
                link.status = 'INACTIVE';
            drift.set(seed.assetId, { outcome: 'lost', level: null });
          }
        });
        return { injected: `${drift.size} manager links ended by the client`, drift };
      },
      reaches: (seed) => linked(seed.assetId),
      close: () => sandbox.close(),
    };
  },
};
