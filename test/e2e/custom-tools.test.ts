/**
 * Custom platforms ("any tool") in real Chromium on the real server: the agency adds the
 * ready-made Klaviyo tool and defines one of its own on the Other tools page, asks for both in
 * one link through the request form, and the client follows each tool's steps, fills its fields
 * and approves; the client confirms its own tool, the agency marks Klaviyo done from the request
 * page, and both pages say "not verified". Any console error, page error, failed request or 4xx/5xx
 * answer fails the test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type Runtime } from '../../src/cli/runtime.ts';
import { loadConfig } from '../../src/config.ts';
import { generateKeyEntry } from '../../src/store/secrets.ts';
import { buildAgency, type TestAgency } from '../support/agency.ts';
import { launchChromium } from '../support/browser.ts';
import { axeViolations } from '../support/journey.ts';
import { captureLogger } from '../support/logger.ts';

let dir: string;
let runtime: Runtime;
let browser: Browser;
let agency: TestAgency;
let url: string;
const log = captureLogger('info');
const problems: string[] = [];

/** Records every console error, page error, failed request and 4xx/5xx answer of a page. */
function watch(page: Page): Page {
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${page.url()} console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${page.url()} pageerror: ${String(e)}`));
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED')
      problems.push(`${page.url()} failed: ${r.method()} ${r.url()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${page.url()} ${r.status()}: ${r.url()}`);
  });
  return page;
}

beforeAll(async () => {
  await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'silent' });
  dir = await mkdtemp(path.join(tmpdir(), 'latchkey-e2e-custom-'));
  const config = loadConfig({
    LATCHKEY_DATA_DIR: dir,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    LATCHKEY_SECRET_KEYS: generateKeyEntry('e2e'),
    LOG_LEVEL: 'info',
  });
  runtime = await startRuntime(config, 'api', log.logger, { onSetupLink: () => undefined });
  url = runtime.url ?? '';
  agency = await buildAgency(runtime.database, { name: 'Northwind Media' });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
  await rm(dir, { recursive: true, force: true });
});

const grantLine = (page: Page, assetId: string, status: string) =>
  page.locator(`[data-testid="grant-${assetId}"][data-status="${status}"]`);

describe('custom tools in Chromium', () => {
  it('adds a ready-made tool and an own one, asks for both in one link, the client completes them', async () => {
    // The session cookie is `__Host-` (secure only): sent as a header, as lifecycle.test.ts does.
    const dashboard = await browser.newContext({
      locale: 'en-US',
      extraHTTPHeaders: { cookie: agency.sessionCookie },
    });
    const tools = watch(await dashboard.newPage());
    await tools.goto(`${url}/app/tools`);
    await tools.getByTestId('add-klaviyo').click();
    await tools.getByTestId('tool-klaviyo').waitFor();

    const form = tools.getByRole('form', { name: 'Tool definition' });
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
    await tools.getByTestId('tool-looker_studio').waitFor();
    expect(await tools.getByTestId('tool-looker_studio').textContent()).toContain(
      'confirmed by the client',
    );
    expect(await axeViolations(tools)).toEqual([]);

    // The request form offers both tools.
    await tools.goto(`${url}/app/requests/new`);
    await tools.getByTestId('title').fill('Email and reports for Acme');
    await tools.getByTestId('asset-custom-klaviyo').check();
    await tools.getByTestId('level-custom-klaviyo').selectOption('manager');
    await tools.getByTestId('asset-custom-looker_studio').check();
    await tools.getByTestId('create-request').click();
    const link = await tools.getByTestId('request-link').inputValue();
    expect(link).toContain('/l/');
    const requestPath = await tools.getByTestId('view-request').getAttribute('href');

    // The client: each tool's steps and fields, then approve.
    const client = await browser.newContext({ locale: 'en-US' });
    const page = watch(await client.newPage());
    await page.goto(link);
    await page.getByRole('heading', { name: 'Northwind Media asks for access' }).waitFor();
    const klaviyoBox = (await page.getByTestId('custom-tool-klaviyo').textContent()) ?? '';
    expect(klaviyoBox).toContain('Settings › Users');
    expect(klaviyoBox).toContain('choose Manager');
    const lookerBox = (await page.getByTestId('custom-tool-looker_studio').textContent()) ?? '';
    expect(lookerBox).toContain('Add reports@northwind.example as Viewer for Northwind Media.');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('custom-klaviyo-account_name').fill('Acme Outdoor');
    await page
      .getByTestId('custom-looker_studio-report_address')
      .fill('https://lookerstudio.google.com/reporting/acme');
    await page.getByTestId('approve').click();

    const report = 'https://lookerstudio.google.com/reporting/acme';
    await grantLine(page, report, 'needs_manual_step').waitFor({ timeout: 30_000 });
    await grantLine(page, 'Acme Outdoor', 'needs_manual_step').waitFor();
    await page.getByTestId(`confirm-${report}`).click();
    await grantLine(page, report, 'granted').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId(`confirmed-${report}`).textContent()).toContain(
      'Confirmed by you',
    );
    await page.getByTestId('waiting-agency-Acme Outdoor').waitFor();

    // The agency marks Klaviyo done on the request page: said to be not verified.
    const detail = watch(await dashboard.newPage());
    await detail.goto(`${url}${requestPath ?? ''}`);
    expect(await detail.getByTestId('custom-hint-Acme Outdoor').textContent()).toContain(
      'no Klaviyo API can confirm it',
    );
    expect(await detail.getByTestId('client-input-Acme Outdoor').textContent()).toContain(
      'Acme Outdoor',
    );
    await detail.getByTestId('mark-done-Acme Outdoor').click();
    await detail.getByTestId('confirmed-Acme Outdoor').waitFor();
    expect(await detail.getByTestId('confirmed-Acme Outdoor').textContent()).toContain(
      'not verified',
    );

    await grantLine(page, 'Acme Outdoor', 'granted').waitFor({ timeout: 15_000 });
    await page.getByTestId('receipt').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('confirmed-Acme Outdoor').textContent()).toContain(
      'Marked done by Northwind Media',
    );
    // Access health lists both as a person's confirmation, not verified.
    await detail.goto(`${url}/app/lifecycle`);
    await detail.getByText('Confirmed by the client, not verified').waitFor();
    await detail.getByText('Confirmed by the agency, not verified').waitFor();
    await client.close();
    await dashboard.close();
    expect(problems).toEqual([]);
  }, 240_000);
});
