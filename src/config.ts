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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TIKTOK_APP_ID: z.string().min(1).optional(),
  TIKTOK_APP_SECRET: z.string().min(1).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL (smtp://user:pass@host:port)')
    .optional(),
  EMAIL_FROM: z.string().min(3).default('Latchkey <latchkey@localhost>'),
  REMINDER_FIRST_AFTER_HOURS: z.coerce.number().positive().default(48),
  REMINDER_EVERY_HOURS: z.coerce.number().positive().default(72),
  REMINDER_MAX: z.coerce.number().int().min(0).max(20).default(3),
});

export type RawConfig = z.infer<typeof ConfigSchema>;

export interface Config {
  readonly env: RawConfig['NODE_ENV'];
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly secretKeys: string | undefined;
  readonly logLevel: RawConfig['LOG_LEVEL'];
  readonly tiktok: { readonly appId: string; readonly appSecret: string } | undefined;
  readonly email: { readonly smtpUrl: string | undefined; readonly from: string };
  readonly reminders: {
    readonly firstAfterHours: number;
    readonly everyHours: number;
    readonly max: number;
  };
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
  if (Boolean(raw.TIKTOK_APP_ID) !== Boolean(raw.TIKTOK_APP_SECRET)) {
    throw new ConfigError(
      'Invalid configuration:\n  TIKTOK_APP_SECRET: TIKTOK_APP_ID and TIKTOK_APP_SECRET are set together or not at all',
    );
  }
  const publicUrl = (raw.PUBLIC_URL ?? `http://${displayHost(raw.HOST)}:${raw.PORT}`).replace(
    /\/$/,
    '',
  );
  return {
    env: raw.NODE_ENV,
    port: raw.PORT,
    host: raw.HOST,
    publicUrl,
    dataDir: path.resolve(raw.LATCHKEY_DATA_DIR),
    databaseUrl: raw.DATABASE_URL,
    secretKeys: raw.LATCHKEY_SECRET_KEYS,
    logLevel: raw.LOG_LEVEL,
    tiktok:
      raw.TIKTOK_APP_ID && raw.TIKTOK_APP_SECRET
        ? { appId: raw.TIKTOK_APP_ID, appSecret: raw.TIKTOK_APP_SECRET }
        : undefined,
    email: { smtpUrl: raw.SMTP_URL, from: raw.EMAIL_FROM },
    reminders: {
      firstAfterHours: raw.REMINDER_FIRST_AFTER_HOURS,
      everyHours: raw.REMINDER_EVERY_HOURS,
      max: raw.REMINDER_MAX,
    },
  };
}

function displayHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? 'localhost' : host;
}
