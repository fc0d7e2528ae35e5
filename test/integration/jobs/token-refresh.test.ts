// S10 against the Snapchat sandbox (access tokens live an hour; here it rotates refresh tokens):
// a connection whose token has run out is refreshed before the platform call, once however many
// callers want it at the same moment; the newest refresh token is stored with the access token,
// so a spent one is never sent again; a refused refresh marks the connection for re-consent and
// fails the grant without a retry; a token far from expiry is used as it is.
import { randomUUID } from 'node:crypto';
import { UpdateQueryNode, type KyselyPlugin } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { defaultBackoff } from '../../../src/domain/grant-retry.ts';
import { grantIdempotencyKey } from '../../../src/domain/grant.ts';
import { executeGrant } from '../../../src/jobs/execute-grant.ts';
import { REFRESH_CLAIM_MS } from '../../../src/jobs/fresh-token.ts';
import { agencyIdentityFor, GrantBlocked, type GrantDeps } from '../../../src/jobs/grant-deps.ts';
import { recheckGrant } from '../../../src/jobs/recheck-grant.ts';
import { PlatformError } from '../../../src/platforms/errors.ts';
import type { FetchLike } from '../../../src/platforms/http.ts';
import {
  createSnapchatConnector,
  snapchatSandboxBaseUrls,
} from '../../../src/platforms/snapchat/connector.ts';
import { IDS } from '../../../src/platforms/snapchat/sandbox/index.ts';
import { insertAccessRequest } from '../../../src/store/access-requests.ts';
import { insertAgency } from '../../../src/store/agencies.ts';
import { findGrant, insertGrants } from '../../../src/store/grants.ts';
import { findOrCreateOnboarding, setOnboardingStatus } from '../../../src/store/onboardings.ts';
import {
  findAgencyConnection,
  saveAgencyConnection,
  saveOnboardingConnection,
  setAgencyBusiness,
} from '../../../src/store/platform-connections.ts';
import { generateKeyEntry, parseKeyring, Secret } from '../../../src/store/secrets.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { captureLogger } from '../../support/logger.ts';
import { APP, startHarness, type SnapHarness } from '../platforms/snapchat/harness.ts';

const NORA = 'nora@northwind-media.example';
const DANA = 'dana@acme-outdoor.example';
const HOUR = 3_600_000;
const keyring = parseKeyring(generateKeyEntry('refresh'));

let h: SnapHarness;
let db: TestDatabase;
/** The refresh tokens Latchkey sent to the token endpoint, in order. */
let refreshesSent: string[];
/** The next refresh calls answered 503 before reaching the sandbox. */
let failNextRefreshes = 0;
let deps: GrantDeps;
let logs: ReturnType<typeof captureLogger>;
let agencyId: string;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.destroy();
});

beforeEach(async () => {
  h = await startHarness({ rotateRefreshTokens: true });
  refreshesSent = [];
  failNextRefreshes = 0;
  // Counts the refresh calls; holds each answer back a moment, so concurrent callers overlap.
  const countingFetch: FetchLike = async (input, init) => {
    const url = String(input);
    if (url.endsWith('/login/oauth2/access_token')) {
      const form = new URLSearchParams(typeof init?.body === 'string' ? init.body : '');
      if (form.get('grant_type') === 'refresh_token') {
        refreshesSent.push(form.get('refresh_token') ?? '');
        await new Promise((resolve) => setTimeout(resolve, 150));
        if (failNextRefreshes > 0) {
          failNextRefreshes -= 1;
          return new Response('{}', { status: 503 });
        }
      }
    }
    return fetch(input, init);
  };
  const now = () => new Date(h.clock.t);
  const snap = createSnapchatConnector({
    baseUrls: snapchatSandboxBaseUrls(h.base),
    clientId: APP.clientId,
    clientSecret: APP.clientSecret,
    fetch: countingFetch,
    now,
  });
  logs = captureLogger('info');
  deps = {
    database: db,
    keyring,
    platforms: { snapchat: snap },
    now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    logger: logs.logger,
    grantPolicy: { leaseMs: 30_000, backoff: defaultBackoff, workerId: 'test' },
  };
  const agency = await insertAgency(db.db, { name: 'Northwind', slug: `nw-${randomUUID()}` });
  agencyId = agency.id;
  const nora = await h.tokens(NORA);
  await saveAgencyConnection(db.db, keyring, {
    agencyId,
    platform: 'snapchat',
    now: now(),
    tokens: {
      accessToken: new Secret(nora.access_token as string),
      refreshToken: new Secret(nora.refresh_token as string),
      expiresAt: new Date(h.clock.t + (nora.expires_in as number) * 1000),
      scopes: [],
    },
  });
  const [business] = await snap.listAgencyBusinesses!(nora.access_token as string);
  await setAgencyBusiness(db.db, {
    agencyId,
    platform: 'snapchat',
    businessId: business!.id,
    businessName: business!.name,
    now: now(),
  });
});
afterEach(async () => {
  await h.close();
});

