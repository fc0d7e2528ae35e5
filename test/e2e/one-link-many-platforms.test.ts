/**
 * One link covering TikTok, Meta and Google Ads, in real Chromium against a running Latchkey in
 * sandbox mode (TikTok and Meta mounted on Latchkey's listener, Google on its own). The agency
 * connects its business on each platform; the client opens the link, connects each platform in
 * its sandbox's consent screen in turn, ticks one asset on each, approves; the agency accepts the
 * TikTok invitation (sandbox control API); then each sandbox's own API shows the agency holding
 * exactly the requested access and nothing more.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  GOOGLE_SANDBOX_APP,
  META_SANDBOX_APP,
  SANDBOX_APP,
} from '../../src/cli/onboarding-runtime.ts';
import type { TestAgency } from '../support/agency.ts';
import {
  agencyApiOf,
  captureCallback,
  connectAgencyPlatform,
  signInGoogle,
  signInMeta,
  startE2eEnvironment,
  type E2eEnvironment,
} from '../support/e2e-runtime.ts';
import { captureLogger } from '../support/logger.ts';
import {
  ADVERTISERS,
  BCS,
  browserCookieOf,
  consentInSandbox,
  control,
  USERS,
} from '../support/onboarding.ts';
import { controlAuth } from '../support/sandbox-control.ts';

const META = {
  nora: '100000000000010',
  dana: '100000000000001',
  northwind: '200000000000010',
  acmeAccounts: ['act_300000000000001', 'act_300000000000002', 'act_300000000000003'],
};
const GOOGLE = {
  agency: 'nora@northwind-media.example',
  client: 'dana@acme-outdoor.example',
  manager: '1112223334',
  account: '5556667778',
};

let browser: Browser;
let env: E2eEnvironment | undefined;
let url: string;
let agency: TestAgency;
const logs = captureLogger('info');

beforeAll(async () => {
  env = await startE2eEnvironment('many', logs.logger);
  ({ url, agency, browser } = env);
}, 120_000);

afterAll(async () => env?.close());

const tiktokSandbox = () => ({ base: env?.sandboxes.tiktok ?? '' });
const metaBase = () => env?.sandboxes.meta ?? '';

const agencyApi = (method: string, pathname: string, body?: unknown) =>
  agencyApiOf({ url, agency })(method, pathname, body);

/** The agency connects a platform as one of its admins and picks where grants go. */
const connectAgency = (
  platform: string,
  act: (page: Page) => Promise<void>,
  businessId: string,
): Promise<string> => {
  if (!env) throw new Error('the e2e environment is not started');
  return connectAgencyPlatform(env, platform, act, businessId);
};

async function connectTikTokAgency(): Promise<void> {
  const start = await agencyApi('POST', '/api/v1/agency/connections/tiktok/start');
  const browserCookie = browserCookieOf(start.headers.getSetCookie());
  const { authorizationUrl } = (await start.json()) as { authorizationUrl: string };
  const callback = await consentInSandbox(tiktokSandbox(), authorizationUrl, USERS.nora, {
    advertiserIds: [],
  });
  const back = await fetch(`${url}${callback.pathname}${callback.search}`, {
    headers: { cookie: browserCookie },
    redirect: 'manual',
  });
  expect(back.status).toBe(303);
  const pick = await agencyApi('PUT', '/api/v1/agency/connections/tiktok/business', {
    businessId: BCS.northwind,
  });
  expect(pick.status).toBe(200);
}

