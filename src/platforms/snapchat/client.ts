/**
 * The Snapchat Marketing API over HTTP (contract §0): Bearer token, Snap's envelope read through
 * zod, Snap's error body turned into PlatformError by HTTP status, and `paging.next_link` followed
 * to the end of every list (only links on the API's own origin are followed).
 */
import { z } from 'zod';
import { PlatformError } from '../errors.ts';
import {
  buildUrl,
  parseRetryAfter,
  requestJson,
  type FetchLike,
  type HttpOptions,
  type HttpResponse,
} from '../http.ts';

export interface SnapClient {
  get<S extends z.ZodType>(
    token: string,
    path: string,
    plural: string,
    singular: string,
    item: S,
  ): Promise<z.output<S>[]>;
  getOne<S extends z.ZodType>(
    token: string,
    path: string,
    key: string,
    item: S,
  ): Promise<z.output<S>>;
  send<S extends z.ZodType>(
    method: 'POST' | 'DELETE',
    token: string,
    path: string,
    body: unknown,
    plural: string,
    singular: string,
    item: S,
  ): Promise<z.output<S>[]>;
}

/** Largest page Snap allows (contract §0 Paging). */
export const PAGE_LIMIT = 1000;
const MAX_PAGES = 100;

const errorBody = z
  .object({
    request_status: z.string().optional(),
    request_id: z.string().optional(),
    debug_message: z.string().optional(),
    display_message: z.string().optional(),
    error_code: z.string().optional(),
  })
  .passthrough();

/** Snap's error body, by HTTP status (the connector never branches on Snap's own codes: item 5). */
export function snapError(
  response: HttpResponse,
  options: Pick<HttpOptions, 'now' | 'defaultRetryAfterMs'>,
): PlatformError | undefined {
  const parsed = errorBody.safeParse(response.body);
  const body = parsed.success ? parsed.data : {};
  const failed = response.status >= 400 || body.request_status?.toUpperCase() === 'ERROR';
  if (!failed) return undefined;
  const code = body.error_code ?? `http_${response.status}`;
  const message =
    body.display_message ?? body.debug_message ?? `Snapchat answered HTTP ${response.status}`;
  const extra = body.request_id === undefined ? {} : { requestId: body.request_id };
  const retryAfterMs =
    parseRetryAfter(response.headers.get('retry-after'), options.now()) ??
    options.defaultRetryAfterMs;
  switch (true) {
    case response.status === 429:
      return new PlatformError('rate_limited', 'Snapchat is throttling requests', code, {
        ...extra,
        retryAfterMs,
      });
    case response.status >= 500:
      return new PlatformError('unavailable', message, code, { ...extra, retryAfterMs });
    case response.status === 401:
      return new PlatformError('auth', message, code, extra);
    case response.status === 403:
      return new PlatformError('permission', message, code, extra);
    case response.status === 404:
      return new PlatformError('not_found', message, code, extra);
    case response.status === 409:
      return new PlatformError('conflict', message, code, extra);
    case response.status === 400:
      return new PlatformError('invalid', message, code, extra);
    default:
      return new PlatformError('unexpected', message, code, extra);
  }
}

const envelope = (plural: string, singular: string, item: z.ZodType) =>
  z.object({
    request_status: z.string().refine((s) => s.toUpperCase() === 'SUCCESS'),
    paging: z.object({ next_link: z.string().url().optional() }).optional(),
    [plural]: z
      .array(z.object({ sub_request_status: z.string().optional(), [singular]: item }))
      .default([]),
  });

export function createSnapClient(config: {
  apiBaseUrl: string;
  fetch: FetchLike;
  now: () => Date;
  timeoutMs: number;
  defaultRetryAfterMs: number;
}): SnapClient {
  const options: HttpOptions = {
    fetch: config.fetch,
    now: config.now,
    timeoutMs: config.timeoutMs,
    defaultRetryAfterMs: config.defaultRetryAfterMs,
  };
  const origin = new URL(config.apiBaseUrl).origin;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const platformError = (r: HttpResponse) => snapError(r, options);
  const unwrap = (body: Record<string, unknown>, plural: string, singular: string) =>
    (body[plural] as Record<string, unknown>[]).map((entry) => entry[singular]);

  return {
    async get(token, path, plural, singular, item) {
      const out: unknown[] = [];
      let url: URL | undefined = buildUrl(config.apiBaseUrl, path, { limit: PAGE_LIMIT });
      for (let page = 0; url !== undefined; page++) {
        if (page >= MAX_PAGES)
          throw new PlatformError('unexpected', `Too many pages from ${path}`, 'too_many_pages');
        const body = (await requestJson(options, {
          method: 'GET',
          url,
          headers: auth(token),
          schema: envelope(plural, singular, item),
          platformError,
        })) as Record<string, unknown> & { paging?: { next_link?: string } };
        out.push(...unwrap(body, plural, singular));
        const next = body.paging?.next_link;
        url = next === undefined ? undefined : new URL(next);
        if (url !== undefined && url.origin !== origin)
          throw new PlatformError(
            'unexpected',
            'Snapchat paging link leaves the API origin',
            'bad_next_link',
          );
      }
      return out as z.output<typeof item>[];
    },
    async getOne(token, path, key, item) {
      const body = await requestJson(options, {
        method: 'GET',
        url: buildUrl(config.apiBaseUrl, path),
        headers: auth(token),
        schema: z.object({ [key]: item }),
        platformError,
      });
      return (body as Record<string, unknown>)[key] as z.output<typeof item>;
    },
    async send(method, token, path, body, plural, singular, item) {
      const url = buildUrl(config.apiBaseUrl, path);
      const answer =
        method === 'POST'
          ? await requestJson(options, {
              method: 'POST',
              url,
              headers: auth(token),
              body,
              schema: envelope(plural, singular, item),
              platformError,
            })
          : await deleteJson(
              options,
              url,
              auth(token),
              envelope(plural, singular, item),
              platformError,
            );
      return unwrap(answer, plural, singular) as z.output<typeof item>[];
    },
  };
}

/** http.ts sends GET and POST only; a DELETE goes through the same error reading here. */
async function deleteJson<S extends z.ZodType>(
  options: HttpOptions,
  url: URL,
  headers: Record<string, string>,
  schema: S,
  platformError: (r: HttpResponse) => PlatformError | undefined,
): Promise<z.output<S>> {
  let response: Response;
  let text: string;
  try {
    response = await options.fetch(url, {
      method: 'DELETE',
      headers: { accept: 'application/json', ...headers },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new PlatformError(
      'unavailable',
      timedOut ? `No answer from ${url.host}` : `Could not reach ${url.host}`,
      timedOut ? 'timeout' : 'network',
    );
  }
  let body: unknown;
  try {
    body = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  const error = platformError({ status: response.status, headers: response.headers, body });
  if (error) throw error;
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new PlatformError(
      'unexpected',
      `Unexpected response from ${url.pathname}`,
      'bad_response',
    );
  return parsed.data;
}