async function storedRow() {
  return db.db
    .selectFrom('platform_connections')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('owner_kind', '=', 'agency')
    .executeTakeFirstOrThrow();
}

/** A grant of Acme's ad account to the agency, with the client's (expiring) token stored. */
async function grantFor(status: 'queued' | 'pending_acceptance') {
  const now = deps.now();
  const request = await insertAccessRequest(db.db, {
    agencyId,
    clientId: null,
    title: 'Snap',
    message: null,
    linkId: `link${randomUUID().slice(0, 8)}`,
    linkSecretHash: 'x'.repeat(64),
    linkExpiresAt: new Date(now.getTime() + 86_400_000),
    accessEndsAt: null,
    createdBy: null,
    items: [{ platform: 'snapchat', assetType: 'ad_account', permissionLevel: 'general' }],
  });
  const { onboarding } = await findOrCreateOnboarding(db.db, { agencyId, requestId: request.id });
  await setOnboardingStatus(db.db, onboarding.id, 'approved', now);
  const dana = await h.tokens(DANA);
  await saveOnboardingConnection(db.db, keyring, {
    agencyId,
    onboardingId: onboarding.id,
    platform: 'snapchat',
    now,
    tokens: {
      accessToken: new Secret(dana.access_token as string),
      refreshToken: new Secret(dana.refresh_token as string),
      expiresAt: new Date(h.clock.t + (dana.expires_in as number) * 1000),
      scopes: [],
    },
  });
  const [grant] = await insertGrants(db.db, [
    {
      agencyId,
      onboardingId: onboarding.id,
      platform: 'snapchat',
      assetType: 'ad_account',
      assetId: IDS.adAcmeUs,
      assetName: 'Acme Outdoor US',
      ownerId: IDS.orgAcme,
      permissionLevel: 'general',
      idempotencyKey: grantIdempotencyKey({
        onboardingId: onboarding.id,
        platform: 'snapchat',
        assetType: 'ad_account',
        assetId: IDS.adAcmeUs,
        level: 'general',
      }),
    },
  ]);
  await db.db.updateTable('grants').set({ status }).where('id', '=', grant!.id).execute();
  return grant!;
}

it('an expired agency token is refreshed before the re-check, which then works', async () => {
  const grant = await grantFor('pending_acceptance');
  const before = await storedRow();
  h.clock.t += 2 * HOUR; // both stored access tokens have run out at the sandbox
  const checked = await recheckGrant(deps, grant.id);
  expect(checked?.status).toBe('pending_acceptance');
  const after = await storedRow();
  expect(after.access_token_ciphertext).not.toBe(before.access_token_ciphertext);
  expect(after.refresh_token_ciphertext).not.toBe(before.refresh_token_ciphertext);
  expect(after.expires_at!.getTime()).toBe(h.clock.t + HOUR);
  expect(after.refresh_claimed_until).toBeNull();
  // The agency's token and the client's (continueGrant): one refresh each.
  expect(refreshesSent).toHaveLength(2);
  // Tokens never reach the logs.
  const logged = logs.text();
  for (const token of refreshesSent) expect(logged).not.toContain(token);
  expect(logged).toContain('refreshed a connection token');
});

it('two concurrent callers: one token call, both get the new token', async () => {
  h.clock.t += 2 * HOUR;
  const otherWorker: GrantDeps = { ...deps };
  const [a, b] = await Promise.all([
    agencyIdentityFor(deps, agencyId, 'snapchat'),
    agencyIdentityFor(otherWorker, agencyId, 'snapchat'),
  ]);
  expect(refreshesSent).toHaveLength(1);
  expect(a.accessToken).toBe(b.accessToken);
  const me = await h.api('GET', 'me', a.accessToken);
  expect(me.status).toBe(200);
});

