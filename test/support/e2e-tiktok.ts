/**
 * Helpers for browser tests against a running Latchkey in sandbox mode (the TikTok sandbox on its
 * own origin): the agency's calls with its session, connecting its Business Center, a
 * client's grant through the real link flow over HTTP, and the sandbox's own TikTok API as the
 * ground truth (tokens minted through the sandbox's consent page).
 */
import { expect } from 'vitest';
import { SANDBOX_APP } from '../../src/cli/onboarding-runtime.ts';
import type { TestAgency } from './agency.ts';
import { BCS, browserCookieOf, consentInSandbox, control, USERS } from './onboarding.ts';

export interface LiveTikTok {
  readonly url: string;
  readonly agency: TestAgency;
  /** The TikTok sandbox's own URL. */
  readonly tiktokSandbox: string;
}

/** The TikTok sandbox's base URL beside a running Latchkey. */
export const sandboxOf = (live: Pick<LiveTikTok, 'tiktokSandbox'>) => ({
  base: live.tiktokSandbox,
});

/** Calls Latchkey's API as the agency owner (session cookie, same origin). */
export async function agencyApi(
  live: LiveTikTok,
  method: string,
  pathname: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${live.url}${pathname}`, {
    method,
    headers: {
      cookie: live.agency.sessionCookie,
      origin: live.url,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    redirect: 'manual',
  });
}

/** Connects the agency's TikTok as Nora and picks the Northwind Media Business Center. */
export async function connectAgencyBusinessCenter(live: LiveTikTok): Promise<void> {
  const start = await agencyApi(live, 'POST', '/api/v1/agency/connections/tiktok/start');
  expect(start.status).toBe(200);
  const cookie = browserCookieOf(start.headers.getSetCookie());
  const { authorizationUrl } = (await start.json()) as { authorizationUrl: string };
  const callback = await consentInSandbox(sandboxOf(live), authorizationUrl, USERS.nora, {
    advertiserIds: [],
  });
  const back = await fetch(`${live.url}${callback.pathname}${callback.search}`, {
    headers: { cookie },
    redirect: 'manual',
  });
  expect(back.status).toBe(303);
  const pick = await agencyApi(live, 'PUT', '/api/v1/agency/connections/tiktok/business', {
    businessId: BCS.northwind,
  });
  expect(pick.status).toBe(200);
}

/**
 * The client (Dana) opens the link's API, consents in the sandbox, approves these ad accounts;
 * the agency accepts the partner share in the sandbox and "Check again" settles each grant.
 */
export async function grantThroughLink(
  live: LiveTikTok,
  link: string,
  advertiserIds: readonly string[],
): Promise<{ id: string; assetId: string; status: string }[]> {
  const api = `${live.url}/api/v1/onboarding/${link.split('/l/')[1] ?? ''}`;
  const start = await fetch(`${api}/oauth/tiktok/start`, { method: 'POST' });
  expect(start.status).toBe(200);
  const cookie = browserCookieOf(start.headers.getSetCookie());
  const { authorizationUrl } = (await start.json()) as { authorizationUrl: string };
  const callback = await consentInSandbox(sandboxOf(live), authorizationUrl, USERS.dana, {
    advertiserIds,
  });
  const back = await fetch(`${live.url}${callback.pathname}${callback.search}`, {
    headers: { cookie },
    redirect: 'manual',
  });
  expect(back.status).toBe(303);
  expect((await fetch(`${api}/assets/tiktok`, { method: 'POST' })).status).toBe(200);
  const approve = await fetch(`${api}/approve`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      selections: advertiserIds.map((assetId) => ({
        platform: 'tiktok',
        assetType: 'advertiser',
        assetId,
      })),
    }),
  });
  expect(approve.status).toBe(202);
  const progress = async () =>
    (
      (await (await fetch(`${api}/progress`)).json()) as {
        grants: { id: string; assetId: string; status: string }[];
      }
    ).grants;
  const deadline = Date.now() + 30_000;
  while ((await progress()).some((g) => g.status !== 'pending_acceptance')) {
    if (Date.now() > deadline) throw new Error('grants did not reach pending_acceptance');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await control(sandboxOf(live), 'partners/accept', {
    bc_id: BCS.northwind,
    owner_bc_id: BCS.acme,
    user_id: USERS.nora,
  });
  for (const grant of await progress()) {
    expect((await fetch(`${api}/grants/${grant.id}/check`, { method: 'POST' })).status).toBe(200);
  }
  return progress();
}

/** A token for a sandbox user, minted through the sandbox's consent page and token endpoint. */
export async function sandboxUserToken(
  live: Pick<LiveTikTok, 'url' | 'tiktokSandbox'>,
  userId: string,
) {
  const auth = new URL(`${sandboxOf(live).base}/portal/auth`);
  auth.search = new URLSearchParams({
    app_id: SANDBOX_APP.appId,
    redirect_uri: `${live.url}/oauth/callback/tiktok`,
    state: 'test',
  }).toString();
  const callback = await consentInSandbox(sandboxOf(live), auth.toString(), userId, {
    advertiserIds: [],
  });
  const answer = (await (
    await fetch(`${sandboxOf(live).base}/open_api/v1.3/oauth2/access_token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        app_id: SANDBOX_APP.appId,
        secret: SANDBOX_APP.secret,
        auth_code: callback.searchParams.get('auth_code'),
      }),
    })
  ).json()) as { data: { access_token: string } };
  return answer.data.access_token;
}

/** Calls the sandbox's TikTok API with a user's token; fails unless TikTok's code is 0. */
export async function sandboxApi(
  live: Pick<LiveTikTok, 'tiktokSandbox'>,
  token: string,
  method: 'GET' | 'POST',
  path: string,
  params: Record<string, unknown>,
): Promise<unknown> {
  const base = `${sandboxOf(live).base}/open_api/v1.3/${path}`;
  const query = new URLSearchParams(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
  const response = await fetch(method === 'GET' ? `${base}?${query}` : base, {
    method,
    headers: { 'Access-Token': token, 'content-type': 'application/json' },
    ...(method === 'POST' ? { body: JSON.stringify(params) } : {}),
  });
  const envelope = (await response.json()) as { code: number; message: string; data: unknown };
  if (envelope.code !== 0) throw new Error(`${path}: ${envelope.code} ${envelope.message}`);
  return envelope.data;
}

/** The ad accounts the agency's Business Center holds, read through the sandbox's TikTok API. */
export async function agencyAdvertiserHoldings(
  live: Pick<LiveTikTok, 'url' | 'tiktokSandbox'>,
): Promise<{ asset_id: string; advertiser_role?: string; relation_status?: string }[]> {
  const token = await sandboxUserToken(live, USERS.nora);
  const data = (await sandboxApi(live, token, 'GET', 'bc/asset/admin/get/', {
    bc_id: BCS.northwind,
    asset_type: 'ADVERTISER',
    page: '1',
    page_size: '50',
  })) as { list: { asset_id: string; advertiser_role?: string; relation_status?: string }[] };
  return data.list;
}
