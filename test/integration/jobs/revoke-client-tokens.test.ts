/* eslint-disable @typescript-eslint/no-unsafe-call -- loose JSON from the Snapchat control API */
// S12 with a grant the client's token must finish (issue #12): a Snapchat grant waits for the
// agency person to accept the invitation to the client's organization, and only the client's
// token can then give the ad-account role (continueGrant at the re-check). Its token outlives the
// onboarding's other grants, whose tokens go as before, and goes once the grant settles.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { defaultBackoff } from '../../../src/domain/grant-retry.ts';
import { grantIdempotencyKey } from '../../../src/domain/grant.ts';
import { executeGrant } from '../../../src/jobs/execute-grant.ts';
import { startOffboarding } from '../../../src/jobs/offboard-plan.ts';
import { runOffboarding } from '../../../src/jobs/offboard.ts';
import {
  deleteClientTokens,
  revokeAtPlatforms,
  type ClientTokenDeps,
} from '../../../src/jobs/revoke-client-tokens.ts';
import type { GrantDeps } from '../../../src/jobs/grant-deps.ts';
import { settleGrantAndAdvance } from '../../../src/jobs/onboarding-progress.ts';
import { sleep } from '../../../src/jobs/rate-limiter.ts';
import { recheckGrant } from '../../../src/jobs/recheck-grant.ts';
import {
  defaultLifecycleSettings,
  type LifecycleDeps,
} from '../../../src/jobs/verify-grants-deps.ts';
import {
  createSnapchatConnector,
  snapchatSandboxBaseUrls,
  type SnapchatPlatform,
} from '../../../src/platforms/snapchat/connector.ts';
import { IDS } from '../../../src/platforms/snapchat/sandbox/index.ts';
import { insertAccessRequest } from '../../../src/store/access-requests.ts';
import { insertAgency } from '../../../src/store/agencies.ts';
import { findAuditEvents } from '../../../src/store/audit.ts';
import { findGrant, insertGrants } from '../../../src/store/grants.ts';
import {
  findOnboarding,
  findOrCreateOnboarding,
  setOnboardingStatus,
} from '../../../src/store/onboardings.ts';
import {
  saveAgencyConnection,
  saveOnboardingConnection,
  setAgencyBusiness,
} from '../../../src/store/platform-connections.ts';
import { generateKeyEntry, parseKeyring, Secret } from '../../../src/store/secrets.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { APP, startHarness, type SnapHarness } from '../platforms/snapchat/harness.ts';

const keyring = parseKeyring(generateKeyEntry('snap'));
let h: SnapHarness;
let db: TestDatabase;
let snap: SnapchatPlatform;
beforeEach(async () => {
  h = await startHarness();
  db = await createTestDatabase();
  snap = createSnapchatConnector({
    baseUrls: snapchatSandboxBaseUrls(h.base),
    clientId: APP.clientId,
    clientSecret: APP.clientSecret,
  });
});
afterEach(async () => {
  await db.destroy();
  await h.close();
});

/** The client's tokens the onboarding still holds, by platform. */
async function clientTokens(onboardingId: string): Promise<string[]> {
  const rows = await db.db
    .selectFrom('platform_connections')
    .select('platform')
    .where('owner_kind', '=', 'onboarding')
    .where('onboarding_id', '=', onboardingId)
    .orderBy('platform')
    .execute();
  return rows.map((r) => r.platform);
}

/**
 * An approved onboarding with a TikTok grant that settles first and a Snapchat grant whose job
 * then invites the agency person: every job is final, the Snapchat grant waits for acceptance.
 */
