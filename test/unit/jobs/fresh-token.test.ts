// The pure half of S10: when a stored token is refreshed, used as it is, or needs re-consent; and
// which token-endpoint errors say the refresh token is dead.
import { describe, expect, it } from 'vitest';
import {
  isRefreshRefused,
  REFRESH_MARGIN_MS,
  refreshDecision,
} from '../../../src/jobs/fresh-token.ts';
import { PlatformError } from '../../../src/platforms/errors.ts';

const now = new Date('2026-03-01T12:00:00Z');
const inMs = (ms: number) => new Date(now.getTime() + ms);
const HOUR = 3_600_000;
const live = { hasRefreshToken: true, refusedAt: null };

describe('refreshDecision', () => {
  it('uses a token without expiry or outside the margin', () => {
    expect(refreshDecision({ ...live, expiresAt: null }, true, now)).toBe('use');
    expect(refreshDecision({ ...live, expiresAt: inMs(REFRESH_MARGIN_MS + 1) }, true, now)).toBe(
      'use',
    );
  });

  it('refreshes a token inside the margin or already expired', () => {
    expect(refreshDecision({ ...live, expiresAt: inMs(REFRESH_MARGIN_MS) }, true, now)).toBe(
      'refresh',
    );
    expect(refreshDecision({ ...live, expiresAt: inMs(-60_000) }, true, now)).toBe('refresh');
  });

  it('uses a due token as it is when there is nothing to refresh it with', () => {
    const due = inMs(-1);
    expect(refreshDecision({ ...live, expiresAt: due, hasRefreshToken: false }, true, now)).toBe(
      'use',
    );
    expect(refreshDecision({ ...live, expiresAt: due }, false, now)).toBe('use');
  });

  it('asks for re-consent when due and the platform refused the refresh', () => {
    const refused = { ...live, refusedAt: inMs(-HOUR) };
    expect(refreshDecision({ ...refused, expiresAt: inMs(-1) }, true, now)).toBe('reconnect');
    expect(refreshDecision({ ...refused, expiresAt: inMs(60_000) }, true, now)).toBe('reconnect');
    // Not due yet: it still works until then.
    expect(refreshDecision({ ...refused, expiresAt: inMs(HOUR) }, true, now)).toBe('use');
  });
});

describe('isRefreshRefused', () => {
  it('is invalid_grant or TikTok 40107, as an auth error', () => {
    expect(isRefreshRefused(new PlatformError('auth', 'no', 'invalid_grant'))).toBe(true);
    expect(isRefreshRefused(new PlatformError('auth', 'no', '40107'))).toBe(true);
  });

  it('is not a passing failure, a misconfigured app or another error', () => {
    expect(isRefreshRefused(new PlatformError('unavailable', 'down', 'http_503'))).toBe(false);
    expect(isRefreshRefused(new PlatformError('auth', 'bad app', 'invalid_client'))).toBe(false);
    expect(isRefreshRefused(new Error('invalid_grant'))).toBe(false);
  });
});
