/**
 * The onboarding test harness: a migrated test database, the TikTok sandbox on a loopback server,
 * the TikTok connector pointed at it (through the shared rate limiter), the Latchkey app with the
 * auth and onboarding plugins, an agency, and helpers to create a request, consent in the sandbox
 * as one of its users, and connect the agency's Business Center.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { defaultBackoff } from '../../src/domain/grant-retry.ts';
import { parseLinkToken } from '../../src/domain/access-request-link.ts';
import type { GrantDeps } from '../../src/jobs/grant-deps.ts';
import { executeGrantJob } from '../../src/jobs/execute-grant.ts';
import { createQueues, startQueue, type QueueHandle } from '../../src/jobs/queue.ts';
import { sweepGrantsJob } from '../../src/jobs/sweep-grants.ts';
import { createRateLimitedFetch, sleep } from '../../src/jobs/rate-limiter.ts';
import { createTikTokConnector, sandboxBaseUrls } from '../../src/platforms/tiktok/connector.ts';
import { tiktokManifest } from '../../src/platforms/tiktok/manifest.ts';
import {
  createTikTokSandbox,
  type TikTokFaults,
  type TikTokSandbox,
} from '../../src/platforms/tiktok/sandbox/index.ts';
import { buildApp, type App } from '../../src/server/app.ts';
import { onboardingPlugins } from '../../src/server/routes/onboarding-plugins.ts';
import type { OnboardingServices } from '../../src/server/routes/onboarding-services.ts';
import { workspacePlugins } from '../../src/server/workspace-plugins.ts';
import { generateKeyEntry, parseKeyring, type Keyring } from '../../src/store/secrets.ts';
import { buildAgency, buildTestWorkspace, TEST_PUBLIC_URL, type TestAgency } from './agency.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { captureLogger, type CapturedLogger } from './logger.ts';
import { controlAuth, openControl } from './sandbox-control.ts';

export const APP = { appId: 'latchkey-test-app', secret: 'sandbox-app-secret-canary' };
export const USERS = {
  dana: '7100000000000000001',
  sam: '7100000000000000002',
  nora: '7100000000000000003',
  zoe: '7100000000000000004',
} as const;
export const BCS = { acme: '7200000000000000001', northwind: '7200000000000000002' } as const;
export const ADVERTISERS = { us: '7300000000000000001', eu: '7300000000000000002' } as const;

export interface SandboxServer {
  readonly sandbox: TikTokSandbox;
  readonly server: FastifyInstance;
  readonly root: string;
  readonly base: string;
  close(): Promise<void>;
}

/** Starts the TikTok sandbox on a loopback port under `/sandbox/tiktok`. */
export async function startSandboxServer(
  options: {
    faults?: TikTokFaults;
    redirectUri?: string;
    dataFile?: string;
    configure?: (server: FastifyInstance) => void;
  } = {},
): Promise<SandboxServer> {
  const sandbox = createTikTokSandbox({
    ...openControl,
    apps: [
      { ...APP, redirectUris: [options.redirectUri ?? `${TEST_PUBLIC_URL}/oauth/callback/tiktok`] },
    ],
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.dataFile ? { dataFile: options.dataFile } : {}),
  });
  const server = Fastify({ logger: false });
  options.configure?.(server);
  await server.register(sandbox.plugin, { prefix: '/sandbox/tiktok' });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address();
  const root = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { sandbox, server, root, base: `${root}/sandbox/tiktok`, close: () => server.close() };
}

export interface Harness {
  readonly database: TestDatabase;
  readonly keyring: Keyring;
  readonly sandbox: SandboxServer;
  readonly app: App;
  readonly queue: QueueHandle;
  readonly services: OnboardingServices;
  readonly grantDeps: GrantDeps;
  readonly agency: TestAgency;
  readonly logs: CapturedLogger;
  close(): Promise<void>;
}

