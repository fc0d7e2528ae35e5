/** pino, with every field that could carry a secret redacted wherever it appears. */
import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';

export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["access-token"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.authorization',
  '*.cookie',
  '*.password',
  '*.accessToken',
  '*.refreshToken',
  '*.access_token',
  '*.refresh_token',
  '*.clientSecret',
  '*.client_secret',
  '*.secret',
  '*.code',
  '*.state',
  '*.token',
  '*.linkToken',
];

export type { Logger };

/**
 * Where the process logs: human-readable lines (pino-pretty, loaded only then) when standard
 * output is a terminal, JSON lines otherwise (a file, a pipe, a log collector).
 */
export async function logDestination(
  output: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
): Promise<pino.DestinationStream | undefined> {
  if (!output.isTTY) return undefined;
  // pino-pretty is CommonJS: required, not imported, so the bundled command (bin/bundle-loader.js)
  // makes no dynamic import, which Node 20 still calls experimental inside a vm script.
  const pretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
  return pretty({
    destination: output,
    colorize: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
    sync: true,
  });
}

/** Creates the process logger; `destination` lets tests capture every line. */
export function createLogger(
  options: { level?: string; destination?: pino.DestinationStream } = {},
): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: redactedPaths, censor: '[redacted]' },
      serializers: { req: requestSerializer },
    },
    options.destination,
  );
}

interface SerializableRequest {
  method?: string;
  url?: string;
  id?: string;
}

/** Logs the path only: query strings and link tokens in paths never reach a log line. */
function requestSerializer(req: SerializableRequest): Record<string, unknown> {
  return { id: req.id, method: req.method, url: redactUrl(req.url ?? '') };
}

/** Drops the query string and masks the secret part of link paths (`/l/<id>.<secret>`). */
export function redactUrl(url: string): string {
  const pathOnly = url.split('?')[0] ?? '';
  return pathOnly.replace(/\/(l|link|onboarding)\/([^/]+)/g, '/$1/[redacted]');
}
