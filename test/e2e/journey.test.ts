/**
 * The whole journey as a person clicks it, in Chromium, from a fresh Latchkey in sandbox mode: no
 * API shortcut, no cookie set or removed by the test. The agency's owner opens the setup link the
 * server prints, connects TikTok, Meta and Google from Settings in the same signed-in browser,
 * adds the client and makes a request; the client opens the link in its own browser (and the
 * agency in its own), connects and ticks on each platform, scans the TikTok account's QR code,
 * shares the pixel in the sandbox's Business Center as the step says, and watches the progress
 * while the agency accepts the partner invitation in its own Business Center; then the agency
 * verifies, reads the access explainer, and offboards from the menu, confirming first.
 *
 * Each step asserts what the person sees, fails on a console error or failed request the step did
 * not expect, runs axe (no serious or critical violation on any page, Latchkey's and the
 * sandboxes' sign-in, consent and console pages alike) and saves test-results/journey/NN-step.png.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { startRuntime, type Runtime } from '../../src/cli/runtime.ts';
import { loadConfig } from '../../src/config.ts';
import { launchChromium } from '../support/browser.ts';
import { journeyRecorder } from '../support/journey.ts';
import { captureLogger } from '../support/logger.ts';

/** The sandbox people and things this journey clicks (worlds/*.json). */
const CAST = {
  tiktok: {
    agency: 'nora@northwind-media.example',
    client: 'dana@acme-outdoor.example',
    agencyBc: '7200000000000000002',
    clientBc: '7200000000000000001',
    advertiser: '7300000000000000001',
    pixel: '7500000000000000001',
    account: '7400000000000000001',
  },
  meta: {
    agency: '100000000000010',
    agencyBusiness: '200000000000010',
    client: '100000000000001',
    adAccount: 'act_300000000000001',
  },
  google: {
    agency: 'nora@northwind-media.example',
    manager: '1112223334',
    client: 'dana@acme-outdoor.example',
    account: '5556667778',
    property: '300100',
    tagAccount: '6001',
  },
} as const;
const PASSWORD = 'a long enough password 42';

let dir: string;
let runtime: Runtime;
let browser: Browser;
let setupLink = '';
const logs = captureLogger('info');

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'latchkey-e2e-journey-'));
  // What `npm start` does with PORT and LATCHKEY_DATA_DIR: a fresh embedded database, sandboxes.
  const config = loadConfig({
    LATCHKEY_DATA_DIR: dir,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
  });
  runtime = await startRuntime(config, 'all', logs.logger, {
    onSetupLink: (link) => {
      setupLink = link;
    },
  });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
  await rm(dir, { recursive: true, force: true });
});

const grantLine = (page: Page, assetId: string, status: string) =>
  page.locator(`[data-testid="grant-${assetId}"][data-status="${status}"]`);

