/**
 * The lifecycle test harness: the onboarding harness (database, TikTok sandbox over loopback,
 * connector behind the shared rate limiter, app, agency) with a lifecycle world loaded, the
 * agency's own TikTok connection stored (a token Nora authorized in the sandbox), and one client,
 * request, onboarding and granted grants per client of the world.
 */
import { generateLinkToken, hashLinkSecret } from '../../src/domain/access-request-link.ts';
import { defaultLifecycleSettings, type LifecycleDeps } from '../../src/jobs/verify-grants-deps.ts';
import type { TikTokFaults, TikTokSandbox } from '../../src/platforms/tiktok/sandbox/index.ts';
import { exchangeAuthCode, issueAuthCode } from '../../src/platforms/tiktok/sandbox/model/oauth.ts';
import { insertAccessRequest } from '../../src/store/access-requests.ts';
import { insertClient } from '../../src/store/clients.ts';
import type { Executor } from '../../src/store/audit.ts';
import { insertGrants } from '../../src/store/grants.ts';
import { findOrCreateOnboarding } from '../../src/store/onboardings.ts';
import { saveAgencyConnection, setAgencyBusiness } from '../../src/store/platform-connections.ts';
import { Secret } from '../../src/store/secrets.ts';
import { buildAgency, TEST_PUBLIC_URL, type TestAgency } from './agency.ts';
import { APP, createHarness, type Harness } from './onboarding.ts';
import {
  AGENCY2_ADMIN,
  AGENCY2_BC,
  AGENCY_ADMIN,
  AGENCY_BC,
  buildLifecycleWorld,
  type LifecycleWorld,
  type SeedGrant,
} from './lifecycle-world.ts';

export interface SeededClient<S extends SeedAsset = SeedGrant> {
  readonly clientId: string;
  readonly requestId: string;
  readonly grants: readonly { grantId: string; seed: S }[];
}

/** One granted asset to seed, on any platform (TikTok's SeedGrant is one). */
export interface SeedAsset {
  readonly assetType: string;
  readonly assetId: string;
  readonly name: string;
  readonly ownerId: string;
  readonly level: string;
}

export interface LifecycleHarness extends Harness {
  readonly world: LifecycleWorld;
  /** The first agency's clients. */
  readonly clients: readonly SeededClient[];
  readonly deps: LifecycleDeps;
  /** The second agency (Harbor Digital) and its clients, when asked for. */
  readonly second?: { readonly agency: TestAgency; readonly clients: readonly SeededClient[] };
}

/** Builds the harness; `clients` × `perClient` granted assets. */
export async function createLifecycleHarness(
  options: {
    clients?: number;
    perClient?: number;
    faults?: TikTokFaults;
    accessEndsAt?: Date;
    /** The last N clients belong to a second agency with its own BC. */
    secondAgencyClients?: number;
  } = {},
): Promise<LifecycleHarness> {
  const h = await createHarness(options.faults ? { faults: options.faults } : {});
  const ofSecond = options.secondAgencyClients ?? 0;
  const world = buildLifecycleWorld(options.clients ?? 2, options.perClient ?? 6, ofSecond);
  h.sandbox.sandbox.loadWorld(world.world);
  const db = h.database.db;
  const connect = async (agencyId: string, admin: string, bcId: string, bcName: string) => {
    const token = mintAgencyToken(h.sandbox.sandbox, admin);
    await saveAgencyConnection(db, h.keyring, {
      agencyId,
      platform: 'tiktok',
      tokens: { accessToken: new Secret(token), scopes: [] },
      now: new Date(),
    });
    await setAgencyBusiness(db, {
      agencyId,
      platform: 'tiktok',
      businessId: bcId,
      businessName: bcName,
      now: new Date(),
    });
  };
  await connect(h.agency.agency.id, AGENCY_ADMIN, AGENCY_BC, 'Northwind Media');
  const secondAgency =
    ofSecond > 0 ? await buildAgency(h.database, { name: 'Harbor Digital' }) : undefined;
  if (secondAgency) {
    await connect(secondAgency.agency.id, AGENCY2_ADMIN, AGENCY2_BC, 'Harbor Digital');
  }
  const clients: SeededClient[] = [];
  const secondClients: SeededClient[] = [];
  for (let c = 0; c < world.clientBcs.length; c += 1) {
    const seeds = world.grants.filter((g) => g.clientIndex === c);
    const isSecond = secondAgency && c >= world.clientBcs.length - ofSecond;
    const agencyId = isSecond ? secondAgency.agency.id : h.agency.agency.id;
    const seeded = await seedClient(db, agencyId, c, seeds, options.accessEndsAt ?? null);
    (isSecond ? secondClients : clients).push(seeded);
  }
  const deps: LifecycleDeps = {
    ...h.grantDeps,
    lifecycle: {
      ...defaultLifecycleSettings,
      backoff: { baseMs: 5, capMs: 50, maxAttempts: 6 },
      stepLeaseMs: 5_000,
    },
    publicUrl: () => TEST_PUBLIC_URL,
  };
  const second = secondAgency ? { agency: secondAgency, clients: secondClients } : undefined;
  return Object.assign(h, { world, clients, deps }, second ? { second } : {});
}

