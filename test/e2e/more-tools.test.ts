/**
 * One link covering Google Merchant Center, Google Business Profile, X Ads and two custom tools
 * (the ready-made Klaviyo and one the agency defines), clicked in one Chromium browser against a
 * running Latchkey in sandbox mode (issue #13). The agency's person signs in, connects Google and
 * X from Settings (the sandboxes' sign-in and consent pages, X through OAuth 1.0a), adds Klaviyo
 * and its own tool on the Other tools page, and asks for all five in one link; the client opens
 * it in a new tab of the same browser, switches account at Google, ticks, names its X ads
 * account, adds the agency's @handle in the X sandbox's ads manager, fills the tools' fields and
 * approves. Each grant then settles the way its platform allows, and each sandbox's own model
 * shows the agency holding exactly what was asked for.
 *
 * No API shortcut for what a person does, no cookie set by the test; every step fails on a
 * console error or failed request it did not expect (the journey's recorder).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { IDS as X } from '../../src/platforms/x-ads/sandbox/world.ts';
import { TEST_PASSWORD } from '../support/agency.ts';
import { startE2eEnvironment, type E2eEnvironment } from '../support/e2e-runtime.ts';
import { journeyRecorder } from '../support/journey.ts';
import { captureLogger } from '../support/logger.ts';
import { controlAuth } from '../support/sandbox-control.ts';

let env: E2eEnvironment | undefined;
const logs = captureLogger('info');

beforeAll(async () => {
  env = await startE2eEnvironment('more', logs.logger);
}, 120_000);

afterAll(async () => env?.close());

/** Who is who in worlds/google-default.json and the X sandbox's default world. */
const G = {
  agency: 'nora@northwind-media.example',
  client: 'dana@acme-outdoor.example',
  merchant: '700100',
  location: '4100',
};
const REPORT = 'https://lookerstudio.google.com/reporting/acme';
const KLAVIYO = 'Acme Outdoor';

const grantLine = (page: Page, assetId: string, status: string) =>
  page.locator(`[data-testid="grant-${assetId}"][data-status="${status}"]`);

/** Settings' "Grants go to" picker: the one choice offered, or the given one. */
async function pickBusiness(page: Page, platform: string, choice?: string): Promise<void> {
  await page
    .getByTestId(`connection-${platform}`)
    .getByText(/^Connected\. Now pick the/)
    .waitFor();
  const picker = page.getByTestId(`business-${platform}`);
  // The choices load after the page: wait for the first real one.
  await picker.locator('option:not([value=""])').first().waitFor({ state: 'attached' });
  const values = await picker
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  await picker.selectOption(choice ?? values[0] ?? '');
  if (await page.getByTestId(`choose-business-${platform}`).isEnabled())
    await page.getByTestId(`choose-business-${platform}`).click();
  await expect
    .poll(() => page.getByTestId(`connected-business-${platform}`).textContent())
    .toContain('Grants go to');
}

