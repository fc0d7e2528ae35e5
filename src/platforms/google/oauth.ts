/**
 * Google OAuth 2.0 for web-server apps, shared by Google Ads, GA4 and Tag Manager
 * (google-api.md §1): authorization URL with state and PKCE S256, code exchange, refresh,
 * RFC 7009 revoke, and the OpenID userinfo call that names the Google account behind a token.
 */
import { PlatformError } from '../errors.ts';
import type { FetchLike } from '../http.ts';
import type { AuthorizationRequest, PlatformTokens } from '../types.ts';
import { googleError } from './errors.ts';

/** Where Google's OAuth lives; a sandbox serves all three at its root. */
export interface GoogleOAuthUrls {
  /** https://accounts.google.com (the page is /o/oauth2/v2/auth). */
  readonly accounts: string;
  /** https://oauth2.googleapis.com (/token, /revoke). */
  readonly oauth2: string;
  /** https://openidconnect.googleapis.com (/v1/userinfo). */
  readonly openid: string;
}

export const GOOGLE_OAUTH_URLS: GoogleOAuthUrls = {
  accounts: 'https://accounts.google.com',
  oauth2: 'https://oauth2.googleapis.com',
  openid: 'https://openidconnect.googleapis.com',
};

export interface GoogleOAuthDeps {
  readonly urls: GoogleOAuthUrls;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly fetch: FetchLike;
  readonly now: () => Date;
  readonly timeoutMs: number;
  readonly defaultRetryAfterMs: number;
}

const join = (base: string, path: string): URL => new URL(`${base.replace(/\/+$/, '')}/${path}`);

/** The authorization URL: offline access (a refresh token), consent prompt, PKCE S256, state. */
export function buildGoogleAuthorizationUrl(
  deps: GoogleOAuthDeps,
  request: AuthorizationRequest,
): URL {
  const url = join(deps.urls.accounts, 'o/oauth2/v2/auth');
  const params: Record<string, string> = {
    client_id: deps.clientId,
    redirect_uri: request.redirectUri,
    response_type: 'code',
    scope: request.scopes.join(' '),
    state: request.state,
    access_type: 'offline',
    prompt: 'consent',
    include_granted_scopes: 'true',
  };
  if (request.codeChallenge !== undefined) {
    params.code_challenge = request.codeChallenge;
    params.code_challenge_method = 'S256';
  }
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url;
}

async function postForm(
  deps: GoogleOAuthDeps,
  path: string,
  form: Record<string, string>,
  query?: Record<string, string>,
): Promise<unknown> {
  const url = join(deps.urls.oauth2, path);
  for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
  let response: Response;
  let body: unknown;
  try {
    response = await deps.fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded;charset=UTF-8',
        accept: 'application/json',
      },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
    const text = await response.text();
    body = text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
  } catch (error) {
    throw new PlatformError(
      'unavailable',
      `Could not reach Google OAuth: ${error instanceof Error ? error.message : 'error'}`,
      'network',
      { retryAfterMs: deps.defaultRetryAfterMs },
    );
  }
  if (!response.ok) throw googleError(response.status, body, deps.defaultRetryAfterMs);
  return body;
}

function toTokens(deps: GoogleOAuthDeps, body: unknown): PlatformTokens {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.access_token !== 'string')
    throw new PlatformError(
      'unexpected',
      'Google token answer has no access_token',
      'bad_response',
    );
  const tokens: { -readonly [K in keyof PlatformTokens]: PlatformTokens[K] } = {
    accessToken: b.access_token,
    scopes: typeof b.scope === 'string' ? b.scope.split(' ').filter((s) => s !== '') : [],
  };
  if (typeof b.refresh_token === 'string') tokens.refreshToken = b.refresh_token;
  if (typeof b.expires_in === 'number')
    tokens.expiresAt = new Date(deps.now().getTime() + b.expires_in * 1000);
  return tokens;
}

/** Exchanges a code (with the PKCE verifier) at the token endpoint. */
export async function exchangeGoogleCode(
  deps: GoogleOAuthDeps,
  input: { code: string; redirectUri: string; codeVerifier?: string },
): Promise<PlatformTokens> {
  const form: Record<string, string> = {
    client_id: deps.clientId,
    client_secret: deps.clientSecret,
    code: input.code,
    grant_type: 'authorization_code',
    redirect_uri: input.redirectUri,
  };
  if (input.codeVerifier !== undefined) form.code_verifier = input.codeVerifier;
  return toTokens(deps, await postForm(deps, 'token', form));
}

/** A new access token from a refresh token; invalid_grant means the user must consent again. */
export async function refreshGoogleToken(
  deps: GoogleOAuthDeps,
  refreshToken: string,
): Promise<PlatformTokens> {
  const body = await postForm(deps, 'token', {
    client_id: deps.clientId,
    client_secret: deps.clientSecret,
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
  });
  const tokens = toTokens(deps, body);
  // Google keeps the refresh token; should it ever send a new one, that one is kept (S10).
  return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken };
}

/** RFC 7009 revoke (S12). Google's client puts the token in the query ([GAL]); we send it in the body, which RFC 7009 defines. An already-revoked token is fine. */
export async function revokeGoogleToken(deps: GoogleOAuthDeps, token: string): Promise<void> {
  try {
    await postForm(deps, 'revoke', { token });
  } catch (error) {
    if (error instanceof PlatformError && error.platformCode === 'invalid_token') return;
    throw error;
  }
}

/** The email of the Google account behind a token (OpenID userinfo; needs the `email` scope). */
export async function fetchGoogleEmail(
  deps: GoogleOAuthDeps,
  accessToken: string,
): Promise<string> {
  let response: Response;
  let body: unknown;
  try {
    response = await deps.fetch(join(deps.urls.openid, 'v1/userinfo'), {
      method: 'GET',
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
    body = (await response.json()) as unknown;
  } catch {
    throw new PlatformError('unavailable', 'Could not reach Google userinfo', 'network', {
      retryAfterMs: deps.defaultRetryAfterMs,
    });
  }
  if (!response.ok) throw googleError(response.status, body, deps.defaultRetryAfterMs);
  const email = (body as { email?: unknown }).email;
  if (typeof email !== 'string')
    throw new PlatformError('unexpected', 'userinfo has no email', 'bad_response');
  return email.toLowerCase();
}
