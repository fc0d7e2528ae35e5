/**
 * Agency sessions. The cookie carries a random id; the table holds only its SHA-256 hash, the
 * absolute expiry (`expires_at`) and the last activity (`last_seen_at`, for the idle timeout).
 */
import type { Executor } from './audit.ts';
import type { UserRole } from './schema.ts';

export interface SessionUser {
  readonly idHash: string;
  readonly userId: string;
  readonly agencyId: string;
  readonly role: UserRole;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
}

/** Stores a new session for an active user. */
export async function insertSession(
  db: Executor,
  session: { idHash: string; userId: string; agencyId: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: session.idHash,
      user_id: session.userId,
      agency_id: session.agencyId,
      created_at: session.now,
      last_seen_at: session.now,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** The session and its user, when the user is still active; timeouts are the caller's rule. */
export async function findSessionUser(
  db: Executor,
  idHash: string,
): Promise<SessionUser | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id_hash',
      'sessions.user_id',
      'sessions.agency_id',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.role',
    ])
    .where('sessions.id_hash', '=', idHash)
    .where('users.disabled_at', 'is', null)
    .whereRef('users.agency_id', '=', 'sessions.agency_id')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    idHash: row.id_hash,
    userId: row.user_id,
    agencyId: row.agency_id,
    role: row.role,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  };
}

/** Records activity, which pushes the idle timeout back. */
export async function touchSession(db: Executor, idHash: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now })
    .where('id_hash', '=', idHash)
    .execute();
}

/** Deletes one session (sign-out, timeout). */
export async function deleteSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Ends every session of a user (removal, role change). Returns how many ended. */
export async function deleteUserSessions(
  db: Executor,
  agencyId: string,
  userId: string,
): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('agency_id', '=', agencyId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
