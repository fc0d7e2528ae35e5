/**
 * Configuration: the environment is read once, here, and validated with zod. A bad value stops
 * start-up with a message naming the variable. Nothing else in src/ reads process.env.
 */
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  LATCHKEY_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  LATCHKEY_SECRET_KEYS: z.string().min(1).optional(),
  LATCHKEY_METRICS: z.enum(['on', 'off']).default('off'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TIKTOK_APP_ID: z.string().min(1).optional(),
  TIKTOK_APP_SECRET: z.string().min(1).optional(),
  META_APP_ID: z.string().min(1).optional(),
  META_APP_SECRET: z.string().min(1).optional(),
  SNAPCHAT_CLIENT_ID: z.string().min(1).optional(),
  SNAPCHAT_CLIENT_SECRET: z.string().min(1).optional(),
  X_ADS_CONSUMER_KEY: z.string().min(1).optional(),
  X_ADS_CONSUMER_SECRET: z.string().min(1).optional(),
  META_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'must look like v25.0')
    .default('v25.0'),
  GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  GOOGLE_ADS_DEVELOPER_TOKEN: z.string().min(1).optional(),
  GOOGLE_SANDBOX_PORT: port.default(0),
  MICROSOFT_ADS_CLIENT_ID: z.string().min(1).optional(),
  MICROSOFT_ADS_CLIENT_SECRET: z.string().min(1).optional(),
  MICROSOFT_ADS_DEVELOPER_TOKEN: z.string().min(1).optional(),
  MICROSOFT_ADS_SANDBOX_PORT: port.default(0),
  TIKTOK_SANDBOX_PORT: port.default(0),
  META_SANDBOX_PORT: port.default(0),
  LINKEDIN_CLIENT_ID: z.string().min(1).optional(),
  LINKEDIN_CLIENT_SECRET: z.string().min(1).optional(),
  LINKEDIN_API_VERSION: z
    .string()
    .regex(/^\d{6}$/, 'must look like 202601 (YYYYMM)')
    .default('202601'),
  LINKEDIN_SANDBOX_PORT: port.default(0),
  PINTEREST_APP_ID: z.string().min(1).optional(),
  PINTEREST_APP_SECRET: z.string().min(1).optional(),
  PINTEREST_SANDBOX_PORT: port.default(0),
  SNAPCHAT_SANDBOX_PORT: port.default(0),
  X_ADS_SANDBOX_PORT: port.default(0),
  LATCHKEY_SANDBOX_CONTROL: z.enum(['on', 'off']).default('off'),
  LATCHKEY_SANDBOX_CONTROL_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  SANDBOX_HOST: z
    .string()
    .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, 'must be a host name or an IP address')
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL (smtp://user:pass@host:port)')
    .optional(),
  EMAIL_FROM: z.string().min(3).default('Latchkey <latchkey@localhost>'),
  REMINDER_FIRST_AFTER_HOURS: z.coerce.number().positive().default(48),
  REMINDER_EVERY_HOURS: z.coerce.number().positive().default(72),
  REMINDER_MAX: z.coerce.number().int().min(0).max(20).default(3),
  VERIFY_INTERVAL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  ACCESS_END_REMINDER_DAYS: z.coerce.number().int().min(0).max(90).default(7),
});

export type RawConfig = z.infer<typeof ConfigSchema>;

