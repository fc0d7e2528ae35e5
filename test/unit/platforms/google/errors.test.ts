// Google error bodies → PlatformError: kinds, Ads codes, retry delays (google-api.md §2, §6).
import { describe, expect, it } from 'vitest';
import { googleError, parseDuration } from '../../../../src/platforms/google/errors.ts';

const ads = (
  status: string,
  code: number,
  errorCode: Record<string, string>,
  details?: unknown,
) => ({
  error: {
    code,
    status,
    message: 'm',
    details: [
      {
        '@type': 'type.googleapis.com/google.ads.googleads.v24.errors.GoogleAdsFailure',
        errors: [{ errorCode, message: 'ads message', ...(details ? { details } : {}) }],
        requestId: 'req-1',
      },
    ],
  },
});

describe('googleError', () => {
  it('reads an Ads quota error as rate_limited with the retryDelay it names', () => {
    const e = googleError(
      429,
      ads(
        'RESOURCE_EXHAUSTED',
        429,
        { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' },
        { quotaErrorDetails: { retryDelay: '42s' } },
      ),
      5000,
    );
    expect(e).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      platformCode: 'quotaError.RESOURCE_TEMPORARILY_EXHAUSTED',
      extra: { retryAfterMs: 42_000, requestId: 'req-1' },
    });
  });

  it('reads RetryInfo for other APIs, and falls back to the default wait', () => {
    const body = {
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        message: 'q',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.5s' }],
      },
    };
    expect(googleError(429, body, 5000).extra.retryAfterMs).toBe(1500);
    expect(
      googleError(503, { error: { code: 503, status: 'UNAVAILABLE', message: 'x' } }, 5000),
    ).toMatchObject({ kind: 'unavailable', retryable: true, extra: { retryAfterMs: 5000 } });
  });

  it('maps canonical statuses and Ads link conflicts', () => {
    expect(
      googleError(403, { error: { code: 403, status: 'PERMISSION_DENIED', message: 'no' } }, 1)
        .kind,
    ).toBe('permission');
    expect(
      googleError(400, { error: { code: 400, status: 'INVALID_ARGUMENT', message: 'bad' } }, 1),
    ).toMatchObject({ kind: 'invalid', retryable: false, platformCode: 'INVALID_ARGUMENT' });
    expect(
      googleError(401, { error: { code: 401, status: 'UNAUTHENTICATED', message: 'who' } }, 1).kind,
    ).toBe('auth');
    expect(
      googleError(409, { error: { code: 409, status: 'ALREADY_EXISTS', message: 'dup' } }, 1).kind,
    ).toBe('conflict');
    const invites = googleError(
      400,
      ads('INVALID_ARGUMENT', 400, { managerLinkError: 'TOO_MANY_INVITES' }),
      1,
    );
    expect(invites).toMatchObject({
      kind: 'conflict',
      platformCode: 'managerLinkError.TOO_MANY_INVITES',
      message: 'ads message',
    });
  });

  it('reads OAuth token-endpoint errors: invalid_grant is auth', () => {
    expect(
      googleError(400, { error: 'invalid_grant', error_description: 'Bad Request' }, 1),
    ).toMatchObject({ kind: 'auth', platformCode: 'invalid_grant' });
    expect(googleError(400, { error: 'redirect_uri_mismatch' }, 1).kind).toBe('invalid');
  });

  it('parses protobuf durations', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('0.25s')).toBe(250);
    expect(parseDuration('soon')).toBeUndefined();
  });
});
