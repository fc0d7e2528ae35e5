/**
 * Secrets at rest: AES-256-GCM with a fresh 96-bit nonce per encryption, the key id stored with
 * each ciphertext, and associated data binding a ciphertext to its row, so a value copied to
 * another row (or another column) fails to decrypt. Encryption is never optional.
 *
 * Stored format: `lk1.<kid>.<base64url(nonce ‖ ciphertext ‖ tag)>`.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'lk1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A plaintext secret. It hides itself from logs, JSON and string conversion. */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  /** The plaintext; call it only where the value leaves for the platform. */
  reveal(): string {
    return this.#value;
  }
  toJSON(): string {
    return '[secret]';
  }
  toString(): string {
    return '[secret]';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'Secret([secret])';
  }
}

declare const sealedBrand: unique symbol;
/** An encrypted value as stored in the database. */
export type Sealed = string & { readonly [sealedBrand]: true };

/** Where a ciphertext lives; it is bound to exactly this place. */
export interface SecretContext {
  readonly table: string;
  readonly column: string;
  readonly rowId: string;
  readonly agencyId: string;
}

interface Key {
  readonly id: string;
  readonly key: Buffer;
}

export class SecretsError extends Error {
  override readonly name = 'SecretsError';
}

/** A keyring: encrypts with the newest key, decrypts with any listed key. */
export interface Keyring {
  readonly newestKeyId: string;
  readonly keyIds: readonly string[];
  seal(plain: Secret, context: SecretContext): Sealed;
  open(sealed: Sealed | string, context: SecretContext): Secret;
  keyIdOf(sealed: string): string;
}

/**
 * Parses `kid:base64key,kid:base64key` (newest first). Each key is 32 bytes; the cipher key is
 * derived per purpose with HKDF so the raw key is never used directly.
 */
export function parseKeyring(spec: string): Keyring {
  const keys = spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part): Key => {
      const [id, material] = part.split(':');
      if (!id || !material || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
        throw new SecretsError('LATCHKEY_SECRET_KEYS: each entry must be kid:base64key');
      }
      const raw = Buffer.from(material, 'base64');
      if (raw.length !== 32) {
        throw new SecretsError(`LATCHKEY_SECRET_KEYS: key "${id}" must be 32 bytes of base64`);
      }
      return { id, key: Buffer.from(hkdfSync('sha256', raw, id, 'latchkey tokens v1', 32)) };
    });
  const newest = keys[0];
  if (!newest) throw new SecretsError('LATCHKEY_SECRET_KEYS: no key given');
  if (new Set(keys.map((k) => k.id)).size !== keys.length) {
    throw new SecretsError('LATCHKEY_SECRET_KEYS: key ids must be unique');
  }
  const byId = new Map(keys.map((k) => [k.id, k]));
  return {
    newestKeyId: newest.id,
    keyIds: keys.map((k) => k.id),
    seal: (plain, context) => seal(newest, plain, context),
    open: (sealed, context) => {
      const { keyId, payload } = splitSealed(sealed);
      const key = byId.get(keyId);
      if (!key) throw new SecretsError(`No key "${keyId}" in the keyring to decrypt this value`);
      return open(key, payload, context);
    },
    keyIdOf: (sealed) => splitSealed(sealed).keyId,
  };
}

/** A new random key entry for LATCHKEY_SECRET_KEYS. */
export function generateKeyEntry(id = `k${Date.now().toString(36)}`): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

function associatedData(context: SecretContext): Buffer {
  return Buffer.from(
    [VERSION, context.table, context.column, context.rowId, context.agencyId].join('|'),
  );
}

function seal(key: Key, plain: Secret, context: SecretContext): Sealed {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(context));
  const body = Buffer.concat([cipher.update(plain.reveal(), 'utf8'), cipher.final()]);
  const payload = Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url');
  return `${VERSION}.${key.id}.${payload}` as Sealed;
}

function open(key: Key, payload: string, context: SecretContext): Secret {
  const bytes = Buffer.from(payload, 'base64url');
  if (bytes.length < NONCE_BYTES + TAG_BYTES) throw new SecretsError('Ciphertext is truncated');
  const nonce = bytes.subarray(0, NONCE_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  const body = bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key.key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(context));
  decipher.setAuthTag(tag);
  try {
    return new Secret(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8'));
  } catch {
    throw new SecretsError('Ciphertext does not authenticate for this row');
  }
}

function splitSealed(sealed: string): { keyId: string; payload: string } {
  const [version, keyId, payload, extra] = sealed.split('.');
  if (version !== VERSION || !keyId || !payload || extra !== undefined) {
    throw new SecretsError('Not a Latchkey ciphertext');
  }
  return { keyId, payload };
}