/** A token Nora (the agency BC's admin) authorized for the test app, minted in the sandbox. */
export function agencyToken(h: Pick<Harness, 'sandbox'>): string {
  return mintAgencyToken(h.sandbox.sandbox);
}

/** The same, from the sandbox itself (for setups without the onboarding harness). */
export function mintAgencyToken(sandbox: TikTokSandbox, userId: string = AGENCY_ADMIN): string {
  return sandbox.model.mutate((ctx) => {
    const code = issueAuthCode(ctx, {
      appId: APP.appId,
      userId,
      redirectUri: `${TEST_PUBLIC_URL}/oauth/callback/tiktok`,
      advertiserIds: [],
    });
    const issued = exchangeAuthCode(ctx, [{ ...APP, redirectUris: [] }], {
      appId: APP.appId,
      secret: APP.secret,
      authCode: code,
    });
    if ('refused' in issued) throw issued.refused;
    return issued.accessToken;
  });
}

/** One client, its request (optionally ending), onboarding and granted grants (TikTok unless said). */
export async function seedClient<S extends SeedAsset>(
  db: Executor,
  agencyId: string,
  index: number,
  seeds: readonly S[],
  accessEndsAt: Date | null,
  platform = 'tiktok',
): Promise<SeededClient<S>> {
  const client = await insertClient(db, agencyId, {
    name: `Client ${index + 1}`,
    email: `admin${index + 1}@client${index + 1}.example`,
  });
  const link = generateLinkToken();
  const request = await insertAccessRequest(db, {
    agencyId,
    clientId: client.id,
    title: `${platform === 'tiktok' ? 'TikTok' : platform} for Client ${index + 1}`,
    message: null,
    linkId: link.linkId,
    linkSecretHash: hashLinkSecret(link.secret),
    linkExpiresAt: new Date(Date.now() + 7 * 86_400_000),
    accessEndsAt,
    createdBy: null,
    items: [...new Set(seeds.map((s) => s.assetType))].map((assetType) => ({
      platform,
      assetType,
      permissionLevel: seeds.find((s) => s.assetType === assetType)?.level ?? '',
    })),
  });
  const { onboarding } = await findOrCreateOnboarding(db, { agencyId, requestId: request.id });
  const rows = await insertGrants(
    db,
    seeds.map((s) => ({
      agencyId,
      onboardingId: onboarding.id,
      platform,
      assetType: s.assetType,
      assetId: s.assetId,
      assetName: s.name,
      ownerId: s.ownerId,
      permissionLevel: s.level,
      idempotencyKey: `seed:${onboarding.id}:${s.assetType}:${s.assetId}`,
    })),
  );
  await db
    .updateTable('grants')
    .set({ status: 'granted' })
    .where('onboarding_id', '=', onboarding.id)
    .execute();
  return {
    clientId: client.id,
    requestId: request.id,
    grants: seeds.map((seed) => ({
      grantId: rows.find((r) => r.assetId === seed.assetId)?.id ?? '',
      seed,
    })),
  };
}
