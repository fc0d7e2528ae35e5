/**
 * `latchkey doctor`'s credential checks against the sandboxes, which check app credentials the
 * way the platforms do: the right app is accepted, a wrong id or secret is named plainly.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../src/cli/doctor.ts';
import {
  checkGoogleClient,
  checkLinkedInApp,
  checkMetaApp,
  checkMicrosoftAdsApp,
  checkPinterestApp,
  checkSnapchatApp,
  checkTikTokApp,
  checkXAdsApp,
} from '../../../src/cli/doctor-platforms.ts';
import {
  GOOGLE_SANDBOX_APP,
  LINKEDIN_SANDBOX_APP,
  META_SANDBOX_APP,
  PINTEREST_SANDBOX_APP,
  MICROSOFT_ADS_SANDBOX_APP,
  SANDBOX_APP,
  SNAPCHAT_SANDBOX_APP,
  X_ADS_SANDBOX_APP,
} from '../../../src/cli/platform-runtime.ts';
import { createSandboxSites, type SandboxSites } from '../../../src/cli/sandbox-sites.ts';
import { loadConfig } from '../../../src/config.ts';
import { xAdsSandboxBaseUrls } from '../../../src/platforms/x-ads/connector.ts';
import { metaSandboxBaseUrls } from '../../../src/platforms/meta/connector.ts';
import { microsoftAdsSandboxBaseUrls } from '../../../src/platforms/microsoft-ads/connector.ts';
import { pinterestSandboxBaseUrls } from '../../../src/platforms/pinterest/connector.ts';
import { appFromBasic } from '../../../src/platforms/pinterest/sandbox/oauth.ts';
import { snapchatSandboxBaseUrls } from '../../../src/platforms/snapchat/connector.ts';
import { sandboxBaseUrls } from '../../../src/platforms/tiktok/connector.ts';

let dataDir: string;
let sites: SandboxSites;
let urls: ReturnType<SandboxSites['urls']>;
const publicUrl = 'http://127.0.0.1:3000';

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'latchkey-doctor-test-'));
  const config = loadConfig({ LATCHKEY_DATA_DIR: dataDir, PUBLIC_URL: publicUrl });
  const callback = (id: string) => [`${publicUrl}/oauth/callback/${id}`];
  sites = createSandboxSites(config, {
    tiktok: { ...SANDBOX_APP, redirectUris: callback('tiktok') },
    meta: { ...META_SANDBOX_APP, redirectUris: callback('meta') },
    google: { ...GOOGLE_SANDBOX_APP, redirectUris: callback('google_ads') },
    linkedin: { ...LINKEDIN_SANDBOX_APP, redirectUris: callback('linkedin') },
    googleDeveloperTokens: [GOOGLE_SANDBOX_APP.developerToken],
    pinterest: { ...PINTEREST_SANDBOX_APP, redirectUris: callback('pinterest') },
    microsoftAds: { ...MICROSOFT_ADS_SANDBOX_APP, redirectUris: callback('microsoft_ads') },
    microsoftAdsDeveloperTokens: [MICROSOFT_ADS_SANDBOX_APP.developerToken],
    snapchat: { ...SNAPCHAT_SANDBOX_APP, redirectUris: callback('snapchat') },
    xAds: { ...X_ADS_SANDBOX_APP, callbacks: callback('x_ads') },
  });
  await sites.start();
  urls = sites.urls();
});

afterAll(async () => {
  await sites.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('doctor: Snapchat app', () => {
  const check = (clientId: string, clientSecret: string) =>
    checkSnapchatApp({
      authBaseUrl: snapchatSandboxBaseUrls(urls.snapchat!).auth,
      clientId,
      clientSecret,
      fetch,
    });

  it('accepts the right app and names a wrong secret', async () => {
    expect(await check(SNAPCHAT_SANDBOX_APP.clientId, SNAPCHAT_SANDBOX_APP.clientSecret)).toEqual({
      ok: true,
      detail: `app ${SNAPCHAT_SANDBOX_APP.clientId} is accepted`,
    });
    const wrong = await check(SNAPCHAT_SANDBOX_APP.clientId, 'not-the-secret');
    expect(wrong.ok).toBe(false);
    expect(wrong.detail).toMatch(/SNAPCHAT_CLIENT_ID or SNAPCHAT_CLIENT_SECRET is wrong/);
  });
});

describe('doctor: X app', () => {
  const check = (consumerSecret: string, callback = `${publicUrl}/oauth/callback/x_ads`) =>
    checkXAdsApp({
      authBaseUrl: xAdsSandboxBaseUrls(urls.x_ads!).auth,
      consumerKey: X_ADS_SANDBOX_APP.consumerKey,
      consumerSecret,
      callback,
      fetch,
    });

  it('accepts the right app and names a wrong secret or a callback X does not know', async () => {
    expect(await check(X_ADS_SANDBOX_APP.consumerSecret)).toEqual({
      ok: true,
      detail: `app ${X_ADS_SANDBOX_APP.consumerKey} is accepted`,
    });
    const wrong = await check('not-the-secret');
    expect(wrong.ok).toBe(false);
    expect(wrong.detail).toMatch(/X_ADS_CONSUMER_KEY or X_ADS_CONSUMER_SECRET is wrong/);
    expect((await check(X_ADS_SANDBOX_APP.consumerSecret, 'https://elsewhere.example/cb')).ok).toBe(
      false,
    );
  });
});

describe('doctor: TikTok app', () => {
  const check = (appId: string, appSecret: string) =>
    checkTikTokApp({ apiBaseUrl: sandboxBaseUrls(urls.tiktok!).api, appId, appSecret, fetch });

  it('accepts the right app and names a wrong secret or id', async () => {
    expect(await check(SANDBOX_APP.appId, SANDBOX_APP.secret)).toEqual({
      ok: true,
      detail: `app ${SANDBOX_APP.appId} is accepted`,
    });
    const wrongSecret = await check(SANDBOX_APP.appId, 'not-the-secret');
    expect(wrongSecret.ok).toBe(false);
    expect(wrongSecret.detail).toMatch(/TIKTOK_APP_ID or TIKTOK_APP_SECRET is wrong \(40001/);
    expect((await check('someone-elses-app', SANDBOX_APP.secret)).ok).toBe(false);
  });

  it('says when the platform cannot be reached', async () => {
    const closed = await checkTikTokApp({
      apiBaseUrl: 'http://127.0.0.1:9/open_api/v1.3',
      appId: 'a',
      appSecret: 'b',
      fetch,
    });
    expect(closed.ok).toBe(false);
    expect(closed.detail).toMatch(/could not reach TikTok at http:\/\/127\.0\.0\.1:9/);
  });
});

describe('doctor: Meta app', () => {
  const check = (appId: string, appSecret: string) =>
    checkMetaApp({
      graphBaseUrl: metaSandboxBaseUrls(urls.meta!).graph,
      version: 'v25.0',
      appId,
      appSecret,
      redirectUri: `${publicUrl}/oauth/callback/meta`,
      fetch,
    });

  it('accepts the right app and names a wrong secret or id', async () => {
    expect((await check(META_SANDBOX_APP.appId, META_SANDBOX_APP.secret)).ok).toBe(true);
    const wrongSecret = await check(META_SANDBOX_APP.appId, 'not-the-secret');
    expect(wrongSecret).toEqual({
      ok: false,
      detail: expect.stringMatching(/refused META_APP_SECRET/) as unknown,
    });
    const wrongId = await check('1999999999999999', META_SANDBOX_APP.secret);
    expect(wrongId.detail).toMatch(/META_APP_ID is wrong \(101\)/);
  });
});

describe('doctor: Pinterest app', () => {
  it('accepts the right app and names a wrong secret', async () => {
    const check = (clientId: string, clientSecret: string) =>
      checkPinterestApp({
        apiBaseUrl: pinterestSandboxBaseUrls(urls.pinterest!).api,
        clientId,
        clientSecret,
        fetch,
      });
    expect(
      (await check(PINTEREST_SANDBOX_APP.clientId, PINTEREST_SANDBOX_APP.clientSecret)).ok,
    ).toBe(true);
    const wrong = await check(PINTEREST_SANDBOX_APP.clientId, 'not-the-secret');
    expect(wrong).toEqual({
      ok: false,
      detail: expect.stringMatching(/PINTEREST_APP_ID or PINTEREST_APP_SECRET is wrong/) as unknown,
    });
  });

  it('form-encodes the id and secret before Basic (RFC 6749 §2.3.1), as the sandbox decodes them', async () => {
    const app = { clientId: '1234', clientSecret: 'a:b+c%25d e' };
    const seen = (_url: URL, init: RequestInit) => {
      const header = new Headers(init.headers).get('authorization') ?? undefined;
      try {
        appFromBasic([app as Parameters<typeof appFromBasic>[0][number]], header);
        return Promise.resolve(new Response('{"code":1,"message":"bad code"}', { status: 400 }));
      } catch {
        return Promise.resolve(new Response('{"code":2,"message":"refused"}', { status: 401 }));
      }
    };
    const ok = await checkPinterestApp({
      apiBaseUrl: 'http://sandbox.invalid/v5',
      ...app,
      fetch: seen,
    });
    expect(ok.ok).toBe(true);
  });
});

describe('doctor: Google OAuth client', () => {
  const check = (clientId: string, clientSecret: string) =>
    checkGoogleClient({ oauth2BaseUrl: urls.google!, clientId, clientSecret, fetch });

  it('accepts the right client and names a wrong secret or id', async () => {
    const right = await check(GOOGLE_SANDBOX_APP.clientId, GOOGLE_SANDBOX_APP.clientSecret);
    expect(right.ok).toBe(true);
    const wrongSecret = await check(GOOGLE_SANDBOX_APP.clientId, 'not-the-secret');
    expect(wrongSecret.ok).toBe(false);
    expect(wrongSecret.detail).toMatch(/GOOGLE_CLIENT_ID or GOOGLE_CLIENT_SECRET is wrong/);
    expect((await check('other.apps.googleusercontent.com', 'x')).ok).toBe(false);
  });
});

describe('doctor: LinkedIn app', () => {
  const check = (clientId: string, clientSecret: string) =>
    checkLinkedInApp({
      wwwBaseUrl: urls.linkedin!,
      clientId,
      clientSecret,
      redirectUri: `${publicUrl}/oauth/callback/linkedin`,
      fetch,
    });

  it('accepts the right app and names a wrong secret or id', async () => {
    expect(await check(LINKEDIN_SANDBOX_APP.clientId, LINKEDIN_SANDBOX_APP.clientSecret)).toEqual({
      ok: true,
      detail: `app ${LINKEDIN_SANDBOX_APP.clientId} is accepted`,
    });
    const wrongSecret = await check(LINKEDIN_SANDBOX_APP.clientId, 'not-the-secret');
    expect(wrongSecret.ok).toBe(false);
    expect(wrongSecret.detail).toMatch(/LINKEDIN_CLIENT_ID or LINKEDIN_CLIENT_SECRET is wrong/);
    expect((await check('someone-elses-app', LINKEDIN_SANDBOX_APP.clientSecret)).ok).toBe(false);
  });
});

describe('doctor: Microsoft Advertising app', () => {
  it('accepts the right app and names a wrong secret or id', async () => {
    const check = (clientId: string, clientSecret: string) =>
      checkMicrosoftAdsApp({
        authBaseUrl: microsoftAdsSandboxBaseUrls(urls.microsoft_ads ?? '').auth,
        clientId,
        clientSecret,
        fetch,
      });
    const app = MICROSOFT_ADS_SANDBOX_APP;
    expect((await check(app.clientId, app.clientSecret)).ok).toBe(true);
    const wrongSecret = await check(app.clientId, 'not-the-secret');
    expect(wrongSecret.ok).toBe(false);
    expect(wrongSecret.detail).toMatch(/MICROSOFT_ADS_CLIENT_ID or MICROSOFT_ADS_CLIENT_SECRET/);
    expect((await check('another-app', 'x')).ok).toBe(false);
  });
});

describe('latchkey doctor in sandbox mode', () => {
  it('starts the sandboxes and reports that each answers', async () => {
    const lines: string[] = [];
    const code = await runDoctor({ LATCHKEY_DATA_DIR: dataDir, NODE_ENV: 'test' }, (line) =>
      lines.push(line),
    );
    for (const id of ['tiktok', 'meta', 'google', 'linkedin', 'microsoft_ads']) {
      expect(lines).toContainEqual(
        expect.stringMatching(new RegExp(`^ok   ${id} \\(sandbox mode\\): the sandbox answers`)),
      );
    }
    expect(code).toBe(0);
  });
});
