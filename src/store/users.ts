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
