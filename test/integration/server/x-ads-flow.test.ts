/**
 * X Ads through Latchkey's own routes, against the X sandbox: the agency connects its X account
 * with OAuth 1.0a (the request token comes back as the state; bad state, wrong browser, replay and
 * denial refused), the client names an ads account, follows the guided step naming the agency's
 * @handle, "I have done this" verifies it through authenticated_user_access, and a sweep sees the
 * manual removal in ads manager as lost.
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultBackoff } from '../../../src/domain/grant-retry.ts';
import type { GrantDeps } from '../../../src/jobs/grant-deps.ts';
import { createQueues, startQueue, type QueueHandle } from '../../../src/jobs/queue.ts';
import { executeGrantJob } from '../../../src/jobs/execute-grant.ts';
import { sleep } from '../../../src/jobs/rate-limiter.ts';
import { runVerification } from '../../../src/jobs/verify-grants.ts';
import { defaultLifecycleSettings } from '../../../src/jobs/verify-grants-deps.ts';
import { queueDueVerifications } from '../../../src/jobs/verify-grants-schedule.ts';
import { platformManifests } from '../../../src/platforms/registry.ts';
import {
  createXAdsConnector,
  xAdsSandboxBaseUrls,
} from '../../../src/platforms/x-ads/connector.ts';
import { createXSandbox, IDS } from '../../../src/platforms/x-ads/sandbox/index.ts';
import { buildApp, type App } from '../../../src/server/app.ts';
import { onboardingPlugins } from '../../../src/server/routes/onboarding-plugins.ts';
import type { OnboardingServices } from '../../../src/server/routes/onboarding-services.ts';
import { workspacePlugins } from '../../../src/server/workspace-plugins.ts';
import { generateKeyEntry, parseKeyring } from '../../../src/store/secrets.ts';
import {
  buildAgency,
  buildTestWorkspace,
  TEST_PUBLIC_URL,
  type TestAgency,
} from '../../support/agency.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { captureLogger } from '../../support/logger.ts';
import { browserCookieOf } from '../../support/onboarding.ts';

const APP = {
  consumerKey: 'xflowconsumerkey',
  consumerSecret: 'x-flow-consumer-secret-canary',
  callbacks: [`${TEST_PUBLIC_URL}/oauth/callback/x_ads`],
};

let database: TestDatabase;
let sandboxUrl: string;
let closeSandbox: () => Promise<void>;
let app: App;
let queue: QueueHandle;
let grantDeps: GrantDeps;
let agency: TestAgency;
let token = '';

beforeAll(async () => {
  database = await createTestDatabase();
  const keyring = parseKeyring(generateKeyEntry('test'));
  const sandbox = createXSandbox({ apps: [APP] });
  const server = Fastify({ logger: false });
  await server.register(sandbox.plugin, { prefix: '/sandbox/x' });
  sandboxUrl = `${await server.listen({ host: '127.0.0.1', port: 0 })}/sandbox/x`;
  closeSandbox = () => server.close();
  const platforms = {
    x_ads: createXAdsConnector({
      baseUrls: xAdsSandboxBaseUrls(sandboxUrl),
      consumerKey: APP.consumerKey,
      consumerSecret: APP.consumerSecret,
    }),
  };
  const logs = captureLogger('info');
  queue = await startQueue(database, { logger: logs.logger });
  await createQueues(queue.boss, [executeGrantJob] as never);
  grantDeps = {
    database,
    keyring,
    platforms,
    now: () => new Date(),
    sleep,
    logger: logs.logger,
    grantPolicy: { leaseMs: 30_000, backoff: { ...defaultBackoff, baseMs: 20 }, workerId: 'test' },
  };
  const services: OnboardingServices = {
    db: database.db,
    database,
    keyring,
    platforms,
    manifests: platformManifests,
    boss: queue.boss,
    now: () => new Date(),
    publicUrl: () => TEST_PUBLIC_URL,
    grantDeps,
  };
  const workspace = buildTestWorkspace(database);
  app = await buildApp({
    logger: logs.logger,
    database,
    plugins: [...workspacePlugins(workspace), ...onboardingPlugins(services)],
  });
  await app.ready();
  agency = await buildAgency(database, { workspace, name: 'Northwind Media' });
}, 60_000);
afterAll(async () => {
  await app?.close();
  await queue?.stop(2_000);
  await closeSandbox?.();
  await database?.destroy();
});

const agencyHeaders = () => ({ ...agency.owner.headers, origin: TEST_PUBLIC_URL });
const api = (path: string) => `/api/v1/onboarding/${token}${path}`;

async function signIn(userId: string): Promise<string> {
  const res = await fetch(`${sandboxUrl}/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user_id: userId }).toString(),
    redirect: 'manual',
  });
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function pagePost(path: string, cookie: string, fields: Record<string, string>) {
  return fetch(`${sandboxUrl}${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

/** Starts the agency's X sign-in; consents (or cancels) in the sandbox; the callback URL. */
async function startAndConsent(cancel = false): Promise<{ back: URL; browser: string }> {
  const start = await app.inject({
    method: 'POST',
    url: '/api/v1/agency/connections/x_ads/start',
    headers: agencyHeaders(),
  });
  expect(start.statusCode).toBe(200);
  const url = new URL(start.json<{ authorizationUrl: string }>().authorizationUrl);
  expect(url.pathname).toBe('/sandbox/x/oauth/authorize');
  const cookie = await signIn(IDS.agencyUser);
  const answer = await pagePost('/oauth/authorize', cookie, {
    oauth_token: url.searchParams.get('oauth_token') ?? '',
    ...(cancel ? { cancel: '1' } : {}),
  });
  return {
    back: new URL(answer.headers.get('location') ?? ''),
    browser: browserCookieOf(start.headers['set-cookie']),
  };
}

