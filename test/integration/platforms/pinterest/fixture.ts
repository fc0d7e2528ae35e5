// The Pinterest sandbox on a loopback listener, and the connector pointed at it by base URLs only.
// Helpers drive the sign-in and consent pages like a browser, and make raw API calls.
import {
  createPinterestConnector,
  pinterestSandboxBaseUrls,
} from '../../../../src/platforms/pinterest/connector.ts';
import {
  startPinterestSandbox,
  type PinterestSandbox,
  type PinterestSandboxOptions,
} from '../../../../src/platforms/pinterest/sandbox/index.ts';
import type { AgencyIdentity, Platform } from '../../../../src/platforms/types.ts';
import { openControl } from '../../../support/sandbox-control.ts';
import type { ConnectorContractFixture } from '../connector-contract.ts';

/** IDs of the default world (worlds/pinterest-default.json). */
export const W = {
  nora: '1100000000000001',
  omar: '1100000000000002',
  dana: '1100000000000003',
  sam: '1100000000000005',
  bea: '1100000000000006',
  rita: '1100000000000007',
  zoe: '1100000000000008',
  northwind: '1200000000000001',
  acme: '1200000000000002',
  birch: '1200000000000003',
  rival: '1200000000000004',
  adUs: '549700000001',
  adEu: '549700000002',
  catalog: '549700000003',
  birchAd: '549700000004',
  rivalAd: '549700000005',
  pendingRequest: '1300000000000001',
} as const;

export const SCOPES = ['ads:read', 'biz_access:read', 'biz_access:write', 'user_accounts:read'];
export const APP = {
  clientId: '1490001',
  clientSecret: 'pinterest-test-secret',
  redirectUris: ['https://latchkey.example/oauth/callback/pinterest'],
};
export const REDIRECT_URI = APP.redirectUris[0]!;

export interface ApiAnswer {
  status: number;
  headers: Headers;
  // Pinterest JSON as the tests read it (any shape; assertions check it).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface PinterestFixture {
  readonly platform: Platform;
  readonly sandbox: PinterestSandbox;
  readonly url: string;
  readonly clock: { t: number };
  /** Consents on the sandbox's pages as the person; returns the redirect's code. */
  consent(userId: string, scopes?: string[]): Promise<string>;
  tokenFor(userId: string, scopes?: string[]): Promise<string>;
  agency(): Promise<AgencyIdentity>;
  /** A raw API call under /v5 with a Bearer token and a JSON body. */
  api(method: string, path: string, token?: string, body?: unknown): Promise<ApiAnswer>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the sandbox on loopback and a connector pointed at it. */
export async function startPinterestFixture(
  options: Partial<PinterestSandboxOptions> = {},
): Promise<PinterestFixture> {
  const clock = { t: Date.parse('2026-05-01T09:00:00Z') };
  const started = await startPinterestSandbox({
    apps: [APP],
    now: () => new Date(clock.t),
    ...openControl,
    ...options,
  });
  const { sandbox, url } = started;
  const platform = createPinterestConnector({
    baseUrls: pinterestSandboxBaseUrls(url),
    clientId: APP.clientId,
    clientSecret: APP.clientSecret,
    now: () => new Date(clock.t),
  });
  let agencyIdentity: AgencyIdentity | undefined;
  const consent = async (userId: string, scopes = SCOPES) => {
    const signin = await fetch(`${url}/signin`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ userId }),
    });
    const cookie = (signin.headers.get('set-cookie') ?? '').split(';')[0]!;
    const res = await fetch(`${url}/oauth/decision`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie },
      body: new URLSearchParams({
        client_id: APP.clientId,
        redirect_uri: REDIRECT_URI,
        response_type: 'code',
        scope: scopes.join(','),
        state: 'fixture-state',
        decision: 'allow',
      }),
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
  const api = async (method: string, path: string, token?: string, body?: unknown) => {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${url}/v5${path}`, {
      method,
      headers,
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
  return {
    platform,
    sandbox,
    url,
    clock,
    consent,
    tokenFor,
    agency: async () => {
      agencyIdentity ??= { businessId: W.northwind, accessToken: await tokenFor(W.nora) };
      return agencyIdentity;
    },
    api,
    reset: async () => {
      sandbox.setFaults({});
      sandbox.reset();
      agencyIdentity = undefined;
    },
    close: () => started.close(),
  };
}

/** Writes that grant access: partner asset updates, invites and their acceptance. */
export const GRANT_WRITES = [
  'PATCH /v5/businesses/1200000000000002/partners/assets',
  'POST /v5/businesses/1200000000000002/invites',
  'POST /v5/businesses/1200000000000002/invites/assets/access',
  'PATCH /v5/businesses/invites',
];

/** The Pinterest fixture seen through the shared connector contract. */
export async function startPinterestContractFixture(): Promise<ConnectorContractFixture> {
  const f = await startPinterestFixture();
  return {
    platform: f.platform,
    redirectUri: REDIRECT_URI,
    authorizeClient: () => f.consent(W.dana),
    agency: () => f.agency(),
    apiAsset: {
      asset: { type: 'ad_account', id: W.adUs, ownerId: W.acme },
      level: 'campaign_manager',
    },
    // The agency's own connection accepts the client's invite inside the grant.
    acceptPending: async () => {},
    // One grant = one partner invite (the invite, its assets and the acceptance go together).
    grantWriteCount: async () =>
      f.sandbox.log.filter(
        (e) =>
          e.method === 'POST' && e.path === `/v5/businesses/${W.acme}/invites` && e.status === 200,
      ).length,
    setFaults: async (faults) => {
      if (faults === 'none') f.sandbox.setFaults({});
      if (faults === 'throttle') f.sandbox.setFaults({ rateLimit: { requests: 1, perMs: 60_000 } });
      if (faults === 'transient') f.sandbox.setFaults({ errorRate: 1 });
    },
    reset: () => f.reset(),
    close: () => f.close(),
  };
}
