import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  Secret,
  SecretsError,
  generateKeyEntry,
  parseKeyring,
  type Sealed,
  type SecretContext,
} from '../../../src/store/secrets.ts';

const k1 = generateKeyEntry('k1');
const k2 = generateKeyEntry('k2');
const row: SecretContext = {
  table: 'platform_connections',
  column: 'access_token_ciphertext',
  rowId: 'row-1',
  agencyId: 'agency-1',
};

describe('secrets', () => {
  it('round-trips a value and stores the key id with the ciphertext', () => {
    const keyring = parseKeyring(k1);
    const sealed = keyring.seal(new Secret('tok-123'), row);
    expect(sealed.startsWith('lk1.k1.')).toBe(true);
    expect(sealed).not.toContain('tok-123');
    expect(keyring.open(sealed, row).reveal()).toBe('tok-123');
    expect(keyring.keyIdOf(sealed)).toBe('k1');
  });

  it('uses a fresh nonce for every encryption', () => {
    const keyring = parseKeyring(k1);
    const first = keyring.seal(new Secret('same'), row);
    const second = keyring.seal(new Secret('same'), row);
    expect(first).not.toBe(second);
    const nonce = (sealed: string) =>
      Buffer.from(sealed.split('.')[2]!, 'base64url').subarray(0, 12).toString('hex');
    expect(nonce(first)).not.toBe(nonce(second));
  });

  it('binds a ciphertext to its row, column and agency', () => {
    const keyring = parseKeyring(k1);
    const sealed = keyring.seal(new Secret('tok'), row);
    for (const other of [
      { ...row, rowId: 'row-2' },
      { ...row, agencyId: 'agency-2' },
      { ...row, column: 'refresh_token_ciphertext' },
      { ...row, table: 'webhook_endpoints' },
    ]) {
      expect(() => keyring.open(sealed, other)).toThrow(SecretsError);
    }
  });

  it('rejects a tampered ciphertext', () => {
    const keyring = parseKeyring(k1);
    const sealed = keyring.seal(new Secret('tok'), row);
    const bytes = Buffer.from(sealed.split('.')[2]!, 'base64url');
    bytes[14] = bytes[14]! ^ 1;
    const tampered = `lk1.k1.${bytes.toString('base64url')}` as Sealed;
    expect(() => keyring.open(tampered, row)).toThrow(SecretsError);
  });

  it('encrypts with the newest key and decrypts with any listed key', () => {
    const old = parseKeyring(k1).seal(new Secret('old'), row);
    const rotated = parseKeyring(`${k2},${k1}`);
    expect(rotated.newestKeyId).toBe('k2');
    expect(rotated.open(old, row).reveal()).toBe('old');
    expect(rotated.seal(new Secret('new'), row).startsWith('lk1.k2.')).toBe(true);
    expect(() => parseKeyring(k2).open(old, row)).toThrow(/No key "k1"/);
  });

  it('refuses malformed keyrings with a message naming the variable', () => {
    expect(() => parseKeyring('k1:short')).toThrow(/LATCHKEY_SECRET_KEYS/);
    expect(() => parseKeyring('nokey')).toThrow(/LATCHKEY_SECRET_KEYS/);
    expect(() => parseKeyring(`${k1},${k1}`)).toThrow(/unique/);
  });

  it('keeps plaintext out of JSON, strings and inspection', () => {
    const secret = new Secret('canary-secret-value');
    expect(JSON.stringify({ secret })).not.toContain('canary');
    expect(String(secret)).not.toContain('canary');
    expect(inspect({ secret })).not.toContain('canary');
  });
});
