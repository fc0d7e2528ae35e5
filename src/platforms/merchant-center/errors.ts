/** Merchant API errors: GaxiosError with Google's error body, read by the shared Google mapping. */
import type { PlatformError } from '../errors.ts';
import { fromGoogleClient } from '../google/errors.ts';
import { merchantCenterManifest } from './manifest.ts';

/** Maps what a merchantapi call threw. */
export function merchantError(error: unknown): PlatformError {
  return fromGoogleClient(error, merchantCenterManifest.rateLimit.defaultRetryAfterMs);
}

/** Runs one client call, turning its failure into a PlatformError. */
export async function merchantCall<T>(call: () => Promise<{ data: T }>): Promise<T> {
  try {
    return (await call()).data;
  } catch (error) {
    throw merchantError(error);
  }
}
