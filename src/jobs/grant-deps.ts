/**
 * What grant execution needs, injected once by the runtime (and by tests and the benchmark): the
 * database, the keyring, the platform connectors (whose fetch goes through the shared rate
 * limiter), a clock, a sleep, and the retry policy.
 */
import { randomUUID } from 'node:crypto';
import type { PgBoss } from 'pg-boss';
import type { BackoffPolicy } from '../domain/grant-retry.ts';
import type { Logger } from '../lib/logger.ts';
import type { AgencyIdentity, Platform } from '../platforms/types.ts';
import type { Database } from '../store/database.ts';
import {
  openAgencyToken,
  openGrantTokens,
  openOnboardingToken,
} from '../store/platform-connections.ts';
import type { Keyring } from '../store/secrets.ts';
import { ownValue } from '../lib/own.ts';
import { freshAccessToken } from './fresh-token.ts';
import { GrantBlocked } from './grant-blocked.ts';

export type PlatformLookup = Readonly<Partial<Record<string, Platform>>>;

export interface GrantDeps {
  readonly database: Pick<Database, 'db'>;
  readonly keyring: Keyring;
  readonly platforms: PlatformLookup;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly grantPolicy: GrantPolicy;
  readonly logger?: Logger;
  readonly random?: () => number;
  /** The job queue, where there is one: a grant left waiting for a person gets soon re-checks. */
  readonly boss?: PgBoss;
}

export interface GrantPolicy {
  /** How long a worker holds a grant without writing a step; a crashed worker's lease expires. */
  readonly leaseMs: number;
  readonly backoff: BackoffPolicy;
  /** Names this process in lease owners (host and pid are enough). */
  readonly workerId: string;
}

/**
 * What opening a token for a platform call needs: the store, the keyring, and the connectors and
 * clock to refresh a token that is about to expire (S10).
 */
export type TokenDeps = Pick<GrantDeps, 'database' | 'keyring' | 'platforms' | 'now'> &
  Partial<Pick<GrantDeps, 'sleep' | 'logger'>>;

/** A new lease owner id for one run of one grant job. */
export function newLeaseOwner(policy: GrantPolicy): string {
  return `${policy.workerId}:${randomUUID()}`;
}

export { GrantBlocked };

/** The platform connector for a grant, or GrantBlocked. */
export function platformFor(deps: Pick<GrantDeps, 'platforms'>, id: string): Platform {
  const platform = ownValue(deps.platforms, id);
  if (!platform) throw new GrantBlocked(`Latchkey has no connector for ${id}`);
  return platform;
}

/** The agency's identity on a platform (its chosen business and token), or GrantBlocked. */
export async function agencyIdentityFor(
  deps: TokenDeps,
  agencyId: string,
  platform: string,
): Promise<AgencyIdentity> {
  const opened = await openAgencyToken(deps.database.db, deps.keyring, agencyId, platform);
  if (!opened?.summary.businessId) {
    throw new GrantBlocked(
      `The agency has not connected its ${platform} business yet: an agency admin must connect it in Settings, then the grant can be retried.`,
    );
  }
  const accessToken = await freshAccessToken(deps, opened);
  return { businessId: opened.summary.businessId, accessToken: accessToken.reveal() };
}

/** The client's token for an onboarding, or GrantBlocked when it is gone. */
export async function clientTokenFor(
  deps: TokenDeps,
  onboardingId: string,
  platform: string,
): Promise<string> {
  const opened = await openOnboardingToken(deps.database.db, deps.keyring, onboardingId, platform);
  if (!opened) {
    throw new GrantBlocked(
      `The client's ${platform} connection is no longer stored: ask the client to open the link and connect ${platform} again.`,
    );
  }
  return (await freshAccessToken(deps, opened)).reveal();
}

/**
 * Both identities a grant run needs, in one read: the agency's (or GrantBlocked) and the
 * client's token (undefined once deleted; only a call that shares needs it).
 */
export async function grantIdentitiesFor(
  deps: TokenDeps,
  grant: { agencyId: string; onboardingId: string; platform: string },
): Promise<{ agency: AgencyIdentity; clientToken: string | undefined }> {
  const tokens = await openGrantTokens(deps.database.db, deps.keyring, grant);
  const businessId = tokens.agency?.summary.businessId;
  if (!tokens.agency || !businessId) {
    throw new GrantBlocked(
      `The agency has not connected its ${grant.platform} business yet: an agency admin must connect it in Settings, then the grant can be retried.`,
    );
  }
  const agencyToken = await freshAccessToken(deps, tokens.agency);
  const clientToken = tokens.client ? await freshAccessToken(deps, tokens.client) : undefined;
  return {
    agency: { businessId, accessToken: agencyToken.reveal() },
    clientToken: clientToken?.reveal(),
  };
}
