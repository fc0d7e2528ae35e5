/**
 * `latchkey doctor`: checks configuration, the keyring, the database and each platform's app
 * credentials (or, in sandbox mode, that the sandboxes answer), and says what is wrong.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../config.ts';
import { GOOGLE_OAUTH_URLS } from '../platforms/google/oauth.ts';
import { LINKEDIN_BASE_URLS, linkedinSandboxBaseUrls } from '../platforms/linkedin/connector.ts';
import { META_BASE_URLS, metaSandboxBaseUrls } from '../platforms/meta/connector.ts';
import { SNAPCHAT_BASE_URLS, snapchatSandboxBaseUrls } from '../platforms/snapchat/connector.ts';
import { X_ADS_BASE_URLS, xAdsSandboxBaseUrls } from '../platforms/x-ads/connector.ts';
import { sandboxBaseUrls, TIKTOK_BASE_URLS } from '../platforms/tiktok/connector.ts';
import { PINTEREST_BASE_URLS, pinterestSandboxBaseUrls } from '../platforms/pinterest/connector.ts';
import {
  MICROSOFT_ADS_BASE_URLS,
  microsoftAdsSandboxBaseUrls,
} from '../platforms/microsoft-ads/connector.ts';
import { openDatabase } from '../store/database.ts';
import { loadMigrations } from '../store/migrate.ts';
import { parseKeyring } from '../store/secrets.ts';
import {
  checkGoogleClient,
  checkLinkedInApp,
  checkMicrosoftAdsApp,
  checkMetaApp,
  checkPinterestApp,
  checkSnapchatApp,
  checkXAdsApp,
  checkTikTokApp,
  type CredentialCheck,
} from './doctor-platforms.ts';
import {
  GOOGLE_SANDBOX_APP,
  LINKEDIN_SANDBOX_APP,
  META_SANDBOX_APP,
  MICROSOFT_ADS_SANDBOX_APP,
  PINTEREST_SANDBOX_APP,
  SANDBOX_APP,
  SNAPCHAT_SANDBOX_APP,
  X_ADS_SANDBOX_APP,
} from './platform-runtime.ts';
import { createSandboxSites } from './sandbox-sites.ts';

type Report = (ok: boolean, label: string, detail: string) => void;

/** Prints one line per check; returns 0 when every check passes. */
export async function runDoctor(
  env: Record<string, string | undefined>,
  print: (line: string) => void = console.log,
): Promise<number> {
  let failures = 0;
  const report: Report = (ok, label, detail) => {
    if (!ok) failures += 1;
    print(`${ok ? 'ok  ' : 'FAIL'} ${label}: ${detail}`);
  };
  let config;
  try {
    config = loadConfig(env);
    report(true, 'configuration', `public URL ${config.publicUrl}`);
  } catch (error) {
    report(false, 'configuration', (error as Error).message);
    return 1;
  }
  if (config.secretKeys) {
    try {
      const keyring = parseKeyring(config.secretKeys);
      report(
        true,
        'secret keys',
        `${keyring.keyIds.length} key(s), newest "${keyring.newestKeyId}"`,
      );
    } catch (error) {
      report(false, 'secret keys', (error as Error).message);
    }
  } else {
    report(
      config.env !== 'production',
      'secret keys',
      'not set: a development key in the data folder is used',
    );
  }
  await reportDatabase(config, report);
  await reportPlatforms(config, report);
  return failures ? 1 : 0;
}

async function reportDatabase(config: Config, report: Report): Promise<void> {
  if (!config.databaseUrl) {
    report(true, 'database', `embedded PGlite in ${config.dataDir} (not opened: it may be in use)`);
    return;
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1 });
  try {
    const reachable = await database.ping(5_000);
    report(reachable, 'database', reachable ? 'PostgreSQL answers' : 'PostgreSQL does not answer');
    if (reachable) {
      const known = (await loadMigrations()).map((m) => m.name);
      const applied = await database.db
        .selectFrom('schema_migrations')
        .select('name')
        .execute()
        .then((rows) => new Set(rows.map((row) => row.name)))
        .catch(() => new Set<string>());
      const pending = known.filter((name) => !applied.has(name));
      report(
        true,
        'migrations',
        pending.length ? `${pending.length} pending (applied at start)` : 'up to date',
      );
    }
  } finally {
    await database.close();
  }
}

/**
 * One harmless call per platform app. A platform without credentials runs its sandbox: the
 * sandboxes are started here (on a temporary folder, any free port) and checked the same way
 * with their own apps, so a broken sandbox shows here too.
 */
