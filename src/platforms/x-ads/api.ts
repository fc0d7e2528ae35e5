/**
 * The X Ads API calls Latchkey makes, one function per endpoint (x-ads-api.md "Ads API reads"),
 * each signed OAuth 1.0a with the agency's access token. X's envelope is `{data, request}`; an
 * error is `{errors:[{code,message}], request}`, read by HTTP status (facts item 4).
 */
import { z } from 'zod';
import { PlatformError } from '../errors.ts';
import { buildUrl, requestJson, type FetchLike, type HttpResponse } from '../http.ts';
import { createSigner, signedHeader, type XToken } from './oauth.ts';

export interface XApiDeps {
  readonly adsBaseUrl: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly now: () => Date;
  readonly defaultRetryAfterMs: number;
}

const ErrorBodySchema = z.object({
  errors: z.array(z.object({ code: z.string().max(200), message: z.string().max(2000) })).min(1),
});

/**
 * Milliseconds until X's limit resets: the ad-account level header first, else the user level
 * (x-ads-api.md "Rate limits"); both are epoch seconds.
 */
export function retryAfterFrom(headers: Headers, now: Date): number | undefined {
  const reset = headers.get('x-account-rate-limit-reset') ?? headers.get('x-rate-limit-reset');
  if (reset === null || !/^\d{1,12}$/.test(reset.trim())) return undefined;
  return Math.max(0, Number(reset) * 1000 - now.getTime());
}

/** X's error body (or the bare status) as a PlatformError; undefined for a 2xx. */
export function xPlatformError(deps: XApiDeps, response: HttpResponse): PlatformError | undefined {
  const { status } = response;
  if (status >= 200 && status < 300) return undefined;
  const parsed = ErrorBodySchema.safeParse(response.body);
  const first = parsed.success ? parsed.data.errors[0] : undefined;
  const code = first?.code ?? `http_${status}`;
  const message = first?.message ?? `X answered HTTP ${status}`;
  const retryAfterMs = retryAfterFrom(response.headers, deps.now()) ?? deps.defaultRetryAfterMs;
  if (status === 429) return new PlatformError('rate_limited', message, code, { retryAfterMs });
  if (status >= 500) return new PlatformError('unavailable', message, code, { retryAfterMs });
  if (status === 401) return new PlatformError('auth', message, code);
  if (status === 403) return new PlatformError('permission', message, code);
  if (status === 404) return new PlatformError('not_found', message, code);
  return new PlatformError('invalid', message, code);
}

async function signedGet<S extends z.ZodType>(
  deps: XApiDeps,
  token: XToken,
  path: string,
  schema: S,
): Promise<z.output<S>> {
  const url = buildUrl(deps.adsBaseUrl, path);
  const header = signedHeader(
    createSigner(deps),
    { url: url.toString(), method: 'GET' },
    { key: token.token, secret: token.secret },
  );
  return requestJson(
    {
      fetch: deps.fetch,
      timeoutMs: deps.timeoutMs,
      now: deps.now,
      defaultRetryAfterMs: deps.defaultRetryAfterMs,
    },
    {
      method: 'GET',
      url,
      headers: { authorization: header },
      schema,
      platformError: (response) => xPlatformError(deps, response),
    },
  );
}

const AccountsSchema = z.object({
  data: z.array(z.object({ id: z.string().max(64), name: z.string().max(500) })).max(1000),
});

/** GET accounts: the ads accounts the token's user can reach (first page; 200 by default). */
export async function getAccounts(deps: XApiDeps, token: XToken) {
  // https://docs.x.com/x-ads-api/fundamentals/accessing-ads-accounts
  return (await signedGet(deps, token, 'accounts', AccountsSchema)).data;
}

const UserAccessSchema = z.object({
  data: z.object({
    user_id: z.union([z.string().max(30), z.number()]),
    permissions: z.array(z.string().max(100)).max(50),
  }),
});

/** GET accounts/:account_id/authenticated_user_access: the token user's permissions there. */
export async function getAuthenticatedUserAccess(deps: XApiDeps, token: XToken, accountId: string) {
  // https://developer.x.com/en/docs/twitter-ads-api/campaign-management/api-reference/authenticated-user-access
  const path = `accounts/${encodeURIComponent(accountId)}/authenticated_user_access`;
  return (await signedGet(deps, token, path, UserAccessSchema)).data;
}
