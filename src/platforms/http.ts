/**
 * The one HTTP helper connectors share: JSON GET/POST with a timeout, query encoding, zod-parsed
 * bodies, and transport failures turned into PlatformError. What a platform's own error body
 * means stays in the connector (`platformError`), so each provider reads top to bottom.
 */
import type { z } from 'zod';
import { PlatformError } from './errors.ts';

export type FetchLike = (input: URL, init: RequestInit) => Promise<Response>;

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON, or undefined when the body was empty or not JSON. */
  readonly body: unknown;
}

export interface JsonRequest<S extends z.ZodType> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: URL;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as a JSON body (Pinterest's PATCH and DELETE carry one too). */
  readonly body?: unknown;
  readonly schema: S;
  /** The platform's reading of an error body; undefined when the response is not an error. */
  readonly platformError: (response: HttpResponse) => PlatformError | undefined;
}

export interface HttpOptions {
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly now: () => Date;
  /** Used for a 429/503 without a Retry-After header. */
  readonly defaultRetryAfterMs: number;
}

/** Default per-call timeout: long enough for a slow platform, short enough for a job's lease. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Joins a base URL and a relative path, and encodes the query: objects and arrays as one JSON
 * value (TikTok's `filtering`), undefined values left out.
 */
export function buildUrl(base: string, path: string, query: Record<string, unknown> = {}): URL {
  const url = new URL(`${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const text =
      typeof value === 'string'
        ? value
        : typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : JSON.stringify(value);
    url.searchParams.set(key, text);
  }
  return url;
}

/** Sends one JSON request and returns the zod-parsed body, or throws a PlatformError. */
export async function requestJson<S extends z.ZodType>(
  options: HttpOptions,
  request: JsonRequest<S>,
): Promise<z.output<S>> {
  const response = await send(options, request);
  const platformError = request.platformError(response);
  if (platformError) throw platformError;
  if (response.status < 200 || response.status > 299) throw statusError(options, response);
  return parseWith(request.schema, response.body, request.url.pathname);
}

/** Parses a value with a zod schema, or throws PlatformError `unexpected` naming the bad field. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid';
  throw new PlatformError(
    'unexpected',
    `Unexpected response from ${what} (${where})`,
    'bad_response',
  );
}

/** Milliseconds to wait from a Retry-After header (seconds or an HTTP date), if one is usable. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

async function send(options: HttpOptions, request: JsonRequest<z.ZodType>): Promise<HttpResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  const init: RequestInit = {
    method: request.method,
    headers,
    signal: AbortSignal.timeout(options.timeoutMs),
  };
  if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(request.body);
  }
  let response: Response;
  let text: string;
  try {
    response = await options.fetch(request.url, init);
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new PlatformError(
      'unavailable',
      timedOut
        ? `No answer from ${request.url.host} within ${options.timeoutMs} ms`
        : `Could not reach ${request.url.host}`,
      timedOut ? 'timeout' : 'network',
    );
  }
  return { status: response.status, headers: response.headers, body: parseJson(text) };
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function statusError(options: HttpOptions, response: HttpResponse): PlatformError {
  const status = response.status;
  const code = `http_${status}`;
  const retryAfterMs =
    parseRetryAfter(response.headers.get('retry-after'), options.now()) ??
    options.defaultRetryAfterMs;
  if (status === 429) {
    return new PlatformError('rate_limited', 'The platform is throttling requests', code, {
      retryAfterMs,
    });
  }
  if (status >= 500) {
    return new PlatformError('unavailable', `The platform answered HTTP ${status}`, code, {
      retryAfterMs,
    });
  }
  if (status === 401) return new PlatformError('auth', 'The platform refused the token', code);
  if (status === 403) return new PlatformError('permission', 'The platform refused access', code);
  if (status === 404) return new PlatformError('not_found', 'Not found on the platform', code);
  return new PlatformError('unexpected', `The platform answered HTTP ${status}`, code);
}

/**
 * An HTTP Basic `Authorization` value for OAuth client authentication (RFC 6749 §2.3.1): the id
 * and the secret are each form-urlencoded before base64, so a `:` or `%` in a secret survives.
 */
export function clientSecretBasic(clientId: string, clientSecret: string): string {
  const encode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString('base64')}`;
}
