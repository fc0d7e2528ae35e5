// Drives the Microsoft Advertising sandbox over HTTP as a browser and an app would.
import { createHash, randomBytes } from 'node:crypto';
import {
  startMicrosoftAdsSandbox,
  type MicrosoftAdsSandbox,
} from '../../../../src/platforms/microsoft-ads/sandbox/index.ts';

export const APP = {
  clientId: '6f1e2d3c-0000-4000-8000-000000000001',
  clientSecret: 'sandbox-client-secret',
  redirectUris: ['http://127.0.0.1:9/callback'],
  name: 'Latchkey test',
};
export const DEV_TOKEN = 'BBD37VB98';
export const SCOPE = 'https://ads.microsoft.com/msads.manage offline_access';
export const CONTROL_TOKEN = 'a-control-token-of-enough-length-42';

/** The cast's ids in worlds/microsoft-ads-default.json. */
export const CAST = {
  dana: '70000001',
  ben: '70000002',
  sam: '70000003',
  nora: '70000010',
  omar: '70000011',
  zoe: '70000020',
  bea: '70000030',
  rita: '70000040',
  acme: '81000001',
  northwind: '81000010',
  birch: '81000030',
  rival: '81000040',
  acmeUs: '150000001',
  acmeEu: '150000002',
  acmePrepaid: '150000003',
  birchAccount: '150000030',
};

export interface Running {
  url: string;
  sandbox: MicrosoftAdsSandbox;
  clock: { now: Date };
  close(): Promise<void>;
}

/** Starts a sandbox on loopback with a settable clock and the control API open. */
export async function startSandbox(): Promise<Running> {
  const clock = { now: new Date('2026-12-01T10:00:00Z') };
  const started = await startMicrosoftAdsSandbox({
    apps: [APP],
    developerTokens: [DEV_TOKEN],
    now: () => clock.now,
    control: { token: CONTROL_TOKEN },
  });
  return { url: started.url, sandbox: started.sandbox, clock, close: () => started.close() };
}

/** The authorize query an app sends (contract §1). */
export function authorizeParams(extra: Record<string, string> = {}): Record<string, string> {
  return {
    client_id: APP.clientId,
    response_type: 'code',
    redirect_uri: APP.redirectUris[0]!,
    response_mode: 'query',
    scope: SCOPE,
    state: 'st-123',
    ...extra,
  };
}

/** Signs a person in on the sandbox's sign-in page; returns the session cookie. */
export async function signIn(url: string, userId: string): Promise<string> {
  const res = await fetch(`${url}/signin`, {
    method: 'POST',
    body: new URLSearchParams({ userId, next: '/accounts/links' }),
    redirect: 'manual',
  });
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0]!;
}

/** Consents as the signed-in person; returns the redirect URL (with code or error). */
export async function consent(
  url: string,
  cookie: string,
  decision: 'accept' | 'cancel',
  extra: Record<string, string> = {},
): Promise<URL> {
  const res = await fetch(`${url}/consent`, {
    method: 'POST',
    headers: { cookie },
    body: new URLSearchParams({ ...authorizeParams(extra), decision }),
    redirect: 'manual',
  });
  return new URL(res.headers.get('location') ?? 'about:blank');
}

/** Posts to the token endpoint. */
export async function token(url: string, form: Record<string, string>) {
  const res = await fetch(`${url}/common/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
      ...form,
    }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Runs the whole sign-in for one person (with PKCE); returns their tokens. */
export async function tokensFor(
  url: string,
  userId: string,
): Promise<{ access: string; refresh: string }> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const cookie = await signIn(url, userId);
  const back = await consent(url, cookie, 'accept', {
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const code = back.searchParams.get('code') ?? '';
  const answer = await token(url, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: APP.redirectUris[0]!,
    code_verifier: verifier,
    scope: SCOPE,
  });
  return {
    access: String(answer.body.access_token),
    refresh: String(answer.body.refresh_token),
  };
}

interface OpError {
  Code: number;
  Details: string | null;
  Message: string;
}
export interface MsLink {
  ClientEntityId: string;
  ManagingCustomerId: string;
  Status: string;
  [field: string]: unknown;
}
/** The fields the tests read from answers (a fault or an operation's answer). */
export interface MsBody {
  Type: string;
  Errors: { Code: number; ErrorCode: string }[];
  OperationErrors: OpError[];
  /** null entries for links that succeeded (typed non-null for reading the refused ones). */
  PartialErrors: OpError[];
  User: Record<string, unknown>;
  CustomerRoles: {
    RoleId: number;
    CustomerId: string;
    AccountIds: string[] | null;
    LinkedAccountIds: string[];
  }[];
  AccountsInfo: { Id: string }[];
  Accounts: { Id: string }[];
  ClientLinks: MsLink[];
  UserInvitationId: string;
  UserInvitations: Record<string, unknown>[];
}

/** Calls a Customer Management operation with the two required headers. */
export async function call(
  url: string,
  accessToken: string | null,
  method: 'POST' | 'PUT',
  path: string,
  body: unknown,
  headers: Record<string, string> = { DeveloperToken: DEV_TOKEN },
): Promise<{ status: number; body: MsBody; headers: Headers }> {
  const res = await fetch(`${url}/CustomerManagement/v13${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(accessToken === null ? {} : { Authorization: `Bearer ${accessToken}` }),
      ...headers,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as MsBody, headers: res.headers };
}
