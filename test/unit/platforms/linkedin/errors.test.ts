// LinkedIn's error body read as a PlatformError (linkedin-api.md §6): the kind follows the HTTP
// status, the code is LinkedIn's `code` (else `serviceErrorCode`), and only 429/5xx wait and retry.
import { describe, expect, it } from 'vitest';
import { linkedInError } from '../../../../src/platforms/linkedin/errors.ts';

const now = new Date('2026-03-02T09:00:00Z');
const body = (status: number, code?: string) => ({
  status,
  serviceErrorCode: 100,
  ...(code ? { code } : {}),
  message: 'Not enough permissions to access: adAccountUsers.UPDATE',
});

describe('LinkedIn errors', () => {
  it.each([
    [400, 'invalid'],
    [401, 'auth'],
    [403, 'permission'],
    [404, 'not_found'],
    [409, 'conflict'],
    [426, 'invalid'],
    [429, 'rate_limited'],
    [500, 'unavailable'],
    [503, 'unavailable'],
    [418, 'unexpected'],
  ])('HTTP %i is %s', (status, kind) => {
    const error = linkedInError(status, body(status, 'X'), null, now, 60_000);
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(kind === 'rate_limited' || kind === 'unavailable');
  });

  it('keeps LinkedIn’s code, else its serviceErrorCode, else the status; and its message', () => {
    const named = linkedInError(403, body(403, 'ACCESS_DENIED'), null, now, 60_000);
    expect(named.platformCode).toBe('ACCESS_DENIED');
    expect(named.message).toBe('LinkedIn: Not enough permissions to access: adAccountUsers.UPDATE');
    expect(linkedInError(403, body(403), null, now, 60_000).platformCode).toBe('100');
    const bare = linkedInError(502, '<html>bad gateway</html>', null, now, 60_000);
    expect(bare).toMatchObject({ platformCode: 'http_502', message: 'LinkedIn answered HTTP 502' });
  });

  it('waits as Retry-After says (seconds or a date), else the manifest’s default', () => {
    expect(linkedInError(429, body(429), '7', now, 60_000).extra.retryAfterMs).toBe(7_000);
    const at = new Date(now.getTime() + 90_000).toUTCString();
    expect(linkedInError(429, body(429), at, now, 60_000).extra.retryAfterMs).toBe(90_000);
    expect(linkedInError(500, body(500), null, now, 60_000).extra.retryAfterMs).toBe(60_000);
    expect(linkedInError(403, body(403), '7', now, 60_000).extra.retryAfterMs).toBeUndefined();
  });
});
