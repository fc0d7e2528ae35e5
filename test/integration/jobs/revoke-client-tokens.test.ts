/* eslint-disable @typescript-eslint/no-unsafe-call -- loose JSON from the Snapchat control API */
// S12 with a grant the client's token must finish (issue #12): a Snapchat grant waits for the
// agency person to accept the invitation to the client's organization, and only the client's
// token can then give the ad-account role (continueGrant at the re-check). Its token outlives the
// onboarding's other grants, whose tokens go as before, and goes once the grant settles.
import { PostgresQueryCompiler } from 'kysely';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
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
import {
  settleGrantAndAdvance,
  settleGrantsAndAdvance,
} from '../../../src/jobs/onboarding-progress.ts';
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
import { createWebhookEndpoint } from '../../../src/store/webhook-endpoints.ts';
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

it("one settlement that finishes three clients' grants moves each onboarding on and deletes each one's tokens, but the Snapchat token a waiting grant needs", async () => {
  const now = new Date();
  const northwind = await insertAgency(db.db, { name: 'Northwind', slug: `nw-${Date.now()}` });
  const harbor = await insertAgency(db.db, { name: 'Harbor', slug: `hb-${Date.now()}` });
  const revoked: string[] = [];
  const revoker = { revokeToken: (token: string) => Promise.resolve(void revoked.push(token)) };
  // Snapchat finishes a waiting grant with the client's token (continueGrant): that token stays.
  const platforms = {
    tiktok: revoker,
    ga4: revoker,
    snapchat: { ...revoker, continueGrant: () => Promise.resolve() },
  } as unknown as GrantDeps['platforms'];
  const deps = { database: db, now: () => new Date(), keyring, platforms };

  let link = 0;
  async function client(agencyId: string, tokens: Record<string, string | undefined>) {
    link += 1;
    const request = await insertAccessRequest(db.db, {
      agencyId,
      clientId: null,
      title: `Client ${link}`,
      message: null,
      linkId: `many${link}`,
      linkSecretHash: String(link).repeat(64),
      linkExpiresAt: new Date(now.getTime() + 86_400_000),
      accessEndsAt: null,
      createdBy: null,
      items: [{ platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'ANALYST' }],
    });
    const { onboarding } = await findOrCreateOnboarding(db.db, { agencyId, requestId: request.id });
    await setOnboardingStatus(db.db, onboarding.id, 'approved', now);
    for (const [platform, refresh] of Object.entries(tokens)) {
      await saveOnboardingConnection(db.db, keyring, {
        agencyId,
        onboardingId: onboarding.id,
        platform,
        now,
        tokens: {
          accessToken: new Secret(`${platform}-${link}`),
          ...(refresh ? { refreshToken: new Secret(refresh) } : {}),
          scopes: [],
        },
      });
    }
    const grants = await insertGrants(
      db.db,
      Object.keys(tokens).map((platform) => ({
        agencyId,
        onboardingId: onboarding.id,
        platform,
        assetType: 'advertiser',
        assetId: `${platform}-asset-${link}`,
        assetName: 'Asset',
        ownerId: null,
        permissionLevel: 'ANALYST',
        idempotencyKey: `${onboarding.id}/${platform}`,
      })),
    );
    return { request, onboarding, grants };
  }
  const first = await client(northwind.id, { tiktok: undefined, snapchat: undefined });
  const second = await client(northwind.id, { tiktok: undefined });
  const third = await client(harbor.id, { tiktok: undefined, ga4: `ga4-refresh-3` });
  // The first client's Snapchat grant already waits for the agency person to accept.
  await db.db
    .updateTable('grants')
    .set({ status: 'pending_acceptance' })
    .where('id', '=', first.grants.find((g) => g.platform === 'snapchat')!.id)
    .execute();

  // Each agency hears of its own grants and requests only.
  for (const agency of [northwind, harbor]) {
    await createWebhookEndpoint(db.db, keyring, agency.id, null, {
      url: `https://hooks.example/${agency.slug}`,
      eventTypes: ['grant.granted', 'grant.failed', 'request.completed'],
    });
  }

  const answered = { name: 'grant_answered', at: now.toISOString() } as const;
  const settle = (grantId: string, status: 'granted' | 'failed') => ({
    grantId,
    from: ['queued' as const],
    settlement:
      status === 'granted'
        ? { status, verified: true, step: answered }
        : { status, reason: 'Refused', step: answered },
  });
  const tiktokOf = (c: { grants: { id: string; platform: string }[] }) =>
    c.grants.find((g) => g.platform === 'tiktok')!.id;
  // Each statement of the settlement as `<verb> <table>` (the table it reads or writes first).
  const statements: string[] = [];
  const compiler = new PostgresQueryCompiler();
  const counted = db.db.withPlugin({
    transformQuery: (args) => {
      const { sql } = compiler.compileQuery(args.node, args.queryId);
      const shape = /^\s*(?:(select|delete|insert)\b.*?\b(?:from|into)|(update)) "?(\w+)/is.exec(
        sql,
      );
      statements.push(`${(shape?.[1] ?? shape?.[2] ?? '').toLowerCase()} ${shape?.[3] ?? ''}`);
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  });
  const settled = await settleGrantsAndAdvance({ ...deps, database: { db: counted } }, [
    settle(tiktokOf(first), 'granted'),
    settle(tiktokOf(third), 'granted'),
    settle(tiktokOf(second), 'granted'),
    settle(third.grants.find((g) => g.platform === 'ga4')!.id, 'failed'),
  ]);
  expect(settled.map((g) => g?.status)).toEqual(['granted', 'granted', 'granted', 'failed']);

  // The three onboardings are locked, read and cleared of their tokens together: one statement
  // each, not one per client (only an onboarding whose status changes adds its own writes).
  const count = (statement: string) => statements.filter((s) => s === statement).length;
  expect(count('select onboardings')).toBe(1);
  expect(count('select platform_connections')).toBe(1);
  expect(count('delete platform_connections')).toBe(1);
  expect(count('update onboardings')).toBe(2);
  // One read of the endpoints for the four grants' events, one per request that ended.
  expect(count('select webhook_endpoints')).toBe(3);
  const heard = async (agencyId: string) =>
    (
      await db.db
        .selectFrom('webhook_deliveries')
        .select(['event_type', 'body'])
        .where('agency_id', '=', agencyId)
        .execute()
    )
      .map((d) => {
        const data = (JSON.parse(d.body) as { data: Record<string, unknown> }).data;
        return `${d.event_type} ${String(data.asset_id ?? data.request_id)}`;
      })
      .sort();
  expect(await heard(northwind.id)).toEqual([
    'grant.granted tiktok-asset-1',
    'grant.granted tiktok-asset-2',
    `request.completed ${second.request.id}`,
  ]);
  expect(await heard(harbor.id)).toEqual([
    'grant.failed ga4-asset-3',
    'grant.granted tiktok-asset-3',
  ]);

  expect(await clientTokens(first.onboarding.id)).toEqual(['snapchat']);
  expect(await clientTokens(second.onboarding.id)).toEqual([]);
  expect(await clientTokens(third.onboarding.id)).toEqual([]);
  expect(revoked.sort()).toEqual(['ga4-refresh-3', 'tiktok-1', 'tiktok-2', 'tiktok-3']);
  const statuses = await Promise.all(
    [first, second, third].map(async (c) => (await findOnboarding(db.db, c.onboarding.id))?.status),
  );
  expect(statuses).toEqual(['approved', 'completed', 'partial']);

  // Each agency's audit names its own clients' tokens, and only those.
  const deletions = async (agencyId: string) =>
    (await findAuditEvents(db.db, agencyId))
      .filter((e) => e.action === 'onboarding.client_token_deleted')
      .map((e) => ({ onboarding: e.target_id, ...(e.data as object) }))
      .sort((a, b) => String(a.onboarding).localeCompare(String(b.onboarding)));
  expect(await deletions(northwind.id)).toEqual(
    [
      { onboarding: first.onboarding.id, platforms: ['tiktok'] },
      { onboarding: second.onboarding.id, platforms: ['tiktok'] },
    ].sort((a, b) => a.onboarding.localeCompare(b.onboarding)),
  );
  expect(await deletions(harbor.id)).toEqual([
    { onboarding: third.onboarding.id, platforms: ['ga4', 'tiktok'] },
  ]);
});

it('revokes the tokens of a settlement side by side, and one platform failing spares the others', async () => {
  const started: string[] = [];
  let release!: () => void;
  const answered = new Promise<void>((resolve) => (release = resolve));
  const revoker = (fail: boolean) => ({
    revokeToken: async (token: string) => {
      started.push(token);
      await answered;
      if (fail) throw new Error('platform down');
    },
  });
  const warnings: unknown[] = [];
  const deps = {
    platforms: { tiktok: revoker(false), ga4: revoker(true), snapchat: revoker(false) },
    logger: { warn: (fields: unknown) => void warnings.push(fields) },
  } as unknown as ClientTokenDeps;
  const revoking = revokeAtPlatforms(deps, [
    { platform: 'tiktok', token: new Secret('tiktok-1') },
    { platform: 'ga4', token: new Secret('ga4-2') },
    { platform: 'snapchat', token: new Secret('snap-3') },
  ]);
  // Every call is under way before any answers: one round trip for the settlement, not three.
  await vi.waitFor(() => expect(started).toHaveLength(3));
  release();
  await revoking;
  expect(started.sort()).toEqual(['ga4-2', 'snap-3', 'tiktok-1']);
  expect(warnings).toEqual([{ platform: 'ga4', kind: 'error' }]);
});
