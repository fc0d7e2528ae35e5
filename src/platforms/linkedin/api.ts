/**
 * LinkedIn's API through its official client, `linkedin-api-client` (RestliClient): it builds the
 * Rest.li 2.0 URLs, keys, query encoding and headers (linkedin-api.md §0). The client has
 * `https://api.linkedin.com` written in; a request interceptor swaps that origin for the
 * configured one, so pointing the connector at LinkedIn or the sandbox changes only the base URL.
 * Its axios instance runs on the fetch adapter with the injected fetch (rate limiter, metrics).
 * Tokens travel only in the Authorization header.
 */
import { createRequire } from 'node:module';
import type * as LinkedInClient from 'linkedin-api-client';
import { z } from 'zod';
import { PlatformError } from '../errors.ts';
import { parseWith, type FetchLike } from '../http.ts';
import { linkedInError } from './errors.ts';

/** LinkedIn's own API origin, as written in the official client (linkedin-api.md §0). */
export const LINKEDIN_API_ORIGIN = 'https://api.linkedin.com';

export interface LinkedInApiOptions {
  /** https://api.linkedin.com, or the sandbox's URL. */
  readonly apiBaseUrl: string;
  /** `LinkedIn-Version`, e.g. `202601`. */
  readonly version: string;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly now: () => Date;
  readonly defaultRetryAfterMs: number;
}

/** Safety stop for paged reads (100 per page × 100 pages). */
const MAX_PAGES = 100;
const PAGE_SIZE = 100;

export interface LinkedInApi {
  /** GET one entity (`/adAccounts/{id}`); undefined on 404. */
  get<S extends z.ZodType>(
    path: string,
    keys: Record<string, unknown>,
    token: string,
    schema: S,
  ): Promise<z.output<S> | undefined>;
  /**
   * Every element of a start/count finder (linkedin-api.md §5); `retryPage`, when given, wraps
   * each page's read (a transient error re-reads that page, not the list from the start).
   */
  findAll<S extends z.ZodType>(
    path: string,
    finder: string,
    params: Record<string, unknown>,
    token: string,
    element: S,
    retryPage?: <T>(read: () => Promise<T>) => Promise<T>,
  ): Promise<z.output<S>[]>;
  /** Every element of a cursor-paged search finder (`pageToken`, linkedin-api.md §2). */
  searchAll<S extends z.ZodType>(
    path: string,
    params: Record<string, unknown>,
    token: string,
    element: S,
  ): Promise<z.output<S>[]>;
  /** PUT (Rest.li UPDATE) an entity at its key: LinkedIn's upsert. */
  update(path: string, keys: Record<string, unknown>, entity: object, token: string): Promise<void>;
  /** DELETE an entity at its key; false when it was not there (404). */
  delete(path: string, keys: Record<string, unknown>, token: string): Promise<boolean>;
  /** GET an unversioned `/v2` resource (userinfo). */
  getV2<S extends z.ZodType>(path: string, token: string, schema: S): Promise<z.output<S>>;
}

const require = createRequire(import.meta.url);
let linkedInModule: typeof LinkedInClient | undefined;
/** `linkedin-api-client` (CommonJS), required on first use (issue #17: not loaded at start). */
function linkedInClient(): typeof LinkedInClient {
  linkedInModule ??= require('linkedin-api-client') as typeof LinkedInClient;
  return linkedInModule;
}

