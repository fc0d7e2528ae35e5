/**
 * Google's errors as PlatformError: the REST shape {"error":{code,message,status,details}}
 * (google-api.md §6), Google Ads' GoogleAdsFailure detail (§2), the OAuth token endpoint's
 * {"error":"invalid_grant"} (§1), and GaxiosError from the @googleapis clients.
 */
import { PlatformError, type PlatformErrorKind } from '../errors.ts';

interface GoogleErrorBody {
  code?: number;
  message?: string;
  status?: string;
  details?: Record<string, unknown>[];
}

const KIND_BY_STATUS: Record<string, PlatformErrorKind> = {
  UNAUTHENTICATED: 'auth',
  PERMISSION_DENIED: 'permission',
  NOT_FOUND: 'not_found',
  ALREADY_EXISTS: 'conflict',
  ABORTED: 'conflict',
  INVALID_ARGUMENT: 'invalid',
  FAILED_PRECONDITION: 'invalid',
  OUT_OF_RANGE: 'invalid',
  RESOURCE_EXHAUSTED: 'rate_limited',
  UNAVAILABLE: 'unavailable',
  INTERNAL: 'unavailable',
  UNKNOWN: 'unavailable',
  DEADLINE_EXCEEDED: 'unavailable',
};

/** Google Ads error codes that mean "already in that state" rather than a bad request. */
const ADS_CONFLICTS = new Set([
  'managerLinkError.ALREADY_INVITED_BY_THIS_MANAGER',
  'managerLinkError.ALREADY_MANAGED_BY_THIS_MANAGER',
  'managerLinkError.ALREADY_MANAGED_IN_HIERARCHY',
  'managerLinkError.TOO_MANY_INVITES',
  'managerLinkError.TOO_MANY_MANAGERS',
  'managerLinkError.INVALID_STATUS_CHANGE',
]);

/** "30s" / "1.5s" (google.protobuf.Duration in JSON) as milliseconds. */
export function parseDuration(value: unknown): number | undefined {
  const m = typeof value === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(value) : null;
  return m?.[1] === undefined ? undefined : Math.round(Number(m[1]) * 1000);
}

function adsFailure(details: Record<string, unknown>[]): Record<string, unknown> | undefined {
  return details.find((d) => String(d['@type']).endsWith('errors.GoogleAdsFailure'));
}

/** The first Google Ads error code as `category.VALUE`, and its retry delay if it has one. */
function adsCode(failure: Record<string, unknown> | undefined): {
  code?: string;
  retryMs?: number;
  message?: string;
} {
  const first = (failure?.errors as Record<string, unknown>[] | undefined)?.[0];
  const entry = Object.entries((first?.errorCode as Record<string, string> | undefined) ?? {})[0];
  const quota = (first?.details as { quotaErrorDetails?: { retryDelay?: unknown } } | undefined)
    ?.quotaErrorDetails;
  const out: { code?: string; retryMs?: number; message?: string } = {};
  if (entry) out.code = `${entry[0]}.${entry[1]}`;
  const retryMs = parseDuration(quota?.retryDelay);
  if (retryMs !== undefined) out.retryMs = retryMs;
  if (typeof first?.message === 'string') out.message = first.message;
  return out;
}

/** Reads an HTTP error answer from a Google API into a PlatformError. */
export function googleError(
  httpStatus: number,
  body: unknown,
  defaultRetryAfterMs: number,
): PlatformError {
  const raw = (body as { error?: unknown } | undefined)?.error;
  if (typeof raw === 'string') {
    // The OAuth endpoints: invalid_grant, invalid_client, redirect_uri_mismatch, invalid_token ...
    const description = (body as { error_description?: unknown }).error_description;
    const kind: PlatformErrorKind =
      raw === 'invalid_grant' || raw === 'invalid_client' || raw === 'invalid_token'
        ? 'auth'
        : httpStatus >= 500
          ? 'unavailable'
          : 'invalid';
    return new PlatformError(
      kind,
      `Google OAuth: ${raw}${typeof description === 'string' ? ` (${description})` : ''}`,
      raw,
    );
  }
  const error: GoogleErrorBody = raw && typeof raw === 'object' ? raw : {};
  const details = Array.isArray(error.details) ? error.details : [];
  const failure = adsFailure(details);
  const ads = adsCode(failure);
  const status = error.status ?? `HTTP_${httpStatus}`;
  let kind: PlatformErrorKind =
    KIND_BY_STATUS[status] ??
    (httpStatus === 429 ? 'rate_limited' : httpStatus >= 500 ? 'unavailable' : 'unexpected');
  if (ads.code?.startsWith('quotaError.RESOURCE')) kind = 'rate_limited';
  if (ads.code !== undefined && ADS_CONFLICTS.has(ads.code)) kind = 'conflict';
  const retryInfo = details.find((d) => String(d['@type']).endsWith('google.rpc.RetryInfo'));
  const retryAfterMs = ads.retryMs ?? parseDuration(retryInfo?.retryDelay) ?? defaultRetryAfterMs;
  const extra: { retryAfterMs?: number; requestId?: string } = {};
  if (kind === 'rate_limited' || kind === 'unavailable') extra.retryAfterMs = retryAfterMs;
  if (typeof failure?.requestId === 'string') extra.requestId = failure.requestId;
  const message = ads.message ?? error.message ?? `Google answered HTTP ${httpStatus}`;
  return new PlatformError(kind, message, ads.code ?? status, extra);
}

/** Turns what a @googleapis client threw (GaxiosError or a network failure) into a PlatformError. */
export function fromGoogleClient(error: unknown, defaultRetryAfterMs: number): PlatformError {
  if (error instanceof PlatformError) return error;
  const response = (error as { response?: { status?: number; data?: unknown } } | null)?.response;
  if (response?.status !== undefined)
    return googleError(response.status, response.data, defaultRetryAfterMs);
  const message = error instanceof Error ? error.message : 'unknown error';
  return new PlatformError('unavailable', `Could not reach Google: ${message}`, 'network', {
    retryAfterMs: defaultRetryAfterMs,
  });
}