/** Builds everything an onboarding test needs. */
export async function createHarness(
  options: {
    faults?: TikTokFaults;
    limits?: { requestsPerSecond: number; burst: number };
    /** The TikTok connector registered again under other ids (mix-up tests). */
    aliases?: readonly string[];
    /** The process works grants: approvals run them (OnboardingServices.grantWorkers). */
    grantsRunHere?: boolean;
  } = {},
): Promise<Harness> {
  const database = await createTestDatabase();
  const keyring = parseKeyring(generateKeyEntry('test'));
  const sandbox = await startSandboxServer(options.faults ? { faults: options.faults } : {});
  const logs = captureLogger('info');
  const limits = options.limits ?? { requestsPerSecond: 1_000, burst: 1_000 };
  const tiktok = createTikTokConnector({
    baseUrls: sandboxBaseUrls(sandbox.base),
    appId: APP.appId,
    appSecret: APP.secret,
    fetch: createRateLimitedFetch({
      db: database.db,
      key: 'tiktok',
      limits,
      fetch: (url, init) => fetch(url, init),
      now: () => new Date(),
      sleep,
    }),
  });
  const platforms = Object.fromEntries([
    ['tiktok', tiktok],
    ...(options.aliases ?? []).map((id) => [id, tiktok]),
  ]);
  const queue = await startQueue(database, { logger: logs.logger });
  await createQueues(queue.boss, [executeGrantJob, sweepGrantsJob] as never);
  const grantDeps: GrantDeps = {
    database,
    keyring,
    platforms,
    now: () => new Date(),
    sleep,
    logger: logs.logger,
    grantPolicy: {
      leaseMs: 30_000,
      backoff: { ...defaultBackoff, baseMs: 20, capMs: 400 },
      workerId: 'test',
    },
  };
  const services: OnboardingServices = {
    db: database.db,
    database,
    keyring,
    platforms,
    manifests: { tiktok: tiktokManifest },
    boss: queue.boss,
    now: () => new Date(),
    publicUrl: () => TEST_PUBLIC_URL,
    grantDeps,
    ...(options.grantsRunHere ? { grantWorkers: { ...grantDeps, boss: queue.boss } } : {}),
  };
  const workspace = buildTestWorkspace(database);
  const app = await buildApp({
    logger: logs.logger,
    database,
    plugins: [...workspacePlugins(workspace), ...onboardingPlugins(services)],
  });
  await app.ready();
  const agency = await buildAgency(database, { workspace, name: 'Northwind Media' });
  return {
    database,
    keyring,
    sandbox,
    app,
    queue,
    services,
    grantDeps,
    agency,
    logs,
    close: async () => {
      await app.close();
      await queue.stop(2_000);
      await sandbox.close();
      await database.destroy();
    },
  };
}

/** Creates a request through the API; returns its id and link token. */
export async function createRequest(
  h: Harness,
  items: { assetType: string; permissionLevel: string }[],
): Promise<{ id: string; token: string; url: string }> {
  const response = await h.app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: {
      ...h.agency.owner.headers,
      'content-type': 'application/json',
      origin: TEST_PUBLIC_URL,
    },
    payload: { title: 'TikTok for Acme', items: items.map((i) => ({ platform: 'tiktok', ...i })) },
  });
  if (response.statusCode !== 201)
    throw new Error(`create request: ${response.statusCode} ${response.body}`);
  const body = response.json<{ request: { id: string }; link: { url: string } }>();
  const token = body.link.url.split('/l/')[1] ?? '';
  if (!parseLinkToken(token)) throw new Error('bad link token');
  return { id: body.request.id, token, url: body.link.url };
}

/** Signs in to the sandbox as `userId` and consents; returns the redirect (callback) URL. */
export async function consentInSandbox(
  sandbox: Pick<SandboxServer, 'base'>,
  authorizationUrl: string,
  userId: string,
  options: { advertiserIds?: readonly string[]; deny?: boolean } = {},
): Promise<URL> {
  const signIn = await fetch(`${sandbox.base}/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user_id: userId, next: `${sandbox.base}/console` }),
    redirect: 'manual',
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const auth = new URL(authorizationUrl);
  const form = new URLSearchParams({
    app_id: auth.searchParams.get('app_id') ?? '',
    redirect_uri: auth.searchParams.get('redirect_uri') ?? '',
    state: auth.searchParams.get('state') ?? '',
    decision: options.deny ? 'deny' : 'approve',
  });
  const ids = options.advertiserIds ?? [ADVERTISERS.us, ADVERTISERS.eu];
  for (const id of ids) form.append('advertiser_ids', id);
  const answer = await fetch(`${sandbox.base}/portal/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: form,
    redirect: 'manual',
  });
  const location = answer.headers.get('location');
  if (!location) throw new Error(`consent: ${answer.status} ${await answer.text()}`);
  return new URL(location);
}

/** The `name=value` of the browser-binding cookie a start response set. */
export function browserCookieOf(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = all.find((c) => c.startsWith('latchkey_oauth_browser='));
  return (found ?? '').split(';')[0] ?? '';
}

