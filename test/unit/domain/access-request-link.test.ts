import { describe, expect, it } from 'vitest';
import {
  generateLinkToken,
  hashLinkSecret,
  linkSecretMatches,
  linkStateAt,
  parseLinkToken,
} from '../../../src/domain/access-request-link.ts';

describe('access-request links', () => {
  it('carries a 128-bit secret and parses back', () => {
    const link = generateLinkToken();
    expect(Buffer.from(link.secret, 'base64url')).toHaveLength(16);
    expect(parseLinkToken(link.token)).toEqual({ linkId: link.linkId, secret: link.secret });
    expect(generateLinkToken().secret).not.toBe(link.secret);
  });

  it('rejects malformed tokens', () => {
    for (const raw of [
      '',
      'abc',
      'abcdefgh.',
      '.xyz',
      'abcdefgh.short',
      'a/b.c',
      `${'a'.repeat(8)}.${'b'.repeat(22)}.x`,
    ]) {
      expect(parseLinkToken(raw)).toBeUndefined();
    }
  });

  it('matches only the right secret against the stored hash', () => {
    const link = generateLinkToken();
    const stored = hashLinkSecret(link.secret);
    expect(stored).not.toContain(link.secret);
    expect(linkSecretMatches(link.secret, stored)).toBe(true);
    expect(linkSecretMatches(generateLinkToken().secret, stored)).toBe(false);
    expect(linkSecretMatches(link.secret, 'abcd')).toBe(false);
  });

  it('says revoked before expired', () => {
    const now = new Date('2026-01-10T00:00:00Z');
    const past = new Date('2026-01-01T00:00:00Z');
    const future = new Date('2026-02-01T00:00:00Z');
    expect(linkStateAt({ revokedAt: null, expiresAt: future }, now)).toBe('usable');
    expect(linkStateAt({ revokedAt: null, expiresAt: past }, now)).toBe('expired');
    expect(linkStateAt({ revokedAt: past, expiresAt: past }, now)).toBe('revoked');
    expect(linkStateAt({ revokedAt: null, expiresAt: now }, now)).toBe('expired');
  });
});
