/**
 * The workspace in a real browser on the real server: sign up through the one-time setup link,
 * invite a teammate who joins through the accept link, make a request template, and make a
 * request from it through the form (the link shown once, then the request in the list). The
 * session cookie is `__Host-` + Secure on http://127.0.0.1, which Chromium accepts as a secure
 * context.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type Runtime } from '../../src/cli/runtime.ts';
import { loadConfig } from '../../src/config.ts';
import { generateKeyEntry } from '../../src/store/secrets.ts';
import { captureLogger } from '../support/logger.ts';

let dir: string;
let runtime: Runtime;
let browser: Browser;
let setupLink: string;
const log = captureLogger('debug');
const PASSWORD = 'a long enough password 42';

beforeAll(async () => {
  await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'silent' });
  dir = await mkdtemp(path.join(tmpdir(), 'latchkey-e2e-workspace-'));
  const config = loadConfig({
    LATCHKEY_DATA_DIR: dir,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    LATCHKEY_SECRET_KEYS: generateKeyEntry('e2e'),
    LOG_LEVEL: 'debug',
  });
  const links: string[] = [];
  runtime = await startRuntime(config, 'api', log.logger, {
    onSetupLink: (url) => links.push(url),
  });
  setupLink = links[0]!;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('the agency workspace in Chromium', () => {
  it('signs up, invites a teammate who joins, makes a template and a request from it', async () => {
    expect(setupLink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/app\/setup#token=/);
    const owner = await browser.newContext();
    const page = await owner.newPage();
    await page.goto(setupLink);
    await page.getByLabel('Agency name').fill('Northwind Media');
    await page.getByLabel('Your name').fill('Nora Lindqvist');
    await page.getByLabel('Email').fill('nora@northwind-media.example');
    await page.getByLabel(/Password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create agency' }).click();
    await page.waitForURL(/\/app$/);
    await expect.poll(() => page.getByText('Signed in to Northwind Media').count()).toBe(1);

    const cookies = await owner.cookies();
    const session = cookies.find((cookie) => cookie.name === '__Host-latchkey_session');
    expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });

    // The setup link works once.
    const again = await browser.newPage();
    await again.goto(setupLink);
    await again.getByLabel('Agency name').fill('Second');
    await again.getByLabel('Your name').fill('Eve');
    await again.getByLabel('Email').fill('eve@example.com');
    await again.getByLabel(/Password/).fill(PASSWORD);
    await again.getByRole('button', { name: 'Create agency' }).click();
    await expect
      .poll(() => again.getByRole('alert').textContent())
      .toContain('invalid, used or expired');
    await again.close();

    await page.goto(`${runtime.url}/app/team`);
    await page.getByLabel('Email').fill('tom@northwind-media.example');
    await page.getByLabel('Role').selectOption('member');
    await page.getByRole('button', { name: 'Invite' }).click();
    const acceptUrl = (await page.getByTestId('accept-url').textContent())!;
    expect(acceptUrl).toContain('/app/invite#token=');

    const teammate = await browser.newContext();
    const tomPage = await teammate.newPage();
    await tomPage.goto(acceptUrl);
    await expect
      .poll(() => tomPage.getByText('tom@northwind-media.example as member').count())
      .toBe(1);
    await tomPage.getByLabel('Your name').fill('Tom Teammate');
    await tomPage.getByLabel(/Password/).fill(PASSWORD);
    await tomPage.getByRole('button', { name: 'Join' }).click();
    await tomPage.waitForURL(/\/app$/);
    await expect.poll(() => tomPage.getByText('as Tom Teammate').count()).toBe(1);
    await teammate.close();

    await page.goto(`${runtime.url}/app/team`);
    await expect.poll(() => page.getByText('Tom Teammate').count()).toBe(1);

    await page.goto(`${runtime.url}/app/templates`);
    await page.getByLabel('Name').fill('TikTok ads, read-only');
    await page.getByLabel(/TikTok · Ad account · Analyst/).check();
    await page.getByRole('button', { name: 'Save template' }).click();
    await expect
      .poll(() => page.getByRole('list', { name: 'Templates' }).textContent())
      .toContain('TikTok ads, read-only');

    // A request from that template through the form: the link is shown once, then listed.
    await page.goto(`${runtime.url}/app/requests/new`);
    await page.getByLabel('Start from a template').selectOption({ label: 'TikTok ads, read-only' });
    expect(await page.getByTestId('asset-tiktok-advertiser').isChecked()).toBe(true);
    expect(await page.getByTestId('level-tiktok-advertiser').inputValue()).toBe('ANALYST');
    expect(await page.getByLabel('Title').inputValue()).toBe('TikTok ads, read-only');
    await page.getByLabel(/Email the link to/).fill('dana@acme-outdoor.example');
    await page.getByLabel(/Client's language/).selectOption({ label: 'Deutsch' });
    await page.getByTestId('create-request').click();
    const linkUrl = await page.getByTestId('request-link').inputValue();
    expect(linkUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/l\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(await page.getByTestId('link-once').textContent()).toContain('shown only once');
    expect(await page.getByTestId('emailed-to').textContent()).toContain(
      'dana@acme-outdoor.example',
    );
    await page.getByTestId('view-request').click();
    await page.getByTestId('request-detail').waitFor();
    expect(await page.getByTestId('request-detail').textContent()).toContain('Ad account');
    expect(await page.content()).not.toContain(linkUrl);
    await page.goto(`${runtime.url}/app/requests`);
    const table = page.getByRole('table', { name: 'Requests' });
    await expect.poll(() => table.textContent()).toContain('TikTok ads, read-only');
    expect(await table.textContent()).toContain('Open, not yet used');

    // The dashboard's front page: the link waits for the client; the favicon is served.
    await page.goto(`${runtime.url}/app`);
    const waiting = page.getByTestId('attention-links');
    await expect.poll(() => waiting.textContent()).toContain('TikTok ads, read-only');
    expect(await waiting.textContent()).toContain('not opened yet');
    await expect
      .poll(() => page.getByTestId('recent-activity').textContent())
      .toContain('Request created by Nora Lindqvist (nora@northwind-media.example)');
    const icon = await page.request.get(`${runtime.url}/favicon.svg`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');

    // The audit log names actions and people in words (changed on purpose: it showed
    // 'template.created' and 'user aad682a6').
    await page.goto(`${runtime.url}/app/audit`);
    await expect.poll(() => page.getByText('Template created').count()).toBe(1);
    await expect.poll(() => page.getByText('Request created').count()).toBe(1);
    expect(await page.getByTestId('audit-actor').first().textContent()).toMatch(
      /^(Nora Lindqvist \(nora@northwind-media\.example\)|Tom Teammate \(tom@northwind-media\.example\))$/,
    );

    // The client's page opens in the language the agency chose, whatever the browser prefers; a
    // mistyped link is explained in the browser's language.
    const client = await browser.newContext({ locale: 'en-US' });
    const clientPage = await client.newPage();
    await clientPage.goto(linkUrl);
    await clientPage.getByRole('heading', { name: 'Northwind Media bittet um Zugriff' }).waitFor();
    const stranger = await browser.newContext({ locale: 'fr-FR' });
    const strangerPage = await stranger.newPage();
    await strangerPage.goto(linkUrl.replace(/\.[^.]+$/, '.notTheSecretOfThisLink0123456789'));
    await expect
      .poll(() => strangerPage.getByTestId('client-error').textContent())
      .toBe('Ce lien n’existe pas. Vérifiez que vous l’avez copié en entier.');
    await client.close();
    await stranger.close();

    const text = log.text();
    expect(text).not.toContain(session!.value);
    expect(text).not.toContain(setupLink.split('#token=')[1]);
    expect(text).not.toContain(acceptUrl.split('#token=')[1]);
    expect(text).not.toContain(linkUrl.split('/l/')[1]);
    await owner.close();
  });
});
