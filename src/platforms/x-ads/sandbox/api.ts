// The X sandbox's machine endpoints: OAuth 1.0a's request_token and access_token (form-encoded
// answers, signatures checked), and the Ads API's read side (`/12/accounts`,
// `/12/accounts/:account_id/authenticated_user_access`) in X's envelope `{data, request}` and error
// shape `{errors:[{code,message}], request}`, with X's rate-limit headers and the kit's faults.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { applyBasicFaults, holdAnswer, type BasicFaults } from '../../sandbox-kit/faults.ts';
import type { RuntimeBase } from '../../sandbox-kit/instance.ts';
import {
  accessOf,
  accountsOf,
  exchangeRequestToken,
  issueRequestToken,
  XError,
  type XSandboxApp,
  type XState,
} from './model.ts';
import { verifySignature } from './signature.ts';
import type { XWorld } from './world.ts';

export interface XLogEntry {
  method: string;
  path: string;
  time: string;
}

export type XRuntime = RuntimeBase<XState, XWorld, BasicFaults, XLogEntry> & {
  apps: XSandboxApp[];
  nonces: Map<string, number>;
};

/** X's error body. */
export function errorBody(code: string, message: string, params: Record<string, string> = {}) {
  return { errors: [{ code, message }], request: { params } };
}

/** The limit the sandbox advertises per user token (the window is the rate-limit fault's). */
const ADVERTISED_LIMIT = 2000;

function rateHeaders(reply: FastifyReply, rt: XRuntime): void {
  const limit = rt.faults.rateLimit;
  const perMs = limit?.perMs ?? 15 * 60 * 1000;
  const max = limit?.requests ?? ADVERTISED_LIMIT;
  const reset = Math.ceil((rt.model.now().getTime() + perMs) / 1000);
  void reply
    .header('x-current-api-version', '12')
    .header('x-account-rate-limit-limit', String(max))
    .header('x-account-rate-limit-remaining', String(Math.max(0, max - rt.recentCalls.length)))
    .header('x-account-rate-limit-reset', String(reset));
}

const AccountParams = z.object({ account_id: z.string().max(64) });

/** Registers the OAuth endpoints and the Ads API read side. */
export function registerApiRoutes(app: FastifyInstance, rt: XRuntime): void {
  const secretOfAccess = (token: string) =>
    rt.model.state.accessTokens.find((t) => t.token === token)?.secret;
  const secretOfRequest = (token: string) =>
    rt.model.state.requestTokens.find((t) => t.token === token)?.secret;
  const signed = (request: FastifyRequest, secretOf: (token: string) => string | undefined) =>
    verifySignature(request, rt.apps, secretOf, rt.nonces, rt.model.now());
  const form = (reply: FastifyReply, fields: Record<string, string>) =>
    reply.type('application/x-www-form-urlencoded').send(new URLSearchParams(fields).toString());

  app.post('/oauth/request_token', async (request, reply) => {
    const by = signed(request, () => undefined);
    const callback = by.params.oauth_callback;
    if (callback === undefined || callback.length > 2000)
      throw new XError(400, 'INVALID_PARAMETER', 'oauth_callback is required');
    const token = rt.model.mutate((ctx) =>
      issueRequestToken(ctx.state, by.app, callback, ctx.now()),
    );
    return form(reply, {
      oauth_token: token.token,
      oauth_token_secret: token.secret,
      oauth_callback_confirmed: 'true',
    });
  });

  app.post('/oauth/access_token', async (request, reply) => {
    const by = signed(request, secretOfRequest);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const verifier =
      by.params.oauth_verifier ??
      (typeof body.oauth_verifier === 'string' ? body.oauth_verifier : '');
    const requestToken = rt.model.state.requestTokens.find((t) => t.token === by.token);
    if (!requestToken || requestToken.consumerKey !== by.app.consumerKey)
      throw new XError(401, 'INVALID_TOKEN', 'Invalid request token');
    const { access, user } = rt.model.mutate((ctx) =>
      exchangeRequestToken(ctx.state, requestToken, verifier, ctx.now()),
    );
    return form(reply, {
      oauth_token: access.token,
      oauth_token_secret: access.secret,
      user_id: user.id,
      screen_name: user.handle,
    });
  });

  /** An Ads API call: signature with an access token, faults, rate headers, held latency. */
  const adsCall = async <T>(
    request: FastifyRequest,
    reply: FastifyReply,
    answer: (userId: string) => T,
  ) => {
    const arrived = performance.now();
    try {
      const by = signed(request, secretOfAccess);
      const access = rt.model.state.accessTokens.find((t) => t.token === by.token);
      if (!access || access.consumerKey !== by.app.consumerKey)
        throw new XError(401, 'UNAUTHORIZED_ACCESS', 'This request is not properly authenticated');
      await applyBasicFaults(rt, {
        throttled: (ms) => {
          // X says when the window resets (epoch seconds), not how long to wait.
          const reset = Math.ceil((rt.model.now().getTime() + ms) / 1000);
          void reply.header('x-account-rate-limit-remaining', '0');
          void reply.header('x-account-rate-limit-reset', String(reset));
          return new XError(429, 'TOO_MANY_REQUESTS', 'Rate limit exceeded');
        },
        transient: () => new XError(503, 'SERVICE_UNAVAILABLE', 'Service unavailable'),
      });
      rateHeaders(reply, rt);
      return answer(access.userId);
    } finally {
      await holdAnswer(arrived, rt.faults.latencyMs);
    }
  };

  app.get('/12/accounts', async (request, reply) =>
    adsCall(request, reply, (userId) => {
      const data = accountsOf(rt.model.state, userId).map((a) => ({
        id: a.id,
        name: a.name,
        approval_status: 'ACCEPTED',
        deleted: false,
      }));
      return {
        data,
        data_type: 'account',
        total_count: data.length,
        next_cursor: null,
        request: { params: {} },
      };
    }),
  );

  app.get('/12/accounts/:account_id/authenticated_user_access', async (request, reply) => {
    const params = AccountParams.safeParse(request.params);
    if (!params.success) throw new XError(400, 'INVALID_PARAMETER', 'Invalid account_id');
    const accountId = params.data.account_id;
    return adsCall(request, reply, (userId) => ({
      data: { user_id: userId, permissions: accessOf(rt.model.state, accountId, userId) },
      request: { params: { account_id: accountId } },
    }));
  });
}
