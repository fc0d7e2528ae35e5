// The Meta sandbox on a loopback listener under /sandbox/meta, and the connector pointed at it by
// base URLs only. Helpers drive the login dialog and raw Graph calls like a browser or an SDK would.
import Fastify, { type FastifyInstance } from 'fastify';
import { createHmac } from 'node:crypto';
import {
  createMetaConnector,
  metaSandboxBaseUrls,
} from '../../../../src/platforms/meta/connector.ts';
import {
  createMetaSandbox,
  type MetaSandbox,
  type MetaSandboxOptions,
  type RequestLogEntry,
} from '../../../../src/platforms/meta/sandbox/index.ts';
import type { AgencyIdentity, Platform } from '../../../../src/platforms/types.ts';
import type { ConnectorContractFixture } from '../connector-contract.ts';
import { openControl } from '../../../support/sandbox-control.ts';

/** IDs of the default world (worlds/meta-default.json). */
export const W = {
  dana: '100000000000001',
  sam: '100000000000003',
  nora: '100000000000010',
  omar: '100000000000011',
  zoe: '100000000000020',
  bea: '100000000000030',
  acme: '200000000000001',
  northwind: '200000000000010',
  birch: '200000000000030',
  adUs: 'act_300000000000001',
  adEu: 'act_300000000000002',
  adOutlet: 'act_300000000000003',
  page: '400000000000001',
  page2: '400000000000002',
  pixel: '500000000000001',
  catalog: '600000000000001',
  ig: '700000000000001',
  zoeAd: 'act_300000000000020',
  birchAd: 'act_300000000000030',
} as const;

export const ALL_SCOPES = [
  'business_management',
  'ads_management',
  'pages_show_list',
  'pages_read_engagement',
  'pages_manage_metadata',
  'catalog_management',
  'instagram_basic',
];

export const APP = {
  appId: '900000000000001',
  secret: 'meta-app-secret-1',
  name: 'Latchkey test',
  redirectUris: ['https://latchkey.example/oauth/callback/meta'],
  requireAppsecretProof: true,
};
export const REDIRECT_URI = APP.redirectUris[0]!;

