// Faults for API calls: rate limit (429 RESOURCE_EXHAUSTED), latency, transient 503 UNAVAILABLE.
import { applyBasicFaults } from '../../sandbox-kit/faults.ts';
import { GoogleApiError, topMessage } from './model/errors.ts';
import type { SandboxRuntime } from './runtime.ts';

/** The throttling error: Google Ads carries quotaError + quotaErrorDetails.retryDelay ([ADS-ERR]); other APIs a google.rpc.RetryInfo (a choice). */
export function throttled(retryDelaySeconds: number, ads: boolean): GoogleApiError {
  const retryDelay = `${retryDelaySeconds}s`;
  if (ads) {
    return new GoogleApiError(
      'RESOURCE_EXHAUSTED',
      topMessage('RESOURCE_EXHAUSTED'),
      [],
      [
        {
          errorCode: { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' },
          message: 'Too many requests in a short amount of time. Retry in ' + retryDelay + '.',
          details: {
            quotaErrorDetails: {
              rateScope: 'DEVELOPER',
              rateName: 'Requests per developer per minute',
              retryDelay,
            },
          },
        },
      ],
    );
  }
  return new GoogleApiError(
    'RESOURCE_EXHAUSTED',
    'Quota exceeded for quota metric and limit of the service.',
    [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'RATE_LIMIT_EXCEEDED',
        domain: 'googleapis.com',
      },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
    ],
  );
}

/** Applies the faults to one API call; throws the GoogleApiError to answer with. */
export async function applyFaults(rt: SandboxRuntime, ads: boolean): Promise<void> {
  await applyBasicFaults(rt, {
    throttled: (retryAfterMs) => throttled(Math.max(1, Math.ceil(retryAfterMs / 1000)), ads),
    transient: () => new GoogleApiError('UNAVAILABLE', topMessage('UNAVAILABLE')),
  });
}
