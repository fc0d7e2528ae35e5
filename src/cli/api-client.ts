/**
 * The CLI's REST client: talks to a running Latchkey server with an API key, turns the API's
 * error body into a readable message and every failure into an ApiError (the command exits
 * non-zero). The key travels in the Authorization header only, never in a URL.
 */

export interface ApiClientOptions {
  /** The server's base URL, e.g. http://127.0.0.1:3000. */
  readonly url: string;
  readonly apiKey: string | undefined;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly status: number | null,
    readonly code: string | null,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface ApiClient {
  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T>;
  post<T>(path: string, body: unknown, options?: { idempotencyKey?: string }): Promise<T>;
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

/** Creates a client; requests fail with an ApiError naming the server's own error message. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = options.url.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const call = async <T>(method: string, path: string, init: RequestInit): Promise<T> => {
    if (!options.apiKey) {
      throw new ApiError('No API key: pass --api-key or set LATCHKEY_API_KEY', null, null);
    }
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        ...init,
        method,
        redirect: 'error',
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${options.apiKey}`,
          ...(init.headers as Record<string, string> | undefined),
        },
      });
    } catch (error) {
      const reason = (error as Error).cause ?? error;
      throw new ApiError(
        `Cannot reach Latchkey at ${base}: ${(reason as Error).message ?? String(reason)}`,
        null,
        null,
      );
    }
    const text = await response.text();
    const body = parseJson(text);
    if (!response.ok) {
      const error = (body as ErrorBody | undefined)?.error;
      throw new ApiError(
        error?.message ?? `HTTP ${response.status} ${response.statusText}`,
        response.status,
        error?.code ?? null,
        error?.details,
      );
    }
    return body as T;
  };
  return {
    get: (path, query = {}) => {
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) {
        if (value !== undefined) search.set(key, String(value));
      }
      const suffix = search.size > 0 ? `?${search.toString()}` : '';
      return call('GET', `${path}${suffix}`, {});
    },
    post: (path, body, postOptions = {}) =>
      call('POST', path, {
        body: JSON.stringify(body),
        headers: {
          'content-type': 'application/json',
          ...(postOptions.idempotencyKey ? { 'idempotency-key': postOptions.idempotencyKey } : {}),
        },
      }),
  };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
