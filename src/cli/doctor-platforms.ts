/**
 * `latchkey doctor`'s platform checks: one harmless call per platform app that the platform
 * answers only after checking the app's credentials, and that changes nothing. Each exchanges a
 * code or token that cannot exist: the platform refuses the app first when its id or secret is
 * wrong, and otherwise refuses only the made-up code, which proves the app is accepted.
 */
import { PlatformError } from '../platforms/errors.ts';
import { clientSecretBasic, type FetchLike } from '../platforms/http.ts';
import { requestXToken } from '../platforms/x-ads/oauth.ts';

export interface CredentialCheck {
  readonly ok: boolean;
  readonly detail: string;
}

const MADE_UP_CODE = 'latchkey-doctor-check';
const TIMEOUT_MS = 10_000;

async function callJson(fetch: FetchLike, url: URL, init: RequestInit = {}) {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as unknown };
  } catch (error) {
    return { status: 0, body: undefined, error: (error as Error).message };
  }
}

const unreachable = (name: string, url: URL, error: string | undefined): CredentialCheck => ({
  ok: false,
  detail: `could not reach ${name} at ${url.origin} (${error ?? 'no answer'})`,
});

/**
 * TikTok: `POST oauth2/access_token/` with a made-up auth code (tiktok-api.md §1). A wrong app id
 * or secret is 40001 (permission); an accepted app gets 40110 (auth code error).
 */
export async function checkTikTokApp(input: {
  apiBaseUrl: string;
  appId: string;
  appSecret: string;
  fetch: FetchLike;
}): Promise<CredentialCheck> {
  const url = new URL(`${input.apiBaseUrl.replace(/\/+$/, '')}/oauth2/access_token/`);
  const answer = await callJson(input.fetch, url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ app_id: input.appId, secret: input.appSecret, auth_code: MADE_UP_CODE }),
  });
  if (answer.status === 0) return unreachable('TikTok', url, answer.error);
  const { code, message } = (answer.body ?? {}) as { code?: number; message?: string };
  if (code === 40110) return { ok: true, detail: `app ${input.appId} is accepted` };
  if (code === 40001) {
    return {
      ok: false,
      detail: `TikTok refused the app: TIKTOK_APP_ID or TIKTOK_APP_SECRET is wrong (40001: ${message ?? ''})`,
    };
  }
  return {
    ok: false,
    detail: `unexpected answer (HTTP ${answer.status}, code ${String(code)}: ${message ?? ''})`,
  };
}

/**
 * Meta: `GET /{version}/oauth/access_token` with a made-up code (meta-api.md §1.2). A wrong app id
 * is error 101, a wrong secret error 1; an accepted app gets error 100 for the code.
 */
export async function checkMetaApp(input: {
  graphBaseUrl: string;
  version: string;
  appId: string;
  appSecret: string;
  redirectUri: string;
  fetch: FetchLike;
}): Promise<CredentialCheck> {
  const url = new URL(
    `${input.graphBaseUrl.replace(/\/+$/, '')}/${input.version}/oauth/access_token`,
  );
  url.searchParams.set('client_id', input.appId);
  url.searchParams.set('client_secret', input.appSecret);
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('code', MADE_UP_CODE);
  const answer = await callJson(input.fetch, url);
  if (answer.status === 0) return unreachable('Meta', url, answer.error);
  const error = ((answer.body ?? {}) as { error?: { code?: number; message?: string } }).error;
  if (error?.code === 100) return { ok: true, detail: `app ${input.appId} is accepted` };
  if (error?.code === 101) {
    return { ok: false, detail: `Meta knows no app ${input.appId}: META_APP_ID is wrong (101)` };
  }
  if (error?.code === 1) {
    return {
      ok: false,
      detail: `Meta refused META_APP_SECRET for app ${input.appId} (1: ${error.message ?? ''})`,
    };
  }
  return {
    ok: false,
    detail: `unexpected answer (HTTP ${answer.status}${error ? `, error ${String(error.code)}: ${error.message ?? ''}` : ''})`,
  };
}

