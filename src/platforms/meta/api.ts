/**
 * Typed Graph calls. Tokens travel only in the Authorization header (S7), never in a URL; every
 * call with a user or Page token carries `appsecret_proof` (HMAC-SHA256 of the token keyed by the
 * app secret). POST/DELETE parameters go in a JSON body (the Node SDK's encoding, meta-api.md §0).
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { PlatformError } from '../errors.ts';
import { buildUrl, parseWith, type FetchLike, type HttpResponse } from '../http.ts';
import { graphError } from './errors.ts';

export interface GraphClientOptions {
  /** https://graph.facebook.com, or the sandbox's `<prefix>/graph`. */
  readonly graphBaseUrl: string;
  readonly version: string;
  readonly appId: string;
  readonly appSecret: string;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly defaultRetryAfterMs: number;
}

export type Params = Record<string, string | number | readonly string[] | undefined>;

const PagingSchema = z
  .object({
    cursors: z.object({ before: z.string().optional(), after: z.string().optional() }).optional(),
    next: z.string().optional(),
  })
  .optional();

/** Safety stop for cursor walks (25 per page × 200 pages). */
const MAX_PAGES = 200;

export interface GraphClient {
  get<S extends z.ZodType>(
    path: string,
    token: string,
    params: Params,
    schema: S,
  ): Promise<z.output<S>>;
  /** Walks every page of an edge: continues while `paging.cursors.after` and `paging.next` exist. */
  getAll<S extends z.ZodType>(
    path: string,
    token: string,
    params: Params,
    item: S,
  ): Promise<z.output<S>[]>;
  post<S extends z.ZodType>(
    path: string,
    token: string,
    params: Params,
    schema: S,
  ): Promise<z.output<S>>;
  delete<S extends z.ZodType>(
    path: string,
    token: string,
    params: Params,
    schema: S,
  ): Promise<z.output<S>>;
  /** POST authenticated by the app's own credentials in the body (token exchange): no secret in a URL. */
  appCall<S extends z.ZodType>(path: string, params: Params, schema: S): Promise<z.output<S>>;
}

/** `appsecret_proof` for a token (developers.facebook.com/docs/graph-api/guides/secure-requests). */
export function appsecretProof(token: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(token).digest('hex');
}

function encode(params: Params): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    out[k] = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
  }
  return out;
}

/** Creates the Graph client for one app and Graph version. */
export function createGraphClient(options: GraphClientOptions): GraphClient {
  const base = `${options.graphBaseUrl.replace(/\/+$/, '')}/${options.version}`;
  const send = async <S extends z.ZodType>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    token: string | undefined,
    params: Params,
    schema: S,
  ): Promise<z.output<S>> => {
    const signed =
      token === undefined
        ? params
        : { ...params, appsecret_proof: appsecretProof(token, options.appSecret) };
    const url = method === 'GET' ? buildUrl(base, path, encode(signed)) : buildUrl(base, path);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const init: RequestInit = { method, headers, signal: AbortSignal.timeout(options.timeoutMs) };
    if (method !== 'GET') {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(encode(signed));
    }
    const response = await fetchOnce(options, url, init);
    const error = graphError(response, options.defaultRetryAfterMs);
    if (error) throw error;
    return parseWith(schema, response.body, `Graph ${method} ${path}`);
  };
  const client: GraphClient = {
    get: (path, token, params, schema) => send('GET', path, token, params, schema),
    post: (path, token, params, schema) => send('POST', path, token, params, schema),
    delete: (path, token, params, schema) => send('DELETE', path, token, params, schema),
    appCall: (path, params, schema) => send('POST', path, undefined, params, schema),
    async getAll(path, token, params, item) {
      const pageSchema = z.object({ data: z.array(item), paging: PagingSchema });
      const rows: z.output<typeof item>[] = [];
      let after: string | undefined;
      for (let i = 0; i < MAX_PAGES; i += 1) {
        const page = await send('GET', path, token, { ...params, after }, pageSchema);
        rows.push(...page.data);
        after = page.paging?.cursors?.after;
        if (after === undefined || page.paging?.next === undefined) return rows;
      }
      throw new PlatformError(
        'unexpected',
        `Graph ${path}: more than ${MAX_PAGES} pages`,
        'too_many_pages',
      );
    },
  };
  return client;
}

async function fetchOnce(
  options: GraphClientOptions,
  url: URL,
  init: RequestInit,
): Promise<HttpResponse> {
  try {
    const response = await options.fetch(url, init);
    const text = await response.text();
    let body: unknown;
    try {
      body = text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      body = undefined;
    }
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new PlatformError(
      'unavailable',
      timedOut
        ? `No answer from ${url.host} within ${options.timeoutMs} ms`
        : `Could not reach ${url.host}`,
      timedOut ? 'timeout' : 'network',
      { retryAfterMs: options.defaultRetryAfterMs },
    );
  }
}
