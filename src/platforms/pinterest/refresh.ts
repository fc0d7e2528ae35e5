/**
 * The refresh grant at `POST /v5/oauth/token` (pinterest-api.md §1): HTTP Basic client
 * authentication, `grant_type=refresh_token&refresh_token`. Pinterest's errors are `{code,
 * message}`, not OAuth error names: a 400 is taken as the refresh token refused (`invalid_grant`,
 * S10: the connection needs re-consent), a 401 as the app's credentials refused.
 */
import { z } from 'zod';
import { PlatformError } from '../errors.ts';
import { clientSecretBasic } from '../http.ts';
import type { PlatformTokens } from '../types.ts';
import type { PinterestDeps } from './deps.ts';

const RefreshAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().optional(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
});

/** A new access token; a new refresh token in the answer replaces the one sent. */
export async function refreshPinterestToken(
  deps: PinterestDeps,
  refreshToken: string,
): Promise<PlatformTokens> {
  let response: Response;
  let body: unknown;
  try {
    response = await deps.fetch(new URL(`${deps.apiBaseUrl.replace(/\/+$/, '')}/oauth/token`), {
      method: 'POST',
      headers: {
        authorization: clientSecretBasic(deps.clientId, deps.clientSecret),
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
      }).toString(),
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
    body = (await response.json().catch(() => undefined)) as unknown;
  } catch {
    throw new PlatformError(
      'unavailable',
      'Could not reach Pinterest to refresh a token',
      'network',
    );
  }
  if (response.status === 429)
    throw new PlatformError('rate_limited', 'Pinterest is throttling token calls', 'http_429', {
      retryAfterMs: 1000,
    });
  if (response.status >= 500)
    throw new PlatformError(
      'unavailable',
      `Pinterest answered HTTP ${response.status}`,
      `http_${response.status}`,
    );
  const parsed = RefreshAnswer.safeParse(body);
  if (!response.ok || !parsed.success) {
    const code =
      response.status === 400
        ? 'invalid_grant'
        : response.status === 401
          ? 'invalid_client'
          : `http_${response.status}`;
    throw new PlatformError('auth', 'Pinterest refused the refresh token', code);
  }
  const answer = parsed.data;
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token ?? refreshToken,
    ...(answer.expires_in === undefined
      ? {}
      : { expiresAt: new Date(deps.now().getTime() + answer.expires_in * 1000) }),
    scopes: (answer.scope ?? '').split(/[\s,]+/).filter((s) => s !== ''),
  };
}