it('a rotated refresh token is stored with the access token; the spent one is never sent again', async () => {
  h.clock.t += 2 * HOUR;
  await agencyIdentityFor(deps, agencyId, 'snapchat');
  h.clock.t += 2 * HOUR;
  const identity = await agencyIdentityFor(deps, agencyId, 'snapchat');
  expect(refreshesSent).toHaveLength(2);
  expect(new Set(refreshesSent).size).toBe(2);
  expect((await h.api('GET', 'me', identity.accessToken)).status).toBe(200);
  // The sandbox really rotates: the first refresh token is spent.
  const reuse = await fetch(`${h.base}/login/oauth2/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
      refresh_token: refreshesSent[0]!,
    }).toString(),
  });
  expect(reuse.status).toBe(400);
  expect(((await reuse.json()) as { error: string }).error).toBe('invalid_grant');
});

it('storing a rotated refresh token is tried again when the database fails for a moment', async () => {
  h.clock.t += 2 * HOUR;
  let failures = 2;
  // Fails the first two statements that store a refreshed access token, as a lost connection would.
  const flaky: KyselyPlugin = {
    transformQuery(args) {
      const node = args.node;
      if (
        UpdateQueryNode.is(node) &&
        failures > 0 &&
        JSON.stringify(node.updates ?? []).includes('"access_token_ciphertext"')
      ) {
        failures -= 1;
        throw new Error('connection terminated unexpectedly');
      }
      return node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
  const flakyDeps: GrantDeps = { ...deps, database: { ...db, db: db.db.withPlugin(flaky) } };
  const identity = await agencyIdentityFor(flakyDeps, agencyId, 'snapchat');
  expect(failures).toBe(0);
  expect(refreshesSent).toHaveLength(1);
  expect((await h.api('GET', 'me', identity.accessToken)).status).toBe(200);
  // The stored refresh token is the rotated one: the next refresh works.
  const row = await storedRow();
  expect(row.refresh_claimed_until).toBeNull();
  h.clock.t += 2 * HOUR;
  const again = await agencyIdentityFor(deps, agencyId, 'snapchat');
  expect(refreshesSent).toHaveLength(2);
  expect((await h.api('GET', 'me', again.accessToken)).status).toBe(200);
  expect(logs.text()).toContain('storing a refreshed token failed; trying again');
});

it('a refused refresh marks the connection and fails the grant without a retry', async () => {
  const grant = await grantFor('queued');
  // Someone spends the stored refresh token elsewhere: the sandbox now refuses it.
  const stored = keyring.open((await storedRow()).refresh_token_ciphertext!, {
    table: 'platform_connections',
    column: 'refresh_token_ciphertext',
    rowId: (await storedRow()).id,
    agencyId,
  });
  const spent = await fetch(`${h.base}/login/oauth2/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
      refresh_token: stored.reveal(),
    }).toString(),
  });
  expect(spent.status).toBe(200);
  h.clock.t += 2 * HOUR;

  // The job ends (nothing thrown for pg-boss to retry) with the grant failed and why.
  await executeGrant(deps, grant.id);
  const failed = await findGrant(db.db, grant.id);
  expect(failed?.status).toBe('failed');
  expect(failed?.failureReason).toMatch(/reconnect snapchat in Settings/);
  expect(refreshesSent).toHaveLength(1);
  expect((await storedRow()).refresh_refused_at).not.toBeNull();
  expect((await findAgencyConnection(db.db, agencyId, 'snapchat'))?.needsReconnect).toBe(true);

  // Later callers are blocked without asking the platform again.
  await expect(agencyIdentityFor(deps, agencyId, 'snapchat')).rejects.toBeInstanceOf(GrantBlocked);
  expect(refreshesSent).toHaveLength(1);
});

it('a token far from expiry is used as stored: no refresh call', async () => {
  const before = await storedRow();
  h.clock.t += 30 * 60_000; // half its hour
  const identity = await agencyIdentityFor(deps, agencyId, 'snapchat');
  expect(refreshesSent).toHaveLength(0);
  expect((await h.api('GET', 'me', identity.accessToken)).status).toBe(200);
  expect((await storedRow()).access_token_ciphertext).toBe(before.access_token_ciphertext);
});

it('a passing failure releases the claim: the job retries, and the next call refreshes', async () => {
  h.clock.t += 2 * HOUR;
  failNextRefreshes = 1;
  const failure = await agencyIdentityFor(deps, agencyId, 'snapchat').catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(PlatformError);
  expect((failure as PlatformError).retryable).toBe(true);
  const row = await storedRow();
  expect(row.refresh_claimed_until).toBeNull();
  expect(row.refresh_refused_at).toBeNull();
  const identity = await agencyIdentityFor(deps, agencyId, 'snapchat');
  expect(refreshesSent).toHaveLength(2);
  expect((await h.api('GET', 'me', identity.accessToken)).status).toBe(200);
});

it('a caller waits for a claim held by another worker, and takes over when it runs out', async () => {
  h.clock.t += 2 * HOUR;
  // A worker claimed the refresh and crashed before storing anything.
  await db.db
    .updateTable('platform_connections')
    .set({ refresh_claimed_until: new Date(h.clock.t + REFRESH_CLAIM_MS) })
    .where('id', '=', (await storedRow()).id)
    .execute();
  let settled = false;
  const waiting = agencyIdentityFor(deps, agencyId, 'snapchat').finally(() => {
    settled = true;
  });
  await new Promise((resolve) => setTimeout(resolve, 400));
  expect(settled).toBe(false);
  expect(refreshesSent).toHaveLength(0);
  h.clock.t += REFRESH_CLAIM_MS + 1;
  const identity = await waiting;
  expect(refreshesSent).toHaveLength(1);
  expect((await h.api('GET', 'me', identity.accessToken)).status).toBe(200);
  expect((await storedRow()).refresh_claimed_until).toBeNull();
});
