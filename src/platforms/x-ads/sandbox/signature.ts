// OAuth 1.0a signature checking as X does it (docs/platforms/x-ads-api.md, "OAuth 1.0a"): the
// Authorization header's oauth_* parameters, the query and a form body are signed with HMAC-SHA1
// under `consumer_secret&token_secret`. The sandbox recomputes the signature with the same
// library the connector uses (oauth-1.0a) and compares in constant time; a stale timestamp or a
// replayed nonce is refused too.
import { createHmac, timingSafeEqual } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import type { FastifyRequest } from 'fastify';
import { XError, type XSandboxApp } from './model.ts';

const MAX_SKEW_MS = 5 * 60 * 1000;

/** The oauth_* parameters of an `Authorization: OAuth k="v", ...` header, or null. */
export function parseOAuthHeader(header: string | undefined): Record<string, string> | null {
  if (header === undefined || !/^OAuth\s/i.test(header) || header.length > 4000) return null;
  const params: Record<string, string> = {};
  for (const part of header.slice(6).split(',')) {
    const match = /^\s*([A-Za-z0-9_]+)="([^"]*)"\s*$/.exec(part);
    if (!match) return null;
    try {
      params[match[1] ?? ''] = decodeURIComponent(match[2] ?? '');
    } catch {
      return null;
    }
  }
  return params;
}

const unauthorized = (message: string) => new XError(401, 'UNAUTHORIZED_ACCESS', message);

/** What a signed request proved: the app, and the token it was signed with (if any). */
export interface SignedBy {
  app: XSandboxApp;
  params: Record<string, string>;
  token: string | undefined;
}

/**
 * Checks the request's signature. `secretOf` gives the secret of the token the request names (a
 * request token or an access token), undefined when unknown. Throws 401 on any failure.
 */
export function verifySignature(
  request: FastifyRequest,
  apps: readonly XSandboxApp[],
  secretOf: (token: string) => string | undefined,
  seenNonces: Map<string, number>,
  now: Date,
): SignedBy {
  const params = parseOAuthHeader(request.headers.authorization);
  if (!params) throw unauthorized('This request is not properly authenticated');
  const app = apps.find((a) => a.consumerKey === params.oauth_consumer_key);
  if (!app) throw unauthorized('Unknown consumer key');
  if (params.oauth_signature_method !== 'HMAC-SHA1')
    throw unauthorized('Only HMAC-SHA1 signatures are accepted');
  const timestamp = Number(params.oauth_timestamp);
  if (!Number.isFinite(timestamp) || Math.abs(timestamp * 1000 - now.getTime()) > MAX_SKEW_MS)
    throw unauthorized('Timestamp out of bounds');
  const nonce = params.oauth_nonce;
  if (!nonce || !/^[\x20-\x7e]{1,64}$/.test(nonce)) throw unauthorized('Bad nonce');
  const token = params.oauth_token;
  const tokenSecret = token === undefined ? '' : secretOf(token);
  if (tokenSecret === undefined) throw unauthorized('Invalid or expired token');
  const { oauth_signature: signature, realm: _realm, ...signed } = params;
  const oauth = new OAuth({
    consumer: { key: app.consumerKey, secret: app.consumerSecret },
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
  });
  const body =
    request.body !== null && typeof request.body === 'object'
      ? (request.body as Record<string, string>)
      : {};
  const expected = oauth.getSignature(
    {
      url: `http://${request.headers.host ?? ''}${request.url}`,
      method: request.method,
      data: body,
    },
    tokenSecret,
    signed as unknown as OAuth.Data,
  );
  const a = Buffer.from(expected);
  const b = Buffer.from(signature ?? '');
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw unauthorized('Invalid signature');
  const key = `${app.consumerKey}:${nonce}:${timestamp}`;
  if (seenNonces.has(key)) throw unauthorized('Nonce already used');
  seenNonces.set(key, now.getTime());
  for (const [k, at] of seenNonces) if (at < now.getTime() - MAX_SKEW_MS) seenNonces.delete(k);
  return { app, params, token };
}
