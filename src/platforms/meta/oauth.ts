/**
 * Facebook Login (meta-api.md §1): the dialog URL and the code exchange. Code flow with the app
 * secret, server side (S6); no PKCE (see manifest). Errors of the exchange are `auth`.
 */
import { z } from 'zod';
import { PlatformError } from '../errors.ts';
import type { AuthorizationRequest, PlatformTokens } from '../types.ts';
import type { MetaDeps } from './deps.ts';

const TokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().optional(),
});

/** `{auth}/{version}/dialog/oauth?client_id&redirect_uri&state&response_type=code&scope=a,b`. */
export function buildAuthorizationUrl(deps: MetaDeps, request: AuthorizationRequest): URL {
  const url = new URL(`${deps.authBaseUrl.replace(/\/+$/, '')}/${deps.version}/dialog/oauth`);
  url.searchParams.set('client_id', deps.appId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('state', request.state);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', request.scopes.join(','));
  return url;
}

/** Exchanges the code for a user token, then reads which permissions the person granted. */
export async function exchangeMetaCode(
  deps: MetaDeps,
  input: { code: string; redirectUri: string },
): Promise<PlatformTokens> {
  let token: z.output<typeof TokenSchema>;
  try {
    token = await deps.graph.appCall(
      'oauth/access_token',
      {
        client_id: deps.appId,
        client_secret: deps.appSecret,
        redirect_uri: input.redirectUri,
        code: input.code,
      },
      TokenSchema,
    );
  } catch (error) {
    if (
      error instanceof PlatformError &&
      ['invalid', 'unexpected', 'permission'].includes(error.kind)
    ) {
      throw new PlatformError('auth', error.message, error.platformCode, error.extra);
    }
    throw error;
  }
  // Granted scopes from /me/permissions (meta-api.md §2), read with the token in a header: the
  // person may untick permissions in the dialog. (debug_token would put the token in a URL.)
  const permissions = await deps.graph.getAll(
    'me/permissions',
    token.access_token,
    {},
    z.object({ permission: z.string(), status: z.string() }),
  );
  const me = await deps.graph.get(
    'me',
    token.access_token,
    { fields: 'id' },
    z.object({ id: z.string() }),
  );
  const expiresAt =
    token.expires_in === undefined
      ? undefined
      : new Date(deps.now().getTime() + token.expires_in * 1000);
  return {
    accessToken: token.access_token,
    scopes: permissions.filter((p) => p.status === 'granted').map((p) => p.permission),
    ...(expiresAt === undefined ? {} : { expiresAt }),
    grantedIds: [me.id],
  };
}
