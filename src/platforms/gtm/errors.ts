/** Tag Manager errors: GaxiosError with Google's error body, read by the shared Google mapping. */
import type { PlatformError } from '../errors.ts';
import { fromGoogleClient } from '../google/errors.ts';
import { gtmManifest } from './manifest.ts';

/** Maps what a tagmanager call threw. */
export function gtmError(error: unknown): PlatformError {
  return fromGoogleClient(error, gtmManifest.rateLimit.defaultRetryAfterMs);
}

/** Runs one client call, turning its failure into a PlatformError. */
export async function gtmCall<T>(call: () => Promise<{ data: T }>): Promise<T> {
  try {
    return (await call()).data;
  } catch (error) {
    throw gtmError(error);
  }
}
