import { describe, expect, it } from 'vitest';
import { generateApiKey, parseApiKey } from '../../../src/server/auth/api-key-token.ts';
import { isCrossSiteRequest } from '../../../src/server/auth/cross-site.ts';
import { hashPassword, verifyPassword } from '../../../src/server/auth/password.ts';
import { stableStringify } from '../../../src/lib/stable-json.ts';
import { digestsEqual, generateToken, hashToken } from '../../../src/lib/tokens.ts';

const ours = ['http://127.0.0.1:3000'];

describe('cross-site detection', () => {
  it('refuses other sites and accepts our own origin or non-browser clients', () => {
    expect(isCrossSiteRequest({ 'sec-fetch-site': 'cross-site' }, ours)).toBe(true);
    expect(isCrossSiteRequest({ 'sec-fetch-site': 'same-site' }, ours)).toBe(true);
    expect(isCrossSiteRequest({ origin: 'https://evil.example' }, ours)).toBe(true);
    expect(isCrossSiteRequest({ origin: 'null' }, ours)).toBe(true);
    expect(
      isCrossSiteRequest(
        { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' },
        ours,
      ),
    ).toBe(false);
    expect(
      isCrossSiteRequest({ origin: 'http://localhost:5173', host: 'localhost:5173' }, ours),
    ).toBe(false);
    expect(isCrossSiteRequest({}, ours)).toBe(false);
  });
});

describe('tokens and keys', () => {
  it('makes 128-bit-plus tokens, hashes them and compares digests', () => {
    expect(Buffer.from(generateToken(16), 'base64url')).toHaveLength(16);
    expect(Buffer.from(generateToken(4), 'base64url')).toHaveLength(16);
    expect(digestsEqual(hashToken('a'), hashToken('a'))).toBe(true);
    expect(digestsEqual(hashToken('a'), hashToken('b'))).toBe(false);
    expect(digestsEqual('', '')).toBe(false);
    const key = generateApiKey();
    expect(parseApiKey(key.token)).toMatchObject({ id: key.id });
    expect(parseApiKey(`${key.token}x`)).toBeUndefined();
    expect(key.token).not.toContain(key.secretHash);
  });

  it('hashes passwords with scrypt and verifies them', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('wrong', stored)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });

  it('hashes JSON bodies independently of key order', () => {
    expect(stableStringify({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(
      stableStringify({ a: [{ c: 3, d: 2 }], b: 1 }),
    );
  });
});
