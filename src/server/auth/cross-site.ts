/**
 * CSRF defence for cookie-authenticated mutations (S14): a browser request whose Sec-Fetch-Site
 * says it came from another site, or whose Origin is not ours, is refused. Non-browser clients
 * send neither header and authenticate with API keys, which a forged form cannot carry.
 */
export interface RequestHeaders {
  readonly origin?: string | string[] | undefined;
  readonly 'sec-fetch-site'?: string | string[] | undefined;
  readonly host?: string | undefined;
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * True when the request was sent by a page of another origin. `allowedOrigins` holds the public
 * URL's origin; the request's own host (http and https) is accepted too.
 */
export function isCrossSiteRequest(
  headers: RequestHeaders,
  allowedOrigins: readonly string[],
): boolean {
  const site = first(headers['sec-fetch-site']);
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = first(headers.origin);
  if (origin === undefined) return false;
  if (origin === 'null') return true;
  const own = headers.host ? [`http://${headers.host}`, `https://${headers.host}`] : [];
  return ![...allowedOrigins, ...own].includes(origin.toLowerCase());
}

/** True for the methods that may change state. */
export function isUnsafeMethod(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}