export interface Config {
  readonly env: RawConfig['NODE_ENV'];
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  /**
   * True when PUBLIC_URL was set: it is used as written. Otherwise it is derived from HOST and
   * PORT, and the port actually bound (PORT=0 picks a free one) replaces PORT after listen.
   */
  readonly publicUrlConfigured: boolean;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly secretKeys: string | undefined;
  readonly logLevel: RawConfig['LOG_LEVEL'];
  /** Serve Prometheus metrics at /metrics (LATCHKEY_METRICS=on). */
  readonly metrics: boolean;
  /** Real platform credentials; `undefined` means that platform runs in sandbox mode. */
  readonly tiktok: { readonly appId: string; readonly appSecret: string } | undefined;
  readonly meta:
    | { readonly appId: string; readonly appSecret: string; readonly graphVersion: string }
    | undefined;
  readonly metaGraphVersion: string;
  readonly snapchat: { readonly clientId: string; readonly clientSecret: string } | undefined;
  /** The X app's OAuth 1.0a consumer credentials (an app approved for the Ads API). */
  readonly xAds: { readonly consumerKey: string; readonly consumerSecret: string } | undefined;
  readonly google:
    | { readonly clientId: string; readonly clientSecret: string; readonly developerToken: string }
    | undefined;
  /** Port of the Google sandbox's own listener in sandbox mode (0: any free port). */
  readonly googleSandboxPort: number;
  /** Ports of the TikTok and Meta sandboxes' own listeners in sandbox mode (0: any free port). */
  readonly tiktokSandboxPort: number;
  readonly metaSandboxPort: number;
  /** LinkedIn app credentials; `undefined` means LinkedIn runs in sandbox mode. */
  readonly linkedin: { readonly clientId: string; readonly clientSecret: string } | undefined;
  /** `LinkedIn-Version` sent on every versioned call (YYYYMM). */
  readonly linkedinApiVersion: string;
  /** Port of the LinkedIn sandbox's own listener in sandbox mode (0: any free port). */
  readonly linkedinSandboxPort: number;
  /** Real Pinterest app credentials; `undefined` means the Pinterest sandbox is used. */
  readonly pinterest: { readonly appId: string; readonly appSecret: string } | undefined;
  /** Port of the Pinterest sandbox's own listener in sandbox mode (0: any free port). */
  readonly pinterestSandboxPort: number;
  /** Microsoft Advertising credentials (undefined: sandbox mode) and its sandbox's port. */
  readonly microsoftAds?:
    | { readonly clientId: string; readonly clientSecret: string; readonly developerToken: string }
    | undefined;
  readonly microsoftAdsSandboxPort?: number;
  /** Port of the Snapchat sandbox's own listener in sandbox mode (0: any free port). */
  readonly snapchatSandboxPort: number;
  /** Port of the X sandbox's own listener in sandbox mode (0: any free port). */
  readonly xAdsSandboxPort: number;
  /**
   * The host name browsers and connectors reach the sandboxes at: another host than the public
   * URL's (cookies are per host, not per port), so a sandbox is another site (sandboxHostFor).
   */
  readonly sandboxHost: string;
  /**
   * The sandboxes' control API (tests and demos): closed unless `enabled`; then every call needs
   * the token (this one, else one generated into the data folder).
   */
  readonly sandboxControl: { readonly enabled: boolean; readonly token: string | undefined };
  readonly email: { readonly smtpUrl: string | undefined; readonly from: string };
  readonly reminders: {
    readonly firstAfterHours: number;
    readonly everyHours: number;
    readonly max: number;
  };
  /** Access lifecycle: how often granted assets are verified, and when end-date reminders go. */
  readonly lifecycle: { readonly verifyIntervalHours: number; readonly endReminderDays: number };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses an environment (process.env by default) into a Config, or throws a ConfigError. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const raw = parsed.data;
  requireTogether(raw, ['TIKTOK_APP_ID', 'TIKTOK_APP_SECRET']);
  requireTogether(raw, ['META_APP_ID', 'META_APP_SECRET']);
  requireTogether(raw, ['LINKEDIN_CLIENT_ID', 'LINKEDIN_CLIENT_SECRET']);
  requireTogether(raw, ['PINTEREST_APP_ID', 'PINTEREST_APP_SECRET']);
  requireTogether(raw, ['SNAPCHAT_CLIENT_ID', 'SNAPCHAT_CLIENT_SECRET']);
  requireTogether(raw, ['X_ADS_CONSUMER_KEY', 'X_ADS_CONSUMER_SECRET']);
  requireTogether(raw, ['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET', 'GOOGLE_ADS_DEVELOPER_TOKEN']);
  requireTogether(raw, [
    'MICROSOFT_ADS_CLIENT_ID',
    'MICROSOFT_ADS_CLIENT_SECRET',
    'MICROSOFT_ADS_DEVELOPER_TOKEN',
  ]);
  const publicUrl = (raw.PUBLIC_URL ?? `http://${displayHost(raw.HOST)}:${raw.PORT}`).replace(
    /\/$/,
    '',
  );
  return {
    env: raw.NODE_ENV,
    port: raw.PORT,
    host: raw.HOST,
    publicUrl,
    publicUrlConfigured: raw.PUBLIC_URL !== undefined,
    dataDir: path.resolve(raw.LATCHKEY_DATA_DIR),
    databaseUrl: raw.DATABASE_URL,
    secretKeys: raw.LATCHKEY_SECRET_KEYS,
    logLevel: raw.LOG_LEVEL,
    metrics: raw.LATCHKEY_METRICS === 'on',
    tiktok:
      raw.TIKTOK_APP_ID && raw.TIKTOK_APP_SECRET
        ? { appId: raw.TIKTOK_APP_ID, appSecret: raw.TIKTOK_APP_SECRET }
        : undefined,
    meta:
      raw.META_APP_ID && raw.META_APP_SECRET
        ? {
            appId: raw.META_APP_ID,
            appSecret: raw.META_APP_SECRET,
            graphVersion: raw.META_GRAPH_VERSION,
          }
        : undefined,
    metaGraphVersion: raw.META_GRAPH_VERSION,
    snapchat:
      raw.SNAPCHAT_CLIENT_ID && raw.SNAPCHAT_CLIENT_SECRET
        ? { clientId: raw.SNAPCHAT_CLIENT_ID, clientSecret: raw.SNAPCHAT_CLIENT_SECRET }
        : undefined,
    xAds:
      raw.X_ADS_CONSUMER_KEY && raw.X_ADS_CONSUMER_SECRET
        ? { consumerKey: raw.X_ADS_CONSUMER_KEY, consumerSecret: raw.X_ADS_CONSUMER_SECRET }
        : undefined,
    google:
      raw.GOOGLE_CLIENT_ID && raw.GOOGLE_CLIENT_SECRET && raw.GOOGLE_ADS_DEVELOPER_TOKEN
        ? {
            clientId: raw.GOOGLE_CLIENT_ID,
            clientSecret: raw.GOOGLE_CLIENT_SECRET,
            developerToken: raw.GOOGLE_ADS_DEVELOPER_TOKEN,
          }
        : undefined,
    googleSandboxPort: raw.GOOGLE_SANDBOX_PORT,
    tiktokSandboxPort: raw.TIKTOK_SANDBOX_PORT,
    metaSandboxPort: raw.META_SANDBOX_PORT,
    linkedin:
      raw.LINKEDIN_CLIENT_ID && raw.LINKEDIN_CLIENT_SECRET
        ? { clientId: raw.LINKEDIN_CLIENT_ID, clientSecret: raw.LINKEDIN_CLIENT_SECRET }
        : undefined,
    linkedinApiVersion: raw.LINKEDIN_API_VERSION,
    linkedinSandboxPort: raw.LINKEDIN_SANDBOX_PORT,
    pinterest:
      raw.PINTEREST_APP_ID && raw.PINTEREST_APP_SECRET
        ? { appId: raw.PINTEREST_APP_ID, appSecret: raw.PINTEREST_APP_SECRET }
        : undefined,
    pinterestSandboxPort: raw.PINTEREST_SANDBOX_PORT,
    microsoftAds:
      raw.MICROSOFT_ADS_CLIENT_ID &&
      raw.MICROSOFT_ADS_CLIENT_SECRET &&
      raw.MICROSOFT_ADS_DEVELOPER_TOKEN
        ? {
            clientId: raw.MICROSOFT_ADS_CLIENT_ID,
            clientSecret: raw.MICROSOFT_ADS_CLIENT_SECRET,
            developerToken: raw.MICROSOFT_ADS_DEVELOPER_TOKEN,
          }
        : undefined,
    microsoftAdsSandboxPort: raw.MICROSOFT_ADS_SANDBOX_PORT,
    snapchatSandboxPort: raw.SNAPCHAT_SANDBOX_PORT,
    xAdsSandboxPort: raw.X_ADS_SANDBOX_PORT,
    sandboxHost: raw.SANDBOX_HOST ?? sandboxHostFor(publicUrl),
    sandboxControl: {
      enabled: raw.LATCHKEY_SANDBOX_CONTROL === 'on',
      token: raw.LATCHKEY_SANDBOX_CONTROL_TOKEN,
    },
    email: { smtpUrl: raw.SMTP_URL, from: raw.EMAIL_FROM },
    reminders: {
      firstAfterHours: raw.REMINDER_FIRST_AFTER_HOURS,
      everyHours: raw.REMINDER_EVERY_HOURS,
      max: raw.REMINDER_MAX,
    },
    lifecycle: {
      verifyIntervalHours: raw.VERIFY_INTERVAL_HOURS,
      endReminderDays: raw.ACCESS_END_REMINDER_DAYS,
    },
  };
}

/** Credentials of one platform are set together or not at all; the message names the missing one. */
function requireTogether(raw: RawConfig, names: readonly (keyof RawConfig)[]): void {
  const missing = names.filter((name) => !raw[name]);
  if (missing.length === 0 || missing.length === names.length) return;
  const lines = missing.map(
    (name) => `  ${name}: ${names.join(', ')} are set together or not at all`,
  );
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/**
 * The sandboxes' default host name: the other name of the loopback host Latchkey's public URL
 * uses (`127.0.0.1` for `localhost`, `localhost` for `127.0.0.1` or `[::1]`), so that no cookie of
 * one is ever sent to the other; any other host is kept (set SANDBOX_HOST for a distinct one).
 */
export function sandboxHostFor(publicUrl: string): string {
  const host = new URL(publicUrl).hostname;
  if (host === 'localhost') return '127.0.0.1';
  if (host === '127.0.0.1' || host === '[::1]') return 'localhost';
  return host;
}

function displayHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? 'localhost' : host;
}
