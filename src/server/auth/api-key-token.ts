/**
 * API key strings: `lk_<id>.<secret>`. The id finds the row; only a SHA-256 hash of the secret is
 * stored and it is compared in constant time. The full key is shown once, at creation.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { digestsEqual, generateToken, hashToken } from '../../lib/tokens.ts';
import { findApiKeyCredential, type ApiKeyCredential } from '../../store/api-keys.ts';
import type { Schema } from '../../store/schema.ts';

const KEY_PATTERN = /^lk_([a-z0-9]{16})\.([A-Za-z0-9_-]{43})$/;

/** A fresh key: the id to store, the hash to store, and the full string to show once. */
export function generateApiKey(): { id: string; secretHash: string; token: string } {
  const id = randomBytes(10).toString('hex').slice(0, 16);
  const secret = generateToken(32);
  return { id, secretHash: hashToken(secret), token: `lk_${id}.${secret}` };
}

/** Splits a key string; undefined when it is not in the `lk_<id>.<secret>` form. */
export function parseApiKey(token: string): { id: string; secret: string } | undefined {
  const match = KEY_PATTERN.exec(token);
  if (!match?.[1] || !match[2]) return undefined;
  return { id: match[1], secret: match[2] };
}

/** The live credential for a key string, or undefined when unknown, revoked or wrong. */
export async function verifyApiKey(
  db: Kysely<Schema>,
  token: string,
): Promise<ApiKeyCredential | undefined> {
  const parsed = parseApiKey(token);
  if (!parsed) return undefined;
  const credential = await findApiKeyCredential(db, parsed.id);
  if (!credential) return undefined;
  return digestsEqual(hashToken(parsed.secret), credential.secretHash) ? credential : undefined;
}
