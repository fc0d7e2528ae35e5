// Graph error bodies and usage headers read as PlatformError (meta-api.md §5).
import { describe, expect, it } from 'vitest';
import { graphError, retryAfterFromUsage } from '../../../../src/platforms/meta/errors.ts';

const answer = (
  status: number,
  error: Record<string, unknown>,
  headers: Record<string, string> = {},
) => ({
  status,
  headers: new Headers(headers),
  body: { error: { message: 'm', type: 'OAuthException', fbtrace_id: 'trace', ...error } },
});

describe('graphError', () => {
  it.each([
    [190, undefined, 'auth'],
    [104, undefined, 'auth'],
    [10, undefined, 'permission'],
    [200, undefined, 'permission'],
    [210, undefined, 'permission'],
    [100, 33, 'not_found'],
    [100, undefined, 'invalid'],
    [3989, undefined, 'conflict'],
    [4, undefined, 'rate_limited'],
    [17, undefined, 'rate_limited'],
    [32, undefined, 'rate_limited'],
    [613, undefined, 'rate_limited'],
    [80004, 2446079, 'rate_limited'],
    [2, undefined, 'unavailable'],
    [2500, undefined, 'unexpected'],
  ])('code %s/%s is %s', (code, subcode, kind) => {
    const error = graphError(
      answer(400, { code, ...(subcode ? { error_subcode: subcode } : {}) }),
      5000,
    );
    expect(error?.kind).toBe(kind);
    expect(error?.platformCode).toBe(subcode ? `${code}/${subcode}` : String(code));
    expect(error?.extra.requestId).toBe('trace');
  });

  it('is_transient makes any code retryable', () => {
    const error = graphError(answer(500, { code: 1200, is_transient: true }), 5000);
    expect(error?.kind).toBe('unavailable');
    expect(error?.retryable).toBe(true);
  });

  it('a throttle takes its wait from X-Business-Use-Case-Usage, in minutes', () => {
    const buc = JSON.stringify({
      '1': [{ type: 'ads_management', estimated_time_to_regain_access: 3 }],
      '2': [{ estimated_time_to_regain_access: 1 }],
    });
    const error = graphError(
      answer(400, { code: 80004 }, { 'x-business-use-case-usage': buc }),
      5000,
    );
    expect(error?.extra.retryAfterMs).toBe(180_000);
  });

  it('falls back to X-Ad-Account-Usage reset_time_duration (seconds), then the default', () => {
    const headers = new Headers({
      'x-ad-account-usage': JSON.stringify({ reset_time_duration: 40 }),
    });
    expect(retryAfterFromUsage(headers)).toBe(40_000);
    expect(graphError(answer(400, { code: 4 }), 5000)?.extra.retryAfterMs).toBe(5000);
    expect(
      retryAfterFromUsage(new Headers({ 'x-business-use-case-usage': 'not json' })),
    ).toBeUndefined();
  });

  it('a success body is no error; a bare 5xx is unavailable; a bare 4xx is unexpected', () => {
    expect(
      graphError({ status: 200, headers: new Headers(), body: { data: [] } }, 5000),
    ).toBeUndefined();
    expect(graphError({ status: 503, headers: new Headers(), body: undefined }, 5000)?.kind).toBe(
      'unavailable',
    );
    expect(graphError({ status: 404, headers: new Headers(), body: 'x' }, 5000)?.kind).toBe(
      'unexpected',
    );
  });
});
