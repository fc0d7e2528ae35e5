// Shared helpers for the Google sandbox tests: start a sandbox with one app, walk the sign-in
// and consent pages over HTTP like a browser, and call the APIs.
import { createHash, randomBytes } from 'node:crypto';
import {
  startGoogleSandbox,
  type GoogleSandbox,
} from '../../../../src/platforms/google/sandbox/index.ts';
import { openControl } from '../../../support/sandbox-control.ts';

export const APP = {
  clientId: 'latchkey-test.apps.googleusercontent.com',
  clientSecret: 'test-secret',
  redirectUris: ['http://127.0.0.1:3000/oauth/callback/google'],
};
export const REDIRECT = APP.redirectUris[0] as string;
export const DEV_TOKEN = 'sandbox-dev-token';
export const G = 'https://www.googleapis.com/auth/';
export const OWNER = 'dana@acme-outdoor.example';
export const MARKETING = 'sam@acme-outdoor.example';
export const AGENCY = 'nora@northwind-media.example';
export const MANAGER = '1112223334';
export const CLIENT_ADS = '5556667778';

/** Starts a sandbox with the test app and developer token on a free port. */
export function startSandbox(
  extra: { dataFile?: string; now?: () => Date } = {},
): Promise<GoogleSandbox> {
  return startGoogleSandbox({
    apps: [APP],
    developerTokens: [DEV_TOKEN],
    ...openControl,
    ...extra,
  });
}

/** A PKCE pair (S256). */
export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Signs `email` in and allows consent; returns the code from the redirect. */
export async function authorize(
  url: string,
  email: string,
  scopes: string[],
  opts: { challenge?: string; offline?: boolean; redirectUri?: string } = {},
): Promise<string> {
  const signin = await fetch(`${url}/signin`, {
    method: 'POST',
    body: new URLSearchParams({ email, next: '/o/oauth2/v2/auth?x=1' }),
    redirect: 'manual',
  });
  const cookie = (signin.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const fields: Record<string, string> = {
    client_id: APP.clientId,
    redirect_uri: opts.redirectUri ?? REDIRECT,
    response_type: 'code',
    scope: scopes.join(' '),
    state: 'st-1',
  };
  if (opts.offline !== false) fields.access_type = 'offline';
  if (opts.challenge !== undefined)
    Object.assign(fields, { code_challenge: opts.challenge, code_challenge_method: 'S256' });
  const consent = await fetch(`${url}/o/oauth2/v2/auth?${new URLSearchParams(fields).toString()}`, {
    headers: { cookie },
  });
  if (consent.status !== 200)
    throw new Error(`consent page answered ${consent.status}: ${await consent.text()}`);
  const allow = await fetch(`${url}/o/oauth2/v2/auth`, {
    method: 'POST',
    headers: { cookie },
    body: new URLSearchParams({ ...fields, decision: 'allow' }),
    redirect: 'manual',
  });
  const location = new URL(allow.headers.get('location') ?? '');
  const code = location.searchParams.get('code');
  if (code === null) throw new Error(`no code in ${location.toString()}`);
  return code;
}

/** POSTs to the token endpoint; returns status and JSON. */
export async function tokenCall(
  url: string,
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/token`, {
    method: 'POST',
    body: new URLSearchParams({
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
      ...form,
    }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A fresh access token for a user with the given scopes (no PKCE). */
export async function tokenFor(url: string, email: string, scopes: string[]): Promise<string> {
  const code = await authorize(url, email, scopes);
  const { body } = await tokenCall(url, {
    code,
    grant_type: 'authorization_code',
    redirect_uri: REDIRECT,
  });
  return body.access_token as string;
}

/** Parsed JSON of an answer, read freely by the tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** Calls an API path with a bearer token; Ads headers when given. */
export async function api(
  url: string,
  method: string,
  path: string,
  token: string | null,
  opts: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

/** Google Ads headers for a call through `login` (or none). */
export function adsHeaders(login?: string): Record<string, string> {
  return {
    'developer-token': DEV_TOKEN,
    ...(login !== undefined ? { 'login-customer-id': login } : {}),
  };
}
