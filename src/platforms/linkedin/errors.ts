/**
 * LinkedIn's error body (`{status, serviceErrorCode, code?, message}`, linkedin-api.md §6) read
 * as a PlatformError. The kind follows the HTTP status (the `serviceErrorCode`s are not fully
 * documented); 429 and 5xx are retryable, with the wait from Retry-After when LinkedIn sends one.
 */
import { z } from 'zod';
import { PlatformError, type PlatformErrorKind } from '../errors.ts';
import { parseRetryAfter } from '../http.ts';

const LinkedInErrorBodySchema = z.object({
  status: z.number().optional(),
  serviceErrorCode: z.number().optional(),
  code: z.string().optional(),
  message: z.string().default(''),
});

function kindOf(status: number): PlatformErrorKind {
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 422 || status === 426) return 'invalid';
  return 'unexpected';
}

/** The PlatformError for a LinkedIn answer with an error status. */
export function linkedInError(
  status: number,
  body: unknown,
  retryAfter: string | null,
  now: Date,
  defaultRetryAfterMs: number,
): PlatformError {
  const parsed = LinkedInErrorBodySchema.safeParse(body);
  const kind = kindOf(status);
  const code = parsed.success
    ? (parsed.data.code ?? String(parsed.data.serviceErrorCode ?? status))
    : `http_${status}`;
  const message =
    parsed.success && parsed.data.message !== ''
      ? `LinkedIn: ${parsed.data.message}`
      : `LinkedIn answered HTTP ${status}`;
  const retryable = kind === 'rate_limited' || kind === 'unavailable';
  return new PlatformError(
    kind,
    message,
    code,
    retryable ? { retryAfterMs: parseRetryAfter(retryAfter, now) ?? defaultRetryAfterMs } : {},
  );
}
