// PKCE S256 and state generation (SECURITY-RELIABILITY.md S1, S2).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createOAuthState, createPkcePair } from '../../../src/platforms/pkce.ts';

describe('pkce', () => {
  it('the challenge is base64url(SHA-256(verifier)), never plain', async () => {
    const pair = await createPkcePair();
    const expected = createHash('sha256').update(pair.codeVerifier).digest('base64url');
    expect(pair.codeChallenge).toBe(expected);
    expect(pair.codeChallengeMethod).toBe('S256');
    expect(pair.codeVerifier).not.toBe(pair.codeChallenge);
  });

  it('state carries at least 128 bits and differs each time', () => {
    const a = createOAuthState();
    expect(Buffer.from(a, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(createOAuthState()).not.toBe(a);
  });
});
