/**
 * Each sandbox is another site (issue #14): in ONE Chromium context signed in to Latchkey as the
 * agency, a person uses the TikTok sandbox (sign in, invite a member from the Business Center
 * console) and the Meta sandbox (sign in, assign a partner in Business Settings), then opens the
 * client's link in the same browser, connects TikTok, and accepts the partner invitation in the
 * TikTok console. No answer is a 415 or any other Latchkey error, and Latchkey's session cookie
 * stays as it was: the sandboxes run on their own listeners under another host name.
 */
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, type TestAgency } from '../support/agency.ts';
import { startE2eEnvironment, type E2eEnvironment } from '../support/e2e-runtime.ts';
import { agencyApi, connectAgencyBusinessCenter, type LiveTikTok } from '../support/e2e-tiktok.ts';
import { captureLogger } from '../support/logger.ts';
import { ADVERTISERS, BCS } from '../support/onboarding.ts';

const SESSION = '__Host-latchkey_session';
const TIKTOK = { nora: 'nora@northwind-media.example', dana: 'dana@acme-outdoor.example' };
const META = { dana: '100000000000001', northwind: '200000000000010', outlet: '300000000000003' };

let browser: Browser;
let env: E2eEnvironment | undefined;
let url: string;
let agency: TestAgency;
const logs = captureLogger('info');

beforeAll(async () => {
  env = await startE2eEnvironment('origins', logs.logger);
  ({ url, agency, browser } = env);
}, 120_000);

afterAll(async () => env?.close());

/** Every answer the browser got, to show none was a 415 or a JSON error page. */
function recordAnswers(page: Page): { url: string; status: number; type: string }[] {
  const answers: { url: string; status: number; type: string }[] = [];
  page.on('response', (response: Response) => {
    answers.push({
      url: response.url(),
      status: response.status(),
      type: response.headers()['content-type'] ?? '',
    });
  });
  return answers;
}

describe('sandboxes on their own origins', () => {
  it('lets one browser signed in to Latchkey use the sandbox forms and a client link', async () => {
    const tiktok = env?.sandboxes.tiktok ?? '';
    const meta = env?.sandboxes.meta ?? '';
    for (const sandbox of [tiktok, meta, env?.sandboxes.google ?? '']) {
      expect(new URL(sandbox).hostname).not.toBe(new URL(url).hostname);
    }
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const answers = recordAnswers(page);

    // The agency signs in to Latchkey as a person does.
    await page.goto(`${url}/app/sign-in`);
    await page.getByLabel('Email').fill(agency.owner.user.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/app$/);
    const sessionOf = async () =>
      (await context.cookies(url)).find((cookie) => cookie.name === SESSION)?.value;
    const session = await sessionOf();
    expect(session).toBeTruthy();

    // TikTok: sign in as Nora, invite a member from the Business Center console.
    await page.goto(
      `${tiktok}/signin?next=${encodeURIComponent(`/console?bc_id=${BCS.northwind}`)}`,
    );
    await page.getByTestId(`sign-in-${TIKTOK.nora}`).click();
    await page.getByTestId('signed-in-as').waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toContain(TIKTOK.nora);
    await page.getByTestId('invite-email').fill('new.hire@northwind-media.example');
    await page.getByTestId('invite-submit').click();
    await page.getByTestId('member-new.hire@northwind-media.example').waitFor();

    // Meta: sign in as Dana (Acme's admin), assign Northwind as partner on an ad account.
    await page.goto(`${meta}/signin?next=${encodeURIComponent('/business-settings')}`);
    await page.getByTestId(`signin-user-${META.dana}`).click();
    await page.getByTestId(`assign-partner-id-${META.outlet}`).fill(META.northwind);
    await page.getByTestId(`assign-task-${META.outlet}-ANALYZE`).check();
    await page.getByTestId(`assign-partner-submit-${META.outlet}`).click();
    await page.getByTestId(`partner-${META.outlet}-${META.northwind}`).waitFor();

    // The client's link, opened in the same browser: connect TikTok as Dana and approve.
    const live: LiveTikTok = { url, agency, tiktokSandbox: tiktok };
    await connectAgencyBusinessCenter(live);
    const created = await agencyApi(live, 'POST', '/api/v1/requests', {
      title: 'TikTok ads for Acme',
      items: [{ platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'OPERATOR' }],
    });
    expect(created.status).toBe(201);
    const link = ((await created.json()) as { link: { url: string } }).link.url;
    await page.goto(`${tiktok}/console`);
    await page.getByTestId('sign-out').click();
    await page.goto(link);
    await page.getByTestId('connect-tiktok').click();
    await page.getByTestId(`sign-in-${TIKTOK.dana}`).click();
    await page.getByTestId('consent-approve').click();
    await page.getByTestId(`pick-${ADVERTISERS.us}`).check();
    await page.getByTestId('approve').click();
    const grant = (status: string) =>
      page.locator(`[data-testid="grant-${ADVERTISERS.us}"][data-status="${status}"]`);
    await grant('pending_acceptance').waitFor({ timeout: 30_000 });

    // Nora accepts the partner invitation in the TikTok console (a form of the sandbox).
    const console = await context.newPage();
    const consoleAnswers = recordAnswers(console);
    await console.goto(`${tiktok}/signin?next=${encodeURIComponent('/console')}`);
    await console.getByTestId('sign-out').click();
    await console.getByTestId(`sign-in-${TIKTOK.nora}`).click();
    await console.goto(`${tiktok}/console?bc_id=${BCS.northwind}&tab=notifications`);
    await console.getByTestId(`accept-partner-${BCS.acme}`).click();
    await expect.poll(() => console.getByTestId(`accept-partner-${BCS.acme}`).count()).toBe(0);
    expect(console.url()).toContain(`bc_id=${BCS.northwind}`);
    await console.close();
    // Latchkey re-checks by itself; the client's page turns to granted with no button pressed.
    await grant('granted').waitFor({ timeout: 30_000 });

    // Nothing answered 415 or a Latchkey error page; Latchkey's session is the same and works.
    const all = [...answers, ...consoleAnswers];
    expect(all.filter((a) => a.status === 415)).toEqual([]);
    expect(all.filter((a) => a.status >= 400)).toEqual([]);
    expect(await sessionOf()).toBe(session);
    const sandboxCookies = await context.cookies([tiktok, meta]);
    expect(sandboxCookies.map((c) => c.name)).not.toContain(SESSION);
    expect((await context.cookies(url)).map((c) => c.name)).not.toContain('tt_sandbox_session');
    await page.goto(`${url}/app`);
    await expect.poll(() => page.getByText('Signed in to Northwind Media').count()).toBe(1);
    await context.close();
  });
});
