/**
 * One link covering TikTok, Meta, LinkedIn, Microsoft Advertising, Pinterest and Snapchat, clicked
 * in one Chromium browser against a running Latchkey in sandbox mode (issue #12): the agency's
 * person signs in, connects its own account on each platform from Settings (each sandbox's
 * sign-in and consent pages), creates one request for an ad account on each and opens the link
 * in a new tab of the same browser, where the client connects each platform: the sandbox still
 * knows the agency's person, so the client says "Not you?" on each consent page, picks itself,
 * consents, ticks its ad account, and approves. Then the platforms' side, in that same browser:
 * the agency's person signs back in at TikTok and Snapchat and accepts the partner invitation in
 * TikTok's Business Center and the invitation to the client's Snapchat organization in Snap's
 * Business Manager; Latchkey's re-checks pick both up. The client's page and the agency's request
 * page then show every grant granted and the receipt, and each sandbox's own model shows the
 * agency holding exactly what was asked for.
 *
 * No API shortcut for what a person does, no cookie set or removed by the test; every step fails
 * on a console error or failed request it did not expect (the journey's recorder), and axe checks
 * the client's consent pages, "Not you?" included.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { TEST_PASSWORD } from '../support/agency.ts';
import { startE2eEnvironment, type E2eEnvironment } from '../support/e2e-runtime.ts';
import { journeyRecorder } from '../support/journey.ts';
import { captureLogger } from '../support/logger.ts';
import { ACME, CAST, PLATFORMS, verifyHoldings, type Platform } from '../support/six-platforms.ts';

let env: E2eEnvironment | undefined;
const logs = captureLogger('info');

beforeAll(async () => {
  env = await startE2eEnvironment('six', logs.logger);
}, 120_000);

afterAll(async () => env?.close());

describe('one link, six platforms, one browser', () => {
  it('takes the agency from Settings to the receipt with TikTok, Meta, LinkedIn, Microsoft Advertising, Pinterest and Snapchat', async () => {
    if (!env) throw new Error('the e2e environment is not started');
    const { url, browser, agency } = env;
    for (const platform of PLATFORMS) expect(env.sandboxes[platform]).toBeDefined();
    const journey = journeyRecorder({ shots: path.resolve('test-results/six-platforms') });
    onTestFailed(async () => {
      console.log(
        `steps:\n${journey.log.join('\n')}\n\npages:\n${await journey.lastSight()}\n\nlog:\n${logs.lines.slice(-30).join('')}`,
      );
    });
    const context = await browser.newContext({ locale: 'en-US' });
    journey.watch(context);
    // Latchkey's pages link /favicon.svg; the sandboxes' sites (other origins) have no favicon.
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

    // 2. Settings: connect the agency's own account on each platform, then pick where grants go.
    const menu = page.getByRole('navigation', { name: 'Dashboard' });
    await menu.getByRole('link', { name: 'Settings' }).click();
    for (const platform of PLATFORMS) {
      const cast = CAST[platform];
      await page.getByTestId(`connect-${platform}`).click();
      await page.getByTestId(cast.agencyPerson).click();
      await page.getByTestId(cast.allow).click();
      await page.waitForURL(/\/app\/settings/);
      await page
        .getByTestId(`connection-${platform}`)
        .getByText(/^Connected\. Now pick the/)
        .waitFor();
      await page.getByTestId(`business-${platform}`).selectOption(cast.agencyBusiness);
      if (await page.getByTestId(`choose-business-${platform}`).isEnabled())
        await page.getByTestId(`choose-business-${platform}`).click();
      await expect
        .poll(() => page.getByTestId(`connected-business-${platform}`).textContent())
        .toContain('Grants go to');
      await journey.step(`settings-${platform}`, page, { axe: false });
    }

    // 3. One request: an ad account on each platform.
    await menu.getByRole('link', { name: 'Requests' }).click();
    await page.getByRole('link', { name: /New request/ }).click();
    await page.getByTestId('title').fill('Ads on six platforms for Acme');
    for (const platform of PLATFORMS) {
      const { assetType, level } = CAST[platform];
      await page.getByTestId(`asset-${platform}-${assetType}`).check();
      await page.getByTestId(`level-${platform}-${assetType}`).selectOption(level);
    }
    await page.getByTestId('create-request').click();
    const link = await page.getByTestId('request-link').inputValue();
    expect(link).toMatch(/\/l\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    await journey.step('link-once', page, { axe: false });

    // 4. The link, in a new tab of the same browser: each platform still knows the agency's
    // person, so the client switches to its own account on each consent page.
    const client = await context.newPage();
    client.setDefaultTimeout(20_000);
    await client.goto(link);
    await client.getByRole('heading', { name: 'Northwind Media asks for access' }).waitFor();
    for (const platform of PLATFORMS) await client.getByTestId(`step-${platform}`).waitFor();
    await journey.step('client-link', client, { axe: false });
    for (const platform of PLATFORMS) {
      const cast = CAST[platform];
      await client.getByTestId(`connect-${platform}`).click();
      await client.getByTestId('switch-account').waitFor();
      expect(await client.getByTestId('signed-in-as').textContent()).toContain('Nora Lindqvist');
      await journey.step(`client-${platform}-signed-in-as-agency`, client);
      await client.getByTestId('switch-account').click();
      await client.getByTestId(cast.clientPerson).click();
      await client.getByTestId(cast.allow).waitFor();
      expect(await client.getByTestId('signed-in-as').textContent()).toContain('Dana Reyes');
      await journey.step(`client-${platform}-consent`, client);
      await client.getByTestId(cast.allow).click();
      await client.getByTestId(`pick-${cast.asset}`).check();
      expect(client.url()).toBe(link);
    }
    for (const platform of PLATFORMS)
      expect(await client.getByTestId(`pick-${CAST[platform].asset}`).isChecked()).toBe(true);
    await journey.step('client-ticked', client, { axe: false });
    await client.getByTestId('approve').click();

    // 5. The platforms' side, in the agency's tab: the last person signed in at TikTok and at
    // Snapchat is the client, so the agency's person signs out there and in as herself, then
    // accepts the partner invitation in TikTok's Business Center and the invitation to the
    // client's Snapchat organization. Latchkey's re-checks read both back by themselves.
    const waiting = (platform: Platform) =>
      client.locator(
        `[data-testid="grant-${CAST[platform].asset}"][data-status="pending_acceptance"]`,
      );
    await waiting('tiktok').waitFor({ timeout: 30_000 });
    await waiting('snapchat').waitFor({ timeout: 30_000 });
    await journey.step('client-waits-for-agency', client, { axe: false });
    await page.goto(`${env.sandboxes.tiktok ?? ''}/console`);
    expect(await page.getByTestId('signed-in-as').textContent()).toContain('Dana Reyes');
    await page.getByTestId('sign-out').click();
    await page.getByTestId(CAST.tiktok.agencyPerson).click();
    await page.getByTestId(`bc-${CAST.tiktok.agencyBusiness}`).click();
    await page.getByTestId('tab-notifications').click();
    await page.getByTestId(`accept-partner-${ACME.tiktokBc}`).click();
    await journey.step('agency-accepts-tiktok', page);
    await page.goto(`${env.sandboxes.snapchat ?? ''}/business/invitations`);
    expect(await page.getByTestId('signed-in-as').textContent()).toContain('Dana Reyes');
    await page.getByTestId('sign-out').click();
    await page.getByTestId(CAST.snapchat.agencyPerson).click();
    await page.getByTestId(`accept-${ACME.snapOrganization}`).click();
    await page.getByTestId('no-invitations').waitFor();
    await journey.step('agency-accepts-snapchat', page);

    // 6. The client's page, then the agency's request page: everything granted, the receipts.
    for (const platform of PLATFORMS)
      await client
        .locator(`[data-testid="grant-${CAST[platform].asset}"][data-status="granted"]`)
        .waitFor({ timeout: 60_000 });
    await client.getByTestId('receipt').waitFor();
    expect(await client.getByTestId('receipt').textContent()).toContain('Northwind Media');
    await journey.step('client-receipt', client, { axe: false });
    await page.goto(`${url}/app`);
    await menu.getByRole('link', { name: 'Requests' }).click();
    await page
      .getByTestId('requests-table')
      .getByRole('link', { name: 'Ads on six platforms for Acme' })
      .click();
    await page.getByTestId('request-detail').waitFor();
    for (const platform of PLATFORMS)
      await page
        .getByTestId(`grant-${CAST[platform].asset}`)
        .locator('[data-status="granted"]')
        .waitFor({ timeout: 30_000 });
    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();
    expect(await receipt.getByRole('row').count()).toBe(1 + PLATFORMS.length);
    await journey.step('agency-receipt', page, { axe: false });
    await context.close();

    // 7. Each platform's own model: the agency holds exactly what was asked for.
    await verifyHoldings(env.sandboxes);
  }, 240_000);
});
