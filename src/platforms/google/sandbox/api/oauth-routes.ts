// The token endpoint (code exchange with PKCE, refresh) and RFC 7009 revoke (google-api.md §1).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  type GoogleSandboxApp,
  type IssuedTokens,
  authenticateClient,
  exchangeCode,
  OAuthError,
  refreshAccess,
  revokeToken,
} from '../model/oauth.ts';
import type { ModelContext } from '../model/types.ts';
import { SCOPES } from '../model/scopes.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { defineEndpoint } from './endpoint.ts';

type Form = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Client credentials from the body (client_secret_post) or HTTP Basic (client_secret_basic). */
function clientCredentials(
  request: FastifyRequest,
  form: Form,
): { id: string | undefined; secret: string | undefined } {
  const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '');
  if (basic?.[1]) {
    const [id, secret] = Buffer.from(basic[1], 'base64')
      .toString()
      .split(':')
      .map(decodeURIComponent);
    return { id, secret };
  }
  return { id: str(form.client_id), secret: str(form.client_secret) };
}

function sendOAuthError(reply: FastifyReply, error: OAuthError): FastifyReply {
  return reply
    .code(error.httpCode)
    .header('cache-control', 'no-store')
    .send({ error: error.error, error_description: error.description });
}

function grant(
  ctx: ModelContext,
  client: GoogleSandboxApp,
  grantType: string | undefined,
  form: Form,
): IssuedTokens {
  if (grantType === 'authorization_code') {
    return exchangeCode(ctx, client, {
      code: str(form.code),
      redirectUri: str(form.redirect_uri),
      codeVerifier: str(form.code_verifier),
    });
  }
  if (grantType === 'refresh_token') return refreshAccess(ctx, client, str(form.refresh_token));
  throw new OAuthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
}

/** Registers POST /token, POST /revoke and the OpenID userinfo endpoint. */
export function registerOAuthRoutes(app: FastifyInstance, rt: SandboxRuntime): void {
  app.post('/token', async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    try {
      const creds = clientCredentials(request, form);
      const client = authenticateClient(rt.apps, creds.id, creds.secret);
      const grantType = str(form.grant_type);
      const tokens = rt.model.mutate((ctx) => {
        try {
          return grant(ctx, client, grantType, form);
        } catch (error) {
          // A replay's revocation must be committed, so that error is returned, not thrown.
          if (error instanceof OAuthError && error.keepChanges) return error;
          throw error;
        }
      });
      if (tokens instanceof OAuthError) throw tokens;
      return reply.header('cache-control', 'no-store').send(tokens);
    } catch (error) {
      if (error instanceof OAuthError) return sendOAuthError(reply, error);
      throw error;
    }
  });

  // The Node client sends the token in the query with no body ([GAL], [RUN]); RFC 7009 puts it in the body: both work.
  app.post('/revoke', async (request, reply) => {
    const token = str((request.query as Form).token) ?? str(((request.body ?? {}) as Form).token);
    try {
      rt.model.mutate((ctx) => revokeToken(ctx, token));
      return reply.send({});
    } catch (error) {
      if (error instanceof OAuthError) return sendOAuthError(reply, error);
      throw error;
    }
  });

  // openidconnect.googleapis.com/v1/userinfo: who the token belongs to (needs openid/email).
  defineEndpoint(app, rt, {
    method: 'GET',
    url: '/v1/userinfo',
    scopes: SCOPES.userinfo,
    handle: (_r, caller) => ({
      sub: String(rt.model.state.users.findIndex((u) => u.email === caller.email) + 1),
      email: caller.email,
      email_verified: true,
      name: rt.model.state.users.find((u) => u.email === caller.email)?.name ?? '',
    }),
  });
}