/** Creates the API client for one base URL and LinkedIn version. */
export function createLinkedInApi(options: LinkedInApiOptions): LinkedInApi {
  if (!/^\d{6}$/.test(options.version))
    throw new Error(`LinkedIn-Version must look like 202601, got ${options.version}`);
  const target = options.apiBaseUrl.replace(/\/+$/, '');
  let made: LinkedInClient.RestliClient | undefined;
  // Built on the first call: the package (and axios) load then, not with every start.
  const client = (): LinkedInClient.RestliClient => {
    if (made) return made;
    made = new (linkedInClient().RestliClient)({
      adapter: 'fetch',
      timeout: options.timeoutMs,
      env: { fetch: toFetch(options.fetch) },
    });
    made.axiosInstance.interceptors.request.use((config) => {
      if (config.url?.startsWith(LINKEDIN_API_ORIGIN))
        config.url = `${target}${config.url.slice(LINKEDIN_API_ORIGIN.length)}`;
      return config;
    });
    return made;
  };
  const version = options.version;
  const call = async (what: string, run: () => Promise<{ data: unknown }>) => {
    try {
      return await run();
    } catch (error) {
      throw toPlatformError(error, what, options);
    }
  };
  return {
    async get(path, keys, token, schema) {
      try {
        const response = await call(`GET ${path}`, () =>
          client().get({
            resourcePath: path,
            pathKeys: keys,
            accessToken: token,
            versionString: version,
          }),
        );
        return parseWith(schema, response.data, `LinkedIn GET ${path}`);
      } catch (error) {
        if (error instanceof PlatformError && error.kind === 'not_found') return undefined;
        throw error;
      }
    },
    async findAll(path, finder, params, token, element, retryPage = (read) => read()) {
      const pageSchema = z.object({
        elements: z.array(element),
        paging: z.object({ start: z.number(), count: z.number(), total: z.number().optional() }),
      });
      const rows: z.output<typeof element>[] = [];
      for (let i = 0, start = 0; i < MAX_PAGES; i += 1) {
        const response = await retryPage(() =>
          call(`GET ${path}?q=${finder}`, () =>
            client().finder({
              resourcePath: path,
              finderName: finder,
              queryParams: { ...params, start, count: PAGE_SIZE },
              accessToken: token,
              versionString: version,
            }),
          ),
        );
        const page = parseWith(pageSchema, response.data, `LinkedIn ${path}?q=${finder}`);
        rows.push(...page.elements);
        start += page.elements.length;
        const total = page.paging.total;
        if (page.elements.length < PAGE_SIZE || (total !== undefined && start >= total))
          return rows;
      }
      throw new PlatformError('unexpected', `LinkedIn ${path}: too many pages`, 'too_many_pages');
    },
    async searchAll(path, params, token, element) {
      const pageSchema = z.object({
        elements: z.array(element),
        metadata: z.object({ nextPageToken: z.string().optional() }).optional(),
      });
      const rows: z.output<typeof element>[] = [];
      let pageToken: string | undefined;
      for (let i = 0; i < MAX_PAGES; i += 1) {
        const response = await call(`GET ${path}?q=search`, () =>
          client().finder({
            resourcePath: path,
            finderName: 'search',
            queryParams: { ...params, pageSize: PAGE_SIZE, ...(pageToken ? { pageToken } : {}) },
            accessToken: token,
            versionString: version,
          }),
        );
        const page = parseWith(pageSchema, response.data, `LinkedIn ${path}?q=search`);
        rows.push(...page.elements);
        pageToken = page.metadata?.nextPageToken;
        if (pageToken === undefined) return rows;
      }
      throw new PlatformError('unexpected', `LinkedIn ${path}: too many pages`, 'too_many_pages');
    },
    async update(path, keys, entity, token) {
      await call(`PUT ${path}`, () =>
        client().update({
          resourcePath: path,
          pathKeys: keys,
          entity,
          accessToken: token,
          versionString: version,
        }),
      );
    },
    async delete(path, keys, token) {
      try {
        await call(`DELETE ${path}`, () =>
          client().delete({
            resourcePath: path,
            pathKeys: keys,
            accessToken: token,
            versionString: version,
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof PlatformError && error.kind === 'not_found') return false;
        throw error;
      }
    },
    async getV2(path, token, schema) {
      // The client builds `/v2` URLs when no version is given (`NON_VERSIONED_BASE_URL`).
      const response = await call(`GET ${path}`, () =>
        client().get({ resourcePath: path, accessToken: token }),
      );
      return parseWith(schema, response.data, `LinkedIn GET ${path}`);
    },
  };
}

/** The Rest.li key of an ad account user (linkedin-api.md §3). */
export const accountUserKey = (accountId: string, personId: string) => ({
  key: { account: `urn:li:sponsoredAccount:${accountId}`, user: `urn:li:person:${personId}` },
});

/** Rest.li encoding of a value, as the client sends it (exported for tests and logs). */
export const restliEncode = (value: unknown): string => linkedInClient().utils.encode(value);

/** axios' fetch adapter passes a Request; the injected fetch takes (URL, init). */
function toFetch(fetchLike: FetchLike): typeof fetch {
  return async (input: RequestInfo | URL, init?: RequestInit) => {
    if (input instanceof Request) {
      const body =
        input.method === 'GET' || input.method === 'HEAD' ? undefined : await input.text();
      return fetchLike(new URL(input.url), {
        method: input.method,
        headers: input.headers,
        signal: input.signal,
        ...(body === undefined || body === '' ? {} : { body }),
      });
    }
    return fetchLike(new URL(String(input)), init ?? {});
  };
}

function toPlatformError(error: unknown, what: string, options: LinkedInApiOptions): unknown {
  if (error instanceof PlatformError) return error;
  if (isAxiosError(error)) {
    const response = error.response;
    if (response) {
      const retryAfter = response.headers['retry-after'];
      return linkedInError(
        response.status,
        response.data,
        typeof retryAfter === 'string' ? retryAfter : null,
        options.now(),
        options.defaultRetryAfterMs,
      );
    }
    const timedOut = error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT';
    return new PlatformError(
      'unavailable',
      timedOut
        ? `No answer from LinkedIn within ${options.timeoutMs} ms (${what})`
        : `Could not reach LinkedIn (${what})`,
      timedOut ? 'timeout' : 'network',
      { retryAfterMs: options.defaultRetryAfterMs },
    );
  }
  return error;
}

/** What the client rejects with (an AxiosError), read without importing axios itself. */
interface AxiosLikeError {
  isAxiosError: true;
  code?: string;
  response?: { status: number; data: unknown; headers: Record<string, unknown> };
}

function isAxiosError(error: unknown): error is AxiosLikeError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { isAxiosError?: unknown }).isAxiosError === true
  );
}