/** TikTok: the agency BC's advertiser holdings, read with a fresh token of its admin. */
async function tiktokHoldings(): Promise<[string, string | undefined][]> {
  const auth = new URL(`${tiktokSandbox().base}/portal/auth`);
  auth.search = new URLSearchParams({
    app_id: SANDBOX_APP.appId,
    redirect_uri: `${url}/oauth/callback/tiktok`,
    state: 'verify',
  }).toString();
  const callback = await consentInSandbox(tiktokSandbox(), auth.toString(), USERS.nora, {
    advertiserIds: [],
  });
  const api = `${tiktokSandbox().base}/open_api/v1.3`;
  const token = (await (
    await fetch(`${api}/oauth2/access_token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        app_id: SANDBOX_APP.appId,
        secret: SANDBOX_APP.secret,
        auth_code: callback.searchParams.get('auth_code'),
      }),
    })
  ).json()) as { data: { access_token: string } };
  const query = new URLSearchParams({
    bc_id: BCS.northwind,
    asset_type: 'ADVERTISER',
    page: '1',
    page_size: '50',
  });
  const list = (await (
    await fetch(`${api}/bc/asset/admin/get/?${query}`, {
      headers: { 'Access-Token': token.data.access_token },
    })
  ).json()) as {
    data: { list: { asset_id: string; advertiser_role?: string; relation_status?: string }[] };
  };
  return list.data.list
    .filter((item) => item.relation_status !== 'PENDING')
    .map((item) => [item.asset_id, item.advertiser_role]);
}

/** Meta: every Acme ad account's partner rows naming Northwind, read through Graph as Nora. */
async function metaHoldings(): Promise<[string, string[], string][]> {
  const dialog = new URL(`${metaBase()}/v25.0/dialog/oauth`);
  const redirectUri = `${url}/oauth/callback/meta`;
  dialog.search = new URLSearchParams({
    client_id: META_SANDBOX_APP.appId,
    redirect_uri: redirectUri,
    state: 'verify',
    response_type: 'code',
    scope: 'business_management,ads_management',
  }).toString();
  const context = await browser.newContext();
  const callback = await captureCallback(
    { url },
    context,
    dialog.toString(),
    signInMeta(META.nora),
  );
  await context.close();
  const graph = `${metaBase()}/graph/v25.0`;
  const exchange = new URL(`${graph}/oauth/access_token`);
  exchange.search = new URLSearchParams({
    client_id: META_SANDBOX_APP.appId,
    client_secret: META_SANDBOX_APP.secret,
    redirect_uri: redirectUri,
    code: callback.searchParams.get('code') ?? '',
  }).toString();
  const token = ((await (await fetch(exchange)).json()) as { access_token: string }).access_token;
  const proof = createHmac('sha256', META_SANDBOX_APP.secret).update(token).digest('hex');
  const held: [string, string[], string][] = [];
  for (const account of META.acmeAccounts) {
    const query = new URLSearchParams({
      fields: 'id,name,permitted_tasks,access_status',
      access_token: token,
      appsecret_proof: proof,
    });
    const response = await fetch(`${graph}/${account}/agencies?${query}`);
    if (response.status !== 200) continue; // Nora's business holds nothing on it: invisible.
    const body = (await response.json()) as {
      data: { id: string; permitted_tasks?: string[]; access_status?: string }[];
    };
    for (const row of body.data.filter((r) => r.id === META.northwind)) {
      held.push([account, [...(row.permitted_tasks ?? [])].sort(), row.access_status ?? '']);
    }
  }
  return held;
}

/** Google Ads: the manager's client links, read with GAQL as the agency's admin. */
async function googleLinks(googleRoot: string): Promise<[string, string][]> {
  const verifier = randomBytes(32).toString('base64url');
  const auth = new URL(`${googleRoot}/o/oauth2/v2/auth`);
  const redirectUri = `${url}/oauth/callback/google_ads`;
  auth.search = new URLSearchParams({
    client_id: GOOGLE_SANDBOX_APP.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'https://www.googleapis.com/auth/adwords',
    state: 'verify',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const context = await browser.newContext();
  const callback = await captureCallback(
    { url },
    context,
    auth.toString(),
    signInGoogle(GOOGLE.agency),
  );
  await context.close();
  const token = (await (
    await fetch(`${googleRoot}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code') ?? '',
        client_id: GOOGLE_SANDBOX_APP.clientId,
        client_secret: GOOGLE_SANDBOX_APP.clientSecret,
        redirect_uri: redirectUri,
        code_verifier: verifier,
      }),
    })
  ).json()) as { access_token: string };
  const search = await fetch(`${googleRoot}/v24/customers/${GOOGLE.manager}/googleAds:search`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token.access_token}`,
      'developer-token': GOOGLE_SANDBOX_APP.developerToken,
      'login-customer-id': GOOGLE.manager,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      query:
        'SELECT customer_client_link.client_customer, customer_client_link.status FROM customer_client_link',
    }),
  });
  expect(search.status).toBe(200);
  const body = (await search.json()) as {
    results?: { customerClientLink: { clientCustomer: string; status: string } }[];
  };
  return (body.results ?? []).map((r) => [
    r.customerClientLink.clientCustomer,
    r.customerClientLink.status,
  ]);
}

describe('one link, many platforms, in a real browser', () => {
  it('shares exactly the requested TikTok, Meta and Google Ads accounts', async () => {
    const steps: string[] = [];
    const step = (name: string) => steps.push(`${new Date().toISOString()} ${name}`);
    onTestFailed(() => {
      console.log(
        `steps:\n${steps.join('\n')}\nlast log lines:\n${logs.lines.slice(-30).join('')}`,
      );
    });
    step('agency tiktok');
    await connectTikTokAgency();
    step('agency meta');
    await connectAgency('meta', signInMeta(META.nora), META.northwind);
    step('agency google');
    await connectAgency('google_ads', signInGoogle(GOOGLE.agency), GOOGLE.manager);

    step('request');
    const options = await agencyApi('GET', '/api/v1/requests/options');
    const offered = ((await options.json()) as { platforms: { id: string }[] }).platforms;
    expect(offered.map((p) => p.id)).toEqual(
      expect.arrayContaining(['tiktok', 'meta', 'google_ads']),
    );

    const created = await agencyApi('POST', '/api/v1/requests', {
      title: 'All ads for Acme',
      items: [
        { platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'OPERATOR' },
        { platform: 'meta', assetType: 'ad_account', permissionLevel: 'partial' },
        { platform: 'google_ads', assetType: 'ad_account', permissionLevel: 'manager_link' },
      ],
    });
    expect(created.status).toBe(201);
    const link = ((await created.json()) as { link: { url: string } }).link.url;

    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Northwind Media asks for access' }).waitFor();
    for (const id of ['tiktok', 'meta', 'google_ads']) {
      await page.getByTestId(`step-${id}`).waitFor();
    }

    step('client tiktok');
    await page.getByTestId('connect-tiktok').click();
    await page.getByTestId('sign-in-dana@acme-outdoor.example').click();
    await page.getByTestId('consent-approve').click();
    await page.getByTestId(`pick-${ADVERTISERS.us}`).check();

    step('client meta');
    await page.getByTestId('connect-meta').click();
    await signInMeta(META.dana)(page);
    await page.getByTestId(`pick-${META.acmeAccounts[0]}`).check();
    expect(await page.getByTestId(`pick-${ADVERTISERS.us}`).isChecked()).toBe(true);

    step('client google');
    await page.getByTestId('connect-google_ads').click();
    await signInGoogle(GOOGLE.client)(page);
    await page.getByTestId(`pick-${GOOGLE.account}`).check();
    expect(page.url()).not.toContain('code=');
    expect(page.url()).not.toContain('state=');
    for (const id of [ADVERTISERS.us, META.acmeAccounts[0], GOOGLE.account]) {
      expect(await page.getByTestId(`pick-${id}`).isChecked()).toBe(true);
    }
    step('approve');
    await page.getByTestId('approve').click();

    await page
      .locator(`[data-testid="grant-${ADVERTISERS.us}"][data-status="pending_acceptance"]`)
      .waitFor({ timeout: 30_000 });
    step('tiktok accept');
    await control(tiktokSandbox(), 'partners/accept', {
      bc_id: BCS.northwind,
      owner_bc_id: BCS.acme,
      user_id: USERS.nora,
    });
    // No "Check again" for the agency's acceptance: Latchkey re-checks by itself within seconds.
    expect(await page.getByTestId(`check-${ADVERTISERS.us}`).count()).toBe(0);
    for (const id of [ADVERTISERS.us, META.acmeAccounts[0], GOOGLE.account]) {
      await page
        .locator(`[data-testid="grant-${id}"][data-status="granted"]`)
        .waitFor({ timeout: 30_000 })
        .catch(async (error: unknown) => {
          const token = link.split('/l/')[1] ?? '';
          const progress = await (await fetch(`${url}/api/v1/onboarding/${token}/progress`)).text();
          const metaLog = await (
            await fetch(`${metaBase()}/_control/log`, { headers: controlAuth })
          ).text();
          throw new Error(
            `${String(error)}\nprogress: ${progress}\nmeta log: ${metaLog.slice(-3000)}`,
          );
        });
    }
    step('receipt');
    await page.getByTestId('receipt').waitFor();
    const receipt = (await page.getByTestId('receipt').textContent()) ?? '';
    expect(receipt).toContain('Northwind Media');
    expect(receipt).toContain('Northwind Media');
    const googleRoot = new URL(
      (
        (await (await agencyApi('POST', '/api/v1/agency/connections/google_ads/start')).json()) as {
          authorizationUrl: string;
        }
      ).authorizationUrl,
    ).origin;
    await context.close();

    step('verify');
    expect(await tiktokHoldings()).toEqual([[ADVERTISERS.us, 'OPERATOR']]);
    expect(await metaHoldings()).toEqual([
      [META.acmeAccounts[0], ['ADVERTISE', 'ANALYZE'], 'CONFIRMED'],
    ]);
    expect(await googleLinks(googleRoot)).toEqual([[`customers/${GOOGLE.account}`, 'ACTIVE']]);
  }, 180_000);
});