async function snapchatWaitingAfterTikTok() {
  const now = new Date();
  const dana = (await h.tokens('dana@acme-outdoor.example')).access_token as string;
  const nora = (await h.tokens('nora@northwind-media.example')).access_token as string;
  const agency = await insertAgency(db.db, { name: 'Northwind Media', slug: `nw-${Date.now()}` });
  const request = await insertAccessRequest(db.db, {
    agencyId: agency.id,
    clientId: null,
    title: 'Snap and TikTok',
    message: null,
    linkId: 'snaplink2',
    linkSecretHash: 'y'.repeat(64),
    linkExpiresAt: new Date(now.getTime() + 86_400_000),
    accessEndsAt: null,
    createdBy: null,
    items: [
      { platform: 'snapchat', assetType: 'ad_account', permissionLevel: 'general' },
      { platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'ANALYST' },
    ],
  });
  const { onboarding } = await findOrCreateOnboarding(db.db, {
    agencyId: agency.id,
    requestId: request.id,
  });
  await setOnboardingStatus(db.db, onboarding.id, 'approved', now);
  for (const [platform, token] of [
    ['snapchat', dana],
    ['tiktok', 'tiktok-client-token'],
  ] as const) {
    await saveOnboardingConnection(db.db, keyring, {
      agencyId: agency.id,
      onboardingId: onboarding.id,
      platform,
      now,
      tokens: { accessToken: new Secret(token), scopes: [] },
    });
  }
  await saveAgencyConnection(db.db, keyring, {
    agencyId: agency.id,
    platform: 'snapchat',
    now,
    tokens: { accessToken: new Secret(nora), scopes: [] },
  });
  const [business] = await snap.listAgencyBusinesses!(nora);
  await setAgencyBusiness(db.db, {
    agencyId: agency.id,
    platform: 'snapchat',
    businessId: business!.id,
    businessName: business!.name,
    now,
  });
  const ask = (platform: string, assetType: string, assetId: string, level: string) => ({
    agencyId: agency.id,
    onboardingId: onboarding.id,
    platform,
    assetType,
    assetId,
    assetName: assetId,
    ownerId: platform === 'snapchat' ? IDS.orgAcme : null,
    permissionLevel: level,
    idempotencyKey: grantIdempotencyKey({
      onboardingId: onboarding.id,
      platform,
      assetType,
      assetId,
      level,
    }),
  });
  const [snapGrant, tiktokGrant] = await insertGrants(db.db, [
    ask('snapchat', 'ad_account', IDS.adAcmeUs, 'general'),
    ask('tiktok', 'advertiser', '7300000000000000001', 'ANALYST'),
  ]);
  const deps: GrantDeps = {
    database: db,
    keyring,
    platforms: { snapchat: snap },
    now: () => new Date(),
    sleep,
    grantPolicy: { leaseMs: 30_000, backoff: { ...defaultBackoff, baseMs: 20 }, workerId: 'test' },
  };

  // The TikTok grant settles first (its job's answer); the Snapchat job still has to run.
  await settleGrantAndAdvance(deps, {
    grantId: tiktokGrant!.id,
    from: ['queued'],
    settlement: {
      status: 'granted',
      verified: true,
      step: { name: 'grant_answered', at: now.toISOString() },
    },
  });
  expect(await clientTokens(onboarding.id)).toEqual(['snapchat', 'tiktok']);

  // The Snapchat job invites the agency person: every job is now final and the grant waits.
  await executeGrant(deps, snapGrant!.id);
  expect((await findGrant(db.db, snapGrant!.id))?.status).toBe('pending_acceptance');
  // TikTok's token went; Snapchat's stays for the role that only the client can give.
  expect(await clientTokens(onboarding.id)).toEqual(['snapchat']);
  const deletions = async () =>
    (await findAuditEvents(db.db, agency.id))
      .filter((e) => e.action === 'onboarding.client_token_deleted')
      .map((e) => e.data)
      .reverse();
  expect(await deletions()).toEqual([{ platforms: ['tiktok'] }]);

  return { agency, request, onboarding, snapGrant: snapGrant!, deps, deletions };
}

it("keeps the client's Snapchat token past the other grants until the invitation is accepted", async () => {
  const { onboarding, snapGrant, deps, deletions } = await snapchatWaitingAfterTikTok();
  // A re-check before the agency accepts changes nothing, and keeps the token.
  expect((await recheckGrant(deps, snapGrant.id))?.status).toBe('pending_acceptance');
  expect(await clientTokens(onboarding.id)).toEqual(['snapchat']);

  // The agency person accepts at Snapchat; the next re-check gives the role with the client's token.
  const member = (await h.control('state')).body.members.find(
    (m: { email: string; organizationId: string }) =>
      m.email === 'nora@northwind-media.example' && m.organizationId === IDS.orgAcme,
  );
  await h.control('invitations/accept', {
    email: 'nora@northwind-media.example',
    member_id: member.id,
  });
  expect((await recheckGrant(deps, snapGrant.id))?.status).toBe('granted');
  const roles = (await h.control('state')).body.roles.filter(
    (r: { memberId: string }) => r.memberId === member.id,
  );
  expect(roles.map((r: { type: string }) => r.type).sort()).toEqual(['general', 'member']);

  // The last waiting grant settled: the Snapchat token goes too, with its audit event.
  expect(await clientTokens(onboarding.id)).toEqual([]);
  expect(await deletions()).toEqual([{ platforms: ['tiktok'] }, { platforms: ['snapchat'] }]);
  expect((await findOnboarding(db.db, onboarding.id))?.status).toBe('completed');
});

