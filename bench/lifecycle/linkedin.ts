/**
 * LinkedIn's world for the lifecycle benchmark: each client's Company Page owns ad accounts on
 * which the agency member (Nora; LinkedIn gives roles to members, not businesses) holds a role
 * at the grant's level. The sandbox fails calls with LinkedIn's 500. Drift: roles removed, and
 * roles lowered (viewer < creative manager < campaign manager < account manager).
 */
import {
  createLinkedInConnector,
  linkedinSandboxBaseUrls,
} from '../../src/platforms/linkedin/connector.ts';
import { ACCOUNT_LEVEL_ROLES, type AccountLevel } from '../../src/platforms/linkedin/manifest.ts';
import {
  startLinkedInSandbox,
  type LinkedInWorld,
} from '../../src/platforms/linkedin/sandbox/index.ts';
import { secret, TOKEN_LIFETIME_S } from '../../src/platforms/linkedin/sandbox/model.ts';
import type { BenchSeed, BenchWorld, Drift, PlatformBench } from './core.ts';

const APP = { clientId: '86latchkeybench', clientSecret: 'linkedin-bench-secret' };
const NORA = 'nora-northwind';
// The billing admin cannot be removed by anyone (linkedin-api.md): not a level the agency asks for.
const LEVELS: readonly AccountLevel[] = [
  'viewer',
  'creative_manager',
  'campaign_manager',
  'account_manager',
];

function buildWorld(
  clients: number,
  perClient: number,
): { world: LinkedInWorld; seeds: BenchSeed[] } {
  const world = {
    members: [{ id: NORA, name: 'Nora Lindqvist', email: 'nora@northwind-media.example' }],
    organizations: [] as LinkedInWorld['organizations'],
    organizationAcls: [] as NonNullable<LinkedInWorld['organizationAcls']>,
    adAccounts: [] as LinkedInWorld['adAccounts'],
    adAccountUsers: [] as NonNullable<LinkedInWorld['adAccountUsers']>,
  };
  const seeds: BenchSeed[] = [];
  for (let c = 0; c < clients; c += 1) {
    const admin = `client-${c + 1}-admin`;
    const organization = 80_000_000 + c + 1;
    world.members.push({
      id: admin,
      name: `Client ${c + 1} admin`,
      email: `admin${c + 1}@c.example`,
    });
    world.organizations.push({
      id: organization,
      name: `Client ${c + 1}`,
      vanityName: `client-${c + 1}`,
    });
    world.organizationAcls.push({ organization, member: admin, role: 'ADMINISTRATOR' });
    for (let a = 0; a < perClient; a += 1) {
      const account = 510_000_000 + c * 1000 + a;
      const level = LEVELS[(c + a) % LEVELS.length] ?? 'viewer';
      const name = `Client ${c + 1} ads ${a + 1}`;
      world.adAccounts.push({ id: account, name, organization });
      world.adAccountUsers.push(
        { account, member: admin, role: 'ACCOUNT_BILLING_ADMIN' },
        { account, member: NORA, role: ACCOUNT_LEVEL_ROLES[level] },
      );
      seeds.push({
        clientIndex: c,
        assetType: 'ad_account',
        assetId: String(account),
        name,
        ownerId: String(organization),
        level,
      });
    }
  }
  return { world, seeds };
}

export const linkedinBench: PlatformBench = {
  id: 'linkedin',
  clients: 5,
  perClient: 4,
  async start({ clients, perClient, fetch }): Promise<BenchWorld> {
    const { world, seeds } = buildWorld(clients, perClient);
    const sandbox = await startLinkedInSandbox({
      apps: [{ ...APP, redirectUris: ['http://127.0.0.1:3000/oauth/callback/linkedin'] }],
      world,
    });
    const model = sandbox.sandbox.model;
    const token = secret();
    model.mutate(({ state }) => {
      state.tokens.push({
        token,
        clientId: APP.clientId,
        member: NORA,
        scopes: ['openid', 'profile', 'r_ads', 'rw_ads', 'r_organization_admin'],
        expiresAt: model.now().getTime() + TOKEN_LIFETIME_S * 1000,
      });
    });
    const row = (assetId: string) =>
      model.state.adAccountUsers.find((u) => u.account === Number(assetId) && u.member === NORA);
    return {
      platform: createLinkedInConnector({
        baseUrls: linkedinSandboxBaseUrls(sandbox.url),
        clientId: APP.clientId,
        clientSecret: APP.clientSecret,
        apiVersion: '202601',
        fetch,
      }),
      agency: { businessId: NORA, name: 'Nora Lindqvist', token },
      seeds,
      setFaults: (faults) => sandbox.sandbox.setFaults(faults),
      injectDrift(random) {
        const drift = new Map<string, Drift>();
        let removals = 0;
        let downgrades = 0;
        model.mutate(({ state }) => {
          for (const seed of seeds) {
            const roll = random();
            const level = LEVELS.indexOf(seed.level as AccountLevel);
            if (roll < 0.15) {
              removals += 1;
              state.adAccountUsers = state.adAccountUsers.filter(
                (u) => !(u.account === Number(seed.assetId) && u.member === NORA),
              );
              drift.set(seed.assetId, { outcome: 'lost', level: null });
            } else if (roll < 0.3 && level > 0) {
              downgrades += 1;
              const lower = LEVELS[Math.floor(random() * level)] ?? 'viewer';
              const held = state.adAccountUsers.find(
                (u) => u.account === Number(seed.assetId) && u.member === NORA,
              );
              if (held) held.role = ACCOUNT_LEVEL_ROLES[lower];
              drift.set(seed.assetId, { outcome: 'downgraded', level: lower });
            }
          }
        });
        return { injected: `${removals} roles removed, ${downgrades} roles lowered`, drift };
      },
      reaches: (seed) => row(seed.assetId) !== undefined,
      close: () => sandbox.close(),
    };
  },
};
