/**
 * Business Profile errors: the client raises GaxiosError carrying Google's
 * {"error":{code,message,status}} body; read into PlatformError by the shared Google mapping.
 */
import type { PlatformError } from '../errors.ts';
import { fromGoogleClient } from '../google/errors.ts';
import { businessProfileManifest } from './manifest.ts';

/** Maps what a mybusinessaccountmanagement call threw. */
export function businessProfileError(error: unknown): PlatformError {
  return fromGoogleClient(error, businessProfileManifest.rateLimit.defaultRetryAfterMs);
}

/** Runs one client call, turning its failure into a PlatformError. */
export async function bpCall<T>(call: () => Promise<{ data: T }>): Promise<T> {
  try {
    return (await call()).data;
  } catch (error) {
    throw businessProfileError(error);
  }
}
