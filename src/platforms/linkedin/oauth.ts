/**
 * LinkedIn's OAuth 2.0 code flow (linkedin-api.md §1): the authorization URL and the code
 * exchange at `POST /oauth/v2/accessToken` (form body with the client secret, server side). The
 * member's id (`sub` of `/v2/userinfo`) is kept as the token's granted id: for the agency it is
 * where grants go (`urn:li:person:{sub}`).
 */
import { z } from 'zod';
import { PlatformError } from '../errors.ts';
import { parseWith } from '../http.ts';
import type { AuthorizationRequest, PlatformTokens } from '../types.ts';
import type { LinkedInDeps } from './deps.ts';

const TokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().optional(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
});
const OAuthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

export const UserinfoSchema = z.object({
  sub: z.string().min(1),
  name: z.string().optional(),
  email: z.string().optional(),
});

/** `{www}/oauth/v2/authorization?response_type=code&client_id&redirect_uri&state&scope` (space-separated). */
export function buildAuthorizationUrl(deps: LinkedInDeps, request: AuthorizationRequest): URL {
  const url = new URL(`${deps.wwwBaseUrl.replace(/\/+$/, '')}/oauth/v2/authorization`);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', deps.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('state', request.state);
  url.searchParams.set('scope', request.scopes.join(' '));
  return url;
}

/** POSTs a grant to `{www}/oauth/v2/accessToken` and parses the token answer. */
async function postToken(
  deps: LinkedInDeps,
  grant: Record<string, string>,
): Promise<z.output<typeof TokenSchema>> {
  const url = new URL(`${deps.wwwBaseUrl.replace(/\/+$/, '')}/oauth/v2/accessToken`);
  let response: Response;
  let text: string;
  try {
    response = await deps.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        ...grant,
        client_id: deps.clientId,
        client_secret: deps.clientSecret,
      }).toString(),
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
    text = await response.text();
  } catch {
    throw new PlatformError('unavailable', 'Could not reach LinkedIn to finish sign-in', 'network');
  }
  const body = parseJsonOrUndefined(text);
  if (!response.ok) {
    const error = OAuthErrorSchema.safeParse(body);
    if (response.status >= 500)
      throw new PlatformError(
        'unavailable',
        `LinkedIn answered HTTP ${response.status}`,
        `http_${response.status}`,
      );
    throw new PlatformError(
      'auth',
      `LinkedIn refused the sign-in${error.success ? `: ${error.data.error_description ?? error.data.error}` : ''}`,
      error.success ? error.data.error : `http_${response.status}`,
    );
  }
  return parseWith(TokenSchema, body, 'LinkedIn accessToken');
}

function toTokens(
  deps: LinkedInDeps,
  token: z.output<typeof TokenSchema>,
): PlatformTokens & { scopes: string[] } {
  return {
    accessToken: token.access_token,
    ...(token.refresh_token === undefined ? {} : { refreshToken: token.refresh_token }),
    ...(token.expires_in === undefined
      ? {}
      : { expiresAt: new Date(deps.now().getTime() + token.expires_in * 1000) }),
    scopes: (token.scope ?? '').split(/[ ,]+/).filter(Boolean),
  };
}

/** Exchanges the code, then reads who signed in (`/v2/userinfo`, needs `openid`). */
export async function exchangeLinkedInCode(
  deps: LinkedInDeps,
  input: { code: string; redirectUri: string },
): Promise<PlatformTokens> {
  const token = await postToken(deps, {
    grant_type: 'authorization_code',
    code: input.code,
    redirect_uri: input.redirectUri,
  });
  const tokens = toTokens(deps, token);
  const me = tokens.scopes.includes('openid')
    ? await deps.api.getV2('/userinfo', token.access_token, UserinfoSchema)
    : undefined;
  return { ...tokens, ...(me === undefined ? {} : { grantedIds: [me.sub] }) };
}

/**
 * A new access token from a refresh token (linkedin-api.md §1, `grant_type=refresh_token`; only
 * approved partner apps hold one). LinkedIn answers the same refresh token; a new one would win.
 */
export async function refreshLinkedInToken(
  deps: LinkedInDeps,
  refreshToken: string,
): Promise<PlatformTokens> {
  const tokens = toTokens(
    deps,
    await postToken(deps, { grant_type: 'refresh_token', refresh_token: refreshToken }),
  );
  return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken };
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
