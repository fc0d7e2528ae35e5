/**
 * The whole journey in real Chromium against a running Latchkey in sandbox mode: the agency
 * connects its Business Center, creates a request; the client opens the link, signs in and
 * consents in the sandbox, ticks, approves; the agency accepts the partner invitation (sandbox
 * control API); then the sandbox's own TikTok API shows the agency's BC holding exactly the asked
 * assets at the asked level.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_APP } from '../../src/cli/onboarding-runtime.ts';
import type { TestAgency } from '../support/agency.ts';
import { startE2eEnvironment, type E2eEnvironment } from '../support/e2e-runtime.ts';
import { captureLogger } from '../support/logger.ts';
import {
  ADVERTISERS,
  BCS,
  browserCookieOf,
  consentInSandbox,
  control,
  USERS,
} from '../support/onboarding.ts';

let browser: Browser;
let env: E2eEnvironment | undefined;
let url: string;
let agency: TestAgency;
const logs = captureLogger('info');

beforeAll(async () => {
  env = await startE2eEnvironment('onboarding', logs.logger);
  ({ url, agency, browser } = env);
}, 120_000);

afterAll(async () => env?.close());

const sandbox = () => ({ base: env?.sandboxes.tiktok ?? '' });
async function agencyApi(
  method: string,
  pathname: string,
  body?: unknown,
  cookie = agency.sessionCookie,
) {
  const response = await fetch(`${url}${pathname}`, {
    method,
    headers: {
      cookie,
      origin: url,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    redirect: 'manual',
  });
  return response;
}

async function connectAgencyBusinessCenter(): Promise<void> {
  const start = await agencyApi('POST', '/api/v1/agency/connections/tiktok/start');
  expect(start.status).toBe(200);
  const browserCookie = browserCookieOf(start.headers.getSetCookie());
  const { authorizationUrl } = (await start.json()) as { authorizationUrl: string };
  const callback = await consentInSandbox(sandbox(), authorizationUrl, USERS.nora, {
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

/** A fresh token for the agency's admin, to read the agency BC through the sandbox's TikTok API. */
async function agencyHoldings(): Promise<
  { asset_id: string; advertiser_role?: string; relation_status?: string }[]
> {
  const redirectUri = `${url}/oauth/callback/tiktok`;
  const auth = new URL(`${sandbox().base}/portal/auth`);
  auth.search = new URLSearchParams({
    app_id: SANDBOX_APP.appId,
    redirect_uri: redirectUri,
    state: 'verify',
  }).toString();
  const callback = await consentInSandbox(sandbox(), auth.toString(), USERS.nora, {
    advertiserIds: [],
  });
  const api = `${sandbox().base}/open_api/v1.3`;
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
    code: number;
    data: { list: { asset_id: string; advertiser_role?: string; relation_status?: string }[] };
  };
  expect(list.code).toBe(0);
  return list.data.list;
}

describe('onboarding in a real browser', () => {
  it('shares exactly the requested ad accounts at the requested level', async () => {
    await connectAgencyBusinessCenter();
    const created = await agencyApi('POST', '/api/v1/requests', {
      title: 'TikTok ads for Acme',
      message: 'We run your spring campaign.',
      items: [{ platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'OPERATOR' }],
    });
    expect(created.status).toBe(201);
    const link = ((await created.json()) as { link: { url: string } }).link.url;

    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const bodies: string[] = [];
    page.on('response', (response) => {
      void response.text().then(
        (text) => bodies.push(text),
        () => undefined,
      );
    });
    await page.goto(link);
    await page.getByRole('heading', { name: 'Northwind Media asks for access' }).waitFor();
    await page.getByTestId('connect-tiktok').click();
    await page.getByTestId('sign-in-dana@acme-outdoor.example').click();
    await page.getByTestId('consent-approve').click();
    await page.getByTestId(`pick-${ADVERTISERS.us}`).waitFor();
    expect(page.url()).not.toContain('code=');
    expect(page.url()).not.toContain('state=');
    await page.getByTestId(`pick-${ADVERTISERS.us}`).check();
    await page.getByTestId(`pick-${ADVERTISERS.eu}`).check();
    await page.getByTestId('approve').click();
    for (const id of [ADVERTISERS.us, ADVERTISERS.eu]) {
      await page
        .locator(`[data-testid="grant-${id}"][data-status="pending_acceptance"]`)
        .waitFor({ timeout: 30_000 });
    }

    // The client cannot act on the agency's acceptance: no button, a plain word on who acts.
    expect(await page.getByTestId(`check-${ADVERTISERS.us}`).count()).toBe(0);
    expect(await page.getByTestId(`agency-turn-${ADVERTISERS.us}`).textContent()).toContain(
      'Northwind Media must now accept',
    );
    expect(await page.getByTestId('next-steps').textContent()).toContain(
      'Northwind Media must accept the invitation',
    );
    expect(await page.getByTestId('grant-progress').textContent()).not.toContain(BCS.northwind);

    await control(sandbox(), 'partners/accept', {
      bc_id: BCS.northwind,
      owner_bc_id: BCS.acme,
      user_id: USERS.nora,
    });
    // Nobody presses anything: Latchkey re-checks within seconds and the page updates by itself.
    const accepted = Date.now();
    for (const id of [ADVERTISERS.us, ADVERTISERS.eu]) {
      await page
        .locator(`[data-testid="grant-${id}"][data-status="granted"]`)
        .waitFor({ timeout: 20_000 });
    }
    expect(Date.now() - accepted).toBeLessThan(20_000);
    await page.getByTestId('receipt').waitFor();
    expect(await page.getByTestId('receipt').textContent()).toContain('Northwind Media');

    const held = (await agencyHoldings()).filter((item) => item.relation_status !== 'PENDING');
    expect(held.map((item) => [item.asset_id, item.advertiser_role]).sort()).toEqual(
      [
        [ADVERTISERS.us, 'OPERATOR'],
        [ADVERTISERS.eu, 'OPERATOR'],
      ].sort(),
    );

    await page.getByTestId('language').selectOption('de');
    await page.getByRole('heading', { name: 'Northwind Media bittet um Zugriff' }).waitFor();
    expect(bodies.join('\n')).not.toContain(SANDBOX_APP.secret);
    expect(bodies.join('\n')).not.toMatch(/access_token/);
    await context.close();
  });
});
