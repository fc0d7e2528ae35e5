/** Team invitations: an email, a role and a single-use token stored as a SHA-256 hash. */
import type { Executor } from './audit.ts';
import type { UserRole } from './schema.ts';
import { normaliseEmail } from './users.ts';

export interface Invitation {
  readonly id: string;
  readonly agencyId: string;
  readonly email: string;
  readonly role: UserRole;
  readonly invitedBy: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

const columns = [
  'id',
  'agency_id',
  'email',
  'role',
  'invited_by',
  'created_at',
  'expires_at',
] as const;

function toInvitation(row: {
  id: string;
  agency_id: string;
  email: string;
  role: UserRole;
  invited_by: string | null;
  created_at: Date;
  expires_at: Date;
}): Invitation {
  return {
    id: row.id,
    agencyId: row.agency_id,
    email: row.email,
    role: row.role,
    invitedBy: row.invited_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

/** Stores an invitation. */
export async function insertInvitation(
  db: Executor,
  invitation: {
    agencyId: string;
    email: string;
    role: UserRole;
    tokenHash: string;
    invitedBy: string | null;
    now: Date;
    expiresAt: Date;
  },
): Promise<Invitation> {
  const row = await db
    .insertInto('invitations')
    .values({
      agency_id: invitation.agencyId,
      email: normaliseEmail(invitation.email),
      role: invitation.role,
      token_hash: invitation.tokenHash,
      invited_by: invitation.invitedBy,
      created_at: invitation.now,
      expires_at: invitation.expiresAt,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toInvitation(row);
}

/** The agency's open invitations (not accepted, revoked or expired), newest first. */
export async function listOpenInvitations(
  db: Executor,
  agencyId: string,
  now: Date,
): Promise<Invitation[]> {
  const rows = await db
    .selectFrom('invitations')
    .select(columns)
    .where('agency_id', '=', agencyId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toInvitation);
}

/** The open invitation for a token hash, or undefined. */
export async function findOpenInvitationByToken(
  db: Executor,
  tokenHash: string,
  now: Date,
): Promise<Invitation | undefined> {
  const row = await db
    .selectFrom('invitations')
    .select(columns)
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? toInvitation(row) : undefined;
}

/** Marks an open invitation accepted; false when it was not open any more (single use). */
export async function markInvitationAccepted(
  db: Executor,
  id: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable('invitations')
    .set({ accepted_at: now })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Revokes an open invitation of the agency; false when there is none. */
export async function revokeInvitation(
  db: Executor,
  agencyId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable('invitations')
    .set({ revoked_at: now })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
