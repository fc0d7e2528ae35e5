/**
 * A harness for the Meta, Google and LinkedIn legs of the one-link flow: a migrated test database,
 * the Meta sandbox on a loopback listener under `/sandbox/meta`, the Google and LinkedIn sandboxes
 * each on its own listener, their connectors (as the runtime builds them), the Latchkey app with
 * the onboarding plugins and every manifest, an agency, and helpers that consent in each sandbox
 * over HTTP like a browser.
 */
import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { defaultBackoff } from '../../src/domain/grant-retry.ts';
import type { GrantDeps } from '../../src/jobs/grant-deps.ts';
import { executeGrantJob } from '../../src/jobs/execute-grant.ts';
import { createQueues, startQueue, type QueueHandle } from '../../src/jobs/queue.ts';
import { sleep } from '../../src/jobs/rate-limiter.ts';
import { defaultLifecycleSettings } from '../../src/jobs/verify-grants-deps.ts';
import { createGa4Connector } from '../../src/platforms/ga4/connector.ts';
import { createGoogleAdsConnector } from '../../src/platforms/google-ads/connector.ts';
import { googleConnectorConfigs } from '../../src/platforms/google/configs.ts';
import {
  startGoogleSandbox,
  type GoogleSandbox,
} from '../../src/platforms/google/sandbox/index.ts';
import {
  createLinkedInConnector,
  linkedinSandboxBaseUrls,
} from '../../src/platforms/linkedin/connector.ts';
import {
  startLinkedInSandbox,
  type LinkedInSandbox,
} from '../../src/platforms/linkedin/sandbox/index.ts';
import { createMerchantCenterConnector } from '../../src/platforms/merchant-center/connector.ts';
import { createMetaConnector, metaSandboxBaseUrls } from '../../src/platforms/meta/connector.ts';
import { createMetaSandbox, type MetaSandbox } from '../../src/platforms/meta/sandbox/index.ts';
import {
  createPinterestConnector,
  pinterestSandboxBaseUrls,
} from '../../src/platforms/pinterest/connector.ts';
import {
  startPinterestSandbox,
  type PinterestSandbox,
} from '../../src/platforms/pinterest/sandbox/index.ts';
import { platformManifests } from '../../src/platforms/registry.ts';
import { createSearchConsoleConnector } from '../../src/platforms/search-console/connector.ts';
import { createShopifyConnector } from '../../src/platforms/shopify/connector.ts';
import { createYouTubeConnector } from '../../src/platforms/youtube/connector.ts';
import { buildApp, type App } from '../../src/server/app.ts';
import { onboardingPlugins } from '../../src/server/routes/onboarding-plugins.ts';
import type { OnboardingServices } from '../../src/server/routes/onboarding-services.ts';
import { lifecyclePlugins } from '../../src/server/routes/verification-services.ts';
import { workspacePlugins } from '../../src/server/workspace-plugins.ts';
import { generateKeyEntry, parseKeyring, type Keyring } from '../../src/store/secrets.ts';
import { buildAgency, buildTestWorkspace, TEST_PUBLIC_URL, type TestAgency } from './agency.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { captureLogger } from './logger.ts';
import { browserCookieOf } from './onboarding.ts';
import { openControl } from './sandbox-control.ts';

export const META_APP = { appId: '900000000000001', secret: 'meta-app-secret-canary' };
export const LINKEDIN_APP = { clientId: '86latchkeytest', clientSecret: 'linkedin-secret-canary' };
export const GOOGLE_APP = {
  clientId: 'latchkey-test.apps.googleusercontent.com',
  clientSecret: 'google-secret-canary',
  developerToken: 'sandbox-dev-token',
};
/** Ids of the default sandbox worlds (worlds/meta-default.json, worlds/google-default.json). */
export const M = {
  dana: '100000000000001',
  nora: '100000000000010',
  northwind: '200000000000010',
  adUs: 'act_300000000000001',
  adEu: 'act_300000000000002',
} as const;
export const PINTEREST_APP = { clientId: '1490000000099', clientSecret: 'pinterest-secret-canary' };
/** Ids of worlds/pinterest-default.json. */
export const P = {
  dana: '1100000000000003',
  nora: '1100000000000001',
  northwind: '1200000000000001',
  acme: '1200000000000002',
  adUs: '549700000001',
} as const;
export const G = {
  owner: 'dana@acme-outdoor.example',
  agency: 'nora@northwind-media.example',
  manager: '1112223334',
  account: '5556667778',
  property: '300100',
} as const;

export interface MultiHarness {
  readonly database: TestDatabase;
  readonly keyring: Keyring;
  readonly meta: MetaSandbox;
  readonly metaBase: string;
  readonly google: GoogleSandbox;
  readonly linkedin: LinkedInSandbox;
  readonly linkedinBase: string;
  readonly pinterest: { sandbox: PinterestSandbox; url: string };
  readonly app: App;
  readonly queue: QueueHandle;
  readonly services: OnboardingServices;
  readonly grantDeps: GrantDeps;
  readonly agency: TestAgency;
  close(): Promise<void>;
}