describe('the whole journey, clicked', () => {
  it('goes from the setup link to an offboarding, as people click it', async () => {
    const url = runtime.url ?? '';
    const journey = journeyRecorder();
    onTestFailed(async () => {
      console.log(
        `steps:\n${journey.log.join('\n')}\n\npages:\n${await journey.lastSight()}\n\nlog:\n${logs.lines.slice(-20).join('')}`,
      );
    });
    const agencyContext = await browser.newContext({ locale: 'en-US' });
    journey.watch(agencyContext);
    // Latchkey's pages link /favicon.svg; the sandboxes' sites (other origins) have no favicon.
    journey.tolerate(/\/favicon\.ico\)$/);
    const page = await agencyContext.newPage();
    page.setDefaultTimeout(20_000);

    // 1. The owner opens the setup link the server printed and creates the agency.
    expect(setupLink).toMatch(/\/app\/setup#token=/);
    await page.goto(setupLink);
    await page.getByLabel('Agency name').fill('Northwind Media');
    await page.getByLabel('Your name').fill('Nora Lindqvist');
    await page.getByLabel('Email').fill('nora@northwind-media.example');
    await page.getByLabel(/Password/).fill(PASSWORD);
    await journey.step('setup', page);
    await page.getByRole('button', { name: 'Create agency' }).click();
    await page.waitForURL(/\/app$/);
    await page.getByText('Signed in to Northwind Media').waitFor();
    await journey.step('signed-in', page);

    // 2. Settings: connect the agency's own account on each platform, in this same browser.
    const menu = page.getByRole('navigation', { name: 'Dashboard' });
    await menu.getByRole('link', { name: 'Settings' }).click();
    await page.getByTestId('connection-tiktok').waitFor();
    await journey.step('settings', page);
    await connectFromSettings(
      page,
      'tiktok',
      () =>
        signInAndConsent(
          journey,
          page,
          'tiktok',
          `sign-in-${CAST.tiktok.agency}`,
          'consent-approve',
        ),
      CAST.tiktok.agencyBc,
    );
    await journey.step('settings-tiktok', page);
    await connectFromSettings(
      page,
      'meta',
      () =>
        signInAndConsent(journey, page, 'meta', `signin-user-${CAST.meta.agency}`, 'consent-allow'),
      CAST.meta.agencyBusiness,
    );
    await journey.step('settings-meta', page);
    await connectFromSettings(
      page,
      'google_ads',
      () =>
        signInAndConsent(journey, page, 'google', `sign-in-${CAST.google.agency}`, 'consent-allow'),
      CAST.google.manager,
    );
    await journey.step('settings-google', page);
    // GA4 and Tag Manager: the same Google account, already signed in at Google's: consent only.
    for (const platform of ['ga4', 'gtm']) {
      await connectFromSettings(
        page,
        platform,
        () => googleConsent(page, CAST.google.agency),
        CAST.google.agency,
      );
    }
    await journey.step('settings-ga4-gtm', page);

    // 3. The client, then the request: TikTok (ad account, pixel, TikTok account), Meta, Google.
    await menu.getByRole('link', { name: 'Clients' }).click();
    await page.getByLabel('Client name').fill('Acme Outdoor');
    await page.getByLabel('Contact email').fill('dana@acme-outdoor.example');
    await page.getByRole('button', { name: 'Add client' }).click();
    await page.getByRole('list', { name: 'Clients' }).getByText('Acme Outdoor').waitFor();
    await journey.step('client-added', page);
    await menu.getByRole('link', { name: 'Requests' }).click();
    await page.getByRole('link', { name: /New request/ }).click();
    await page
      .getByTestId('client')
      .selectOption({ label: 'Acme Outdoor <dana@acme-outdoor.example>' });
    await page.getByTestId('title').fill('Ads and tracking for Acme');
    for (const [platform, type, level] of [
      ['tiktok', 'advertiser', 'OPERATOR'],
      ['tiktok', 'pixel', undefined],
      ['tiktok', 'tiktok_account', undefined],
      ['meta', 'ad_account', 'partial'],
      ['google_ads', 'ad_account', 'manager_link'],
      ['ga4', 'ga4_property', 'admin'],
      ['gtm', 'gtm_account', 'admin'],
    ] as const) {
      await page.getByTestId(`asset-${platform}-${type}`).check();
      if (level) await page.getByTestId(`level-${platform}-${type}`).selectOption(level);
    }
    await journey.step('new-request', page);
    await page.getByTestId('create-request').click();
    const link = await page.getByTestId('request-link').inputValue();
    expect(link).toMatch(/\/l\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(await page.getByTestId('link-once').textContent()).toContain('shown only once');
    await journey.step('link-once', page);

    // 4. The client opens the link in its own browser; the agency opens it in its own too.
    // The client is on a phone: 390 px wide, and no page of its journey scrolls sideways.
    const clientContext = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 390, height: 844 },
    });
    journey.watch(clientContext);
    const client = await clientContext.newPage();
    client.setDefaultTimeout(20_000);
    await client.goto(link);
    await client.getByRole('heading', { name: 'Northwind Media asks for access' }).waitFor();
    await journey.step('client-link', client);
    journey.checkFits(client);
    const agencyView = await agencyContext.newPage();
    await agencyView.goto(link);
    await agencyView.getByRole('heading', { name: 'Northwind Media asks for access' }).waitFor();
    await journey.step('agency-opens-link', agencyView);
    await agencyView.close();

    // 5. Consent and ticks on each platform.
    await client.getByTestId('connect-tiktok').click();
    await signInAndConsent(
      journey,
      client,
      'client-tiktok',
      `sign-in-${CAST.tiktok.client}`,
      'consent-approve',
    );
    for (const id of [CAST.tiktok.advertiser, CAST.tiktok.pixel, CAST.tiktok.account]) {
      await client.getByTestId(`pick-${id}`).check();
    }
    await journey.step('client-tiktok', client);
    await client.getByTestId('connect-meta').click();
    await signInAndConsent(
      journey,
      client,
      'client-meta',
      `signin-user-${CAST.meta.client}`,
      'consent-allow',
    );
    await client.getByTestId(`pick-${CAST.meta.adAccount}`).check();
    await journey.step('client-meta', client);
    await client.getByTestId('connect-google_ads').click();
    await signInAndConsent(
      journey,
      client,
      'client-google',
      `sign-in-${CAST.google.client}`,
      'consent-allow',
    );
    // Ticked by keyboard, as on any page: focus and Space.
    await client.getByTestId(`pick-${CAST.google.account}`).focus();
    await client.keyboard.press('Space');
    expect(await client.getByTestId(`pick-${CAST.google.account}`).isChecked()).toBe(true);
    expect(await client.getByTestId(`pick-${CAST.tiktok.advertiser}`).isChecked()).toBe(true);
    await journey.step('client-google', client);
    await client.getByTestId('connect-ga4').click();
    await googleConsent(client, CAST.google.client);
    await client.getByTestId(`pick-${CAST.google.property}`).check();
    await client.getByTestId('connect-gtm').click();
    await googleConsent(client, CAST.google.client);
    await client.getByTestId(`pick-${CAST.google.tagAccount}`).check();
    await journey.step('client-ga4-gtm', client);
    await client.getByTestId('approve').focus();
    await client.keyboard.press('Enter');
    await grantLine(client, CAST.tiktok.account, 'needs_manual_step').waitFor({ timeout: 30_000 });
    await grantLine(client, CAST.tiktok.pixel, 'needs_manual_step').waitFor();
    expect(await client.getByTestId('next-steps').textContent()).toContain('Your turn');
    await journey.step('client-approved', client);

    // 6. The QR step: the account's owner opens the code's link on the phone and authorizes.
    await client.getByTestId('qr-code').waitFor();
    const phone = await followStepLink(clientContext, client, CAST.tiktok.account);
    await phone.getByTestId('link-approve').click();
    await phone.getByTestId('link-status').waitFor();
    await journey.step('qr-authorized', phone);
    await phone.close();

    // 7. The pixel's step: share it with the agency's Business Center in the sandbox console.
    const console_ = await followStepLink(clientContext, client, CAST.tiktok.pixel);
    await console_.getByTestId(`bc-${CAST.tiktok.clientBc}`).click();
    await console_.getByTestId('tab-accounts').click();
    await console_.getByTestId('share-pixel-asset').selectOption(CAST.tiktok.pixel);
    await console_.getByTestId('share-pixel-partner').selectOption(CAST.tiktok.agencyBc);
    await console_.getByTestId('share-pixel-submit').click();
    await console_.getByTestId(`asset-${CAST.tiktok.pixel}`).waitFor();
    await journey.step('pixel-shared', console_);
    await console_.close();

    // 8. The client is told the agency must accept; the agency accepts in its Business Center.
    await grantLine(client, CAST.tiktok.advertiser, 'pending_acceptance').waitFor();
    expect(await client.getByTestId('next-steps').textContent()).toContain(
      'Northwind Media must accept the invitation',
    );
    expect(await client.getByTestId(`check-${CAST.tiktok.advertiser}`).count()).toBe(0);
    await journey.step('client-waits-for-agency', client);
    // The sandbox Business Center's address is printed at start (Runtime.sandboxes).
    await page.goto(`${runtime.sandboxes.tiktok ?? ''}/console`);
    await page.getByTestId(`bc-${CAST.tiktok.agencyBc}`).click();
    await page.getByTestId('tab-notifications').click();
    await page.getByTestId(`accept-partner-${CAST.tiktok.clientBc}`).click();
    await journey.step('agency-accepts', page);

    // 9. Live progress to the receipt: nobody presses anything.
    await client.getByTestId('receipt').waitFor({ timeout: 60_000 });
    for (const id of [
      CAST.tiktok.advertiser,
      CAST.tiktok.pixel,
      CAST.tiktok.account,
      CAST.meta.adAccount,
      CAST.google.account,
      CAST.google.property,
      CAST.google.tagAccount,
    ]) {
      expect(await client.getByTestId(`grant-${id}`).getAttribute('data-status')).toBe('granted');
    }
    expect(await client.getByTestId('receipt').textContent()).toContain('Northwind Media');
    await journey.step('client-receipt', client);

    // 10. The agency verifies, and reads who has access to one asset of each platform.
    await page.goto(`${url}/app`);
    await menu.getByRole('link', { name: 'Access health' }).click();
    await page.getByTestId('verify-now').click();
    await page.getByTestId('verify-now').and(page.getByText('Verify all access now')).waitFor();
    await journey.step('verified', page);
    // What the person reads for one asset of each platform, in that platform's own words.
    const explained = [
      {
        platform: 'tiktok',
        assetId: CAST.tiktok.advertiser,
        holding: `The agency's Business Center ${CAST.tiktok.agencyBc} holds it through a partner share`,
        why: `of Business Center ${CAST.tiktok.agencyBc}, so reaches every asset it holds`,
      },
      {
        platform: 'meta',
        assetId: CAST.meta.adAccount,
        holding: `The agency's business portfolio ${CAST.meta.agencyBusiness} holds it through a partner share`,
        why: `is ADMIN of business portfolio ${CAST.meta.agencyBusiness}, so reaches every asset shared with it`,
      },
      {
        platform: 'google_ads',
        assetId: CAST.google.account,
        holding: `The agency's manager account ${CAST.google.manager} holds it through a manager-account link; level: Manager link.`,
        why: `${CAST.google.agency} is a user of manager account ${CAST.google.manager} with access role ADMIN`,
      },
      {
        platform: 'ga4',
        assetId: CAST.google.property,
        holding: `The agency's Google account ${CAST.google.agency} holds it through an access binding`,
        why: `${CAST.google.agency} has an access binding on it with the Administrator role.`,
      },
      {
        platform: 'gtm',
        assetId: CAST.google.tagAccount,
        holding: `The agency's Google account ${CAST.google.agency} holds it through a user permission`,
        why: `${CAST.google.agency} has a user permission in Tag Manager account ${CAST.google.tagAccount} (account access: admin)`,
      },
    ];
    for (const { platform, assetId, holding, why } of explained) {
      await page.goto(`${url}/app/lifecycle`);
      await page
        .getByRole('row')
        .filter({ hasText: `ID ${assetId}` })
        .getByRole('link', { name: 'Who has access?' })
        .click();
      await page.getByTestId('holding').waitFor();
      expect(await page.getByTestId('holding').textContent()).toContain(holding);
      expect(await page.getByRole('table').textContent()).toContain(why);
      expect(await page.locator('main').textContent()).not.toMatch(
        platform === 'tiktok' ? /business portfolio|manager account/ : /Business Center/,
      );
      await journey.step(`explainer-${platform}`, page);
    }

    // 11. Offboarding from the menu, confirmed; the client's page says the access was removed.
    await menu.getByRole('link', { name: 'Offboarding' }).click();
    await page.getByTestId('offboard-client').selectOption({ label: 'Acme Outdoor' });
    await page.getByRole('button', { name: 'See what would be removed' }).click();
    await page.getByTestId('dry-run-plan').waitFor();
    await journey.step('offboarding-plan', page);
    // By keyboard: the dialog opens on Cancel (the safe choice), Escape closes it, nothing runs.
    const dialog = page.getByRole('dialog');
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    await page.getByTestId('offboard-start').focus();
    await page.keyboard.press('Enter');
    await dialog
      .getByRole('heading', { name: /Remove \d+ access\(es\) from Acme Outdoor/ })
      .waitFor();
    expect(await focused()).toBe('Cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('offboard-start').focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await journey.step('offboarding-confirm', page);
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toMatch(/^Yes, remove \d+$/);
    await page.keyboard.press('Enter');
    await page
      .locator('[data-testid="offboarding-status"][data-status="completed"]')
      .waitFor({ timeout: 60_000 });
    await journey.step('offboarding-report', page);
    await client.reload();
    await client.getByTestId('receipt').waitFor();
    expect(await client.getByTestId('receipt').textContent()).toContain('no longer has access');
    await journey.step('client-after-offboarding', client);
    await clientContext.close();
    await agencyContext.close();
    console.log(`journey steps:\n${journey.log.join('\n')}`);
  }, 900_000);
});

