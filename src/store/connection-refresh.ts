/**
 * The refresh of a connection's access token (S10), as three steps on its row: claim it (one
 * caller at a time, across processes: the claim is a conditional UPDATE, so PostgreSQL's row lock
 * decides), store what the platform answered with the claim cleared in the same statement, or mark
 * the connection refused when the platform will not refresh it any more.
 */
import type { Executor } from './audit.ts';
import type { PlatformConnectionRow } from './schema.ts';
import type { Keyring, Secret } from './secrets.ts';
import { contextFor } from './platform-connections.ts';

/**
 * Claims the refresh of a connection until `until`, when its token is still due (expires by
 * `dueBy`), nobody else holds an unexpired claim and the platform has not refused it. Returns the
 * row as it is now (its refresh token is the newest one), or undefined when not claimed.
 */
export async function claimConnectionRefresh(
  db: Executor,
  input: { id: string; now: Date; dueBy: Date; until: Date },
): Promise<PlatformConnectionRow | undefined> {
  return db
    .updateTable('platform_connections')
    .set({ refresh_claimed_until: input.until })
    .where('id', '=', input.id)
    .where('expires_at', '<=', input.dueBy)
    .where('refresh_token_ciphertext', 'is not', null)
    .where('refresh_refused_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('refresh_claimed_until', 'is', null),
        eb('refresh_claimed_until', '<=', input.now),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
}

/**
 * Stores a refreshed access token, the newest refresh token (a rotating platform's new one, or
 * the one that was used) and the new expiry in one statement that also releases the claim.
 */
export async function saveRefreshedTokens(
  db: Executor,
  keyring: Keyring,
  row: Pick<PlatformConnectionRow, 'id' | 'agency_id'>,
  input: { accessToken: Secret; refreshToken: Secret; expiresAt: Date | null; now: Date },
): Promise<void> {
  await db
    .updateTable('platform_connections')
    .set({
      access_token_ciphertext: keyring.seal(
        input.accessToken,
        contextFor(row, 'access_token_ciphertext'),
      ),
      refresh_token_ciphertext: keyring.seal(
        input.refreshToken,
        contextFor(row, 'refresh_token_ciphertext'),
      ),
      expires_at: input.expiresAt,
      refresh_claimed_until: null,
      updated_at: input.now,
    })
    .where('id', '=', row.id)
    .execute();
}

/** The platform refused the refresh token: the connection needs re-consent; the claim goes. */
export async function markRefreshRefused(db: Executor, id: string, now: Date): Promise<void> {
  await db
    .updateTable('platform_connections')
    .set({ refresh_refused_at: now, refresh_claimed_until: null, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Gives a claim back after a failure worth retrying, so the next caller need not wait it out. */
export async function releaseRefreshClaim(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('platform_connections')
    .set({ refresh_claimed_until: null })
    .where('id', '=', id)
    .execute();
}

/** A connection's row as stored now, or undefined once deleted. */
export async function readConnectionRow(
  db: Executor,
  id: string,
): Promise<PlatformConnectionRow | undefined> {
  return db.selectFrom('platform_connections').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The refresh token of a claimed row, decrypted for the one token call. */
export function openRefreshToken(keyring: Keyring, row: PlatformConnectionRow): Secret | undefined {
  return row.refresh_token_ciphertext === null
    ? undefined
    : keyring.open(row.refresh_token_ciphertext, contextFor(row, 'refresh_token_ciphertext'));
}
