/**
 * The steps a person does by hand, in real Chromium against a running Latchkey in sandbox mode:
 * - Meta Instagram: the client ticks an Instagram account, sees the exact step (our business id),
 *   assigns the partner in the Meta sandbox's Business Settings console, presses "Check again",
 *   and the grant becomes granted through the `/{ig_user_id}/agencies` read-back.
 * - Search Console: the client names the property, sees the step with the agency's Google email,
 *   "I have done this" first says it is not there yet; once the user exists in the Google sandbox
 *   (its control API stands in for Search Console's UI) the same button verifies it (sites.get).
 * - Meta personal ad account: the step says to move it into a business first; done in the console
 *   (claim, then assign the partner), "Check again" reads it back through `/act_{id}/agencies`.
 * - YouTube: no API can confirm channel permissions; the client's "I have done this" is recorded
 *   and shown as the client's confirmation.
 * - Shopify: the client types the store URL and collaborator code; the agency sees them on the
 *   request page and marks it done; both pages say it was not verified.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { TestAgency } from '../support/agency.ts';
import {
  agencyApiOf,
  connectAgencyPlatform,
  signInGoogle,
  signInMeta,
  startE2eEnvironment,
  type E2eEnvironment,
} from '../support/e2e-runtime.ts';
import { captureLogger } from '../support/logger.ts';
import { G, M } from '../support/multi-platform.ts';
import { controlAuth } from '../support/sandbox-control.ts';

const INSTAGRAM = '700000000000001';
const SITE = 'https://www.acme-outdoor.example/';
const STORE = 'acme-outdoor.myshopify.com';
const CHANNEL = '@acmeoutdoor';
/** Zoe's personal ad account (worlds/meta-default.json), and the business she gets here. */
const ZOE = { user: '100000000000020', account: '300000000000020', business: '200000000000020' };

let browser: Browser;
let env: E2eEnvironment | undefined;
let url: string;
let agency: TestAgency;
const logs = captureLogger('info');

beforeAll(async () => {
  env = await startE2eEnvironment('guided', logs.logger);
  ({ url, agency, browser } = env);
  // The default Meta world, plus a business Zoe administers (to move her personal account into).
  const world = JSON.parse(
    await readFile(new URL('../../worlds/meta-default.json', import.meta.url), 'utf8'),
  ) as { businesses: unknown[] };
  world.businesses.push({
    id: ZOE.business,
    name: 'Zoe Park Studio',
    admins: [ZOE.user],
    employees: [],
  });
  const loaded = await fetch(`${metaUrl()}/_control/world`, {
    method: 'POST',
    headers: { ...controlAuth, 'content-type': 'application/json' },
    body: JSON.stringify(world),
  });
  expect(loaded.status).toBe(200);
  // Both tests share the agency's Meta connection (Nora, Northwind Media).
  await connectAgency('meta', signInMeta(M.nora), M.northwind);
}, 120_000);

afterAll(async () => env?.close());

const metaUrl = () => env?.sandboxes.meta ?? '';

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

const grantLine = (page: Page, assetId: string, status: string) =>
  page.locator(`[data-testid="grant-${assetId}"][data-status="${status}"]`);

