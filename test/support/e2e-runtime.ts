/**
 * What every browser test starts with: one Latchkey process in sandbox mode (all roles, PGlite in
 * a fresh temporary folder, a free port), an agency, and Chromium; `close` undoes all three. And
 * the agency's side the multi-platform tests share: its API, connecting a platform by OAuth.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startRuntime, type Runtime } from '../../src/cli/runtime.ts';
import { loadConfig } from '../../src/config.ts';
import type { Logger } from '../../src/lib/logger.ts';
import { buildAgency, type TestAgency } from './agency.ts';
import { launchChromium } from './browser.ts';
import { browserCookieOf } from './onboarding.ts';
import { CONTROL_TOKEN } from './sandbox-control.ts';

export interface E2eEnvironment {
  readonly runtime: Runtime;
  /** Latchkey's public URL. */
  readonly url: string;
  /** Each sandbox's own URL (another origin than `url`). */
  readonly sandboxes: Runtime['sandboxes'];
  readonly agency: TestAgency;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** Starts Latchkey (logging to `logger`), creates the agency "Northwind Media", opens Chromium. */
export async function startE2eEnvironment(name: string, logger: Logger): Promise<E2eEnvironment> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `latchkey-e2e-${name}-`));
  const config = loadConfig({
    LATCHKEY_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    // Tests drive what only a person can do in a sandbox through its control API.
    LATCHKEY_SANDBOX_CONTROL: 'on',
    LATCHKEY_SANDBOX_CONTROL_TOKEN: CONTROL_TOKEN,
  });
  const runtime = await startRuntime(config, 'all', logger, { onSetupLink: () => undefined });
  const agency = await buildAgency(runtime.database, { name: 'Northwind Media' });
  const browser = await launchChromium();
  return {
    runtime,
    url: runtime.url ?? '',
    sandboxes: runtime.sandboxes,
    agency,
    browser,
    close: async () => {
      await browser.close();
      await runtime.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The agency's API as its signed-in admin (session cookie, same-origin), in one environment. */
export function agencyApiOf(env: Pick<E2eEnvironment, 'url' | 'agency'>) {
  return (method: string, pathname: string, body?: unknown): Promise<Response> =>
    fetch(`${env.url}${pathname}`, {
      method,
      headers: {
        cookie: env.agency.sessionCookie,
        origin: env.url,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      redirect: 'manual',
    });
}

/** Signs in as a Meta sandbox user on the login dialog and allows. */
export const signInMeta = (userId: string) => async (page: Page) => {
  await page.getByTestId(`signin-user-${userId}`).click();
  await page.getByTestId('consent-allow').click();
};

/** Picks a Google sandbox account on the sign-in page and allows. */
export const signInGoogle = (email: string) => async (page: Page) => {
  await page.getByTestId(`sign-in-${email}`).click();
  await page.getByTestId('consent-allow').click();
};

/**
 * Runs `act` on a consent screen in `context` and returns the redirect it makes to Latchkey's
 * callback. That browser lacks the binding cookie, so the redirect is caught before it is
 * followed (each page load is fetched without following redirects, and the one that points at
 * the callback is answered with a blank page): only its URL matters, and the caller replays it
 * with the cookie. Letting it reach Latchkey, only to be refused, sometimes left the page
 * unclosable; Playwright does not route a redirect that stays on the same origin.
 */
export async function captureCallback(
  env: Pick<E2eEnvironment, 'url'>,
  context: BrowserContext,
  authorizationUrl: string,
  act: (page: Page) => Promise<void>,
): Promise<URL> {
  const page = await context.newPage();
  // A step that cannot happen fails with the page's text instead of waiting out the test.
  page.setDefaultTimeout(20_000);
  const isCallback = (url: string) => url.startsWith(`${env.url}/oauth/callback/`);
  let captured: URL | undefined;
  await page.route('**/*', async (route) => {
    if (!route.request().isNavigationRequest()) return route.continue();
    const response = await route.fetch({ maxRedirects: 0 });
    const location = response.headers()['location'];
    const target = location === undefined ? undefined : new URL(location, route.request().url());
    if (target && isCallback(target.href)) {
      captured = target;
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<p>captured</p>' });
    }
    return route.fulfill({ response });
  });
  try {
    await page.goto(authorizationUrl);
    await act(page);
    await page.waitForFunction(() => document.body.textContent === 'captured');
    if (!captured) throw new Error('the consent screen made no redirect to the callback');
    return captured;
  } catch (error) {
    const body = (await page.textContent('body').catch(() => null)) ?? '';
    throw new Error(`no callback; page at ${page.url()}: ${String(error)}\n${body}`, {
      cause: error,
    });
  } finally {
    await page.close();
  }
}

/**
 * The agency connects a platform as one of its admins (`act` on the consent screen) and picks the
 * business grants go to; returns the consent page's origin.
 */
export async function connectAgencyPlatform(
  env: E2eEnvironment,
  platform: string,
  act: (page: Page) => Promise<void>,
  businessId: string,
): Promise<string> {
  const agencyApi = agencyApiOf(env);
  const start = await agencyApi('POST', `/api/v1/agency/connections/${platform}/start`);
  expect(start.status).toBe(200);
  const browserCookie = browserCookieOf(start.headers.getSetCookie());
  const { authorizationUrl } = (await start.json()) as { authorizationUrl: string };
  const context = await env.browser.newContext();
  const callback = await captureCallback(env, context, authorizationUrl, act);
  await context.close();
  expect(callback.pathname).toBe(`/oauth/callback/${platform}`);
  const back = await fetch(`${env.url}${callback.pathname}${callback.search}`, {
    headers: { cookie: browserCookie },
    redirect: 'manual',
  });
  expect(back.status).toBe(303);
  expect(back.headers.get('location')).toContain(`${platform}=connected`);
  const pick = await agencyApi('PUT', `/api/v1/agency/connections/${platform}/business`, {
    businessId,
  });
  expect(pick.status).toBe(200);
  return new URL(authorizationUrl).origin;
}
