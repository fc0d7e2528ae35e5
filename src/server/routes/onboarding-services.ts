/**
 * What the onboarding, OAuth callback, access-request and agency-connection routes share: the
 * database, keyring, connectors, queue, clock and public URL, built once by the runtime (and by
 * tests), plus the two lookups every public route starts with (the link, the platform).
 */
import type { Kysely } from 'kysely';
import type { PgBoss } from 'pg-boss';
import {
  linkSecretMatches,
  linkStateAt,
  parseLinkToken,
} from '../../domain/access-request-link.ts';
import type { GrantDeps, PlatformLookup } from '../../jobs/grant-deps.ts';
import type { Platform, PlatformManifest } from '../../platforms/types.ts';
import {
  findAccessRequestByLinkId,
  type AccessRequestWithHash,
} from '../../store/access-requests.ts';
import type { Database } from '../../store/database.ts';
import type { Schema } from '../../store/schema.ts';
import type { Keyring } from '../../store/secrets.ts';
import { ownValue } from '../../lib/own.ts';
import { AppError } from '../errors.ts';
import {
  checkLinkAllowed,
  linkThrottleKeys,
  recordLinkFailure,
  type ReadThrough,
} from './link-throttle.ts';

export interface OnboardingServices {
  readonly db: Kysely<Schema>;
  /** Its kind and write generation, for the GETs' read cache (onboarding.ts). */
  readonly database: Pick<Database, 'kind' | 'writes'>;
  readonly keyring: Keyring;
  readonly platforms: PlatformLookup;
  readonly manifests: Readonly<Record<string, PlatformManifest>>;
  readonly boss: PgBoss;
  readonly now: () => Date;
  /** Where people reach this server, without a trailing slash. */
  readonly publicUrl: () => string;
  /** The grant deps (for "check again"), sharing the connectors above. */
  readonly grantDeps: GrantDeps;
  /**
   * Where this process works the grant queue (once its workers have started): the deps those
   * workers use, with the queue. An approval then begins the agency-side reads its grants will
   * decide from, claims the grants with their insert and runs them itself, sharing the workers'
   * grouped writes, leases and crash watch (onboarding-approve.ts). Absent: the approval queues
   * its grants for a worker, here or in another process.
   */
  readonly grantWorkers?: GrantDeps | undefined;
}

/**
 * The request a link token names. Malformed, unknown or wrong-secret links are 404 (nothing is
 * revealed); revoked and expired links are 410 with words the client understands.
 */
export async function resolveLink(
  services: Pick<OnboardingServices, 'db' | 'now'>,
  raw: string,
  ip: string,
): Promise<AccessRequestWithHash> {
  return usableLink(
    services,
    raw,
    ip,
    (linkId) => findAccessRequestByLinkId(services.db, linkId),
    (request) => request,
  );
}

/**
 * Reads what `find` returns for the link's id, then checks the link: a wrong secret is as unknown
 * as a missing link (404), a revoked or expired one is 410. `read` may serve the throttle's locks
 * and `find`'s answer from a cache no write outlives (the GETs); the secret, the throttle's time
 * and the link's state are checked on every call.
 */
export async function usableLink<T>(
  services: Pick<OnboardingServices, 'db' | 'now'>,
  raw: string,
  ip: string,
  find: (linkId: string) => Promise<T | undefined>,
  requestOf: (found: T) => AccessRequestWithHash,
  read?: ReadThrough,
): Promise<T> {
  const parsed = parseLinkToken(raw);
  // Wrong secrets are throttled per link id and per address (link-throttle.ts).
  const keys = linkThrottleKeys(parsed?.linkId, ip);
  await checkLinkAllowed(services, keys, read);
  const linkId = parsed?.linkId;
  const found =
    linkId === undefined
      ? undefined
      : read
        ? await read(`view:${linkId}`, () => find(linkId))
        : await find(linkId);
  const request = found === undefined ? undefined : requestOf(found);
  if (!parsed || found === undefined || !request) {
    await recordLinkFailure(services, keys);
    throw new AppError('not_found', 'This link does not exist. Check that you copied all of it.', {
      reason: 'unknown_link',
    });
  }
  if (!linkSecretMatches(parsed.secret, request.linkSecretHash)) {
    await recordLinkFailure(services, keys);
    throw new AppError('not_found', 'This link does not exist. Check that you copied all of it.', {
      reason: 'unknown_link',
    });
  }
  const state = linkStateAt(
    { revokedAt: request.linkRevokedAt, expiresAt: request.linkExpiresAt },
    services.now(),
  );
  if (state === 'revoked') {
    throw new AppError('gone', 'The agency has withdrawn this link. Ask them for a new one.', {
      reason: 'revoked',
    });
  }
  if (state === 'expired') {
    throw new AppError('gone', 'This link has expired. Ask the agency for a new one.', {
      reason: 'expired',
    });
  }
  return found;
}

/** The connector for a platform id, or 404. */
export function requirePlatform(
  services: Pick<OnboardingServices, 'platforms'>,
  id: string,
): Platform {
  const platform = ownValue(services.platforms, id);
  if (!platform) throw new AppError('not_found', `Unknown platform "${id}"`);
  return platform;
}

/** The exact redirect URI registered for a platform: built from configuration only (S4). */
export function redirectUriFor(
  services: Pick<OnboardingServices, 'publicUrl'>,
  platform: string,
): string {
  return `${services.publicUrl()}/oauth/callback/${platform}`;
}
