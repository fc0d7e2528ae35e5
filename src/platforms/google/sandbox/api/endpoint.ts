// One API endpoint: faults, bearer token, scopes, (Ads) headers, then the handler; every
// failure is answered in Google's error shape (google-api.md §6).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { holdAnswer } from '../../../sandbox-kit/faults.ts';
import { applyFaults } from '../faults.ts';
import { GoogleApiError, renderError, topMessage } from '../model/errors.ts';
import { findAccessToken } from '../model/oauth.ts';
import type { TokenRecord } from '../model/types.ts';
import type { SandboxRuntime } from '../runtime.ts';

export interface Caller {
  email: string;
  token: TokenRecord;
  /** Google Ads: the `login-customer-id` header, when sent. */
  loginCustomerId: string | undefined;
}

export interface EndpointSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  /** Any one of these scopes is enough. */
  scopes: readonly string[];
  /** Google Ads endpoint: developer-token and login-customer-id rules, GoogleAdsFailure details. */
  ads?: boolean;
  handle: (request: FastifyRequest, caller: Caller) => unknown;
  /** HTTP status of a success (200 unless told). */
  successCode?: number;
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** The Ads API version in the URL (`/v24/...`), for the GoogleAdsFailure type name. */
export function adsVersion(request: FastifyRequest): string | null {
  return /^\/(v\d+)\//.exec(request.url)?.[1] ?? null;
}

/** Sends a GoogleApiError in the wire shape. */
export function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  error: GoogleApiError,
  ads: boolean,
): FastifyReply {
  const requestId = randomBytes(11).toString('hex');
  return reply
    .code(error.code)
    .type('application/json; charset=UTF-8')
    .send(renderError(error, ads ? adsVersion(request) : null, requestId));
}

function authenticate(rt: SandboxRuntime, request: FastifyRequest, spec: EndpointSpec): Caller {
  const auth = header(request, 'authorization');
  const ads = spec.ads === true;
  const adsAuth = (value: string, message: string): GoogleApiError =>
    new GoogleApiError(
      'UNAUTHENTICATED',
      message,
      [],
      ads
        ? [
            {
              errorCode: { authenticationError: value },
              message: 'Authentication of the request failed.',
            },
          ]
        : undefined,
    );
  if (!auth?.startsWith('Bearer '))
    throw adsAuth('AUTHENTICATION_ERROR', topMessage('UNAUTHENTICATED'));
  const token = findAccessToken(rt.model, auth.slice('Bearer '.length));
  if (!token)
    throw adsAuth(
      'OAUTH_TOKEN_INVALID',
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
    );
  if (!spec.scopes.some((s) => token.scopes.includes(s))) {
    throw new GoogleApiError(
      'PERMISSION_DENIED',
      'Request had insufficient authentication scopes.',
      [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
          domain: 'googleapis.com',
        },
      ],
    );
  }
  const loginCustomerId = ads ? checkAdsHeaders(rt, request) : undefined;
  return { email: token.email, token, loginCustomerId };
}

/** developer-token is required and must be registered; login-customer-id is 10 digits, no dashes. */
function checkAdsHeaders(rt: SandboxRuntime, request: FastifyRequest): string | undefined {
  const adsError = (
    status: 'INVALID_ARGUMENT' | 'UNAUTHENTICATED',
    category: string,
    value: string,
    message: string,
  ): GoogleApiError =>
    new GoogleApiError(
      status,
      topMessage(status),
      [],
      [{ errorCode: { [category]: value }, message }],
    );
  const developerToken = header(request, 'developer-token');
  if (developerToken === undefined)
    throw adsError(
      'INVALID_ARGUMENT',
      'requestError',
      'DEVELOPER_TOKEN_PARAMETER_MISSING',
      'The developer-token parameter is required for all requests.',
    );
  if (!rt.developerTokens.includes(developerToken))
    throw adsError(
      'UNAUTHENTICATED',
      'authenticationError',
      'DEVELOPER_TOKEN_INVALID',
      'The developer token is not valid.',
    );
  const login = header(request, 'login-customer-id');
  if (login !== undefined && !/^\d{10}$/.test(login))
    throw adsError(
      'INVALID_ARGUMENT',
      'headerError',
      'INVALID_LOGIN_CUSTOMER_ID',
      'The login customer ID could not be validated.',
    );
  return login;
}

/** Registers an API endpoint. */
export function defineEndpoint(app: FastifyInstance, rt: SandboxRuntime, spec: EndpointSpec): void {
  app.route({
    method: spec.method,
    url: spec.url,
    handler: async (request, reply) => {
      const arrived = performance.now();
      const ads = spec.ads === true;
      try {
        await applyFaults(rt, ads);
        const caller = authenticate(rt, request, spec);
        const result = await spec.handle(request, caller);
        await holdAnswer(arrived, rt.faults.latencyMs);
        if (spec.successCode === 204) return reply.code(204).send();
        return reply
          .code(spec.successCode ?? 200)
          .type('application/json; charset=UTF-8')
          .send(result);
      } catch (error) {
        if (!(error instanceof GoogleApiError)) throw error;
        await holdAnswer(arrived, rt.faults.latencyMs);
        return sendError(reply, request, error, ads);
      }
    },
  });
}
