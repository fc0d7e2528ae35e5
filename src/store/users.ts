/** Agency users: lookups by email (sign-in) and by id within one agency. */
import type { Executor } from './audit.ts';
import type { UserRole } from './schema.ts';

export interface User {
  readonly id: string;
  readonly agencyId: string;
  readonly email: string;
  readonly name: string;
  readonly role: UserRole;
  readonly createdAt: Date;
  readonly disabledAt: Date | null;
}

interface UserRecord {
  id: string;
  agency_id: string;
  email: string;
  name: string;
  role: UserRole;
  created_at: Date;
  disabled_at: Date | null;
}

/** Maps a users row to the camelCase type. */
export function toUser(row: UserRecord): User {
  return {
    id: row.id,
    agencyId: row.agency_id,
    email: row.email,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

const userColumns = [
  'id',
  'agency_id',
  'email',
  'name',
  'role',
  'created_at',
  'disabled_at',
] as const;

/** Normalises an email for lookups and uniqueness (trimmed, lower case). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A user and password hash by email, for sign-in (active users only). */
export async function findUserCredentials(
  db: Executor,
  email: string,
): Promise<{ user: User; passwordHash: string | null } | undefined> {
  const row = await db
    .selectFrom('users')
    .select([...userColumns, 'password_hash'])
    .where('email', '=', normaliseEmail(email))
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
}

/** One user of one agency, or undefined (another agency's user is never found). */
export async function findUser(
  db: Executor,
  agencyId: string,
  userId: string,
): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .select(userColumns)
    .where('agency_id', '=', agencyId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** The agency's active users, oldest first. */
export async function listUsers(db: Executor, agencyId: string): Promise<User[]> {
  const rows = await db
    .selectFrom('users')
    .select(userColumns)
    .where('agency_id', '=', agencyId)
    .where('disabled_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toUser);
}

/** Inserts a user; the email is normalised. */
export async function insertUser(
  db: Executor,
  user: { agencyId: string; email: string; name: string; role: UserRole; passwordHash: string },
): Promise<User> {
  const row = await db
    .insertInto('users')
    .values({
      agency_id: user.agencyId,
      email: normaliseEmail(user.email),
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
    })
    .returning(userColumns)
    .executeTakeFirstOrThrow();
  return toUser(row);
}

/** Any user (active or removed) with this email, for invitation acceptance. */
export async function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .select(userColumns)
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** Brings a removed user of the same agency back with a new role, name and password. */
export async function reactivateUser(
  db: Executor,
  agencyId: string,
  userId: string,
  changes: { name: string; role: UserRole; passwordHash: string },
): Promise<User> {
  const row = await db
    .updateTable('users')
    .set({
      name: changes.name,
      role: changes.role,
      password_hash: changes.passwordHash,
      disabled_at: null,
    })
    .where('agency_id', '=', agencyId)
    .where('id', '=', userId)
    .returning(userColumns)
    .executeTakeFirstOrThrow();
  return toUser(row);
}

/** Changes an active user's role; undefined when the agency has no such active user. */
export async function updateUserRole(
  db: Executor,
  agencyId: string,
  userId: string,
  role: UserRole,
): Promise<User | undefined> {
  const row = await db
    .updateTable('users')
    .set({ role })
    .where('agency_id', '=', agencyId)
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .returning(userColumns)
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** Removes a user from the team (kept, disabled, for history); undefined when not found. */
export async function disableUser(
  db: Executor,
  agencyId: string,
  userId: string,
  now: Date,
): Promise<User | undefined> {
  const row = await db
    .updateTable('users')
    .set({ disabled_at: now })
    .where('agency_id', '=', agencyId)
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .returning(userColumns)
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** How many active owners the agency has (the last one cannot leave or be demoted). */
export async function countOwners(db: Executor, agencyId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('agency_id', '=', agencyId)
    .where('role', '=', 'owner')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
