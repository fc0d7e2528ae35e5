/**
 * The lifecycle pages in real Chromium against a running Latchkey in sandbox mode: two TikTok ad
 * accounts granted through the real link flow; the client removes one share in the sandbox; the
 * agency verifies now, sees the drift for exactly that account, sends the one-click re-request;
 * then offboards the client (dry-run plan, confirm, report); the sandbox's own TikTok API shows no
 * access Latchkey granted remains.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agencyAdvertiserHoldings,
  agencyApi,
  connectAgencyBusinessCenter,
  grantThroughLink,
  sandboxApi,
  sandboxUserToken,
  type LiveTikTok,
} from '../support/e2e-tiktok.ts';
import { startE2eEnvironment, type E2eEnvironment } from '../support/e2e-runtime.ts';
import { captureLogger } from '../support/logger.ts';
import { ADVERTISERS, BCS, USERS } from '../support/onboarding.ts';

let browser: Browser;
let env: E2eEnvironment | undefined;
let live: LiveTikTok;
const logs = captureLogger('info');

beforeAll(async () => {
  env = await startE2eEnvironment('lifecycle', logs.logger);
  ({ browser } = env);
  live = { url: env.url, agency: env.agency, tiktokSandbox: env.sandboxes.tiktok ?? '' };
}, 120_000);

afterAll(async () => env?.close());

describe('the lifecycle pages in a real browser', () => {
  it('catches a removed share, re-requests it, and offboards with proof', async () => {
    await connectAgencyBusinessCenter(live);
    const client = await agencyApi(live, 'POST', '/api/v1/clients', { name: 'Acme Outdoor' });
    expect(client.status).toBe(201);
    const clientId = ((await client.json()) as { client: { id: string } }).client.id;
    const created = await agencyApi(live, 'POST', '/api/v1/requests', {
      title: 'TikTok ads for Acme',
      clientId,
      items: [{ platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'OPERATOR' }],
    });
    expect(created.status).toBe(201);
    const link = ((await created.json()) as { link: { url: string } }).link.url;
    const granted = await grantThroughLink(live, link, [ADVERTISERS.us, ADVERTISERS.eu]);
    expect(granted.map((g) => g.status)).toEqual(['granted', 'granted']);
    const heldNow = async () =>
      (await agencyAdvertiserHoldings(live))
        .filter((h) => h.relation_status !== 'UNBOUND')
        .map((h) => [h.asset_id, h.advertiser_role]);
    expect((await heldNow()).sort()).toEqual(
      [
        [ADVERTISERS.us, 'OPERATOR'],
        [ADVERTISERS.eu, 'OPERATOR'],
      ].sort(),
    );

    // Drift: the client's admin removes the US ad account from the partner share.
    const dana = await sandboxUserToken(live, USERS.dana);
    await sandboxApi(live, dana, 'POST', 'bc/partner/asset/delete/', {
      bc_id: BCS.acme,
      partner_id: BCS.northwind,
      asset_type: 'ADVERTISER',
      asset_ids: [ADVERTISERS.us],
    });

    const context = await browser.newContext({
      locale: 'en-US',
      extraHTTPHeaders: { cookie: live.agency.sessionCookie },
    });
    const page = await context.newPage();
    await page.goto(`${live.url}/app/lifecycle`);
    await page.getByTestId('verify-now').click();
    await page.getByTestId(`drift-item-${ADVERTISERS.us}`).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('drift-alert').count()).toBe(1);
    expect(await page.locator('[data-testid^="drift-item-"]').count()).toBe(1);
    expect(await page.getByTestId(`drift-item-${ADVERTISERS.us}`).textContent()).toContain(
      'lost (was OPERATOR)',
    );
    await page.getByTestId('rerequest').click();
    await page.getByTestId('rerequest-link').waitFor();
    expect(await page.getByTestId('rerequest-link').textContent()).toMatch(
      new RegExp(`${live.url}/l/[^\\s]+`),
    );

    // The client's page for the re-request offers exactly the lost account.
    const again = (await page.getByTestId('rerequest-link').textContent())?.match(/http\S+/)?.[0];
    const clientContext = await browser.newContext({ locale: 'en-US' });
    const clientPage = await clientContext.newPage();
    await clientPage.goto(again ?? '');
    await clientPage.getByTestId('connect-tiktok').click();
    await clientPage.getByTestId('sign-in-dana@acme-outdoor.example').click();
    await clientPage.getByTestId('consent-approve').click();
    await clientPage.getByTestId(`pick-${ADVERTISERS.us}`).waitFor();
    expect(await clientPage.getByTestId(`pick-${ADVERTISERS.us}`).isEnabled()).toBe(true);
    expect(await clientPage.getByTestId(`pick-${ADVERTISERS.eu}`).isDisabled()).toBe(true);
    expect(
      await clientPage
        .locator('label', { has: clientPage.getByTestId(`pick-${ADVERTISERS.eu}`) })
        .textContent(),
    ).toContain('Not part of this request');
    await clientContext.close();

    await page.getByTestId(`offboard-${clientId}`).first().click();
    await page.getByTestId('dry-run-plan').waitFor();
    for (const id of [ADVERTISERS.us, ADVERTISERS.eu]) {
      expect(await page.getByTestId(`step-${id}`).getAttribute('data-action')).toBe('revoke');
    }
    // Nothing runs before the confirmation: the dialog names what goes, Cancel leaves it all.
    const beforeConfirming = await heldNow();
    expect(beforeConfirming.length).toBeGreaterThan(0);
    await page.getByTestId('offboard-start').click();
    const dialog = page.getByRole('dialog', { name: /Remove 2 access\(es\) from/ });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await heldNow()).toEqual(beforeConfirming);
    await page.getByTestId('offboard-start').click();
    await page.getByTestId('offboard-confirm').click();
    await page
      .locator('[data-testid="offboarding-status"][data-status="completed"]')
      .waitFor({ timeout: 30_000 });
    for (const id of [ADVERTISERS.us, ADVERTISERS.eu]) {
      const row = page.getByTestId(`step-${id}`);
      expect(await row.getAttribute('data-verified')).toBe('gone');
      expect(['revoked', 'not_present']).toContain(await row.getAttribute('data-status'));
    }
    await context.close();

    // TikTok keeps removed shares in the list as UNBOUND; anything else is access still held.
    expect(await heldNow()).toEqual([]);
  });
});