async function reportPlatforms(config: Config, report: Report): Promise<void> {
  const sandboxed =
    !config.tiktok ||
    !config.meta ||
    !config.google ||
    !config.linkedin ||
    !config.pinterest ||
    !config.microsoftAds ||
    !config.snapchat ||
    !config.xAds;
  const dataDir = sandboxed ? await mkdtemp(path.join(tmpdir(), 'latchkey-doctor-')) : undefined;
  const sites = dataDir ? startDoctorSandboxes(config, dataDir) : undefined;
  try {
    await sites?.start();
    const urls = sites?.urls() ?? {};
    const label = (id: string, real: boolean) => (real ? id : `${id} (sandbox mode)`);
    const show = (id: string, real: boolean, check: CredentialCheck) =>
      report(
        check.ok,
        label(id, real),
        real ? check.detail : `the sandbox answers: ${check.detail}`,
      );
    show(
      'tiktok',
      config.tiktok !== undefined,
      await checkTikTokApp({
        apiBaseUrl: config.tiktok ? TIKTOK_BASE_URLS.api : sandboxBaseUrls(urls.tiktok ?? '').api,
        appId: config.tiktok?.appId ?? SANDBOX_APP.appId,
        appSecret: config.tiktok?.appSecret ?? SANDBOX_APP.secret,
        fetch,
      }),
    );
    show(
      'meta',
      config.meta !== undefined,
      await checkMetaApp({
        graphBaseUrl: config.meta
          ? META_BASE_URLS.graph
          : metaSandboxBaseUrls(urls.meta ?? '').graph,
        version: config.metaGraphVersion,
        appId: config.meta?.appId ?? META_SANDBOX_APP.appId,
        appSecret: config.meta?.appSecret ?? META_SANDBOX_APP.secret,
        redirectUri: `${config.publicUrl}/oauth/callback/meta`,
        fetch,
      }),
    );
    show(
      'google',
      config.google !== undefined,
      await checkGoogleClient({
        oauth2BaseUrl: config.google ? GOOGLE_OAUTH_URLS.oauth2 : (urls.google ?? ''),
        clientId: config.google?.clientId ?? GOOGLE_SANDBOX_APP.clientId,
        clientSecret: config.google?.clientSecret ?? GOOGLE_SANDBOX_APP.clientSecret,
        fetch,
      }),
    );
    show(
      'linkedin',
      config.linkedin !== undefined,
      await checkLinkedInApp({
        wwwBaseUrl: config.linkedin
          ? LINKEDIN_BASE_URLS.www
          : linkedinSandboxBaseUrls(urls.linkedin ?? '').www,
        clientId: config.linkedin?.clientId ?? LINKEDIN_SANDBOX_APP.clientId,
        clientSecret: config.linkedin?.clientSecret ?? LINKEDIN_SANDBOX_APP.clientSecret,
        redirectUri: `${config.publicUrl}/oauth/callback/linkedin`,
        fetch,
      }),
    );
    show(
      'pinterest',
      config.pinterest !== undefined,
      await checkPinterestApp({
        apiBaseUrl: config.pinterest
          ? PINTEREST_BASE_URLS.api
          : pinterestSandboxBaseUrls(urls.pinterest ?? '').api,
        clientId: config.pinterest?.appId ?? PINTEREST_SANDBOX_APP.clientId,
        clientSecret: config.pinterest?.appSecret ?? PINTEREST_SANDBOX_APP.clientSecret,
        fetch,
      }),
    );
    show(
      'microsoft_ads',
      config.microsoftAds !== undefined,
      await checkMicrosoftAdsApp({
        authBaseUrl: config.microsoftAds
          ? MICROSOFT_ADS_BASE_URLS.auth
          : microsoftAdsSandboxBaseUrls(urls.microsoft_ads ?? '').auth,
        clientId: config.microsoftAds?.clientId ?? MICROSOFT_ADS_SANDBOX_APP.clientId,
        clientSecret: config.microsoftAds?.clientSecret ?? MICROSOFT_ADS_SANDBOX_APP.clientSecret,
        fetch,
      }),
    );
    show(
      'snapchat',
      config.snapchat !== undefined,
      await checkSnapchatApp({
        authBaseUrl: config.snapchat
          ? SNAPCHAT_BASE_URLS.auth
          : snapchatSandboxBaseUrls(urls.snapchat ?? '').auth,
        clientId: config.snapchat?.clientId ?? SNAPCHAT_SANDBOX_APP.clientId,
        clientSecret: config.snapchat?.clientSecret ?? SNAPCHAT_SANDBOX_APP.clientSecret,
        fetch,
      }),
    );
    show(
      'x_ads',
      config.xAds !== undefined,
      await checkXAdsApp({
        authBaseUrl: config.xAds
          ? X_ADS_BASE_URLS.auth
          : xAdsSandboxBaseUrls(urls.x_ads ?? '').auth,
        consumerKey: config.xAds?.consumerKey ?? X_ADS_SANDBOX_APP.consumerKey,
        consumerSecret: config.xAds?.consumerSecret ?? X_ADS_SANDBOX_APP.consumerSecret,
        callback: `${config.publicUrl}/oauth/callback/x_ads`,
        fetch,
      }),
    );
  } finally {
    await sites?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

/** The sandboxes of the platforms without credentials, on their own folder and free ports. */
function startDoctorSandboxes(config: Config, dataDir: string) {
  const callback = (id: string) => [`${config.publicUrl}/oauth/callback/${id}`];
  return createSandboxSites(
    {
      ...config,
      dataDir,
      host: '127.0.0.1',
      sandboxHost: '127.0.0.1',
      tiktokSandboxPort: 0,
      metaSandboxPort: 0,
      googleSandboxPort: 0,
      linkedinSandboxPort: 0,
      pinterestSandboxPort: 0,
      microsoftAdsSandboxPort: 0,
      snapchatSandboxPort: 0,
      xAdsSandboxPort: 0,
      sandboxControl: { enabled: false, token: undefined },
    },
    {
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
    },
  );
}
