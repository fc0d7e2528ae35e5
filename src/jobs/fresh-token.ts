/**
 * A usable access token for a stored connection (S10). A token that expires within the margin is
 * refreshed first, by one caller at a time: the caller that claims the row calls the platform's
 * token endpoint once and stores the new access token, the newest refresh token and the expiry in
 * one statement; a concurrent caller (in this process or another) waits for that result instead
 * of spending the refresh token again. A refused refresh marks the connection for re-consent and
 * blocks the job: no retry brings the grant back.
 */
import type { Logger } from '../lib/logger.ts';
import { ownValue } from '../lib/own.ts';
import { PlatformError } from '../platforms/errors.ts';
import type { Platform } from '../platforms/types.ts';
import {
  claimConnectionRefresh,
  markRefreshRefused,
  openRefreshToken,
  readConnectionRow,
  releaseRefreshClaim,
  saveRefreshedTokens,
} from '../store/connection-refresh.ts';
import type { Database } from '../store/database.ts';
import { contextFor, type OpenedConnection } from '../store/platform-connections.ts';
import type { PlatformConnectionRow } from '../store/schema.ts';
import { Secret, type Keyring } from '../store/secrets.ts';
import { GrantBlocked } from './grant-blocked.ts';

/** Refresh a token this long before it expires, so a call started with it does not outlive it. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** How long a claim holds; a crashed holder's claim runs out and the next caller takes over. */
export const REFRESH_CLAIM_MS = 30_000;
const POLL_MS = 100;
/** Waits between attempts to store a refreshed token: a rotated refresh token exists only here. */
const SAVE_RETRY_MS = [100, 300, 1000, 3000] as const;

export interface FreshTokenDeps {
  readonly database: Pick<Database, 'db'>;
  readonly keyring: Keyring;
  readonly platforms: Readonly<Partial<Record<string, Platform>>>;
  readonly now: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly logger?: Logger;
}

export type RefreshDecision = 'use' | 'refresh' | 'reconnect';

/**
 * What to do with a stored token: use it (no expiry, not due yet, or nothing to refresh it with),
 * refresh it, or stop because it is due and the platform has refused to refresh it.
 */
export function refreshDecision(
  connection: { expiresAt: Date | null; hasRefreshToken: boolean; refusedAt: Date | null },
  canRefresh: boolean,
  now: Date,
  marginMs = REFRESH_MARGIN_MS,
): RefreshDecision {
  const { expiresAt } = connection;
  if (expiresAt === null || expiresAt.getTime() - now.getTime() > marginMs) return 'use';
  if (connection.refusedAt !== null) return 'reconnect';
  return connection.hasRefreshToken && canRefresh ? 'refresh' : 'use';
}

/** Whether a token endpoint's error means the refresh token is dead (not a passing failure). */
export function isRefreshRefused(error: unknown): boolean {
  return (
    error instanceof PlatformError &&
    error.kind === 'auth' &&
    (error.platformCode === 'invalid_grant' || error.platformCode === '40107')
  );
}

function decisionFor(deps: FreshTokenDeps, row: PlatformConnectionRow): RefreshDecision {
  return refreshDecision(
    {
      expiresAt: row.expires_at,
      hasRefreshToken: row.refresh_token_ciphertext !== null,
      refusedAt: row.refresh_refused_at,
    },
    typeof ownValue(deps.platforms, row.platform)?.refreshTokens === 'function',
    deps.now(),
  );
}

function openAccessToken(keyring: Keyring, row: PlatformConnectionRow): Secret {
  return keyring.open(row.access_token_ciphertext, contextFor(row, 'access_token_ciphertext'));
}

function reconnectMessage(row: PlatformConnectionRow): string {
  return row.owner_kind === 'agency'
    ? `The agency's ${row.platform} connection has expired and ${row.platform} refused to renew it: an agency admin must reconnect ${row.platform} in Settings, then the work can be retried.`
    : `The client's ${row.platform} connection has expired and ${row.platform} refused to renew it: ask the client to open the link and connect ${row.platform} again.`;
}

