/**
 * Pinterest sign-in (pinterest-api.md §1): the `/oauth/` consent URL, and the code exchange at
 * `POST /v5/oauth/token` with HTTP Basic client authentication, done by oauth4webapi. No PKCE:
 * Pinterest's description shows none. The token's user is read from `GET /user_account`.
 */
import * as oauth from 'oauth4webapi';
import { z } from 'zod';
import { PlatformError } from '../errors.ts';
import type { AuthorizationRequest, PlatformTokens } from '../types.ts';
import type { PinterestDeps } from './deps.ts';

/** `{auth}/oauth/?client_id&redirect_uri&response_type=code&scope=a,b&state`. */
export function buildAuthorizationUrl(deps: PinterestDeps, request: AuthorizationRequest): URL {
  const url = new URL(`${deps.authBaseUrl.replace(/\/+$/, '')}/oauth/`);
  url.searchParams.set('client_id', deps.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', request.scopes.join(','));
  url.searchParams.set('state', request.state);
  return url;
}

/** Exchanges the code (state already checked by the caller) and reads the user's id. */
export async function exchangePinterestCode(
  deps: PinterestDeps,
  input: { code: string; redirectUri: string },
): Promise<PlatformTokens> {
  const as: oauth.AuthorizationServer = {
    issuer: deps.authBaseUrl,
    authorization_endpoint: `${deps.authBaseUrl.replace(/\/+$/, '')}/oauth/`,
    token_endpoint: `${deps.apiBaseUrl.replace(/\/+$/, '')}/oauth/token`,
  };
  const client: oauth.Client = { client_id: deps.clientId };
  const options = {
    [oauth.customFetch]: (url: string, init: RequestInit) => deps.fetch(new URL(url), init),
    // The sandbox runs on http://localhost; Pinterest itself is https.
    [oauth.allowInsecureRequests]: as.token_endpoint?.startsWith('http://') === true,
    signal: AbortSignal.timeout(deps.timeoutMs),
  };
  let token: oauth.TokenEndpointResponse;
  try {
    const params = oauth.validateAuthResponse(
      as,
      client,
      new URLSearchParams({ code: input.code }),
      oauth.skipStateCheck,
    );
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.ClientSecretBasic(deps.clientSecret),
      params,
      input.redirectUri,
      oauth.nopkce,
      options,
    );
    token = await oauth.processAuthorizationCodeResponse(as, client, response);
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError || error instanceof oauth.OperationProcessingError)
      throw new PlatformError(
        'auth',
        `Pinterest refused the authorization code (${error.message})`,
        'token_exchange',
      );
    if (error instanceof PlatformError) throw error;
    throw new PlatformError(
      'unavailable',
      'Could not reach Pinterest to exchange the code',
      'network',
    );
  }
  const me = await deps.api.call(
    'GET',
    'user_account',
    token.access_token,
    {},
    z.object({ id: z.string() }),
  );
  const expiresAt =
    token.expires_in === undefined
      ? undefined
      : new Date(deps.now().getTime() + token.expires_in * 1000);
  return {
    accessToken: token.access_token,
    ...(token.refresh_token === undefined ? {} : { refreshToken: token.refresh_token }),
    ...(expiresAt === undefined ? {} : { expiresAt }),
    // The granted scopes: one string, commas or spaces (pinterest-api.md unverified item 4).
    scopes: (token.scope ?? '').split(/[\s,]+/).filter((s) => s !== ''),
    grantedIds: [me.id],
  };
}
