/**
 * API keys: `lk_<id>.<secret>`. The table keeps the public id and a SHA-256 hash of the secret;
 * a key acts with its creator's current role, capped by its scope (read or write).
 */
import type { Executor } from './audit.ts';
import { fetchPage, type ListOrder, type Page, type PageRequest } from './keyset.ts';
import type { ApiKeyScope, UserRole } from './schema.ts';

export interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly scope: ApiKeyScope;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

export interface ApiKeyCredential {
  readonly id: string;
  readonly agencyId: string;
  readonly secretHash: string;
  readonly scope: ApiKeyScope;
  readonly userId: string;
  readonly role: UserRole;
}

const columns = [
  'id',
  'name',
  'scope',
  'created_by',
  'created_at',
  'last_used_at',
  'revoked_at',
] as const;

function toApiKey(row: {
  id: string;
  name: string;
  scope: ApiKeyScope;
  created_by: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}): ApiKey {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Stores a new key (the caller generated the id and hashed the secret). */
export async function insertApiKey(
  db: Executor,
  key: {
    id: string;
    agencyId: string;
    createdBy: string;
    name: string;
    scope: ApiKeyScope;
    secretHash: string;
  },
): Promise<ApiKey> {
  const row = await db
    .insertInto('api_keys')
    .values({
      id: key.id,
      agency_id: key.agencyId,
      created_by: key.createdBy,
      name: key.name,
      scope: key.scope,
      secret_hash: key.secretHash,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toApiKey(row);
}

/** The live credential for a key id: unrevoked, and its creator still an active member. */
export async function findApiKeyCredential(
  db: Executor,
  id: string,
): Promise<ApiKeyCredential | undefined> {
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.created_by')
    .select([
      'api_keys.id',
      'api_keys.agency_id',
      'api_keys.secret_hash',
      'api_keys.scope',
      'users.id as user_id',
      'users.role',
    ])
    .where('api_keys.id', '=', id)
    .where('api_keys.revoked_at', 'is', null)
    .where('users.disabled_at', 'is', null)
    .whereRef('users.agency_id', '=', 'api_keys.agency_id')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    agencyId: row.agency_id,
    secretHash: row.secret_hash,
    scope: row.scope,
    userId: row.user_id,
    role: row.role,
  };
}

/** Notes when a key was last used (at most once a minute per key, to spare writes). */
export async function touchApiKey(db: Executor, id: string, now: Date): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('last_used_at', 'is', null),
        eb('last_used_at', '<', new Date(now.getTime() - 60_000)),
      ]),
    )
    .execute();
}

/** How the keys list is ordered: newest first. */
export const apiKeysOrder: ListOrder = {
  key: 'created_at',
  id: 'id',
  kind: 'time',
  idKind: 'text',
  direction: 'desc',
};

/** One page of the agency's keys, newest first (revoked ones included, marked). */
export async function listApiKeys(
  db: Executor,
  agencyId: string,
  page: PageRequest,
): Promise<Page<ApiKey>> {
  const query = db.selectFrom('api_keys').select(columns).where('agency_id', '=', agencyId);
  const found = await fetchPage(query, apiKeysOrder, page);
  return { rows: found.rows.map(toApiKey), next: found.next };
}

/** Revokes one key of the agency; undefined when no such live key. */
export async function revokeApiKey(
  db: Executor,
  agencyId: string,
  id: string,
  now: Date,
): Promise<ApiKey | undefined> {
  const row = await db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning(columns)
    .executeTakeFirst();
  return row ? toApiKey(row) : undefined;
}
