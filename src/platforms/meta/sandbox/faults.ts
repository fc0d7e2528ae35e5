// Faults and usage headers: the limiter (throttling codes + X-App-Usage / X-Business-Use-Case-Usage),
// latency, and random transient errors (meta-api.md §5.2-§5.3).
import { drawsTransientError } from '../../sandbox-kit/faults.ts';
import { GraphError } from './model/errors.ts';
import type { AssetKind } from './model/types.ts';
import type { SandboxRuntime, ThrottleCode } from './runtime.ts';

const HOUR_MS = 3_600_000;

/** The business use case a Graph call counts against, from its target object. */
export interface UseCase {
  objectId: string;
  kind: AssetKind | 'business' | null;
}

const throttleMessages: Record<ThrottleCode, string> = {
  4: '(#4) Application request limit reached',
  17: '(#17) User request limit reached',
  32: '(#32) Page request limit reached',
  613: '(#613) Calls to this api have exceeded the rate limit.',
  80001: '(#80001) There have been too many calls to this Page account. Wait a bit and try again.',
  80002:
    '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again.',
  80004: '(#80004) There have been too many calls to this ad-account. Wait a bit and try again.',
  80009:
    '(#80009) There have been too many calls to this Catalog account. Wait a bit and try again.',
};
const RATE_DOC =
  ' For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.';

function codeFor(kind: UseCase['kind']): ThrottleCode {
  if (kind === 'ad_account' || kind === 'pixel') return 80004;
  if (kind === 'page') return 80001;
  if (kind === 'instagram_account') return 80002;
  if (kind === 'catalog') return 80009;
  return 4;
}

function bucType(kind: UseCase['kind']): string {
  if (kind === 'page') return 'pages';
  if (kind === 'instagram_account') return 'instagram';
  return 'ads_management';
}

/**
 * Usage headers for a call: X-App-Usage always, X-Business-Use-Case-Usage on an object, and
 * X-Ad-Account-Usage (`reset_time_duration` in seconds) on an ad account.
 */
export function usageHeaders(rt: SandboxRuntime, useCase: UseCase | null): Record<string, string> {
  const now = rt.model.now().getTime();
  const limit = rt.faults.rateLimit;
  const window = limit?.perMs ?? HOUR_MS;
  const used = rt.recentCalls.filter((t) => t > now - window).length;
  const pct = Math.min(100, Math.round((100 * used) / (limit?.requests ?? 5000)));
  const oldest = rt.recentCalls.find((t) => t > now - window);
  const regainMs = pct >= 100 && oldest !== undefined ? oldest + window - now : 0;
  const headers: Record<string, string> = {
    'x-app-usage': JSON.stringify({ call_count: pct, total_time: pct, total_cputime: pct }),
  };
  if (useCase?.kind === 'ad_account') {
    headers['x-ad-account-usage'] = JSON.stringify({
      acc_id_util_pct: pct,
      reset_time_duration: Math.ceil(regainMs / 1000),
      ads_api_access_tier: 'standard_access',
    });
  }
  if (useCase) {
    headers['x-business-use-case-usage'] = JSON.stringify({
      [useCase.objectId]: [
        {
          type: bucType(useCase.kind),
          call_count: pct,
          total_cputime: pct,
          total_time: pct,
          estimated_time_to_regain_access: Math.ceil(regainMs / 60_000),
          ...(useCase.kind === 'page' || useCase.kind === 'instagram_account'
            ? {}
            : { ads_api_access_tier: 'standard_access' }),
        },
      ],
    });
  }
  return headers;
}

/**
 * Applies the faults to one Graph call: limiter (throttling error with usage headers), then a
 * random transient error (the route holds the answer for the latency) (code 2, `is_transient`, HTTP 500). Throws the GraphError.
 */
export async function applyFaults(rt: SandboxRuntime, useCase: UseCase | null): Promise<void> {
  const { errorRate, rateLimit } = rt.faults;
  const now = rt.model.now().getTime();
  rt.recentCalls = rt.recentCalls.filter((t) => t > now - Math.max(HOUR_MS, rateLimit?.perMs ?? 0));
  if (rateLimit) {
    const inWindow = rt.recentCalls.filter((t) => t > now - rateLimit.perMs).length;
    if (inWindow >= rateLimit.requests) {
      const code = rateLimit.code ?? codeFor(useCase?.kind ?? null);
      throw new GraphError(code, throttleMessages[code] + RATE_DOC, {
        type: 'OAuthException',
        ...(code === 80004 ? { subcode: 2446079 } : {}),
        headers: usageHeaders(rt, useCase),
      });
    }
  }
  rt.recentCalls.push(now);
  await Promise.resolve();
  if (drawsTransientError(errorRate, () => rt.model.random())) {
    throw new GraphError(2, 'An unexpected error has occurred. Please retry your request later.', {
      type: 'OAuthException',
      isTransient: true,
      status: 500,
    });
  }
}