/**
 * Google: `POST /token` with a made-up refresh token (google-api.md §1). A wrong client id or
 * secret is 401 `invalid_client`; an accepted client gets 400 `invalid_grant`. The Ads developer
 * token can only be checked with a signed-in user's token, so it is not checked here.
 */
export async function checkGoogleClient(input: {
  oauth2BaseUrl: string;
  clientId: string;
  clientSecret: string;
  fetch: FetchLike;
}): Promise<CredentialCheck> {
  const url = new URL(`${input.oauth2BaseUrl.replace(/\/+$/, '')}/token`);
  const answer = await callJson(input.fetch, url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: MADE_UP_CODE,
      client_id: input.clientId,
      client_secret: input.clientSecret,
    }).toString(),
  });
  if (answer.status === 0) return unreachable('Google', url, answer.error);
  const { error, error_description: description } = (answer.body ?? {}) as {
    error?: string;
    error_description?: string;
  };
  if (error === 'invalid_grant') {
    return {
      ok: true,
      detail: `OAuth client ${input.clientId} is accepted (the Ads developer token is checked at the first Google Ads call)`,
    };
  }
  if (error === 'invalid_client' || error === 'unauthorized_client') {
    return {
      ok: false,
      detail: `Google refused the OAuth client: GOOGLE_CLIENT_ID or GOOGLE_CLIENT_SECRET is wrong (${error}: ${description ?? ''})`,
    };
  }
  return {
    ok: false,
    detail: `unexpected answer (HTTP ${answer.status}, ${error ?? 'no error code'})`,
  };
}

/**
 * LinkedIn: `POST /oauth/v2/accessToken` with a made-up code (linkedin-api.md §1). A wrong client
 * id or secret is `invalid_client` (401); an accepted app gets `invalid_request` for the code.
 * (LinkedIn's own wording of these two answers is not in the contract: the sandbox's choice.)
 */
export async function checkLinkedInApp(input: {
  wwwBaseUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  fetch: FetchLike;
}): Promise<CredentialCheck> {
  const url = new URL(`${input.wwwBaseUrl.replace(/\/+$/, '')}/oauth/v2/accessToken`);
  const answer = await callJson(input.fetch, url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: MADE_UP_CODE,
      client_id: input.clientId,
      client_secret: input.clientSecret,
      redirect_uri: input.redirectUri,
    }).toString(),
  });
  if (answer.status === 0) return unreachable('LinkedIn', url, answer.error);
  const { error, error_description: description } = (answer.body ?? {}) as {
    error?: string;
    error_description?: string;
  };
  if (error === 'invalid_client') {
    return {
      ok: false,
      detail: `LinkedIn refused the app: LINKEDIN_CLIENT_ID or LINKEDIN_CLIENT_SECRET is wrong (invalid_client)`,
    };
  }
  if (answer.status === 400 && (error === 'invalid_request' || error === 'invalid_grant'))
    return { ok: true, detail: `app ${input.clientId} is accepted` };
  return {
    ok: false,
    detail: `unexpected answer (HTTP ${answer.status}, ${String(error)}: ${description ?? ''})`,
  };
}

/**
 * Pinterest: `POST /v5/oauth/token` with HTTP Basic client credentials and a made-up code
 * (pinterest-api.md §1). Wrong credentials answer 401; accepted ones a 400 about the code.
 */
export async function checkPinterestApp(input: {
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  fetch: FetchLike;
}): Promise<CredentialCheck> {
  const url = new URL(`${input.apiBaseUrl.replace(/\/+$/, '')}/oauth/token`);
  const answer = await callJson(input.fetch, url, {
    method: 'POST',
    headers: {
      authorization: clientSecretBasic(input.clientId, input.clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: MADE_UP_CODE,
      redirect_uri: 'https://latchkey.invalid/oauth/callback/pinterest',
    }).toString(),
  });
  if (answer.status === 0) return unreachable('Pinterest', url, answer.error);
  if (answer.status === 400)
    return { ok: true, detail: `app ${input.clientId} is accepted (a made-up code is refused)` };
  if (answer.status === 401)
    return {
      ok: false,
      detail: 'Pinterest refused the app: PINTEREST_APP_ID or PINTEREST_APP_SECRET is wrong',
    };
  return { ok: false, detail: `Pinterest answered HTTP ${answer.status}` };
}