describe('guided and manual steps, in a real browser', () => {
  it('walks Instagram (Meta read-back), Search Console (sites.get), YouTube (client confirms) and Shopify (agency marks done)', async () => {
    const steps: string[] = [];
    const step = (name: string) => steps.push(`${new Date().toISOString()} ${name}`);
    let token = '';
    onTestFailed(async () => {
      const progress = token
        ? await (await fetch(`${url}/api/v1/onboarding/${token}/progress`)).text()
        : '';
      console.log(
        `steps:\n${steps.join('\n')}\nprogress: ${progress}\nlast log lines:\n${logs.lines.slice(-30).join('')}`,
      );
    });
    step('agency connections');
    const googleRoot = await connectAgency('search_console', signInGoogle(G.agency), G.agency);
    await connectAgency('youtube', signInGoogle(G.agency), G.agency);

    step('request');
    const options = (await (await agencyApi('GET', '/api/v1/requests/options')).json()) as {
      platforms: { id: string }[];
    };
    expect(options.platforms.map((p) => p.id)).toEqual(
      expect.arrayContaining(['search_console', 'youtube', 'shopify']),
    );
    const created = await agencyApi('POST', '/api/v1/requests', {
      title: 'Instagram, search and store for Acme',
      items: [
        { platform: 'meta', assetType: 'instagram_account', permissionLevel: 'partner' },
        { platform: 'search_console', assetType: 'sc_property', permissionLevel: 'full' },
        { platform: 'youtube', assetType: 'youtube_channel', permissionLevel: 'manager' },
        { platform: 'shopify', assetType: 'shopify_store', permissionLevel: 'collaborator' },
      ],
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { link: { url: string }; request: { id: string } };
    token = body.link.url.split('/l/')[1] ?? '';

    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(body.link.url);
    await page.getByRole('heading', { name: 'Northwind Media asks for access' }).waitFor();
    // Guided platforms ask for what the step needs, with no sign-in button.
    expect(await page.getByTestId('connect-search_console').count()).toBe(0);
    expect(await page.getByTestId('connect-shopify').count()).toBe(0);

    step('client guided inputs, kept across the Meta consent round trip');
    await page
      .getByTestId('guided-search_console-siteUrl')
      .fill('https://www.acme-outdoor.example');
    await page.getByTestId('guided-youtube-channel').fill('https://www.youtube.com/@AcmeOutdoor');
    await page.getByTestId('guided-shopify-storeUrl').fill(`https://${STORE}/admin`);
    await page.getByTestId('guided-shopify-collaboratorCode').fill('4821');
    step('client meta');
    await page.getByTestId('connect-meta').click();
    await signInMeta(M.dana)(page);
    await page.getByTestId(`pick-${INSTAGRAM}`).check();
    expect(await page.getByTestId('guided-shopify-collaboratorCode').inputValue()).toBe('4821');
    await page.getByTestId('approve').click();

    step('instagram step shown');
    await grantLine(page, INSTAGRAM, 'needs_manual_step').waitFor({ timeout: 30_000 });
    const instagramStep = (await page.getByTestId(`grant-${INSTAGRAM}`).textContent()) ?? '';
    expect(instagramStep).toContain('Assign partners');
    expect(instagramStep).toContain(M.northwind);

    // Before the client does it, the read-back finds nothing: the grant keeps waiting.
    await page.getByTestId(`check-${INSTAGRAM}`).click();
    await page.getByTestId(`not-yet-${INSTAGRAM}`).waitFor();
    expect(await grantLine(page, INSTAGRAM, 'needs_manual_step').count()).toBe(1);

    step('instagram done in the Meta console');
    const metaConsole = await context.newPage();
    await metaConsole.goto(`${metaUrl()}/business-settings`);
    await metaConsole.getByTestId(`assign-partner-id-${INSTAGRAM}`).fill(M.northwind);
    await metaConsole.getByTestId(`assign-task-${INSTAGRAM}-CONTENT`).check();
    await metaConsole.getByTestId(`assign-partner-submit-${INSTAGRAM}`).click();
    await metaConsole.getByTestId(`partner-${INSTAGRAM}-${M.northwind}`).waitFor();
    await metaConsole.close();
    await page.getByTestId(`check-${INSTAGRAM}`).click();
    await grantLine(page, INSTAGRAM, 'granted').waitFor({ timeout: 15_000 });
    const metaLog = await (
      await fetch(`${metaUrl()}/_control/log`, { headers: controlAuth })
    ).text();
    expect(metaLog).toContain(`/${INSTAGRAM}/agencies`);

    step('search console: not yet');
    const scStep = (await page.getByTestId(`grant-${SITE}`).textContent()) ?? '';
    expect(scStep).toContain(`Enter ${G.agency} and choose the permission Full.`);
    expect(scStep).toContain(SITE);
    await page.getByTestId(`check-${SITE}`).click();
    await page.getByTestId(`not-yet-${SITE}`).waitFor();
    expect(await grantLine(page, SITE, 'needs_manual_step').count()).toBe(1);

    step('search console: user added, verified');
    const added = await fetch(`${googleRoot}/_control/search-console/users`, {
      method: 'POST',
      headers: { ...controlAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ siteUrl: SITE, email: G.agency, permissionLevel: 'SITE_FULL_USER' }),
    });
    expect(added.status).toBe(200);
    await page.getByTestId(`check-${SITE}`).click();
    await grantLine(page, SITE, 'granted').waitFor({ timeout: 15_000 });
    const googleLog = await (
      await fetch(`${googleRoot}/_control/log`, { headers: controlAuth })
    ).text();
    expect(googleLog).toContain('/webmasters/v3/sites/https%3A%2F%2Fwww.acme-outdoor.example%2F');

    step('youtube: confirmed by the client, said so');
    const ytStep = (await page.getByTestId(`grant-${CHANNEL}`).textContent()) ?? '';
    expect(ytStep).toContain(`Enter ${G.agency} and choose the role Manager`);
    await page.getByTestId(`confirm-${CHANNEL}`).click();
    await grantLine(page, CHANNEL, 'granted').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId(`confirmed-${CHANNEL}`).textContent()).toContain(
      'Confirmed by you',
    );

    step('shopify: waits for the agency');
    await page.getByTestId(`waiting-agency-${STORE}`).waitFor();

    step('agency marks shopify done');
    // The session cookie is `__Host-` (secure only): sent as a header, as lifecycle.test.ts does.
    const dashboard = await browser.newContext({
      locale: 'en-US',
      extraHTTPHeaders: { cookie: agency.sessionCookie },
    });
    const agencyPage = await dashboard.newPage();
    await agencyPage.goto(`${url}/app/requests/${body.request.id}`);
    const input = (await agencyPage.getByTestId(`client-input-${STORE}`).textContent()) ?? '';
    expect(input).toContain(STORE);
    expect(input).toContain('4821');
    await agencyPage.getByTestId(`mark-done-${STORE}`).click();
    await agencyPage.getByTestId(`confirmed-${STORE}`).waitFor();
    expect(await agencyPage.getByTestId(`confirmed-${STORE}`).textContent()).toContain(
      'not verified',
    );
    await dashboard.close();

    step('client receipt');
    await grantLine(page, STORE, 'granted').waitFor({ timeout: 15_000 });
    await page.getByTestId('receipt').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId(`confirmed-${STORE}`).textContent()).toContain(
      'Marked done by Northwind Media',
    );
    await context.close();
  }, 180_000);

  it('walks a personal Meta ad account: moved into a business and shared in the console, then read back', async () => {
    const created = await agencyApi('POST', '/api/v1/requests', {
      title: 'Zoe’s ads',
      items: [{ platform: 'meta', assetType: 'ad_account', permissionLevel: 'partial' }],
    });
    expect(created.status).toBe(201);
    const link = ((await created.json()) as { link: { url: string } }).link.url;
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(link);
    await page.getByTestId('connect-meta').click();
    await signInMeta(ZOE.user)(page);
    await page.getByTestId(`pick-act_${ZOE.account}`).check();
    await page.getByTestId('approve').click();
    const asset = `act_${ZOE.account}`;
    await grantLine(page, asset, 'needs_manual_step').waitFor({ timeout: 30_000 });
    const shown = (await page.getByTestId(`grant-${asset}`).textContent()) ?? '';
    expect(shown).toContain('This ad account is personal');
    expect(shown).toContain(M.northwind);
    expect(shown).toContain('ADVERTISE, ANALYZE');

    const metaConsole = await context.newPage();
    await metaConsole.goto(`${metaUrl()}/business-settings`);
    await metaConsole.getByTestId(`claim-business-${ZOE.account}`).selectOption(ZOE.business);
    await metaConsole.getByTestId(`claim-submit-${ZOE.account}`).click();
    await metaConsole.getByTestId(`assign-partner-id-${ZOE.account}`).fill(M.northwind);
    await metaConsole.getByTestId(`assign-task-${ZOE.account}-ADVERTISE`).check();
    await metaConsole.getByTestId(`assign-task-${ZOE.account}-ANALYZE`).check();
    await metaConsole.getByTestId(`assign-partner-submit-${ZOE.account}`).click();
    await metaConsole.getByTestId(`partner-${ZOE.account}-${M.northwind}`).waitFor();
    await metaConsole.close();

    await page.getByTestId(`check-${asset}`).click();
    await grantLine(page, asset, 'granted').waitFor({ timeout: 15_000 });
    await page.getByTestId('receipt').waitFor({ timeout: 15_000 });
    await context.close();
  }, 120_000);
});
