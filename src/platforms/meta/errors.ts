/**
 * Graph's error body (`{"error":{message,type,code,error_subcode,fbtrace_id,is_transient}}`,
 * meta-api.md §5) read as a PlatformError: throttling and transient errors are retryable, with the
 * wait taken from the usage headers (§5.3).
 */
import { z } from 'zod';
import { PlatformError, type PlatformErrorKind } from '../errors.ts';
import type { HttpResponse } from '../http.ts';

const GraphErrorBodySchema = z.object({
  error: z.object({
    message: z.string().default(''),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    is_transient: z.boolean().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

const THROTTLE_CODES = new Set([4, 17, 32, 341, 613]);

/** Whether a Graph code is a throttle: 4/17/32/341/613 or the 80000-series use-case limits. */
export function isThrottleCode(code: number): boolean {
  return THROTTLE_CODES.has(code) || (code >= 80000 && code < 80100);
}

function kindOf(code: number, subcode: number | undefined, transient: boolean): PlatformErrorKind {
  if (isThrottleCode(code)) return 'rate_limited';
  if (transient || code === 1 || code === 2) return 'unavailable';
  if (code === 190 || code === 102 || code === 104) return 'auth';
  if (code === 10 || code === 3 || code === 368 || (code >= 200 && code <= 299))
    return 'permission';
  if (code === 100 && subcode === 33) return 'not_found';
  if (code === 3989 || code === 3946) return 'conflict';
  if (code === 100) return 'invalid';
  return 'unexpected';
}

/**
 * The wait before retrying a throttled call, in ms: the largest `estimated_time_to_regain_access`
 * (minutes) in X-Business-Use-Case-Usage, else X-Ad-Account-Usage `reset_time_duration` (seconds).
 */
export function retryAfterFromUsage(headers: Headers): number | undefined {
  let minutes = 0;
  try {
    const buc = JSON.parse(headers.get('x-business-use-case-usage') ?? '{}') as Record<
      string,
      unknown
    >;
    for (const entries of Object.values(buc)) {
      if (!Array.isArray(entries)) continue;
      for (const e of entries as Array<{ estimated_time_to_regain_access?: unknown }>) {
        const m = Number(e.estimated_time_to_regain_access ?? 0);
        if (Number.isFinite(m)) minutes = Math.max(minutes, m);
      }
    }
    if (minutes > 0) return minutes * 60_000;
    const ad = JSON.parse(headers.get('x-ad-account-usage') ?? '{}') as {
      reset_time_duration?: unknown;
    };
    const seconds = Number(ad.reset_time_duration ?? 0);
    if (Number.isFinite(seconds) && seconds > 0) return seconds * 1000;
  } catch {
    return undefined;
  }
  return undefined;
}

/** The PlatformError for a Graph response, or undefined when it is not an error. */
export function graphError(
  response: HttpResponse,
  defaultRetryAfterMs: number,
): PlatformError | undefined {
  const parsed = GraphErrorBodySchema.safeParse(response.body);
  if (!parsed.success) {
    if (response.status >= 200 && response.status < 300) return undefined;
    const kind = response.status >= 500 ? 'unavailable' : 'unexpected';
    return new PlatformError(
      kind,
      `Graph answered HTTP ${response.status}`,
      `http_${response.status}`,
      kind === 'unavailable' ? { retryAfterMs: defaultRetryAfterMs } : {},
    );
  }
  const e = parsed.data.error;
  const code = e.code ?? 0;
  const kind = kindOf(code, e.error_subcode, e.is_transient === true || response.status >= 500);
  const platformCode = e.error_subcode === undefined ? String(code) : `${code}/${e.error_subcode}`;
  const extra: { retryAfterMs?: number; requestId?: string } = {};
  if (e.fbtrace_id !== undefined) extra.requestId = e.fbtrace_id;
  if (kind === 'rate_limited' || kind === 'unavailable') {
    extra.retryAfterMs = retryAfterFromUsage(response.headers) ?? defaultRetryAfterMs;
  }
  return new PlatformError(kind, e.message || `Graph error ${platformCode}`, platformCode, extra);
}