/** On a sandbox's sign-in page: a step there, picks the person, a step on the consent, allows. */
async function signInAndConsent(
  journey: ReturnType<typeof journeyRecorder>,
  page: Page,
  name: string,
  signInTestId: string,
  consentTestId: string,
): Promise<void> {
  await page.getByTestId(signInTestId).waitFor();
  await journey.step(`${name}-sign-in`, page);
  await page.getByTestId(signInTestId).click();
  await page.getByTestId(consentTestId).waitFor();
  await journey.step(`${name}-consent`, page);
  await page.getByTestId(consentTestId).click();
}

/** Clicks the step's "Open the link" (a new tab), and returns that tab. */
async function followStepLink(context: BrowserContext, page: Page, assetId: string): Promise<Page> {
  const opened = context.waitForEvent('page');
  await page.getByTestId(`grant-${assetId}`).getByRole('link', { name: 'Open the link' }).click();
  const tab = await opened;
  tab.setDefaultTimeout(20_000);
  await tab.waitForLoadState();
  return tab;
}

/** Settings → Connect → the platform's sign-in and consent (`act`) → back → pick the business. */
/** Google's consent page for a person already signed in at Google's sandbox: check who, allow. */
async function googleConsent(page: Page, email: string): Promise<void> {
  expect(await page.getByTestId('signed-in-as').textContent()).toContain(email);
  await page.getByTestId('consent-allow').click();
}

async function connectFromSettings(
  page: Page,
  platform: string,
  act: () => Promise<void>,
  businessId: string,
): Promise<void> {
  await page.getByTestId(`connect-${platform}`).click();
  await act();
  await page.waitForURL(/\/app\/settings/);
  const row = page.getByTestId(`connection-${platform}`);
  await row.getByText(/^Connected\. Now pick the/).waitFor();
  const picker = page.getByTestId(`business-${platform}`);
  await picker.selectOption(businessId);
  if (await page.getByTestId(`choose-business-${platform}`).isEnabled())
    await page.getByTestId(`choose-business-${platform}`).click();
  await expect
    .poll(() => page.getByTestId(`connected-business-${platform}`).textContent())
    .toContain('Grants go to');
}
