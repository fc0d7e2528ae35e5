/**
 * Snapchat's world for the lifecycle benchmark: each client's organization has the agency person
 * (Nora, by her email) as a member with a role on each ad account at the grant's level. The
 * sandbox fails calls with Snapchat's 500. Drift: ad-account roles removed, and lowered
 * (reports < creative < general < admin). Only an org admin can remove roles, so offboarding
 * with the agency's token hands each removal to a person (the client): the run counts those
 * manual steps and what they leave in place, apart from the residual of Latchkey's API actions.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  createSnapchatConnector,
  snapchatSandboxBaseUrls,
} from '../../src/platforms/snapchat/connector.ts';
import { snapchatManifest } from '../../src/platforms/snapchat/manifest.ts';
import {
  createSnapchatSandbox,
  type SnapWorld,
} from '../../src/platforms/snapchat/sandbox/index.ts';
import { listenStandalone } from '../../src/platforms/sandbox-kit/listen.ts';
import type { BenchSeed, BenchWorld, Drift, PlatformBench } from './core.ts';

const APP = { clientId: 'snap-bench-client', clientSecret: 'snap-bench-secret' };
const NORA = 'nora@northwind-media.example';
const NORA_ID = 'person-nora';
const LEVELS = snapchatManifest.assetTypes[0].levels.map((l): string => l.id);
const u = (kind: number, n: number) =>
  `00000000-0000-4000-${String(8000 + kind)}-${String(n).padStart(12, '0')}`;

function buildWorld(clients: number, perClient: number): { world: SnapWorld; seeds: BenchSeed[] } {
  const world: SnapWorld = {
    people: [{ id: NORA_ID, email: NORA, name: 'Nora Lindqvist' }],
    organizations: [],
    adAccounts: [],
    members: [],
    roles: [],
  };
  const seeds: BenchSeed[] = [];
  let serial = 1;
  for (let c = 0; c < clients; c += 1) {
    const org = u(1, c + 1);
    const admin = `client-${c + 1}-admin`;
    const adminMember = u(2, c + 1);
    const noraMember = u(3, c + 1);
    world.people.push({ id: admin, email: `admin${c + 1}@c.example`, name: `Client ${c + 1}` });
    world.organizations.push({ id: org, name: `Client ${c + 1}`, type: 'ENTERPRISE' });
    world.members.push(
      {
        id: adminMember,
        organizationId: org,
        email: `admin${c + 1}@c.example`,
        displayName: `Client ${c + 1} admin`,
        status: 'MEMBER',
      },
      { id: noraMember, organizationId: org, email: NORA, displayName: NORA, status: 'MEMBER' },
    );
    world.roles.push(
      {
        id: u(4, serial++),
        memberId: adminMember,
        organizationId: org,
        adAccountId: null,
        type: 'admin',
      },
      {
        id: u(4, serial++),
        memberId: noraMember,
        organizationId: org,
        adAccountId: null,
        type: 'member',
      },
    );
    for (let a = 0; a < perClient; a += 1) {
      const account = u(5, c * 1000 + a + 1);
      const level = LEVELS[(c + a) % LEVELS.length] ?? 'reports';
      const name = `Client ${c + 1} ads ${a + 1}`;
      world.adAccounts.push({
        id: account,
        organizationId: org,
        name,
        currency: 'USD',
        status: 'ACTIVE',
      });
      world.roles.push({
        id: u(4, serial++),
        memberId: noraMember,
        organizationId: null,
        adAccountId: account,
        type: level,
      });
      seeds.push({
        clientIndex: c,
        assetType: 'ad_account',
        assetId: account,
        name,
        ownerId: org,
        level,
      });
    }
  }
  return { world, seeds };
}

export const snapchatBench: PlatformBench = {
  id: 'snapchat',
  clients: 5,
  perClient: 4,
  async start({ clients, perClient, fetch }): Promise<BenchWorld> {
    const { world, seeds } = buildWorld(clients, perClient);
    const sandbox = createSnapchatSandbox({
      apps: [{ ...APP, redirectUris: ['http://127.0.0.1:3000/oauth/callback/snapchat'] }],
      world,
    });
    const listener = await listenStandalone(sandbox.plugin, {
      host: '127.0.0.1',
      port: 0,
      prefix: '/sandbox/snapchat',
    });
    const model = sandbox.model;
    const token = randomBytes(24).toString('base64url');
    model.mutate(({ state, now }) => {
      state.tokens.push({
        hash: createHash('sha256').update(token).digest('hex'),
        clientId: APP.clientId,
        personId: NORA_ID,
        expiresAt: new Date(now().getTime() + 86_400_000).toISOString(),
      });
    });
    const noraRoles = (assetId: string) => {
      const memberIds = new Set(
        model.state.members.filter((m) => m.email === NORA).map((m) => m.id),
      );
      return model.state.roles.filter(
        (r) => memberIds.has(r.memberId) && r.adAccountId === assetId,
      );
    };
    return {
      platform: createSnapchatConnector({
        baseUrls: snapchatSandboxBaseUrls(listener.url),
        clientId: APP.clientId,
        clientSecret: APP.clientSecret,
        fetch,
      }),
      agency: { businessId: NORA, name: 'Nora Lindqvist', token },
      seeds,
      setFaults: (faults) => sandbox.setFaults(faults),
      injectDrift(random) {
        const drift = new Map<string, Drift>();
        let removals = 0;
        let downgrades = 0;
        const roleIds = (assetId: string) => new Set(noraRoles(assetId).map((r) => r.id));
        for (const seed of seeds) {
          const roll = random();
          const level = LEVELS.indexOf(seed.level);
          const ids = roleIds(seed.assetId);
          if (roll < 0.15) {
            removals += 1;
            model.mutate(({ state }) => {
              state.roles = state.roles.filter((r) => !ids.has(r.id));
            });
            drift.set(seed.assetId, { outcome: 'lost', level: null });
          } else if (roll < 0.3 && level > 0) {
            downgrades += 1;
            const lower = LEVELS[Math.floor(random() * level)] ?? 'reports';
            model.mutate(({ state }) => {
              for (const role of state.roles) if (ids.has(role.id)) role.type = lower;
            });
            drift.set(seed.assetId, { outcome: 'downgraded', level: lower });
          }
        }
        return { injected: `${removals} ad-account roles removed, ${downgrades} lowered`, drift };
      },
      reaches: (seed) => noraRoles(seed.assetId).length > 0,
      close: async () => {
        await listener.app.close();
        await sandbox.close();
      },
    };
  },
};
