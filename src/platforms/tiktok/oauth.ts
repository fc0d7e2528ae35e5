/**
 * TikTok's advertiser OAuth (tiktok-api.md §1): the `portal/auth` page takes app_id, redirect_uri
 * and state (no PKCE, no scopes in the URL); the callback carries `auth_code` and `state`; the code
 * is exchanged by a JSON POST with the app secret. CSRF protection rests on `state` alone, which
 * the caller makes single-use, expiring and bound to the browser (SECURITY-RELIABILITY.md S2).
 */
import { PlatformError } from '../errors.ts';
import type { AuthorizationRequest, PlatformTokens } from '../types.ts';
import { buildUrl } from '../http.ts';
import { oauth2AccessToken, oauth2RevokeToken } from './api.ts';
import type { TikTokDeps } from './deps.ts';
import { tiktokManifest } from './manifest.ts';

/** The consent page URL for one authorization transaction. */
export function buildAuthorizationUrl(
  deps: Pick<TikTokDeps, 'authBaseUrl' | 'app'>,
  request: AuthorizationRequest,
): URL {
  return buildUrl(deps.authBaseUrl, tiktokManifest.oauth.authorizePath, {
    app_id: deps.app.appId,
    state: request.state,
    redirect_uri: request.redirectUri,
  });
}

/**
 * Exchanges the callback's auth code (single use, about an hour) for a long-term token. A bad,
 * expired or replayed code is PlatformError `auth` (TikTok 40110).
 */
export async function exchangeAuthCode(
  deps: Pick<TikTokDeps, 'client' | 'app'>,
  code: string,
): Promise<PlatformTokens> {
  const data = await oauth2AccessToken(deps.client, deps.app, code);
  return {
    accessToken: data.access_token,
    // The advertiser flow returns no expiry: the token lives until revoked (unverified item 10).
    scopes: (data.scope ?? []).map(String),
    grantedIds: data.advertiser_ids ?? [],
  };
}

/**
 * Revokes the client's token once no grant needs it (SECURITY-RELIABILITY S12), so the access
 * the client gave the app ends at TikTok too, not only in Latchkey's database. A token TikTok no
 * longer knows is already what we want.
 */
export async function revokeTikTokToken(
  deps: Pick<TikTokDeps, 'client' | 'app'>,
  token: string,
): Promise<void> {
  try {
    await oauth2RevokeToken(deps.client, deps.app, token);
  } catch (error) {
    if (error instanceof PlatformError && error.kind === 'auth') return;
    throw error;
  }
}
