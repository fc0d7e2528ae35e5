// The LinkedIn sandbox on a loopback listener, and the connector pointed at it by base URLs only.
// Helpers drive the sign-in and consent pages like a browser, and raw Rest.li calls like an SDK.
import {
  createLinkedInConnector,
  linkedinSandboxBaseUrls,
} from '../../../../src/platforms/linkedin/connector.ts';
import {
  startLinkedInSandbox,
  type LinkedInSandbox,
  type LinkedInSandboxOptions,
  type RequestLogEntry,
} from '../../../../src/platforms/linkedin/sandbox/index.ts';
import type { AgencyIdentity, Platform } from '../../../../src/platforms/types.ts';
import { openControl } from '../../../support/sandbox-control.ts';
import type { ConnectorContractFixture } from '../connector-contract.ts';

/** Ids of the default world (worlds/linkedin-default.json). */
export const L = {
  dana: 'dAnAr3y3s01',
  ben: 'b3nCart3r02',
  sam: 's4mOk4f0r03',
  nora: 'n0raL1ndq10',
  omar: '0marH4dd4d11',
  bea: 'b3aH0lm30',
  rita: 'r1taCh3n40',
  acmePage: '10001001',
  careersPage: '10001002',
  trailPage: '10001003',
  northwindPage: '10002010',
  birchPage: '10003030',
  adUs: '507000001',
  adEu: '507000002',
  adRecruiting: '507000003',
  adBirch: '507000030',
} as const;

export const SCOPES = ['openid', 'profile', 'r_ads', 'rw_ads', 'r_organization_admin'];
export const APP = {
  clientId: '86testclient',
  clientSecret: 'linkedin-secret-canary',
  name: 'Latchkey test',
  redirectUris: ['https://latchkey.example/oauth/callback/linkedin'],
};
export const REDIRECT_URI = APP.redirectUris[0]!;
export const VERSION = '202601';

export interface RestAnswer {
  status: number;
  headers: Headers;
  // LinkedIn JSON as the tests read it (any shape; assertions check it).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface LinkedInFixture {
  readonly platform: Platform;
  readonly sandbox: LinkedInSandbox;
  readonly base: string;
  readonly clock: { t: number };
  signIn(member: string): Promise<string>;
  consent(member: string, scopes?: string[]): Promise<string>;
  tokenFor(member: string, scopes?: string[]): Promise<string>;
  agency(): Promise<AgencyIdentity>;
  /** A raw call with the Rest.li 2.0 headers (override or drop them with `headers`). */
  rest(
    method: string,
    path: string,
    token?: string,
    options?: { headers?: Record<string, string | null>; body?: unknown },
  ): Promise<RestAnswer>;
  /** Posts a form of the www side as a signed-in member. */
  form(member: string, action: string, fields: Record<string, string>): Promise<Response>;
  log(): RequestLogEntry[];
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the sandbox on loopback and a connector pointed at it. */
export async function startLinkedInFixture(
  options: Partial<LinkedInSandboxOptions> = {},
): Promise<LinkedInFixture> {
  const clock = { t: Date.parse('2026-03-02T09:00:00Z') };
  const started = await startLinkedInSandbox({
    apps: [APP],
    now: () => new Date(clock.t),
    ...openControl,
    ...options,
  });
  const base = started.url;
  const platform = createLinkedInConnector({
    baseUrls: linkedinSandboxBaseUrls(base),
    clientId: APP.clientId,
    clientSecret: APP.clientSecret,
    apiVersion: VERSION,
    now: () => new Date(clock.t),
  });
  let agencyIdentity: AgencyIdentity | undefined;
  const signIn = async (member: string) => {
    const res = await fetch(`${base}/signin`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ member, next: '/feed' }),
    });
    return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  };
  const consent = async (member: string, scopes = SCOPES) => {
    const cookie = await signIn(member);
    const res = await fetch(`${base}/oauth/v2/authorization/decision`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie },
      body: new URLSearchParams({
        client_id: APP.clientId,
        redirect_uri: REDIRECT_URI,
        state: 'fixture-state',
        scope: scopes.join(' '),
        decision: 'allow',
      }),
    });
    const code = new URL(res.headers.get('location') ?? 'x:/').searchParams.get('code');
    if (!code) throw new Error(`consent for ${member} gave no code (HTTP ${res.status})`);
    return code;
  };
  const tokenFor = async (member: string, scopes?: string[]) =>
    (
      await platform.exchangeCode({
        code: await consent(member, scopes),
        redirectUri: REDIRECT_URI,
      })
    ).accessToken;
  const rest: LinkedInFixture['rest'] = async (method, path, token, opts = {}) => {
    const headers: Record<string, string> = {
      'linkedin-version': VERSION,
      'x-restli-protocol-version': '2.0.0',
    };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    for (const [k, v] of Object.entries(opts.headers ?? {})) {
      if (v === null) delete headers[k];
      else headers[k] = v;
    }
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const res = await fetch(`${base}${path}`, { method, headers, ...(body ? { body } : {}) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
  const form = async (member: string, action: string, fields: Record<string, string>) =>
    fetch(`${base}${action}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: await signIn(member) },
      body: new URLSearchParams(fields),
    });
  return {
    platform,
    sandbox: started.sandbox,
    base,
    clock,
    signIn,
    consent,
    tokenFor,
    agency: async () => {
      agencyIdentity ??= { businessId: L.nora, accessToken: await tokenFor(L.nora) };
      return agencyIdentity;
    },
    rest,
    form,
    log: () => started.sandbox.log,
    reset: async () => {
      started.sandbox.setFaults({});
      started.sandbox.reset();
      agencyIdentity = undefined;
    },
    close: () => started.close(),
  };
}

/** The LinkedIn fixture seen through the shared connector contract. */
export async function startLinkedInContractFixture(): Promise<ConnectorContractFixture> {
  const f = await startLinkedInFixture();
  return {
    platform: f.platform,
    redirectUri: REDIRECT_URI,
    authorizeClient: () => f.consent(L.dana),
    agency: () => f.agency(),
    apiAsset: { asset: { type: 'ad_account', id: L.adUs }, level: 'campaign_manager' },
    // An ad account role is live at once: nothing to accept.
    acceptPending: async () => {},
    grantWriteCount: async () =>
      f.log().filter((e) => e.method === 'PUT' && e.path.startsWith('/rest/adAccountUsers/'))
        .length,
    setFaults: async (faults) => {
      if (faults === 'none') f.sandbox.setFaults({});
      if (faults === 'throttle') f.sandbox.setFaults({ rateLimit: { requests: 1, perMs: 60_000 } });
      if (faults === 'transient') f.sandbox.setFaults({ errorRate: 1 });
    },
    reset: () => f.reset(),
    close: () => f.close(),
  };
}