const callback = (id: string) => `${TEST_PUBLIC_URL}/oauth/callback/${id}`;

/** Builds everything a Meta/Google onboarding test needs. */
export async function createMultiHarness(): Promise<MultiHarness> {
  const database = await createTestDatabase();
  const keyring = parseKeyring(generateKeyEntry('test'));
  const meta = createMetaSandbox({
    ...openControl,
    apps: [{ ...META_APP, redirectUris: [callback('meta')], requireAppsecretProof: true }],
  });
  const metaServer: FastifyInstance = Fastify({ logger: false });
  await metaServer.register(meta.plugin, { prefix: '/sandbox/meta' });
  await metaServer.listen({ host: '127.0.0.1', port: 0 });
  const address = metaServer.server.address();
  const metaRoot = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const google = await startGoogleSandbox({
    ...openControl,
    apps: [
      {
        clientId: GOOGLE_APP.clientId,
        clientSecret: GOOGLE_APP.clientSecret,
        redirectUris: [
          'google_ads',
          'ga4',
          'gtm',
          'search_console',
          'youtube',
          'merchant_center',
        ].map(callback),
      },
    ],
    developerTokens: [GOOGLE_APP.developerToken],
  });
  const pinterest = await startPinterestSandbox({
    ...openControl,
    apps: [{ ...PINTEREST_APP, redirectUris: [callback('pinterest')] }],
  });
  const googleConfigs = googleConnectorConfigs({ ...GOOGLE_APP, sandboxUrl: google.url });
  const linkedin = await startLinkedInSandbox({
    ...openControl,
    apps: [{ ...LINKEDIN_APP, name: 'Latchkey', redirectUris: [callback('linkedin')] }],
  });
  const platforms = {
    meta: createMetaConnector({
      baseUrls: metaSandboxBaseUrls(`${metaRoot}/sandbox/meta`),
      appId: META_APP.appId,
      appSecret: META_APP.secret,
      graphVersion: 'v25.0',
    }),
    google_ads: createGoogleAdsConnector(googleConfigs.google_ads),
    ga4: createGa4Connector(googleConfigs.ga4),
    search_console: createSearchConsoleConnector(googleConfigs.search_console),
    youtube: createYouTubeConnector(googleConfigs.youtube),
    merchant_center: createMerchantCenterConnector(googleConfigs.merchant_center),
    shopify: createShopifyConnector(),
    linkedin: createLinkedInConnector({
      baseUrls: linkedinSandboxBaseUrls(linkedin.url),
      ...LINKEDIN_APP,
      apiVersion: '202601',
    }),
    pinterest: createPinterestConnector({
      baseUrls: pinterestSandboxBaseUrls(pinterest.url),
      ...PINTEREST_APP,
    }),
  };
  const logs = captureLogger('info');
  const queue = await startQueue(database, { logger: logs.logger });
  await createQueues(queue.boss, [executeGrantJob] as never);
  const grantDeps: GrantDeps = {
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
  const app = await buildApp({
    logger: logs.logger,
    database,
    plugins: [
      ...workspacePlugins(workspace),
      ...onboardingPlugins(services),
      // Offboarding and verification, run in the request (as the runtime mounts them).
      ...lifecyclePlugins({
        deps: {
          ...grantDeps,
          lifecycle: {
            ...defaultLifecycleSettings,
            backoff: { baseMs: 5, capMs: 20, maxAttempts: 2 },
          },
          publicUrl: () => TEST_PUBLIC_URL,
        },
        runInline: true,
      }),
    ],
  });
  await app.ready();
  const agency = await buildAgency(database, { workspace, name: 'Northwind Media' });
  return {
    database,
    keyring,
    meta,
    metaBase: `${metaRoot}/sandbox/meta`,
    google,
    linkedin: linkedin.sandbox,
    linkedinBase: linkedin.url,
    pinterest: { sandbox: pinterest.sandbox, url: pinterest.url },
    app,
    queue,
    services,
    grantDeps,
    agency,
    close: async () => {
      await app.close();
      await queue.stop(2_000);
      await metaServer.close();
      await google.close();
      await linkedin.close();
      await pinterest.close();
      await database.destroy();
    },
  };
}

/** Consents in the Meta login dialog as `userId`, granting every scope asked for; the redirect. */
export async function consentInMeta(
  h: MultiHarness,
  authorizationUrl: string,
  userId: string,
): Promise<URL> {
  const signIn = await fetch(`${h.metaBase}/signin`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ userId }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const asked = new URL(authorizationUrl).searchParams;
  const form = new URLSearchParams({
    client_id: asked.get('client_id') ?? '',
    redirect_uri: asked.get('redirect_uri') ?? '',
    state: asked.get('state') ?? '',
    scope: asked.get('scope') ?? '',
    decision: 'allow',
  });
  for (const s of (asked.get('scope') ?? '').split(',')) form.append('granted', s);
  const answer = await fetch(`${h.metaBase}/v25.0/dialog/oauth/confirm`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie },
    body: form,
  });
  const location = answer.headers.get('location');
  if (!location) throw new Error(`meta consent: ${answer.status} ${await answer.text()}`);
  return new URL(location);
}

