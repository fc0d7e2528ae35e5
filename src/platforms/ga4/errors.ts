/**
 * GA4 Admin errors: the client raises GaxiosError carrying Google's {"error":{code,message,status}}
 * body (google-api.md §6); read into PlatformError by the shared Google mapping.
 */
import type { PlatformError } from '../errors.ts';
import { fromGoogleClient } from '../google/errors.ts';
import { ga4Manifest } from './manifest.ts';

/** Maps what an analyticsadmin call threw. */
export function ga4Error(error: unknown): PlatformError {
  return fromGoogleClient(error, ga4Manifest.rateLimit.defaultRetryAfterMs);
}

/** Runs one client call, turning its failure into a PlatformError. */
export async function ga4Call<T>(call: () => Promise<{ data: T }>): Promise<T> {
  try {
    return (await call()).data;
  } catch (error) {
    throw ga4Error(error);
  }
}
