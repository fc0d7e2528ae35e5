/**
 * Access-request links are capability URLs `/l/<id>.<secret>`: the id finds the row, the 128-bit
 * CSPRNG secret proves possession. Only the SHA-256 of the secret is stored and it is compared in
 * constant time, so a database dump or a timing probe does not reveal a usable link.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Links expire after 14 days unless the agency chooses otherwise. */
export const DEFAULT_LINK_TTL_DAYS = 14;
export const MAX_LINK_TTL_DAYS = 90;

export interface LinkToken {
  readonly linkId: string;
  readonly secret: string;
  /** `<id>.<secret>`: what goes into the URL, shown once. */
  readonly token: string;
}

/** Creates a fresh link: a 64-bit id for lookup and a 128-bit secret. */
export function generateLinkToken(): LinkToken {
  const linkId = randomBytes(8).toString('base64url');
  const secret = randomBytes(16).toString('base64url');
  return { linkId, secret, token: `${linkId}.${secret}` };
}

/** Splits `<id>.<secret>`; anything malformed is undefined (and so a 404, never a 500). */
export function parseLinkToken(raw: string): { linkId: string; secret: string } | undefined {
  const match = /^([A-Za-z0-9_-]{8,32})\.([A-Za-z0-9_-]{22,64})$/.exec(raw);
  if (!match?.[1] || !match[2]) return undefined;
  return { linkId: match[1], secret: match[2] };
}

/** The hex SHA-256 digest stored instead of the secret. */
export function hashLinkSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares a presented secret with the stored digest in constant time. */
export function linkSecretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashLinkSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

export type LinkState = 'usable' | 'revoked' | 'expired';

/** Whether a link may still be used at `now`: revocation wins over expiry. */
export function linkStateAt(
  link: { readonly revokedAt: Date | null; readonly expiresAt: Date },
  now: Date,
): LinkState {
  if (link.revokedAt) return 'revoked';
  if (link.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'usable';
}