/** Signs in to the Google sandbox as `email` and allows the consent screen; the redirect. */
export async function consentInGoogle(
  h: MultiHarness,
  authorizationUrl: string,
  email: string,
): Promise<URL> {
  const signin = await fetch(`${h.google.url}/signin`, {
    method: 'POST',
    body: new URLSearchParams({ email, next: '/o/oauth2/v2/auth?x=1' }),
    redirect: 'manual',
  });
  const cookie = (signin.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const fields = Object.fromEntries(new URL(authorizationUrl).searchParams);
  const allow = await fetch(`${h.google.url}/o/oauth2/v2/auth`, {
    method: 'POST',
    headers: { cookie },
    body: new URLSearchParams({ ...fields, decision: 'allow' }),
    redirect: 'manual',
  });
  const location = allow.headers.get('location');
  if (!location) throw new Error(`google consent: ${allow.status} ${await allow.text()}`);
  return new URL(location);
}

/** Signs in to the LinkedIn sandbox as `member` and allows the consent page; the redirect. */
export async function consentInLinkedIn(
  h: MultiHarness,
  authorizationUrl: string,
  member: string,
): Promise<URL> {
  const signIn = await fetch(`${h.linkedinBase}/signin`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ member, next: '/feed' }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const asked = new URL(authorizationUrl).searchParams;
  const answer = await fetch(`${h.linkedinBase}/oauth/v2/authorization/decision`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie },
    body: new URLSearchParams({
      client_id: asked.get('client_id') ?? '',
      redirect_uri: asked.get('redirect_uri') ?? '',
      state: asked.get('state') ?? '',
      scope: asked.get('scope') ?? '',
      decision: 'allow',
    }),
  });
  const location = answer.headers.get('location');
  if (!location) throw new Error(`linkedin consent: ${answer.status} ${await answer.text()}`);
  return new URL(location);
}

/** Signs in to the Pinterest sandbox as `userId` and gives access on its consent page. */
export async function consentInPinterest(
  h: MultiHarness,
  authorizationUrl: string,
  userId: string,
): Promise<URL> {
  const signin = await fetch(`${h.pinterest.url}/signin`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ userId }),
  });
  const cookie = (signin.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const fields = Object.fromEntries(new URL(authorizationUrl).searchParams);
  const allow = await fetch(`${h.pinterest.url}/oauth/decision`, {
    method: 'POST',
    headers: { cookie },
    body: new URLSearchParams({ ...fields, decision: 'allow' }),
    redirect: 'manual',
  });
  const location = allow.headers.get('location');
  if (!location) throw new Error(`pinterest consent: ${allow.status} ${await allow.text()}`);
  return new URL(location);
}

/** The S256 challenge of a verifier (to check what the authorization URL carries). */
export function challengeOf(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

type Consent = (h: MultiHarness, url: string, who: string) => Promise<URL>;

/** Connects the agency's own account on a platform and picks where grants go. */
export async function connectAgencyOn(
  h: MultiHarness,
  platform: string,
  consent: Consent,
  who: string,
  businessId: string,
): Promise<void> {
  const headers = { ...h.agency.owner.headers, origin: TEST_PUBLIC_URL };
  const start = await h.app.inject({
    method: 'POST',
    url: `/api/v1/agency/connections/${platform}/start`,
    headers,
  });
  if (start.statusCode !== 200) throw new Error(`agency start: ${start.statusCode} ${start.body}`);
  const cookie = browserCookieOf(start.headers['set-cookie']);
  const back = await consent(h, start.json<{ authorizationUrl: string }>().authorizationUrl, who);
  const answer = await h.app.inject({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    headers: { cookie: `${cookie}; ${h.agency.owner.sessionCookie}` },
  });
  if (answer.statusCode !== 303)
    throw new Error(`agency callback: ${answer.statusCode} ${answer.body}`);
  const pick = await h.app.inject({
    method: 'PUT',
    url: `/api/v1/agency/connections/${platform}/business`,
    headers: { ...headers, 'content-type': 'application/json' },
    payload: { businessId },
  });
  if (pick.statusCode !== 200) throw new Error(`agency business: ${pick.statusCode} ${pick.body}`);
}