/** Runs the client's OAuth: start, consent in the sandbox, callback. Returns the callback response. */
export async function connectClient(
  h: Harness,
  token: string,
  userId: string = USERS.dana,
  options: { advertiserIds?: readonly string[] } = {},
) {
  const start = await h.app.inject({
    method: 'POST',
    url: `/api/v1/onboarding/${token}/oauth/tiktok/start`,
  });
  if (start.statusCode !== 200) throw new Error(`start: ${start.statusCode} ${start.body}`);
  const cookie = browserCookieOf(start.headers['set-cookie']);
  const callback = await consentInSandbox(
    h.sandbox,
    start.json<{ authorizationUrl: string }>().authorizationUrl,
    userId,
    options,
  );
  return h.app.inject({
    method: 'GET',
    url: `${callback.pathname}${callback.search}`,
    headers: { cookie },
  });
}

/**
 * A new client's link for ad accounts (Analyst), connected with `assetIds` and listed; returns
 * its approval of `selected` (all of them by default), to send when the test chooses.
 */
export async function listedAdvertiserApproval(
  h: Harness,
  assetIds: readonly string[],
  selected: readonly string[] = assetIds,
) {
  const link = await createRequest(h, [{ assetType: 'advertiser', permissionLevel: 'ANALYST' }]);
  const connected = await connectClient(h, link.token, USERS.dana, { advertiserIds: assetIds });
  if (connected.statusCode !== 303) throw new Error(`connect: ${connected.statusCode}`);
  const listed = await h.app.inject({
    method: 'POST',
    url: `/api/v1/onboarding/${link.token}/assets/tiktok`,
  });
  if (listed.statusCode !== 200) throw new Error(`list: ${listed.statusCode} ${listed.body}`);
  return () =>
    h.app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${link.token}/approve`,
      payload: {
        selections: selected.map((assetId) => ({
          platform: 'tiktok',
          assetType: 'advertiser',
          assetId,
        })),
      },
    });
}

/** Connects the agency's own TikTok (as Nora) and picks the Northwind Media BC. */
export async function connectAgency(h: Harness): Promise<void> {
  const headers = { ...h.agency.owner.headers, origin: TEST_PUBLIC_URL };
  const start = await h.app.inject({
    method: 'POST',
    url: '/api/v1/agency/connections/tiktok/start',
    headers,
  });
  if (start.statusCode !== 200) throw new Error(`agency start: ${start.statusCode} ${start.body}`);
  const cookie = browserCookieOf(start.headers['set-cookie']);
  const callback = await consentInSandbox(
    h.sandbox,
    start.json<{ authorizationUrl: string }>().authorizationUrl,
    USERS.nora,
    { advertiserIds: [] },
  );
  const back = await h.app.inject({
    method: 'GET',
    url: `${callback.pathname}${callback.search}`,
    headers: { cookie: `${cookie}; ${h.agency.owner.sessionCookie}` },
  });
  if (back.statusCode !== 303) throw new Error(`agency callback: ${back.statusCode} ${back.body}`);
  const pick = await h.app.inject({
    method: 'PUT',
    url: '/api/v1/agency/connections/tiktok/business',
    headers: { ...headers, 'content-type': 'application/json' },
    payload: { businessId: BCS.northwind },
  });
  if (pick.statusCode !== 200) throw new Error(`agency business: ${pick.statusCode} ${pick.body}`);
}

/** Calls the sandbox control API (test-only workflows: accept, scan, share). */
export async function control(
  sandbox: Pick<SandboxServer, 'base'>,
  path: string,
  body?: Record<string, unknown>,
): Promise<unknown> {
  const response = await fetch(`${sandbox.base}/_control/${path}`, {
    method: body ? 'POST' : 'GET',
    ...(body
      ? {
          headers: { ...controlAuth, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }
      : { headers: controlAuth }),
  });
  const envelope = (await response.json()) as { code: number; message: string; data: unknown };
  if (envelope.code !== 0) throw new Error(`control ${path}: ${envelope.code} ${envelope.message}`);
  return envelope.data;
}

/** Open_api calls in the sandbox log whose path ends with `suffix`. */
export async function countCalls(
  sandbox: Pick<SandboxServer, 'base'>,
  suffix: string,
): Promise<number> {
  const data = (await control(sandbox, 'log')) as { list: { path: string }[] };
  return data.list.filter((entry) => entry.path.endsWith(suffix)).length;
}
