/**
 * TikTok's transport (tiktok-api.md §0): `Access-Token` header, GET parameters in the query with
 * `filtering` JSON-encoded, JSON POST bodies, and the `{code, message, request_id, data}` envelope
 * where any code but 0 is an error, whatever the HTTP status.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { singleflight } from '../../lib/singleflight.ts';
import type { PlatformError } from '../errors.ts';
import { buildUrl, parseWith, requestJson, type FetchLike, type HttpResponse } from '../http.ts';
import { toPlatformError } from './errors.ts';

export interface TikTokClient {
  /** GET or POST one open_api path (relative to the API base URL); returns the parsed `data`. */
  call<S extends z.ZodType>(request: TikTokCall<S>): Promise<z.output<S>>;
}

export interface TikTokCall<S extends z.ZodType> {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** Sent as the `Access-Token` header, never in a URL (SECURITY-RELIABILITY.md S7). */
  readonly token?: string;
  readonly query?: Record<string, unknown>;
  readonly body?: Record<string, unknown>;
  readonly data: S;
  /**
   * GET only: may share an identical call already in flight (singleflight). Only for reads that
   * need not see a write the caller made just before: a shared call may have left before it.
   */
  readonly shareInFlight?: boolean;
}

export interface TikTokClientOptions {
  readonly apiBaseUrl: string;
  readonly fetch: FetchLike;
  readonly now: () => Date;
  readonly timeoutMs: number;
  readonly defaultRetryAfterMs: number;
}

const EnvelopeSchema = z.object({
  code: z.number(),
  message: z.string().default(''),
  request_id: z.string().optional(),
  data: z.unknown(),
});

/**
 * Creates the transport the typed endpoint functions in api.ts share. A GET marked
 * `shareInFlight` joins an identical call (same URL, same token) already in flight instead of
 * making its own (singleflight): the grants of one approval all read the agency's BC before
 * sharing, and 20 reads become one, which also spares TikTok's rate limit. Writes, and reads
 * that must see the caller's own write, are never merged.
 */
export function createTikTokClient(options: TikTokClientOptions): TikTokClient {
  const http = {
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    now: options.now,
    defaultRetryAfterMs: options.defaultRetryAfterMs,
  };
  const shared = singleflight();
  const send = async <S extends z.ZodType>(request: TikTokCall<S>): Promise<z.output<S>> => {
    const envelope = await requestJson(http, {
      method: request.method,
      url: buildUrl(options.apiBaseUrl, request.path, request.query),
      headers: request.token === undefined ? {} : { 'Access-Token': request.token },
      ...(request.body === undefined ? {} : { body: request.body }),
      schema: EnvelopeSchema,
      platformError: (response) => envelopeError(response, options.defaultRetryAfterMs),
    });
    return parseWith(request.data, envelope.data, request.path);
  };
  return {
    call(request) {
      if (request.method !== 'GET' || request.shareInFlight !== true) return send(request);
      // One path has one data schema, so callers sharing a GET share its parsed data too.
      const url = buildUrl(options.apiBaseUrl, request.path, request.query);
      return shared(`${url.href} ${tokenDigest(request.token)}`, () => send(request));
    },
  };
}

/** The token's part of a key (singleflight, recent reads): a digest, so no token sits in a map. */
export function tokenDigest(token: string | undefined): string {
  return token === undefined ? '-' : createHash('sha256').update(token).digest('base64url');
}

/** TikTok's error, read from the envelope when the body carries one with a non-zero code. */
function envelopeError(response: HttpResponse, retryAfterMs: number): PlatformError | undefined {
  const parsed = EnvelopeSchema.safeParse(response.body);
  if (!parsed.success || parsed.data.code === 0) return undefined;
  return toPlatformError({
    code: parsed.data.code,
    message: parsed.data.message,
    requestId: parsed.data.request_id ?? response.headers.get('x-tt-logid') ?? undefined,
    retryAfterMs,
  });
}

export const PageInfoSchema = z.object({
  page: z.number().optional(),
  page_size: z.number().optional(),
  total_number: z.number().optional(),
  total_page: z.number().optional(),
});

/** A `data` with `list` and `page_info` (tiktok-api.md §0 Pagination). */
export function pagedData<T extends z.ZodType>(
  item: T,
): z.ZodObject<{ list: z.ZodArray<T>; page_info: z.ZodOptional<typeof PageInfoSchema> }> {
  return z.object({ list: z.array(item), page_info: PageInfoSchema.optional() });
}

/** Upper bound on pages read from one list, so a misbehaving server cannot loop us forever. */
const MAX_PAGES = 200;

/** Runs one page's read again on a transient error (the lifecycle's retry); a list is not re-read. */
export type PageRetry = <T>(read: () => Promise<T>) => Promise<T>;

type Page<T> = { list: T[]; page_info?: z.output<typeof PageInfoSchema> | undefined };

/**
 * Reads every page of a list endpoint: page 1 first (it says how many there are), then the rest
 * side by side, in order in the result. A list of 20 pages costs two round trips instead of 20
 * (the rate limiter still paces the calls). `retry` wraps each page's read on its own, so one
 * transient error re-reads that page, not the whole list (issue #16: a sweep over 1,000 grants).
 *
 * A caller that knows how many pages to expect (`expectedPages`: a read-back after shares it
 * counted) reads those pages side by side from the start, one round trip instead of two, and then
 * any pages page 1 says exist beyond them. Pages read past the end are dropped (a wrong guess
 * costs calls, never items).
 */
export async function collectPages<T>(
  fetchPage: (page: number) => Promise<Page<T>>,
  options: { retry?: PageRetry; expectedPages?: number } = {},
): Promise<T[]> {
  const read = (page: number) =>
    options.retry ? options.retry(() => fetchPage(page)) : fetchPage(page);
  const guess = Math.min(Math.max(1, Math.floor(options.expectedPages ?? 1)), MAX_PAGES);
  const pages = await Promise.all(Array.from({ length: guess }, (_, i) => read(i + 1)));
  const first = pages[0] as Page<T>;
  const total = Math.min(first.page_info?.total_page ?? 1, MAX_PAGES);
  if (first.list.length === 0) return [];
  if (total > guess) {
    const rest = Array.from({ length: total - guess }, (_, i) => read(guess + i + 1));
    pages.push(...(await Promise.all(rest)));
  }
  return pages.slice(0, Math.max(1, total)).flatMap((data) => data.list);
}