/** Calls the token endpoint once for a claimed row and stores the answer (or the refusal). */
async function refreshClaimed(deps: FreshTokenDeps, row: PlatformConnectionRow): Promise<Secret> {
  const db = deps.database.db;
  const platform = ownValue(deps.platforms, row.platform);
  const refreshToken = openRefreshToken(deps.keyring, row);
  if (!platform?.refreshTokens || !refreshToken) {
    await releaseRefreshClaim(db, row.id);
    return openAccessToken(deps.keyring, row);
  }
  let tokens;
  try {
    tokens = await platform.refreshTokens(refreshToken.reveal());
  } catch (error) {
    if (isRefreshRefused(error)) {
      await markRefreshRefused(db, row.id, deps.now());
      deps.logger?.warn(
        { connectionId: row.id, platform: row.platform, ownerKind: row.owner_kind },
        'platform refused the refresh token; the connection needs re-consent',
      );
      throw new GrantBlocked(reconnectMessage(row));
    }
    await releaseRefreshClaim(db, row.id);
    throw error;
  }
  const accessToken = new Secret(tokens.accessToken);
  await saveRefreshed(deps, row, {
    accessToken,
    refreshToken:
      tokens.refreshToken === undefined ? refreshToken : new Secret(tokens.refreshToken),
    expiresAt: tokens.expiresAt ?? null,
  });
  deps.logger?.info(
    { connectionId: row.id, platform: row.platform, ownerKind: row.owner_kind },
    'refreshed a connection token',
  );
  return accessToken;
}

/**
 * Stores a refresh's answer, trying again when the database fails for a moment: a rotating
 * platform has already spent the old refresh token, so the new one, held only in memory here, is
 * the connection's only way back. The claim stays held meanwhile, so nobody sends the spent one.
 */
async function saveRefreshed(
  deps: FreshTokenDeps,
  row: PlatformConnectionRow,
  tokens: { accessToken: Secret; refreshToken: Secret; expiresAt: Date | null },
): Promise<void> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      await saveRefreshedTokens(deps.database.db, deps.keyring, row, {
        ...tokens,
        now: deps.now(),
      });
      return;
    } catch (error) {
      const wait = SAVE_RETRY_MS[attempt];
      if (wait === undefined) {
        deps.logger?.error(
          { connectionId: row.id, platform: row.platform, err: error },
          'could not store a refreshed token; the connection may need re-consent',
        );
        throw error;
      }
      deps.logger?.warn(
        { connectionId: row.id, platform: row.platform, attempt: attempt + 1 },
        'storing a refreshed token failed; trying again',
      );
      await sleep(wait);
    }
  }
}

/**
 * The connection's access token, refreshed first when it is due (single-flight per connection).
 * Throws GrantBlocked when the platform refused the refresh or the connection is gone.
 */
export async function freshAccessToken(
  deps: FreshTokenDeps,
  opened: OpenedConnection,
): Promise<Secret> {
  const db = deps.database.db;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let row = opened.row;
  let accessToken = opened.accessToken;
  // A holder has REFRESH_CLAIM_MS; after that its claim runs out and this caller takes over.
  for (let waits = 0; waits <= (2 * REFRESH_CLAIM_MS) / POLL_MS; waits++) {
    const decision = decisionFor(deps, row);
    if (decision === 'use') return accessToken;
    if (decision === 'reconnect') throw new GrantBlocked(reconnectMessage(row));
    const now = deps.now();
    const claimed = await claimConnectionRefresh(db, {
      id: row.id,
      now,
      dueBy: new Date(now.getTime() + REFRESH_MARGIN_MS),
      until: new Date(now.getTime() + REFRESH_CLAIM_MS),
    });
    if (claimed) return refreshClaimed(deps, claimed);
    // Someone else holds the claim, or has just refreshed: read what is stored now.
    const current = await readConnectionRow(db, row.id);
    if (!current) throw new GrantBlocked(`The ${row.platform} connection is no longer stored.`);
    const settled =
      current.expires_at?.getTime() !== row.expires_at?.getTime() ||
      current.refresh_refused_at !== null;
    row = current;
    accessToken = openAccessToken(deps.keyring, current);
    if (settled) continue;
    await sleep(POLL_MS);
  }
  throw new PlatformError(
    'unavailable',
    `Another worker has held the ${row.platform} token refresh too long`,
    'refresh_claim_held',
    { retryAfterMs: REFRESH_CLAIM_MS },
  );
}
