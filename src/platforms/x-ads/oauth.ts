/**
 * X's OAuth 1.0a, three-legged (x-ads-api.md "OAuth 1.0a"): a signed POST oauth/request_token with
 * the callback, the browser to oauth/authorize, a signed POST oauth/access_token with the verifier.
 * Requests are signed HMAC-SHA1 with the `oauth-1.0a` package. The access token and its secret are
 * kept together as one sealed string (packXToken), with the X user's id and @handle.
 */
import { createHmac } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import { z } from 'zod';
import { PlatformError } from '../errors.ts';
import type { FetchLike } from '../http.ts';

export interface XOAuthDeps {
  readonly authBaseUrl: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
}

/** An OAuth 1.0a signer for the app. */
export function createSigner(deps: Pick<XOAuthDeps, 'consumerKey' | 'consumerSecret'>): OAuth {
  return new OAuth({
    consumer: { key: deps.consumerKey, secret: deps.consumerSecret },
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
  });
}

/** The Authorization header of a signed request; `extra` oauth_* parameters go in it too. */
export function signedHeader(
  signer: OAuth,
  request: { url: string; method: string },
  token?: { key: string; secret: string },
  extra: Record<string, string> = {},
): string {
  const data = signer.authorize({ url: request.url, method: request.method, data: extra }, token);
  return signer.toHeader({ ...data, ...extra }).Authorization;
}

/** The connection's token as stored (sealed): the access token, its secret and who it is. */
const PackedSchema = z.strictObject({
  token: z.string().min(1).max(500),
  secret: z.string().min(1).max(500),
  userId: z.string().max(30),
  handle: z.string().max(30),
});
export type XToken = z.infer<typeof PackedSchema>;

export function packXToken(token: XToken): string {
  return JSON.stringify(PackedSchema.parse(token));
}

/** The stored token back; a token not of this shape is an auth error (reconnect). */
export function unpackXToken(packed: string): XToken {
  try {
    return PackedSchema.parse(JSON.parse(packed));
  } catch {
    throw new PlatformError(
      'auth',
      'The X connection token is unreadable: reconnect X',
      'bad_token',
    );
  }
}

async function postForm(deps: XOAuthDeps, path: string, header: string): Promise<URLSearchParams> {
  const url = new URL(`${deps.authBaseUrl.replace(/\/+$/, '')}/${path}`);
  let response: Response;
  try {
    response = await deps.fetch(url, {
      method: 'POST',
      headers: { authorization: header },
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
  } catch {
    throw new PlatformError('unavailable', `X did not answer ${path}`, 'network');
  }
  const text = await response.text().catch(() => '');
  if (response.status === 429 || response.status >= 500)
    throw new PlatformError(
      response.status === 429 ? 'rate_limited' : 'unavailable',
      `X answered ${response.status} on ${path}`,
      `http_${response.status}`,
    );
  if (!response.ok)
    throw new PlatformError(
      'auth',
      `X refused ${path} (${response.status})`,
      `http_${response.status}`,
    );
  return new URLSearchParams(text);
}

/** Step 1: a request token for the callback, and the consent page URL to send the browser to. */
export async function requestXToken(
  deps: XOAuthDeps,
  callback: string,
): Promise<{ url: URL; requestToken: string; requestTokenSecret: string }> {
  const signer = createSigner(deps);
  const target = `${deps.authBaseUrl.replace(/\/+$/, '')}/oauth/request_token`;
  const answer = await postForm(
    deps,
    'oauth/request_token',
    signedHeader(signer, { url: target, method: 'POST' }, undefined, { oauth_callback: callback }),
  );
  const token = answer.get('oauth_token');
  const secret = answer.get('oauth_token_secret');
  if (!token || !secret || answer.get('oauth_callback_confirmed') !== 'true')
    throw new PlatformError(
      'unexpected',
      'X answered no usable request token',
      'bad_request_token',
    );
  const url = new URL(`${deps.authBaseUrl.replace(/\/+$/, '')}/oauth/authorize`);
  url.searchParams.set('oauth_token', token);
  return { url, requestToken: token, requestTokenSecret: secret };
}

/** Step 3: the authorized request token and its verifier for the user's access token. */
export async function exchangeXVerifier(
  deps: XOAuthDeps,
  input: { requestToken: string; requestTokenSecret: string; verifier: string },
): Promise<XToken> {
  const signer = createSigner(deps);
  const target = `${deps.authBaseUrl.replace(/\/+$/, '')}/oauth/access_token`;
  const answer = await postForm(
    deps,
    'oauth/access_token',
    signedHeader(
      signer,
      { url: target, method: 'POST' },
      { key: input.requestToken, secret: input.requestTokenSecret },
      { oauth_verifier: input.verifier },
    ),
  );
  const parsed = PackedSchema.safeParse({
    token: answer.get('oauth_token'),
    secret: answer.get('oauth_token_secret'),
    userId: answer.get('user_id'),
    handle: answer.get('screen_name'),
  });
  if (!parsed.success)
    throw new PlatformError('unexpected', 'X answered no usable access token', 'bad_access_token');
  return parsed.data;
}
