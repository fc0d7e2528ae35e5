/**
 * Access requests (the link) and what they ask for. Every agency-facing query is scoped by the
 * agency id; the public lookup by link id returns the secret's hash for the caller to compare.
 */
import type { Selectable } from 'kysely';
import type { ClientLanguage } from '../domain/client-languages.ts';
import type { Executor } from './audit.ts';
import type { AccessRequestItemTable, AccessRequestRow, AccessRequestStatus } from './schema.ts';

export interface AccessRequestItem {
  readonly platform: string;
  readonly assetType: string;
  readonly permissionLevel: string;
}

export interface AccessRequest {
  readonly id: string;
  readonly agencyId: string;
  readonly clientId: string | null;
  readonly title: string;
  readonly message: string | null;
  /** The language of the client's emails and first page; null when the agency did not choose. */
  readonly language: ClientLanguage | null;
  readonly status: AccessRequestStatus;
  readonly linkId: string;
  readonly linkExpiresAt: Date;
  readonly linkRevokedAt: Date | null;
  readonly linkOpenedAt: Date | null;
  readonly accessEndsAt: Date | null;
  readonly createdBy: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly items: readonly AccessRequestItem[];
}

/** The request plus its secret's digest, for the link check only. */
export interface AccessRequestWithHash extends AccessRequest {
  readonly linkSecretHash: string;
}

/** An item row as the domain sees it. */
export function toItem(
  row: Pick<Selectable<AccessRequestItemTable>, 'platform' | 'asset_type' | 'permission_level'>,
): AccessRequestItem {
  return {
    platform: row.platform,
    assetType: row.asset_type,
    permissionLevel: row.permission_level,
  };
}

/** A request row and its items as the domain sees them (the secret's hash left out). */
export function toRequest(
  row: AccessRequestRow,
  items: readonly AccessRequestItem[],
): AccessRequest {
  return {
    id: row.id,
    agencyId: row.agency_id,
    clientId: row.client_id,
    title: row.title,
    message: row.message,
    language: row.language,
    status: row.status,
    linkId: row.link_id,
    linkExpiresAt: row.link_expires_at,
    linkRevokedAt: row.link_revoked_at,
    linkOpenedAt: row.link_opened_at,
    accessEndsAt: row.access_ends_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    items,
  };
}

async function itemsFor(db: Executor, requestIds: readonly string[]) {
  if (requestIds.length === 0) return new Map<string, AccessRequestItem[]>();
  const rows = await db
    .selectFrom('access_request_items')
    .selectAll()
    .where('request_id', 'in', requestIds)
    .orderBy('created_at')
    .orderBy('platform')
    .orderBy('asset_type')
    .execute();
  const byRequest = new Map<string, AccessRequestItem[]>();
  for (const row of rows) {
    byRequest.set(row.request_id, [...(byRequest.get(row.request_id) ?? []), toItem(row)]);
  }
  return byRequest;
}

export interface NewAccessRequest {
  readonly agencyId: string;
  readonly clientId: string | null;
  readonly title: string;
  readonly message: string | null;
  readonly language?: ClientLanguage | null;
  readonly linkId: string;
  readonly linkSecretHash: string;
  readonly linkExpiresAt: Date;
  readonly accessEndsAt: Date | null;
  readonly createdBy: string | null;
  readonly items: readonly AccessRequestItem[];
}

