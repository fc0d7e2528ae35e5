/**
 * Customer Management v13 REST calls (microsoft-ads-api.md §0): the two required headers, JSON
 * bodies, and Microsoft's faults read into PlatformError. Throttling is HTTP 429 or code 117
 * (contract unverified 1); code 0 and HTTP 5xx are transient.
 */
import type { z } from 'zod';
import { PlatformError } from '../errors.ts';
import { parseRetryAfter, requestJson, type HttpOptions, type HttpResponse } from '../http.ts';

export interface MsApiDeps {
  readonly http: HttpOptions;
  /** https://clientcenter.api.bingads.microsoft.com/CustomerManagement/v13 or a sandbox's. */
  readonly baseUrl: string;
  readonly developerToken: string;
}

interface FaultError {
  Code?: unknown;
  Message?: unknown;
  ErrorCode?: unknown;
  Details?: unknown;
}

/** The first error of an ApiFault or AdApiFaultDetail body. */
function firstError(body: unknown): FaultError | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const b = body as { OperationErrors?: unknown; Errors?: unknown };
  const list = Array.isArray(b.OperationErrors)
    ? b.OperationErrors
    : Array.isArray(b.Errors)
      ? b.Errors
      : [];
  const first: unknown = list[0];
  return first !== null && typeof first === 'object' ? first : undefined;
}

/** Reads one Microsoft error (a fault's, or a PartialErrors entry) into a PlatformError. */
export function msErrorOf(
  status: number,
  error: FaultError | undefined,
  retryAfterMs: number,
): PlatformError {
  const code = typeof error?.Code === 'number' ? error.Code : undefined;
  const message =
    typeof error?.Message === 'string'
      ? error.Message
      : `Microsoft Advertising answered HTTP ${status}`;
  const platformCode = code === undefined ? `http_${status}` : String(code);
  if (status === 429 || code === 117)
    return new PlatformError('rate_limited', message, platformCode, { retryAfterMs });
  if (code === 105 || code === 109 || status === 401)
    return new PlatformError('auth', message, platformCode);
  if (code === 106 || status === 403) return new PlatformError('permission', message, platformCode);
  if (code === 1472)
    return new PlatformError('unavailable', message, platformCode, { retryAfterMs });
  if (code === 0 || status >= 500)
    return new PlatformError('unavailable', message, platformCode, { retryAfterMs });
  if (code === 208) return new PlatformError('not_found', message, platformCode);
  return new PlatformError('invalid', message, platformCode);
}

/** The `platformError` reader for requestJson. */
function platformError(deps: MsApiDeps) {
  return (response: HttpResponse): PlatformError | undefined => {
    if (response.status >= 200 && response.status < 300) return undefined;
    const retryAfterMs =
      parseRetryAfter(response.headers.get('retry-after'), deps.http.now()) ??
      deps.http.defaultRetryAfterMs;
    return msErrorOf(response.status, firstError(response.body), retryAfterMs);
  };
}

/** One operation: `POST`/`PUT` `{base}/{path}` with the access token and the developer token. */
export function msCall<S extends z.ZodType>(
  deps: MsApiDeps,
  token: string,
  method: 'POST' | 'PUT',
  path: string,
  body: unknown,
  schema: S,
): Promise<z.output<S>> {
  return requestJson(deps.http, {
    method,
    url: new URL(`${deps.baseUrl.replace(/\/+$/, '')}/${path}`),
    headers: { Authorization: `Bearer ${token}`, DeveloperToken: deps.developerToken },
    body,
    schema,
    platformError: platformError(deps),
  });
}