/**
 * Microsoft identity platform app check (microsoft-ads-api.md §1): a refresh with a made-up
 * refresh token; `invalid_grant` means the client id and secret were accepted.
 */
export async function checkMicrosoftAdsApp(input: {
  authBaseUrl: string;
  clientId: string;
  clientSecret: string;
  fetch: FetchLike;
}): Promise<CredentialCheck> {
  const url = new URL(`${input.authBaseUrl.replace(/\/+$/, '')}/token`);
  const answer = await callJson(input.fetch, url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: MADE_UP_CODE,
      scope: 'https://ads.microsoft.com/msads.manage offline_access',
      client_id: input.clientId,
      client_secret: input.clientSecret,
    }).toString(),
  });
  if (answer.status === 0) return unreachable('Microsoft', url, answer.error);
  const { error } = (answer.body ?? {}) as { error?: string };
  if (error === 'invalid_grant')
    return {
      ok: true,
      detail: `app ${input.clientId} is accepted (the developer token is checked at the first Microsoft Advertising call)`,
    };
  if (error === 'invalid_client' || error === 'unauthorized_client')
    return {
      ok: false,
      detail: `Microsoft refused the app: MICROSOFT_ADS_CLIENT_ID or MICROSOFT_ADS_CLIENT_SECRET is wrong (${error})`,
    };
  return {
    ok: false,
    detail: `unexpected answer (HTTP ${answer.status}, ${error ?? 'no error code'})`,
  };
}

/**
 * Snapchat: the token endpoint with a made-up refresh token (snapchat-api.md §1). A wrong client
 * id or secret is `invalid_client`; an accepted app only gets `invalid_grant` for the token. The
 * real endpoint's answer to a wrong client is not documented (contract item 8): anything else is
 * reported as it came.
 */
export async function checkSnapchatApp(input: {
  authBaseUrl: string;
  clientId: string;
  clientSecret: string;
  fetch: FetchLike;
}): Promise<CredentialCheck> {
  const url = new URL(`${input.authBaseUrl.replace(/\/+$/, '')}/login/oauth2/access_token`);
  const answer = await callJson(input.fetch, url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: MADE_UP_CODE,
      client_id: input.clientId,
      client_secret: input.clientSecret,
    }).toString(),
  });
  if (answer.status === 0) return unreachable('Snapchat', url, answer.error);
  const { error } = (answer.body ?? {}) as { error?: string };
  if (error === 'invalid_grant') return { ok: true, detail: `app ${input.clientId} is accepted` };
  if (error === 'invalid_client')
    return {
      ok: false,
      detail: 'Snapchat refused the app: SNAPCHAT_CLIENT_ID or SNAPCHAT_CLIENT_SECRET is wrong',
    };
  return { ok: false, detail: `unexpected answer (HTTP ${answer.status}, ${String(error)})` };
}

/**
 * X: a signed `POST oauth/request_token` with the public callback (x-ads-api.md "OAuth 1.0a").
 * X answers a request token only to an app whose consumer key and secret sign correctly and whose
 * callback is whitelisted; the temporary token is never authorized and simply expires.
 */
export async function checkXAdsApp(input: {
  authBaseUrl: string;
  consumerKey: string;
  consumerSecret: string;
  callback: string;
  fetch: FetchLike;
}): Promise<CredentialCheck> {
  try {
    await requestXToken({ ...input, timeoutMs: TIMEOUT_MS }, input.callback);
    return { ok: true, detail: `app ${input.consumerKey} is accepted` };
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    if (error.kind === 'unavailable' && error.platformCode === 'network')
      return unreachable('X', new URL(input.authBaseUrl), error.message);
    return {
      ok: false,
      detail: `X refused the request token (${error.platformCode}): X_ADS_CONSUMER_KEY or X_ADS_CONSUMER_SECRET is wrong, or ${input.callback} is not a callback URL of the app`,
    };
  }
}
