/**
 * LinkedIn in real Chromium against a running Latchkey in sandbox mode: the agency connects its
 * LinkedIn member; the client opens the link, signs in to the LinkedIn sandbox and consents,
 * ticks an ad account and a Company Page by name, approves; the ad account role is granted by
 * API; the Page is a guided step the client clicks through in the sandbox's Page admin view, then
 * "Check again" reads it back. The sandbox's own state then shows exactly the requested access.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { TestAgency } from '../support/agency.ts';
import {
  agencyApiOf,
  connectAgencyPlatform,
  startE2eEnvironment,
  type E2eEnvironment,
} from '../support/e2e-runtime.ts';
import { captureLogger } from '../support/logger.ts';
import { controlAuth } from '../support/sandbox-control.ts';

const NORA = 'n0raL1ndq10';
const DANA = 'dAnAr3y3s01';
const AD_US = '507000001';
const ACME_PAGE = '10001001';

let browser: Browser;
let env: E2eEnvironment | undefined;
let url: string;
let agency: TestAgency;
const logs = captureLogger('info');

beforeAll(async () => {
  env = await startE2eEnvironment('linkedin', logs.logger);
  ({ url, agency, browser } = env);
}, 120_000);

afterAll(async () => env?.close());

/** Picks a member on the LinkedIn sandbox's sign-in page, then allows the consent page. */
const signInLinkedIn = (member: string) => async (page: Page) => {
  await page.getByTestId(`signin-member-${member}`).click();
  await page.getByTestId('consent-allow').click();
};

describe('LinkedIn in a real browser', () => {
  it('grants the ad account role by API and the Page admin through the guided step', async () => {
    if (!env) throw new Error('the e2e environment is not started');
    onTestFailed(() => console.log(`last log lines:\n${logs.lines.slice(-30).join('')}`));
    const linkedin = env.sandboxes.linkedin ?? '';
    expect(linkedin).not.toBe('');
    await connectAgencyPlatform(env, 'linkedin', signInLinkedIn(NORA), NORA);

    const agencyApi = agencyApiOf({ url, agency });
    const created = await agencyApi('POST', '/api/v1/requests', {
      title: 'LinkedIn for Acme',
      items: [
        { platform: 'linkedin', assetType: 'ad_account', permissionLevel: 'campaign_manager' },
        { platform: 'linkedin', assetType: 'company_page', permissionLevel: 'admin' },
      ],
    });
    expect(created.status).toBe(201);
    const link = ((await created.json()) as { link: { url: string } }).link.url;

    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(link);
    await page.getByTestId('step-linkedin').waitFor();
    await page.getByTestId('connect-linkedin').click();
    await signInLinkedIn(DANA)(page);
    await page.getByTestId(`pick-${AD_US}`).check();
    await page.getByTestId(`pick-${ACME_PAGE}`).check();
    expect(page.url()).not.toContain('code=');
    await page.getByTestId('approve').click();

    await page
      .locator(`[data-testid="grant-${AD_US}"][data-status="granted"]`)
      .waitFor({ timeout: 30_000 });
    const pageGrant = page.locator(
      `[data-testid="grant-${ACME_PAGE}"][data-status="needs_manual_step"]`,
    );
    await pageGrant.waitFor({ timeout: 30_000 });
    const action = await pageGrant.getByRole('link').first().getAttribute('href');
    expect(action).toBe(`${linkedin}/company/${ACME_PAGE}/admin/settings/manage-admins`);

    // The client follows the step in the LinkedIn sandbox, where it is still signed in.
    const admin = await context.newPage();
    await admin.goto(action ?? '');
    await admin.getByTestId('add-admin-person').fill('Nora Lindqvist');
    await admin.getByTestId('add-admin-submit').click();
    await expect(admin.getByTestId('admin-notice').textContent()).resolves.toContain(
      'Nora Lindqvist is now an admin',
    );
    await admin.close();

    await page.getByTestId(`check-${ACME_PAGE}`).click();
    await page
      .locator(`[data-testid="grant-${ACME_PAGE}"][data-status="granted"]`)
      .waitFor({ timeout: 30_000 });
    await context.close();

    const state = (await (
      await fetch(`${linkedin}/_control/state`, { headers: controlAuth })
    ).json()) as {
      adAccountUsers: { account: number; member: string; role: string }[];
      organizationAcls: { organization: number; member: string; role: string; state: string }[];
    };
    const roles = state.adAccountUsers
      .filter((u) => u.member === NORA)
      .map((u) => `${u.account} ${u.role}`)
      .sort();
    // The requested role is added; what the world gave Nora before stays as it was.
    expect(roles).toEqual([
      `${AD_US} CAMPAIGN_MANAGER`,
      '507000010 ACCOUNT_BILLING_ADMIN',
      '507000030 CAMPAIGN_MANAGER',
    ]);
    expect(
      state.organizationAcls
        .filter((a) => a.member === NORA && a.state === 'APPROVED')
        .map((a) => a.organization)
        .sort(),
    ).toEqual([10002010, 10003030, Number(ACME_PAGE)].sort());
  });
});
