/**
 * Secret tokens (session ids, setup and invitation links, API key secrets): 128 bits or more from
 * the CSPRNG, stored only as a SHA-256 hash, compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh base64url token of `bytes` random bytes (16 bytes = 128 bits at least). */
export function generateToken(bytes = 32): string {
  return randomBytes(Math.max(16, bytes)).toString('base64url');
}

/** The SHA-256 hex digest we store instead of the token itself. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares two hex digests in constant time (false when their lengths differ). */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
