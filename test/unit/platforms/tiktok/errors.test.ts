// TikTok codes → PlatformError kinds (tiktok-api.md §13).
import { describe, expect, it } from 'vitest';
import { classifyTikTokCode, toPlatformError } from '../../../../src/platforms/tiktok/errors.ts';

describe('classifyTikTokCode', () => {
  it.each([
    [40001, 'permission'],
    [40002, 'invalid'],
    [40007, 'not_found'],
    [40100, 'rate_limited'],
    [40132, 'rate_limited'],
    [40102, 'auth'],
    [40105, 'auth'],
    [40110, 'auth'],
    [40300, 'not_found'],
    [50000, 'unavailable'],
    [50002, 'unavailable'],
    [51060, 'unavailable'],
    [51999, 'unavailable'],
    [40202, 'unavailable'],
    [40050, 'conflict'],
    [40950, 'invalid'],
    [12345, 'unexpected'],
  ] as const)('%i is %s', (code, kind) => {
    expect(classifyTikTokCode(code)).toBe(kind);
  });
});

describe('toPlatformError', () => {
  it('keeps the code, request id and a wait for retryable kinds only', () => {
    const throttled = toPlatformError({
      code: 40100,
      message: 'Too frequent',
      requestId: 'r1',
      retryAfterMs: 1000,
    });
    expect(throttled).toMatchObject({
      kind: 'rate_limited',
      platformCode: '40100',
      retryable: true,
    });
    expect(throttled.extra).toEqual({ retryAfterMs: 1000, requestId: 'r1' });
    const denied = toPlatformError({ code: 40001, message: '', retryAfterMs: 1000 });
    expect(denied).toMatchObject({ kind: 'permission', retryable: false });
    expect(denied.extra.retryAfterMs).toBeUndefined();
    expect(denied.message).toBe('TikTok: TikTok error 40001');
  });
});
