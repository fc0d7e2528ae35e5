/**
 * The client link's throttle: the public onboarding routes are authorized by `<link id>.<secret>`
 * alone, so wrong secrets are counted per link id (20 failures lock that id for 1 minute, then 2,
 * 4 … up to 15) and per client IP (50 failures, the same back-off), in the database so every
 * process shares the count. A locked link or address answers 429 with Retry-After before the
 * secret is even compared. An attacker without the link cannot name its id, so the real client
 * is locked out only while someone who holds the id guesses at its secret.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { lockedUntil, recordFailure, type ThrottlePolicy } from '../../store/auth-throttles.ts';
import type { Schema } from '../../store/schema.ts';
import { AppError } from '../errors.ts';

const MINUTE = 60_000;
export const LINK_ID_POLICY: ThrottlePolicy = {
  threshold: 20,
  baseLockMs: MINUTE,
  maxLockMs: 15 * MINUTE,
  forgetAfterMs: 60 * MINUTE,
};
export const LINK_IP_POLICY: ThrottlePolicy = {
  threshold: 50,
  baseLockMs: MINUTE,
  maxLockMs: 15 * MINUTE,
  forgetAfterMs: 10 * MINUTE,
};

export interface LinkThrottleKeys {
  readonly link: string | undefined;
  readonly ip: string;
}

interface Services {
  readonly db: Kysely<Schema>;
  readonly now: () => Date;
}

/** The keys of one attempt: the link id (when the token parses) and the hashed address. */
export function linkThrottleKeys(linkId: string | undefined, ip: string): LinkThrottleKeys {
  const ipHash = createHash('sha256').update(ip, 'utf8').digest('hex');
  return { link: linkId === undefined ? undefined : `link:${linkId}`, ip: `link-ip:${ipHash}` };
}

/** Reads a key's lock through a cache (the client page's GETs) or straight from the database. */
export type ReadThrough = <T>(key: string, load: () => Promise<T>) => Promise<T>;
const direct: ReadThrough = (_key, load) => load();

/**
 * 429 with Retry-After while the link id or the address is locked. `read` may serve the lock
 * rows from a cache that no write outlives (every failure is a write); the time is compared here.
 */
export async function checkLinkAllowed(
  services: Services,
  keys: LinkThrottleKeys,
  read: ReadThrough = direct,
): Promise<void> {
  const now = services.now();
  const lock = (key: string) =>
    read(`lock:${key}`, () => lockedUntil(services.db, key, new Date(0))).then((until) =>
      until && until.getTime() > now.getTime() ? until : undefined,
    );
  const [link, ip] = await Promise.all([keys.link ? lock(keys.link) : undefined, lock(keys.ip)]);
  const until = Math.max(link?.getTime() ?? 0, ip?.getTime() ?? 0);
  if (until === 0) return;
  const seconds = Math.max(1, Math.ceil((until - now.getTime()) / 1000));
  throw new AppError('rate_limited', `Too many wrong links; retry in ${seconds} s`, undefined, {
    'retry-after': String(seconds),
  });
}

/** Counts a wrong or unknown link against its id and the address. */
export async function recordLinkFailure(services: Services, keys: LinkThrottleKeys): Promise<void> {
  const now = services.now();
  if (keys.link) await recordFailure(services.db, keys.link, now, LINK_ID_POLICY);
  await recordFailure(services.db, keys.ip, now, LINK_IP_POLICY);
}
