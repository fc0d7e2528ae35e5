/**
 * Snap's Marketing API OAuth (contract §1): the authorize page on accounts.snapchat.com takes
 * client_id, redirect_uri, response_type=code, scope=snapchat-marketing-api and state (no PKCE);
 * the code and refresh token are exchanged by a form POST with the client secret. Tokens never go
 * in a URL.
 */
import { z } from 'zod';
import { PlatformError } from '../errors.ts';
import { buildUrl, type FetchLike } from '../http.ts';
import type { AuthorizationRequest, PlatformTokens } from '../types.ts';
import { snapchatManifest } from './manifest.ts';

export interface SnapOAuthDeps {
  readonly authBaseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly fetch: FetchLike;
  readonly now: () => Date;
  readonly timeoutMs: number;
}

export function buildAuthorizationUrl(deps: SnapOAuthDeps, request: AuthorizationRequest): URL {
  return buildUrl(deps.authBaseUrl, snapchatManifest.oauth.authorizePath, {
    client_id: deps.clientId,
    redirect_uri: request.redirectUri,
    response_type: 'code',
    scope: (request.scopes.length > 0 ? request.scopes : snapchatManifest.oauth.scopes).join(' '),
    state: request.state,
  });
}

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().optional(),
  expires_in: z.number().optional(),
  scope: z.string().optional(),
});

async function postToken(
  deps: SnapOAuthDeps,
  form: Record<string, string>,
): Promise<z.output<typeof tokenAnswer>> {
  const url = buildUrl(deps.authBaseUrl, snapchatManifest.oauth.tokenPath);
  let response: Response;
  let body: unknown;
  try {
    response = await deps.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        ...form,
        client_id: deps.clientId,
        client_secret: deps.clientSecret,
      }).toString(),
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
    body = await response.json().catch(() => undefined);
  } catch {
    throw new PlatformError('unavailable', `Could not reach ${url.host}`, 'network');
  }
  if (response.status === 429)
    throw new PlatformError('rate_limited', 'Snapchat is throttling requests', 'http_429', {
      retryAfterMs: 1000,
    });
  if (response.status >= 500)
    throw new PlatformError(
      'unavailable',
      `Snapchat answered HTTP ${response.status}`,
      `http_${response.status}`,
    );
  const parsed = tokenAnswer.safeParse(body);
  if (!response.ok || !parsed.success) {
    const error = z.object({ error: z.string() }).safeParse(body);
    throw new PlatformError(
      'auth',
      'Snapchat refused the sign-in code or refresh token',
      error.success ? error.data.error : `http_${response.status}`,
    );
  }
  return parsed.data;
}

function toTokens(
  deps: SnapOAuthDeps,
  answer: z.output<typeof tokenAnswer>,
  refreshToken?: string,
): PlatformTokens {
  const refresh = answer.refresh_token ?? refreshToken;
  return {
    accessToken: answer.access_token,
    ...(refresh === undefined ? {} : { refreshToken: refresh }),
    ...(answer.expires_in === undefined
      ? {}
      : { expiresAt: new Date(deps.now().getTime() + answer.expires_in * 1000) }),
    scopes: (answer.scope ?? snapchatManifest.oauth.scopes.join(' '))
      .split(/[ ,]+/)
      .filter(Boolean),
  };
}

export async function exchangeSnapCode(
  deps: SnapOAuthDeps,
  code: string,
  redirectUri: string,
): Promise<PlatformTokens> {
  return toTokens(
    deps,
    await postToken(deps, { grant_type: 'authorization_code', code, redirect_uri: redirectUri }),
  );
}

/** A fresh access token; Snap may or may not return a new refresh token (contract item 8). */
export async function refreshSnapToken(
  deps: SnapOAuthDeps,
  refreshToken: string,
): Promise<PlatformTokens> {
  return toTokens(
    deps,
    await postToken(deps, { grant_type: 'refresh_token', refresh_token: refreshToken }),
    refreshToken,
  );
}