describe('one link: Merchant Center, Business Profile, X and two custom tools', () => {
  it('takes the agency from Settings to both receipts, each grant settled its own way', async () => {
    if (!env) throw new Error('the e2e environment is not started');
    const { url, browser, agency } = env;
    const journey = journeyRecorder({ shots: path.resolve('test-results/more-tools') });
    onTestFailed(async () => {
      console.log(
        `steps:\n${journey.log.join('\n')}\n\npages:\n${await journey.lastSight()}\n\nlog:\n${logs.lines.slice(-30).join('')}`,
      );
    });
    const context = await browser.newContext({ locale: 'en-US' });
    journey.watch(context);
    journey.tolerate(/\/favicon\.ico\)$/);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);

    // 1. The agency's person signs in.
    await page.goto(`${url}/app/sign-in`);
    await page.getByLabel('Email').fill(agency.owner.user.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/app$/);
    await journey.step('signed-in', page, { axe: false });

    // 2. Settings: Google (Merchant Center, Business Profile) and X.
    const menu = page.getByRole('navigation', { name: 'Dashboard' });
    await menu.getByRole('link', { name: 'Settings' }).click();
    await page.getByTestId('connect-merchant_center').click();
    await page.getByTestId(`sign-in-${G.agency}`).click();
    await page.getByTestId('consent-allow').click();
    await page.waitForURL(/\/app\/settings/);
    await pickBusiness(page, 'merchant_center');
    await journey.step('settings-merchant_center', page, { axe: false });
    await page.getByTestId('connect-business_profile').click();
    expect(await page.getByTestId('signed-in-as').textContent()).toContain(G.agency);
    await page.getByTestId('consent-allow').click();
    await page.waitForURL(/\/app\/settings/);
    await pickBusiness(page, 'business_profile');
    await journey.step('settings-business_profile', page, { axe: false });
    await page.getByTestId('connect-x_ads').click();
    await page.getByTestId('signin-northwind_ads').click();
    await page.getByTestId('authorize-app').click();
    await page.waitForURL(/\/app\/settings/);
    await pickBusiness(page, 'x_ads');
    await journey.step('settings-x_ads', page, { axe: false });

    // 3. Other tools: the ready-made Klaviyo and one of the agency's own.
    await page.goto(`${url}/app/tools`);
    await page.getByTestId('add-klaviyo').click();
    await page.getByTestId('tool-klaviyo').waitFor();
    const form = page.getByRole('form', { name: 'Tool definition' });
    await form.getByLabel('Name').fill('Looker Studio report');
    await form.getByLabel(/Short id/).fill('looker_studio');
    await form.getByLabel(/Email the client invites/).fill('reports@northwind.example');
    await form
      .getByLabel(/Steps for the client/)
      .fill('Open the report and click Share.\nAdd {email} as {level} for {agency}.');
    await form.getByLabel(/Fields the client fills in/).fill('Report address | url | required');
    await form.getByLabel(/Permission levels/).fill('Viewer: Sees the report');
    await form.getByLabel(/Who confirms/).selectOption('client');
    await form
      .getByLabel(/How to remove the access/)
      .fill('Open the report, click Share and remove reports@northwind.example.');
    await form.getByRole('button', { name: 'Add tool' }).click();
    await page.getByTestId('tool-looker_studio').waitFor();
    await journey.step('other-tools', page, { axe: false });

    // 4. One request with all five.
    await page.goto(`${url}/app`);
    await menu.getByRole('link', { name: 'Requests' }).click();
    await page.getByRole('link', { name: /New request/ }).click();
    await page.getByTestId('title').fill('Shop, stores, X and tools for Acme');
    for (const [platform, type, level] of [
      ['merchant_center', 'merchant_account', 'standard'],
      ['business_profile', 'business_location', 'manager'],
      ['x_ads', 'x_ads_account', 'ad_manager'],
      ['custom', 'klaviyo', 'manager'],
      ['custom', 'looker_studio', undefined],
    ] as const) {
      await page.getByTestId(`asset-${platform}-${type}`).check();
      if (level) await page.getByTestId(`level-${platform}-${type}`).selectOption(level);
    }
    await page.getByTestId('create-request').click();
    const link = await page.getByTestId('request-link').inputValue();
    expect(link).toMatch(/\/l\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const requestPath = (await page.getByTestId('view-request').getAttribute('href')) ?? '';
    await journey.step('link-once', page, { axe: false });

    // 5. The link, in a new tab of the same browser.
    const client = await context.newPage();
    client.setDefaultTimeout(20_000);
    await client.goto(link);
    await client.getByRole('heading', { name: 'Northwind Media asks for access' }).waitFor();
    await journey.step('client-link', client, { axe: false });
    // Google still knows the agency's person: "Not you?", then the client.
    await client.getByTestId('connect-merchant_center').click();
    expect(await client.getByTestId('signed-in-as').textContent()).toContain(G.agency);
    await client.getByTestId('switch-account').click();
    await client.getByTestId(`sign-in-${G.client}`).click();
    expect(await client.getByTestId('signed-in-as').textContent()).toContain(G.client);
    await client.getByTestId('consent-allow').click();
    await client.getByTestId(`pick-${G.merchant}`).check();
    await client.getByTestId('connect-business_profile').click();
    expect(await client.getByTestId('signed-in-as').textContent()).toContain(G.client);
    await client.getByTestId('consent-allow').click();
    await client.getByTestId(`pick-${G.location}`).check();
    expect(await client.getByTestId(`pick-${G.merchant}`).isChecked()).toBe(true);
    await client.getByTestId('guided-x_ads-accountId').fill(X.account);
    await client.getByTestId('custom-klaviyo-account_name').fill(KLAVIYO);
    await client.getByTestId('custom-looker_studio-report_address').fill(REPORT);
    await journey.step('client-filled', client, { axe: false });
    await client.getByTestId('approve').click();

    // 6. X: the guided step, in X's ads manager (signed in there as the client).
    await grantLine(client, X.account, 'needs_manual_step').waitFor({ timeout: 30_000 });
    const xStep = (await client.getByTestId(`grant-${X.account}`).textContent()) ?? '';
    expect(xStep).toContain('@northwind_ads');
    const x = await context.newPage();
    x.setDefaultTimeout(20_000);
    // X still knows the agency's person (from Settings): the client logs out and in as itself.
    await x.goto(`${env.sandboxes.x_ads ?? ''}/ads`);
    expect(await x.getByTestId('signed-in-as').textContent()).toContain('@northwind_ads');
    await x.getByTestId('sign-out').click();
    await x.getByTestId('signin-acme_brand').click();
    expect(await x.getByTestId('signed-in-as').textContent()).toContain('@acme_brand');
    await x.getByTestId(`edit-access-${X.account}`).click();
    await x.getByTestId('add-access-handle').fill('northwind_ads');
    await x.getByTestId('add-access-permission').selectOption('AD_MANAGER');
    await x.getByTestId('add-access-save').click();
    await x.getByTestId('access-northwind_ads').waitFor();
    await journey.step('x-ads-manager', x, { axe: false });
    await x.close();
    await client.getByTestId(`check-${X.account}`).click();
    await grantLine(client, X.account, 'granted').waitFor({ timeout: 30_000 });

    // 7. The own tool: confirmed by the client.
    await grantLine(client, REPORT, 'needs_manual_step').waitFor();
    await client.getByTestId(`confirm-${REPORT}`).click();
    await grantLine(client, REPORT, 'granted').waitFor({ timeout: 15_000 });
    expect(await client.getByTestId(`confirmed-${REPORT}`).textContent()).toContain(
      'Confirmed by you',
    );
    await grantLine(client, G.merchant, 'granted').waitFor({ timeout: 30_000 });
    await journey.step('client-settling', client, { axe: false });

    // 8. The agency's request page: Klaviyo marked done; Business Profile checked again.
    await page.goto(`${url}${requestPath}`);
    await page.getByTestId('request-detail').waitFor();
    await page.getByTestId(`mark-done-${KLAVIYO}`).click();
    await page.getByTestId(`confirmed-${KLAVIYO}`).waitFor();
    expect(await page.getByTestId(`confirmed-${KLAVIYO}`).textContent()).toContain('not verified');
    await expect
      .poll(
        async () => {
          const done = await page
            .getByTestId(`grant-${G.location}`)
            .locator('[data-status="granted"]')
            .count();
          if (!done && (await page.getByTestId(`check-${G.location}`).count()))
            await page.getByTestId(`check-${G.location}`).click();
          return done;
        },
        { timeout: 60_000, interval: 5_000 },
      )
      .toBe(1);
    for (const id of [G.merchant, G.location, X.account, KLAVIYO, REPORT])
      await page
        .getByTestId(`grant-${id}`)
        .locator('[data-status="granted"]')
        .waitFor({ timeout: 30_000 });
    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();
    expect(await receipt.getByRole('row').count()).toBe(1 + 5);
    expect(await page.getByTestId(`confirmed-${REPORT}`).textContent()).toContain('not verified');
    for (const id of [G.merchant, G.location, X.account])
      expect(await page.getByTestId(`grant-${id}`).textContent()).not.toContain('not verified');
    await journey.step('agency-receipt', page, { axe: false });

    // 9. The client's page: everything granted, the receipt.
    for (const id of [G.merchant, G.location, X.account, KLAVIYO, REPORT])
      await grantLine(client, id, 'granted').waitFor({ timeout: 30_000 });
    await client.getByTestId('receipt').waitFor({ timeout: 15_000 });
    expect(await client.getByTestId('receipt').textContent()).toContain('Northwind Media');
    expect(await client.getByTestId(`confirmed-${KLAVIYO}`).textContent()).toContain(
      'Marked done by Northwind Media',
    );
    // The client's page says a person's confirmation could not be checked, for the custom tools
    // only; the API-verified grants carry no such caveat.
    for (const id of [REPORT, KLAVIYO])
      expect(await client.getByTestId(`grant-${id}`).textContent()).toContain(
        'no way for us to check it',
      );
    for (const id of [G.merchant, G.location, X.account]) {
      const line = (await client.getByTestId(`grant-${id}`).textContent()) ?? '';
      expect(line).not.toContain('not verified');
      expect(line).not.toContain('no way for us to check it');
    }
    await journey.step('client-receipt', client, { axe: false });
    await context.close();

    // 10. Each sandbox's own model.
    const state = async <T>(base: string | undefined): Promise<T> => {
      const response = await fetch(`${base ?? ''}/_control/state`, { headers: controlAuth });
      expect(response.status).toBe(200);
      return (await response.json()) as T;
    };
    const xState = await state<{
      accounts: { id: string; users: { userId: string; permission: string }[] }[];
    }>(env.sandboxes.x_ads);
    const agencyOnX = xState.accounts.flatMap((a) =>
      a.users.filter((u) => u.userId === X.agencyUser).map((u) => [a.id, u.permission]),
    );
    expect(agencyOnX).toEqual([[X.account, 'AD_MANAGER']]);
    const google = await state<{
      merchant: {
        users: { accountId: string; email: string; accessRights: string[]; state: string }[];
      };
      businessProfile: {
        admins: { parent: string; email: string; role: string; pending: boolean }[];
      };
    }>(env.sandboxes.google);
    // Merchant Center: the agency's person is a verified Standard user of the ticked account only.
    expect(
      google.merchant.users
        .filter((u) => u.email === G.agency)
        .map((u) => [u.accountId, u.accessRights, u.state]),
    ).toEqual([[G.merchant, ['STANDARD'], 'VERIFIED']]);
    // Business Profile: the agency manages the ticked location (accepted, not pending); nothing
    // else of the client's changed hands (its own location group stays its own).
    expect(
      google.businessProfile.admins
        .filter((a) => a.email === G.agency && a.parent !== 'accounts/8020')
        .map((a) => [a.parent, a.role, a.pending]),
    ).toEqual([[`locations/${G.location}`, 'MANAGER', false]]);
  }, 300_000);
});