/** Inserts a request and its items (call inside the creating transaction). */
export async function insertAccessRequest(
  db: Executor,
  input: NewAccessRequest,
): Promise<AccessRequest> {
  const row = await db
    .insertInto('access_requests')
    .values({
      agency_id: input.agencyId,
      client_id: input.clientId,
      title: input.title,
      message: input.message,
      language: input.language ?? null,
      link_id: input.linkId,
      link_secret_hash: input.linkSecretHash,
      link_expires_at: input.linkExpiresAt,
      access_ends_at: input.accessEndsAt,
      created_by: input.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('access_request_items')
    .values(
      input.items.map((item) => ({
        agency_id: input.agencyId,
        request_id: row.id,
        platform: item.platform,
        asset_type: item.assetType,
        permission_level: item.permissionLevel,
      })),
    )
    .execute();
  return toRequest(row, input.items);
}

/** One agency's requests, newest first. */
export async function listAccessRequests(
  db: Executor,
  agencyId: string,
  options: {
    limit?: number;
    status?: AccessRequestStatus;
    /** Only requests after this one in the list's order (newest first): the next page. */
    after?: { createdAt: Date; id: string };
  } = {},
): Promise<AccessRequest[]> {
  let query = db
    .selectFrom('access_requests')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit ?? 100);
  if (options.status) query = query.where('status', '=', options.status);
  const after = options.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  const rows = await query.execute();
  const items = await itemsFor(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toRequest(row, items.get(row.id) ?? []));
}

/** One request of one agency (undefined for another agency's id: callers answer 404). */
export async function findAccessRequest(
  db: Executor,
  agencyId: string,
  requestId: string,
): Promise<AccessRequest | undefined> {
  const row = await db
    .selectFrom('access_requests')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id', '=', requestId)
    .executeTakeFirst();
  if (!row) return undefined;
  return toRequest(row, (await itemsFor(db, [row.id])).get(row.id) ?? []);
}

/** The request a link id names, with its secret's digest; the caller compares in constant time. */
export async function findAccessRequestByLinkId(
  db: Executor,
  linkId: string,
): Promise<AccessRequestWithHash | undefined> {
  const row = await db
    .selectFrom('access_requests')
    .selectAll()
    .where('link_id', '=', linkId)
    .executeTakeFirst();
  if (!row) return undefined;
  const items = (await itemsFor(db, [row.id])).get(row.id) ?? [];
  return { ...toRequest(row, items), linkSecretHash: row.link_secret_hash };
}

/** Revokes the link (and the request); false when it was already revoked. */
export async function revokeAccessRequest(
  db: Executor,
  agencyId: string,
  requestId: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('access_requests')
    .set({ status: 'revoked', link_revoked_at: now, updated_at: now })
    .where('agency_id', '=', agencyId)
    .where('id', '=', requestId)
    .where('link_revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records the first time the link was opened; true only for that first time. */
export async function markLinkOpened(db: Executor, requestId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('access_requests')
    .set({ link_opened_at: now, updated_at: now })
    .where('id', '=', requestId)
    .where('link_opened_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Sets the request's status (revoked requests keep theirs). */
export async function setAccessRequestStatus(
  db: Executor,
  requestId: string,
  status: AccessRequestStatus,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('access_requests')
    .set({ status, updated_at: now })
    .where('id', '=', requestId)
    .where('status', '!=', status)
    .where('status', '!=', 'revoked')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The agency's client (name and email) for a new request; undefined for another agency's id. */
export async function findRequestClient(
  db: Executor,
  agencyId: string,
  clientId: string,
): Promise<{ id: string; name: string; email: string | null } | undefined> {
  return db
    .selectFrom('clients')
    .select(['id', 'name', 'email'])
    .where('agency_id', '=', agencyId)
    .where('id', '=', clientId)
    .executeTakeFirst();
}

/** A template's items and name for a new request; undefined for another agency's id. */
export async function findRequestTemplate(
  db: Executor,
  agencyId: string,
  templateId: string,
): Promise<{ name: string; items: AccessRequestItem[] } | undefined> {
  const row = await db
    .selectFrom('request_templates')
    .select(['name', 'items'])
    .where('agency_id', '=', agencyId)
    .where('id', '=', templateId)
    .executeTakeFirst();
  return row ? { name: row.name, items: [...row.items] } : undefined;
}

/**
 * Marks open requests whose link expired before the client approved as `expired`; returns them
 * (id and agency) so the caller can audit each.
 */
export async function expireLapsedRequests(
  db: Executor,
  now: Date,
  limit = 200,
): Promise<{ id: string; agencyId: string }[]> {
  const lapsed = await db
    .selectFrom('access_requests')
    .leftJoin('onboardings', 'onboardings.request_id', 'access_requests.id')
    .select(['access_requests.id', 'access_requests.agency_id'])
    .where('access_requests.status', '=', 'open')
    .where('access_requests.link_expires_at', '<=', now)
    .where((eb) =>
      eb.or([eb('onboardings.id', 'is', null), eb('onboardings.status', '=', 'started')]),
    )
    .limit(limit)
    .execute();
  if (lapsed.length === 0) return [];
  await db
    .updateTable('access_requests')
    .set({ status: 'expired', updated_at: now })
    .where(
      'id',
      'in',
      lapsed.map((r) => r.id),
    )
    .where('status', '=', 'open')
    .execute();
  return lapsed.map((r) => ({ id: r.id, agencyId: r.agency_id }));
}
