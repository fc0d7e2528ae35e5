/**
 * Microsoft Advertising through Latchkey's own routes and grant job, against its sandbox: the
 * agency connects its manager account, the client opens the link, signs in with Microsoft, sees
 * its accounts listed (no ids typed), approves; the grant job proposes and accepts the client
 * link; the access reads back as held, and the client's token is deleted afterwards.
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultBackoff } from '../../../src/domain/grant-retry.ts';
import { executeGrant, executeGrantJob } from '../../../src/jobs/execute-grant.ts';
import { agencyIdentityFor, type GrantDeps } from '../../../src/jobs/grant-deps.ts';
import { createQueues, startQueue, type QueueHandle } from '../../../src/jobs/queue.ts';
import { sleep } from '../../../src/jobs/rate-limiter.ts';
import { runVerification } from '../../../src/jobs/verify-grants.ts';
import { defaultLifecycleSettings } from '../../../src/jobs/verify-grants-deps.ts';
import { queueDueVerifications } from '../../../src/jobs/verify-grants-schedule.ts';
import {
  createMicrosoftAdsConnector,
  microsoftAdsSandboxBaseUrls,
} from '../../../src/platforms/microsoft-ads/connector.ts';
import {
  createMicrosoftAdsSandbox,
  type MicrosoftAdsSandbox,
} from '../../../src/platforms/microsoft-ads/sandbox/index.ts';
import { platformManifests } from '../../../src/platforms/registry.ts';
import { buildApp, type App } from '../../../src/server/app.ts';
import { onboardingPlugins } from '../../../src/server/routes/onboarding-plugins.ts';
import type { OnboardingServices } from '../../../src/server/routes/onboarding-services.ts';
import { workspacePlugins } from '../../../src/server/workspace-plugins.ts';
import { openOnboardingToken } from '../../../src/store/platform-connections.ts';
import { generateKeyEntry, parseKeyring, type Keyring } from '../../../src/store/secrets.ts';
import {
  buildAgency,
  buildTestWorkspace,
  TEST_PUBLIC_URL,
  type TestAgency,
} from '../../support/agency.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { captureLogger } from '../../support/logger.ts';
import { browserCookieOf } from '../../support/onboarding.ts';

const APP = { clientId: 'ms-test-client', clientSecret: 'ms-secret-canary' };
const DEV_TOKEN = 'ms-dev-token';
const X = {
  dana: '70000001',
  nora: '70000010',
  northwind: '81000010',
  acme: '81000001',
  acmeUs: '150000001',
  acmeEu: '150000002',
};

let database: TestDatabase;
let keyring: Keyring;
let sandbox: MicrosoftAdsSandbox;
let sandboxUrl: string;
let closeSandbox: () => Promise<void>;
let app: App;
let queue: QueueHandle;
let grantDeps: GrantDeps;
let agency: TestAgency;

beforeAll(async () => {
  database = await createTestDatabase();
  keyring = parseKeyring(generateKeyEntry('test'));
  sandbox = createMicrosoftAdsSandbox({
    apps: [{ ...APP, redirectUris: [`${TEST_PUBLIC_URL}/oauth/callback/microsoft_ads`] }],
    developerTokens: [DEV_TOKEN],
  });
  const server = Fastify({ logger: false });
  await server.register(sandbox.plugin);
  sandboxUrl = await server.listen({ host: '127.0.0.1', port: 0 });
  closeSandbox = () => server.close();
  const platforms = {
    microsoft_ads: createMicrosoftAdsConnector({
      baseUrls: microsoftAdsSandboxBaseUrls(sandboxUrl),
      ...APP,
      developerToken: DEV_TOKEN,
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

/** Signs in on the sandbox as `userId` and accepts the consent the authorization URL asks for. */
async function consentInMicrosoft(authorizationUrl: string, userId: string): Promise<URL> {
  const signin = await fetch(`${sandboxUrl}/signin`, {
    method: 'POST',
    body: new URLSearchParams({ userId, next: '/accounts/links' }),
    redirect: 'manual',
  });
  const cookie = (signin.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const asked = new URL(authorizationUrl);
  // The consent page the browser sees carries the request as hidden fields.
  const page = await fetch(asked, { headers: { cookie } });
  expect(await page.text()).toContain('consent-accept');
  const accept = await fetch(`${sandboxUrl}/consent`, {
    method: 'POST',
    headers: { cookie },
    body: new URLSearchParams({ ...Object.fromEntries(asked.searchParams), decision: 'accept' }),
    redirect: 'manual',
  });
  const location = accept.headers.get('location');
  if (!location) throw new Error(`consent: ${accept.status} ${await accept.text()}`);
  return new URL(location);
}

describe('Microsoft Advertising in the one-link flow', () => {
  it('connects the agency, lists the client’s accounts, grants a client link and reads it back', async () => {
    const headers = { ...agency.owner.headers, origin: TEST_PUBLIC_URL };
    // The agency connects its manager account.
    const start = await app.inject({
      method: 'POST',
      url: '/api/v1/agency/connections/microsoft_ads/start',
      headers,
    });
    expect(start.statusCode).toBe(200);
    const agencyUrl = start.json<{ authorizationUrl: string }>().authorizationUrl;
    expect(new URL(agencyUrl).searchParams.get('code_challenge_method')).toBe('S256');
    const agencyBack = await consentInMicrosoft(agencyUrl, X.nora);
    const connected = await app.inject({
      method: 'GET',
      url: `${agencyBack.pathname}${agencyBack.search}`,
      headers: {
        cookie: `${browserCookieOf(start.headers['set-cookie'])}; ${agency.owner.sessionCookie}`,
      },
    });
    expect(connected.statusCode).toBe(303);
    const pick = await app.inject({
      method: 'PUT',
      url: '/api/v1/agency/connections/microsoft_ads/business',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: { businessId: X.northwind },
    });
    expect(pick.statusCode).toBe(200);

    // The agency asks for an agency link; the client opens the link and signs in.
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: {
        title: 'Microsoft Advertising for Acme',
        items: [
          { platform: 'microsoft_ads', assetType: 'ad_account', permissionLevel: 'client_link' },
        ],
      },
    });
    expect(created.statusCode).toBe(201);
    const token = created.json<{ link: { url: string } }>().link.url.split('/l/')[1] ?? '';
    const clientStart = await app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${token}/oauth/microsoft_ads/start`,
    });
    expect(clientStart.statusCode).toBe(200);
    const clientBack = await consentInMicrosoft(
      clientStart.json<{ authorizationUrl: string }>().authorizationUrl,
      X.dana,
    );
    const clientCallback = await app.inject({
      method: 'GET',
      url: `${clientBack.pathname}${clientBack.search}`,
      headers: { cookie: browserCookieOf(clientStart.headers['set-cookie']) },
    });
    expect(clientCallback.statusCode).toBe(303);

    const listed = await app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${token}/assets/microsoft_ads`,
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).toContain('Acme Outdoor US');
    expect(listed.body).toContain('Acme Outdoor EU');

    const approve = await app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${token}/approve`,
      payload: {
        selections: [{ platform: 'microsoft_ads', assetType: 'ad_account', assetId: X.acmeUs }],
      },
    });
    expect(approve.statusCode).toBe(202);
    const grants = await database.db.selectFrom('grants').selectAll().execute();
    expect(grants).toHaveLength(1);
    for (const grant of grants) await executeGrant(grantDeps, grant.id);
    const after = await database.db.selectFrom('grants').selectAll().execute();
    expect(after.map((g) => [g.platform, g.status])).toEqual([['microsoft_ads', 'granted']]);
    // The client's token is not kept once the grants are done (S12).
    expect(
      await openOnboardingToken(
        database.db,
        keyring,
        grants[0]?.onboarding_id ?? '',
        'microsoft_ads',
      ),
    ).toBeUndefined();

    const links = sandbox.model.state.links.filter((l) => l.managingCustomerId === X.northwind);
    expect(links.map((l) => [l.clientAccountId, l.status])).toEqual([
      ['150000030', 'Active'],
      [X.acmeUs, 'Active'],
    ]);
    const identity = await agencyIdentityFor(grantDeps, agency.agency.id, 'microsoft_ads');
    expect(identity.businessId).toBe(X.northwind);
    const connector = grantDeps.platforms.microsoft_ads;
    expect(
      await connector?.readAccess({
        agency: identity,
        asset: { type: 'ad_account', id: X.acmeUs, ownerId: X.acme },
      }),
    ).toEqual({ kind: 'holds', level: 'client_link' });
    expect(
      await connector?.readAccess({
        agency: identity,
        asset: { type: 'ad_account', id: X.acmeEu, ownerId: X.acme },
      }),
    ).toEqual({ kind: 'lost' });
  }, 60_000);

  it('verification reads the link as held, and as lost once the link is inactive', async () => {
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
    const first = await sweep(new Date());
    expect(first.summary).toMatchObject({ holds: 1, lost: 0 });
    // The link ends at Microsoft (the client unlinked it in the web UI, say).
    sandbox.model.mutate((ctx) => {
      for (const link of ctx.state.links)
        if (link.clientAccountId === X.acmeUs && link.status === 'Active') link.status = 'Inactive';
    });
    const second = await sweep(new Date(Date.now() + 25 * 3_600_000));
    expect(second.summary).toMatchObject({ holds: 0, lost: 1 });
  }, 60_000);
});
