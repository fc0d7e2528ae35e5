/**
 * Typed calls to Pinterest API v5 (https://developers.pinterest.com/docs/api/v5/): a Bearer token
 * in the header, JSON bodies (PATCH and DELETE carry one), zod-parsed answers, `bookmark` paging
 * (pinterest-api.md §5) and Pinterest's `{code, message}` errors mapped to PlatformError (§7).
 */
import { z } from 'zod';
import { PlatformError, type PlatformErrorKind } from '../errors.ts';
import {
  buildUrl,
  parseRetryAfter,
  requestJson,
  type FetchLike,
  type HttpResponse,
} from '../http.ts';

export interface PinterestClientOptions {
  /** https://api.pinterest.com/v5, or the sandbox's `<url>/v5`. */
  readonly apiBaseUrl: string;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly now: () => Date;
  readonly defaultRetryAfterMs: number;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

const ErrorSchema = z.object({ code: z.number(), message: z.string() });

const kindOf = (status: number): PlatformErrorKind =>
  status === 401
    ? 'auth'
    : status === 403
      ? 'permission'
      : status === 404
        ? 'not_found'
        : status === 409
          ? 'conflict'
          : status === 429
            ? 'rate_limited'
            : status >= 500
              ? 'unavailable'
              : 'invalid';

/** Pinterest's error body (or the status alone) as a PlatformError; undefined on a 2xx. */
export function pinterestError(response: HttpResponse, now: Date, defaultRetryAfterMs: number) {
  if (response.status >= 200 && response.status < 300) return undefined;
  const body = ErrorSchema.safeParse(response.body);
  const kind = kindOf(response.status);
  const retryAfterMs =
    kind === 'rate_limited' || kind === 'unavailable'
      ? (parseRetryAfter(response.headers.get('retry-after'), now) ?? defaultRetryAfterMs)
      : undefined;
  return new PlatformError(
    kind,
    body.success ? body.data.message : `Pinterest answered HTTP ${response.status}`,
    body.success ? String(body.data.code) : `http_${response.status}`,
    retryAfterMs === undefined ? {} : { retryAfterMs },
  );
}

export type PinterestClient = ReturnType<typeof createPinterestClient>;

/** Creates the client; every call names its token explicitly (client's or agency's). */
export function createPinterestClient(options: PinterestClientOptions) {
  const call = <S extends z.ZodType>(
    method: Method,
    path: string,
    token: string,
    input: { query?: Record<string, unknown>; body?: unknown },
    schema: S,
  ): Promise<z.output<S>> =>
    requestJson(options, {
      method,
      url: buildUrl(options.apiBaseUrl, path, input.query ?? {}),
      headers: { authorization: `Bearer ${token}` },
      ...(input.body === undefined ? {} : { body: input.body }),
      schema,
      platformError: (response) =>
        pinterestError(response, options.now(), options.defaultRetryAfterMs),
    });
  return {
    call,
    /** Every item of a bookmark-paged list (page_size 250, the largest [SPEC] allows). */
    async getAll<S extends z.ZodType>(
      path: string,
      token: string,
      query: Record<string, unknown>,
      item: S,
    ): Promise<z.output<S>[]> {
      const Page = z.object({ items: z.array(item), bookmark: z.string().nullish() });
      const out: z.output<S>[] = [];
      let bookmark: string | undefined;
      for (let pages = 0; pages < 200; pages += 1) {
        const page = await call(
          'GET',
          path,
          token,
          { query: { ...query, page_size: 250, bookmark } },
          Page,
        );
        out.push(...page.items);
        if (!page.bookmark) return out;
        bookmark = page.bookmark;
      }
      throw new PlatformError('unexpected', `Too many pages from ${path}`, 'paging');
    },
  };
}
