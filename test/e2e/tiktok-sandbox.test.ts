import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTikTokSandbox } from '../../src/platforms/tiktok/sandbox/standalone.ts';
import { controlAuth, openControl } from '../support/sandbox-control.ts';

// A person's path through the TikTok sandbox in a real browser: sign in, consent on portal/auth,
// and approve an agency's access request under Notifications. Results are checked through the
// sandbox's TikTok API and its ground truth, not through the pages.
const redirectUri = 'http://127.0.0.1:9/oauth/callback/tiktok';
const app = { appId: 'e2e-app', secret: 'e2e-secret', redirectUris: [redirectUri] };
const acme = { bc: '7200000000000000001', dana: 'dana@acme-outdoor.example' };
const northwind = { bc: '7200000000000000002', nora: '7100000000000000003' };
const adAccounts = ['7300000000000000001', '7300000000000000002'];

let sandbox: Awaited<ReturnType<typeof startTikTokSandbox>>;
let browser: Browser;

beforeAll(async () => {
  sandbox = await startTikTokSandbox({
    host: '127.0.0.1',
    port: 0,
    apps: [app],
    ...openControl,
  });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

async function api<T>(path: string, init: { token?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${sandbox.url}/${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      ...(path.startsWith('_control/') ? controlAuth : {}),
      ...(init.token ? { 'Access-Token': init.token } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return (await response.json()) as T;
}

/** Opens a page whose redirect to the (unreachable) app callback is caught and recorded. */
async function pageCatchingCallback(): Promise<{ page: Page; callback: Promise<URL> }> {
  const page = await browser.newPage();
  const callback = new Promise<URL>((resolve) => {
    void page.route('http://127.0.0.1:9/**', async (route) => {
      resolve(new URL(route.request().url()));
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<p>callback</p>' });
    });
  });
  return { page, callback };
}

describe('TikTok sandbox in the browser', () => {
  it('signs a person in and runs the consent screen, authorizing only the ticked ad account', async () => {
    const { page, callback } = await pageCatchingCallback();
    const query = new URLSearchParams({
      app_id: app.appId,
      redirect_uri: redirectUri,
      state: 'st-1',
    });
    await page.goto(`${sandbox.url}/portal/auth?${query}`);
    await page.getByTestId(`sign-in-${acme.dana}`).click();
    await expect.poll(() => page.getByTestId('consent-app').textContent()).toBe(app.appId);
    await page.getByTestId(`advertiser-${adAccounts[1]}`).uncheck();
    await page.getByTestId('consent-approve').click();
    const url = await callback;
    expect(url.searchParams.get('state')).toBe('st-1');
    const authCode = url.searchParams.get('auth_code');
    expect(authCode).toBeTruthy();

    const token = await api<{
      code: number;
      data: { access_token: string; advertiser_ids: string[] };
    }>('open_api/v1.3/oauth2/access_token/', {
      body: { app_id: app.appId, secret: app.secret, auth_code: authCode },
    });
    expect(token.code).toBe(0);
    expect(token.data.advertiser_ids).toEqual([adAccounts[0]]);
    await page.close();
  });

  it('lets the owner approve an access request under Notifications, giving the agency access', async () => {
    const request = await api<{ code: number; data: { requestId: string } }>('_control/requests', {
      body: {
        bc_id: northwind.bc,
        user_id: northwind.nora,
        asset_type: 'ADVERTISER',
        asset_id: adAccounts[1],
        advertiser_role: 'ANALYST',
      },
    });
    expect(request.code).toBe(0);
    const requestId = request.data.requestId;
    const before = await api<{ data: unknown }>(
      `_control/effective-access?asset_id=${adAccounts[1]}`,
    );
    expect(JSON.stringify(before.data)).not.toContain(northwind.bc);

    const page = await browser.newPage();
    await page.goto(`${sandbox.url}/signin`);
    await page.getByTestId(`sign-in-${acme.dana}`).click();
    await page.goto(`${sandbox.url}/console?bc_id=${acme.bc}&tab=notifications`);
    await page.getByTestId(`approve-request-${requestId}`).click();
    await expect.poll(() => page.getByTestId(`request-${requestId}`).count()).toBe(0);

    const after = await api<{ data: unknown }>(
      `_control/effective-access?asset_id=${adAccounts[1]}`,
    );
    expect(JSON.stringify(after.data)).toContain(northwind.bc);
    expect(JSON.stringify(after.data)).toContain('ANALYST');
    await page.close();
  });
});
