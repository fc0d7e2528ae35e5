/**
 * Microsoft identity platform sign-in (microsoft-ads-api.md §1): the authorize URL (PKCE S256 from
 * ../pkce.ts), the code exchange and refresh at the token endpoint, client secret in the body.
 */
import { PlatformError } from '../errors.ts';
import type { HttpOptions } from '../http.ts';
import type { AuthorizationRequest, PlatformTokens } from '../types.ts';

export interface MsOAuthDeps {
  readonly http: HttpOptions;
  /** https://login.microsoftonline.com/common/oauth2/v2.0 or a sandbox's. */
  readonly authBaseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

const join = (base: string, path: string) => new URL(`${base.replace(/\/+$/, '')}/${path}`);

export function buildAuthorizationUrl(deps: MsOAuthDeps, request: AuthorizationRequest): URL {
  const url = join(deps.authBaseUrl, 'authorize');
  const params: Record<string, string> = {
    client_id: deps.clientId,
    response_type: 'code',
    redirect_uri: request.redirectUri,
    response_mode: 'query',
    scope: request.scopes.join(' '),
    state: request.state,
    // Ask every time: the person may be signed in to Microsoft as someone else.
    prompt: 'select_account',
  };
  if (request.codeChallenge !== undefined) {
    params.code_challenge = request.codeChallenge;
    params.code_challenge_method = 'S256';
  }
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url;
}

async function postToken(deps: MsOAuthDeps, form: Record<string, string>): Promise<PlatformTokens> {
  let response: Response;
  let body: Record<string, unknown>;
  try {
    response = await deps.http.fetch(join(deps.authBaseUrl, 'token'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        client_id: deps.clientId,
        client_secret: deps.clientSecret,
        ...form,
      }).toString(),
      signal: AbortSignal.timeout(deps.http.timeoutMs),
    });
    const text = await response.text();
    body = (text.trim() === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
  } catch {
    throw new PlatformError(
      'unavailable',
      'Could not reach the Microsoft identity platform',
      'network',
      {
        retryAfterMs: deps.http.defaultRetryAfterMs,
      },
    );
  }
  if (!response.ok) {
    const error = typeof body.error === 'string' ? body.error : `http_${response.status}`;
    if (response.status >= 500)
      throw new PlatformError('unavailable', 'The Microsoft identity platform failed', error, {
        retryAfterMs: deps.http.defaultRetryAfterMs,
      });
    // invalid_grant, invalid_client, ...: the person must sign in again (or the app is misconfigured).
    throw new PlatformError('auth', `Microsoft sign-in refused: ${error}`, error);
  }
  if (typeof body.access_token !== 'string')
    throw new PlatformError(
      'unexpected',
      'Microsoft token answer has no access_token',
      'bad_response',
    );
  const tokens: { -readonly [K in keyof PlatformTokens]: PlatformTokens[K] } = {
    accessToken: body.access_token,
    scopes: typeof body.scope === 'string' ? body.scope.split(' ').filter((s) => s !== '') : [],
  };
  if (typeof body.refresh_token === 'string') tokens.refreshToken = body.refresh_token;
  if (typeof body.expires_in === 'number')
    tokens.expiresAt = new Date(deps.http.now().getTime() + body.expires_in * 1000);
  return tokens;
}

export function exchangeMsCode(
  deps: MsOAuthDeps,
  scopes: readonly string[],
  input: { code: string; redirectUri: string; codeVerifier?: string },
): Promise<PlatformTokens> {
  return postToken(deps, {
    grant_type: 'authorization_code',
    code: input.code,
    redirect_uri: input.redirectUri,
    scope: scopes.join(' '),
    ...(input.codeVerifier === undefined ? {} : { code_verifier: input.codeVerifier }),
  });
}

/** A new access token; Microsoft may send a new refresh token, which replaces the old one. */
export async function refreshMsToken(
  deps: MsOAuthDeps,
  scopes: readonly string[],
  refreshToken: string,
): Promise<PlatformTokens> {
  const tokens = await postToken(deps, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    scope: scopes.join(' '),
  });
  return tokens.refreshToken === undefined ? { ...tokens, refreshToken } : tokens;
}
