// Google's error model: google.rpc.Status as REST JSON, {"error":{code,message,status,details}}
// (google-api.md §6, [RPC-CODE]); Google Ads adds a GoogleAdsFailure detail (§2, [ADS-ERR]).

/** Canonical codes used here, with their HTTP mapping from google/rpc/code.proto. */
export const CANONICAL = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type CanonicalStatus = keyof typeof CANONICAL;

/** One GoogleAdsError: `errorCode` is a oneof keyed by category (e.g. managerLinkError). */
export interface AdsErrorEntry {
  errorCode: Record<string, string>;
  message: string;
  location?: { fieldPathElements: { fieldName: string; index?: number }[] };
  details?: Record<string, unknown>;
}

/** A Google API error; the routes render it in Google's wire shape. */
export class GoogleApiError extends Error {
  override readonly name = 'GoogleApiError';
  readonly code: number;

  constructor(
    readonly status: CanonicalStatus,
    message: string,
    readonly details: Record<string, unknown>[] = [],
    /** Google Ads only: the GoogleAdsFailure errors, wrapped at render time with the API version. */
    readonly ads?: AdsErrorEntry[],
  ) {
    super(message);
    this.code = CANONICAL[status];
  }
}

/** Throws a Google Ads failure: `category`/`value` e.g. managerLinkError/TOO_MANY_INVITES. */
export function failAds(
  status: CanonicalStatus,
  category: string,
  value: string,
  message: string,
  extra: Partial<Pick<AdsErrorEntry, 'location' | 'details'>> = {},
): never {
  const top = topMessage(status);
  throw new GoogleApiError(
    status,
    top,
    [],
    [{ errorCode: { [category]: value }, message, ...extra }],
  );
}

/** Throws a plain Google error (GA Admin, Tag Manager, Search Console). */
export function fail(
  status: CanonicalStatus,
  message: string,
  details: Record<string, unknown>[] = [],
): never {
  throw new GoogleApiError(status, message, details);
}

/** The generic top-level messages Google Ads puts above the GoogleAdsFailure (secondary, [3P-ADS-ERR]). */
export function topMessage(status: CanonicalStatus): string {
  switch (status) {
    case 'INVALID_ARGUMENT':
      return 'Request contains an invalid argument.';
    case 'PERMISSION_DENIED':
      return 'The caller does not have permission';
    case 'UNAUTHENTICATED':
      return 'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.';
    case 'RESOURCE_EXHAUSTED':
      return 'Resource has been exhausted (e.g. check quota).';
    case 'UNAVAILABLE':
      return 'The service is currently unavailable.';
    default:
      return 'Request failed.';
  }
}

/** The REST body for an error; `adsVersion` (e.g. v24) names the GoogleAdsFailure type. */
export function renderError(
  error: GoogleApiError,
  adsVersion: string | null,
  requestId: string,
): { error: Record<string, unknown> } {
  const details = [...error.details];
  if (error.ads && adsVersion !== null) {
    details.push({
      '@type': `type.googleapis.com/google.ads.googleads.${adsVersion}.errors.GoogleAdsFailure`,
      errors: error.ads,
      requestId,
    });
  }
  return {
    error: {
      code: error.code,
      message: error.message,
      status: error.status,
      ...(details.length > 0 ? { details } : {}),
    },
  };
}