const callback = (back: URL, browser: string) =>
  app.inject({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    headers: { cookie: `${browser}; ${agency.owner.sessionCookie}` },
  });
const reasonOf = (r: { json: () => unknown }) =>
  (r.json() as { error: { details: { reason: string } } }).error.details.reason;

describe('X Ads through the routes', () => {
  it('refuses a declined sign-in, a wrong browser, an unknown token and a replay', async () => {
    const declined = await startAndConsent(true);
    expect(declined.back.searchParams.get('denied')).toBeTruthy();
    const denied = await callback(declined.back, declined.browser);
    expect(denied.statusCode).toBe(303);
    expect(denied.headers.location).toContain('x_ads=denied');

    const other = await startAndConsent();
    const wrongBrowser = await app.inject({
      method: 'GET',
      url: `${other.back.pathname}${other.back.search}`,
      headers: {
        cookie: `latchkey_oauth_browser=AAAAAAAAAAAAAAAAAAAAAA; ${agency.owner.sessionCookie}`,
      },
    });
    expect(wrongBrowser.statusCode).toBe(400);
    expect(reasonOf(wrongBrowser)).toBe('browser_mismatch');
    const unknown = new URL(other.back);
    unknown.searchParams.set('oauth_token', 'not-a-request-token');
    const answer = await callback(unknown, other.browser);
    expect(reasonOf(answer)).toBe('unknown_state');
    const hostile = new URL(other.back);
    hostile.searchParams.set('oauth_verifier', 'v'.repeat(5000));
    expect((await callback(hostile, other.browser)).statusCode).toBe(400);
  });

  it('connects the agency’s X account; the @handle is where grants go; a replay is refused', async () => {
    const { back, browser } = await startAndConsent();
    const done = await callback(back, browser);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toContain('x_ads=connected');
    const again = await callback(back, browser);
    expect(again.statusCode).toBe(400);
    expect(reasonOf(again)).toBe('state_used');
    const businesses = await app.inject({
      method: 'GET',
      url: '/api/v1/agency/connections/x_ads/businesses',
      headers: agency.owner.headers,
    });
    expect(businesses.json()).toEqual({
      businesses: [{ id: 'northwind_ads', name: '@northwind_ads', isAdmin: true }],
    });
    const pick = await app.inject({
      method: 'PUT',
      url: '/api/v1/agency/connections/x_ads/business',
      headers: { ...agencyHeaders(), 'content-type': 'application/json' },
      payload: { businessId: 'northwind_ads' },
    });
    expect(pick.statusCode).toBe(200);
    // The token and its secret are stored sealed: the ciphertext does not read as the packed JSON.
    const row = await database.db
      .selectFrom('platform_connections')
      .selectAll()
      .where('platform', '=', 'x_ads')
      .executeTakeFirstOrThrow();
    expect(row.access_token_ciphertext).not.toContain('secret');
    expect(row.access_token_ciphertext).not.toContain(IDS.agencyUser);
    expect(row.business_id).toBe('northwind_ads');
  });

  it('guided grant: the step names the @handle; the check verifies it; a sweep sees the removal', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: { ...agencyHeaders(), 'content-type': 'application/json' },
      payload: {
        title: 'X ads for Acme',
        items: [{ platform: 'x_ads', assetType: 'x_ads_account', permissionLevel: 'ad_manager' }],
      },
    });
    expect(created.statusCode).toBe(201);
    token = created.json<{ link: { url: string } }>().link.url.split('/l/')[1] ?? '';
    const bad = await app.inject({
      method: 'POST',
      url: api('/approve'),
      payload: {
        selections: [
          {
            platform: 'x_ads',
            assetType: 'x_ads_account',
            input: { kind: 'ads_account_id', accountId: 'not an id!' },
          },
        ],
      },
    });
    expect(bad.statusCode).toBe(422);
    const approved = await app.inject({
      method: 'POST',
      url: api('/approve'),
      payload: {
        selections: [
          {
            platform: 'x_ads',
            assetType: 'x_ads_account',
            input: { kind: 'ads_account_id', accountId: IDS.account.toUpperCase() },
          },
        ],
      },
    });
    expect(approved.statusCode).toBe(202);
    type GrantBody = {
      id: string;
      assetId: string;
      status: string;
      manualStep: { kind: string; title: string; instructions: string[] } | null;
    };
    const grants = async () =>
      (await app.inject({ method: 'GET', url: api('/progress') })).json<{ grants: GrantBody[] }>()
        .grants;
    const grant = (await grants())[0]!;
    expect(grant).toMatchObject({ assetId: IDS.account, status: 'needs_manual_step' });
    expect(grant.manualStep?.kind).toBe('guided');
    expect(grant.manualStep?.title).toContain('@northwind_ads');
    expect(grant.manualStep?.instructions.join(' ')).toContain('Ad manager');
    const check = async () =>
      (await app.inject({ method: 'POST', url: api(`/grants/${grant.id}/check`) })).json<{
        grant: GrantBody;
      }>().grant.status;
    expect(await check()).toBe('needs_manual_step');
    // The client adds the agency in ads manager (the sandbox's page, as a browser would).
    const client = await signIn(IDS.clientUser);
    // A lower access level than the Ad manager asked for is not enough.
    await pagePost(`/ads/${IDS.account}/access/add`, client, {
      handle: 'northwind_ads',
      permission: 'CAMPAIGN_ANALYST',
    });
    expect(await check()).toBe('needs_manual_step');
    const added = await pagePost(`/ads/${IDS.account}/access/add`, client, {
      handle: '@northwind_ads',
      permission: 'AD_MANAGER',
    });
    expect(added.status).toBe(200);
    expect(await check()).toBe('granted');

    const deps = (at: Date) => ({
      ...grantDeps,
      now: () => at,
      lifecycle: { ...defaultLifecycleSettings, backoff: { baseMs: 5, capMs: 20, maxAttempts: 2 } },
      publicUrl: () => TEST_PUBLIC_URL,
    });
    const sweep = async (at: Date) => {
      const runIds = await queueDueVerifications(deps(at));
      expect(runIds).toHaveLength(1);
      return runVerification(deps(at), runIds[0] ?? '');
    };
    expect((await sweep(new Date())).summary).toMatchObject({ holds: 1, lost: 0 });
    await pagePost(`/ads/${IDS.account}/access/remove`, client, { user_id: IDS.agencyUser });
    expect((await sweep(new Date(Date.now() + 25 * 3_600_000))).summary).toMatchObject({
      holds: 0,
      lost: 1,
    });
  }, 60_000);
});
