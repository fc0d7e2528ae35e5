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
import { TEST_PUBLIC_URL } from './agency.ts';
import { APP, createHarness, type Harness } from './onboarding.ts';
import {
  AGENCY_ADMIN,
  AGENCY_BC,
  buildLifecycleWorld,
  type LifecycleWorld,
  type SeedGrant,
} from './lifecycle-world.ts';

export interface SeededClient {
  readonly clientId: string;
  readonly requestId: string;
  readonly grants: readonly { grantId: string; seed: SeedGrant }[];
}

export interface LifecycleHarness extends Harness {
  readonly world: LifecycleWorld;
  readonly clients: readonly SeededClient[];
  readonly deps: LifecycleDeps;
}

/** Builds the harness; `clients` × `perClient` granted assets. */
export async function createLifecycleHarness(
  options: {
    clients?: number;
    perClient?: number;
    faults?: TikTokFaults;
    accessEndsAt?: Date;
  } = {},
): Promise<LifecycleHarness> {
  const h = await createHarness(options.faults ? { faults: options.faults } : {});
  const world = buildLifecycleWorld(options.clients ?? 2, options.perClient ?? 6);
  h.sandbox.sandbox.loadWorld(world.world);
  const token = agencyToken(h);
  const db = h.database.db;
  const agencyId = h.agency.agency.id;
  await saveAgencyConnection(db, h.keyring, {
    agencyId,
    platform: 'tiktok',
    tokens: { accessToken: new Secret(token), scopes: [] },
    now: new Date(),
  });
  await setAgencyBusiness(db, {
    agencyId,
    platform: 'tiktok',
    businessId: AGENCY_BC,
    businessName: 'Northwind Media',
    now: new Date(),
  });
  const clients: SeededClient[] = [];
  for (let c = 0; c < world.clientBcs.length; c += 1) {
    const seeds = world.grants.filter((g) => g.clientIndex === c);
    clients.push(await seedClient(db, agencyId, c, seeds, options.accessEndsAt ?? null));
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
  return Object.assign(h, { world, clients, deps });
}

/** A token Nora (the agency BC's admin) authorized for the test app, minted in the sandbox. */
export function agencyToken(h: Pick<Harness, 'sandbox'>): string {
  return mintAgencyToken(h.sandbox.sandbox);
}

/** The same, from the sandbox itself (for setups without the onboarding harness). */
export function mintAgencyToken(sandbox: TikTokSandbox): string {
  return sandbox.model.mutate((ctx) => {
    const code = issueAuthCode(ctx, {
      appId: APP.appId,
      userId: AGENCY_ADMIN,
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

/** One client, its request (optionally ending), onboarding and granted grants. */
export async function seedClient(
  db: Executor,
  agencyId: string,
  index: number,
  seeds: readonly SeedGrant[],
  accessEndsAt: Date | null,
): Promise<SeededClient> {
  const client = await insertClient(db, agencyId, {
    name: `Client ${index + 1}`,
    email: `admin${index + 1}@client${index + 1}.example`,
  });
  const link = generateLinkToken();
  const request = await insertAccessRequest(db, {
    agencyId,
    clientId: client.id,
    title: `TikTok for Client ${index + 1}`,
    message: null,
    linkId: link.linkId,
    linkSecretHash: hashLinkSecret(link.secret),
    linkExpiresAt: new Date(Date.now() + 7 * 86_400_000),
    accessEndsAt,
    createdBy: null,
    items: [...new Set(seeds.map((s) => s.assetType))].map((assetType) => ({
      platform: 'tiktok',
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
      platform: 'tiktok',
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