it('lets the kept Snapchat token go when an offboarding ends the waiting grant instead', async () => {
  const { agency, request, onboarding, snapGrant, deps, deletions } =
    await snapchatWaitingAfterTikTok();
  const lifecycle: LifecycleDeps = {
    ...deps,
    lifecycle: { ...defaultLifecycleSettings, backoff: { baseMs: 1, capMs: 5, maxAttempts: 2 } },
    publicUrl: () => 'http://127.0.0.1:3000',
  };
  const { offboarding } = await startOffboarding(lifecycle, {
    agencyId: agency.id,
    requestId: request.id,
    platform: 'snapchat',
    reason: 'manual',
    actor: { kind: 'system', id: null },
    createdBy: null,
  });
  // The plan's read finds no role held (the agency person never joined): the offboarding marks
  // the grant revoked, and that was the last reason to keep the client's Snapchat token.
  expect(await clientTokens(onboarding.id)).toEqual(['snapchat']);
  const members = async () => {
    const dana = (await h.tokens('dana@acme-outdoor.example')).access_token as string;
    const answer = await h.api('GET', `organizations/${IDS.orgAcme}/members`, dana);
    return (answer.body.members as { member: { email: string; member_status: string } }[]).map(
      (m) => `${m.member.email} ${m.member.member_status}`,
    );
  };
  expect(await members()).toContain('nora@northwind-media.example INVITED');
  await runOffboarding(lifecycle, offboarding.id);
  expect((await findGrant(db.db, snapGrant.id))?.status).toBe('revoked');
  // The invitation the agency never accepted is withdrawn with the client's kept token.
  expect((await members()).filter((m) => m.startsWith('nora@'))).toEqual([]);
  expect(await clientTokens(onboarding.id)).toEqual([]);
  expect(await deletions()).toEqual([{ platforms: ['tiktok'] }, { platforms: ['snapchat'] }]);
});

it("revokes a client's Google grant by its refresh token, which outlives the access token (S12)", async () => {
  const agency = await insertAgency(db.db, { name: 'Northwind Media', slug: `nw-${Date.now()}` });
  const request = await insertAccessRequest(db.db, {
    agencyId: agency.id,
    clientId: null,
    title: 'GA4',
    message: null,
    linkId: 'ga4link1',
    linkSecretHash: 'z'.repeat(64),
    linkExpiresAt: new Date(Date.now() + 86_400_000),
    accessEndsAt: null,
    createdBy: null,
    items: [{ platform: 'ga4', assetType: 'property', permissionLevel: 'viewer' }],
  });
  const { onboarding } = await findOrCreateOnboarding(db.db, {
    agencyId: agency.id,
    requestId: request.id,
  });
  const save = (onboardingId: string, platform: string, refreshToken?: string) =>
    saveOnboardingConnection(db.db, keyring, {
      agencyId: agency.id,
      onboardingId,
      platform,
      now: new Date(),
      tokens: {
        accessToken: new Secret(`${platform}-access`),
        ...(refreshToken ? { refreshToken: new Secret(refreshToken) } : {}),
        scopes: [],
      },
    });
  await save(onboarding.id, 'ga4', 'ga4-refresh');
  await save(onboarding.id, 'tiktok');
  const revoked: string[] = [];
  const revoker = { revokeToken: (token: string) => Promise.resolve(void revoked.push(token)) };
  const deps = { platforms: { ga4: revoker, tiktok: revoker } } as unknown as ClientTokenDeps;
  const { revocable } = await db.db
    .transaction()
    .execute((tx) => deleteClientTokens(tx, { ...deps, keyring }, onboarding, []));
  await revokeAtPlatforms({ ...deps, keyring }, revocable);
  expect(revoked.sort()).toEqual(['ga4-refresh', 'tiktok-access']);
  expect(await clientTokens(onboarding.id)).toEqual([]);
});