export interface GraphAnswer {
  status: number;
  headers: Headers;
  // Graph JSON as the tests read it (any shape; assertions check it).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface MetaFixture {
  readonly platform: Platform;
  readonly sandbox: MetaSandbox;
  /** `http://127.0.0.1:port/sandbox/meta` */
  readonly base: string;
  readonly publicUrl: string;
  readonly clock: { t: number };
  signIn(userId: string): Promise<string>;
  /** Consents in the dialog as the person; returns the redirect's code. */
  consent(userId: string, scopes?: string[], extra?: Record<string, string>): Promise<string>;
  tokenFor(userId: string, scopes?: string[]): Promise<string>;
  agency(): Promise<AgencyIdentity>;
  /** A raw Graph call, token in the Authorization header, with appsecret_proof. */
  graph(
    method: string,
    path: string,
    token?: string,
    params?: Record<string, string>,
    version?: string,
  ): Promise<GraphAnswer>;
  /** Posts a Business Settings form as a signed-in person. */
  consoleForm(userId: string, action: string, form: Array<[string, string]>): Promise<Response>;
  log(): RequestLogEntry[];
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** The `id`s of a Graph list answer's `data`. */
export function idsOf(answer: GraphAnswer): string[] {
  return (answer.body as { data: Array<{ id: string }> }).data.map((row) => row.id);
}

/** Starts the sandbox on loopback and a connector pointed at it. */
export async function startMetaFixture(
  options: Partial<MetaSandboxOptions> = {},
): Promise<MetaFixture> {
  const clock = { t: Date.parse('2025-05-01T09:00:00Z') };
  const sandbox = createMetaSandbox({
    apps: [APP],
    now: () => new Date(clock.t),
    ...openControl,
    ...options,
  });
  const app: FastifyInstance = Fastify({ logger: false });
  await app.register(sandbox.plugin, { prefix: '/sandbox/meta' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const publicUrl = `http://127.0.0.1:${port}`;
  const base = `${publicUrl}/sandbox/meta`;
  const platform = createMetaConnector({
    baseUrls: metaSandboxBaseUrls(base),
    appId: APP.appId,
    appSecret: APP.secret,
    graphVersion: 'v25.0',
    now: () => new Date(clock.t),
  });
  let agencyIdentity: AgencyIdentity | undefined;
  const signIn = async (userId: string) => {
    const res = await fetch(`${base}/signin`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ userId }),
    });
    return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  };
  const consent = async (
    userId: string,
    scopes = ALL_SCOPES,
    extra: Record<string, string> = {},
  ) => {
    const cookie = await signIn(userId);
    const form = new URLSearchParams({
      client_id: APP.appId,
      redirect_uri: REDIRECT_URI,
      state: 'fixture-state',
      scope: ALL_SCOPES.join(','),
      decision: 'allow',
      ...extra,
    });
    for (const s of scopes) form.append('granted', s);
    const res = await fetch(`${base}/v25.0/dialog/oauth/confirm`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie },
      body: form,
    });
    const code = new URL(res.headers.get('location') ?? 'x:/').searchParams.get('code');
    if (!code) throw new Error(`consent for ${userId} gave no code (HTTP ${res.status})`);
    return code;
  };
  const tokenFor = async (userId: string, scopes?: string[]) =>
    (
      await platform.exchangeCode({
        code: await consent(userId, scopes),
        redirectUri: REDIRECT_URI,
      })
    ).accessToken;
  const graph = async (
    method: string,
    path: string,
    token?: string,
    params: Record<string, string> = {},
    version = 'v25.0',
  ) => {
    const all = { ...params };
    if (token !== undefined && !token.includes('|')) {
      all.appsecret_proof = createHmac('sha256', APP.secret).update(token).digest('hex');
    }
    const url = new URL(`${base}/graph/${version}/${path}`);
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (method === 'GET') for (const [k, v] of Object.entries(all)) url.searchParams.set(k, v);
    else {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(all).toString();
    }
    const res = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
  const consoleForm = async (userId: string, action: string, form: Array<[string, string]>) =>
    fetch(`${base}/business-settings/${action}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: await signIn(userId) },
      body: new URLSearchParams(form),
    });
  return {
    platform,
    sandbox,
    base,
    publicUrl,
    clock,
    signIn,
    consent,
    tokenFor,
    agency: async () => {
      agencyIdentity ??= { businessId: W.northwind, accessToken: await tokenFor(W.nora) };
      return agencyIdentity;
    },
    graph,
    consoleForm,
    log: () => sandbox.log,
    reset: async () => {
      sandbox.setFaults({});
      sandbox.reset();
      agencyIdentity = undefined;
    },
    close: async () => {
      await app.close();
      await sandbox.close();
    },
  };
}

/** The Meta fixture seen through the shared connector contract. */
export async function startMetaContractFixture(): Promise<ConnectorContractFixture> {
  const f = await startMetaFixture();
  return {
    platform: f.platform,
    redirectUri: REDIRECT_URI,
    authorizeClient: () => f.consent(W.dana),
    agency: () => f.agency(),
    apiAsset: { asset: { type: 'ad_account', id: W.adUs, ownerId: W.acme }, level: 'partial' },
    // A client-initiated share is CONFIRMED at once: nothing to accept.
    acceptPending: async () => {},
    grantWriteCount: async () =>
      f.log().filter((e) => e.method === 'POST' && e.path.endsWith('/agencies')).length,
    setFaults: async (faults) => {
      if (faults === 'none') f.sandbox.setFaults({});
      if (faults === 'throttle') f.sandbox.setFaults({ rateLimit: { requests: 1, perMs: 60_000 } });
      if (faults === 'transient') f.sandbox.setFaults({ errorRate: 1 });
    },
    reset: () => f.reset(),
    close: () => f.close(),
  };
}
