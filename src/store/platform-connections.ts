/**
 * Platform connections: the client's token for one onboarding (owner_kind 'onboarding', deleted
 * when the onboarding ends) and the agency's own identity (owner_kind 'agency', with the business
 * it chose). Tokens are sealed to their row; reads that return a token say so in their name.
 */
import { randomUUID } from 'node:crypto';
import type { Executor } from './audit.ts';
import type { PlatformConnectionRow } from './schema.ts';
import { Secret, type Keyring, type SecretContext } from './secrets.ts';

export interface ConnectionTokens {
  readonly accessToken: Secret;
  readonly refreshToken?: Secret;
  readonly expiresAt?: Date;
  readonly scopes: readonly string[];
  readonly grantedIds?: readonly string[];
}

/** A connection as the API shows it: never a token. */
export interface ConnectionSummary {
  readonly id: string;
  readonly platform: string;
  readonly businessId: string | null;
  readonly businessName: string | null;
  readonly grantedIds: readonly string[];
  /** The platform refused to refresh the token (S10): someone must connect it again. */
  readonly needsReconnect: boolean;
  readonly createdAt: Date;
}

/** A connection's token opened for a platform call, with its row (to refresh it; S10). */
export interface OpenedConnection {
  readonly summary: ConnectionSummary;
  readonly accessToken: Secret;
  readonly row: PlatformConnectionRow;
}

/** Where a connection's token column is sealed: the row binds the ciphertext (AEAD context). */
export function contextFor(row: { id: string; agency_id: string }, column: string): SecretContext {
  return { table: 'platform_connections', column, rowId: row.id, agencyId: row.agency_id };
}

function toSummary(row: PlatformConnectionRow): ConnectionSummary {
  return {
    id: row.id,
    platform: row.platform,
    businessId: row.business_id,
    businessName: row.business_name,
    grantedIds: row.granted_ids,
    needsReconnect: row.refresh_refused_at !== null,
    createdAt: row.created_at,
  };
}

interface SaveInput {
  readonly agencyId: string;
  readonly platform: string;
  readonly tokens: ConnectionTokens;
  readonly now: Date;
}

async function replaceConnection(
  db: Executor,
  keyring: Keyring,
  input: SaveInput & { ownerKind: 'agency' | 'onboarding'; onboardingId: string | null },
): Promise<ConnectionSummary> {
  let stale = db
    .deleteFrom('platform_connections')
    .where('agency_id', '=', input.agencyId)
    .where('platform', '=', input.platform)
    .where('owner_kind', '=', input.ownerKind);
  if (input.onboardingId) stale = stale.where('onboarding_id', '=', input.onboardingId);
  await stale.execute();
  const row = { id: randomUUID(), agency_id: input.agencyId };
  const { tokens } = input;
  const inserted = await db
    .insertInto('platform_connections')
    .values({
      ...row,
      owner_kind: input.ownerKind,
      onboarding_id: input.onboardingId,
      platform: input.platform,
      external_id: input.onboardingId ?? input.agencyId,
      access_token_ciphertext: keyring.seal(
        tokens.accessToken,
        contextFor(row, 'access_token_ciphertext'),
      ),
      refresh_token_ciphertext: tokens.refreshToken
        ? keyring.seal(tokens.refreshToken, contextFor(row, 'refresh_token_ciphertext'))
        : null,
      scopes: [...tokens.scopes],
      granted_ids: [...(tokens.grantedIds ?? [])],
      expires_at: tokens.expiresAt ?? null,
      created_at: input.now,
      updated_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSummary(inserted);
}

/** Stores (replacing any earlier one) the client's token for this onboarding, sealed. */
export async function saveOnboardingConnection(
  db: Executor,
  keyring: Keyring,
  input: SaveInput & { onboardingId: string },
): Promise<ConnectionSummary> {
  return replaceConnection(db, keyring, { ...input, ownerKind: 'onboarding' });
}

/** Stores (replacing any earlier one) the agency's own token for a platform, sealed. */
export async function saveAgencyConnection(
  db: Executor,
  keyring: Keyring,
  input: SaveInput,
): Promise<ConnectionSummary> {
  return replaceConnection(db, keyring, { ...input, ownerKind: 'agency', onboardingId: null });
}

/** The onboarding's connection to a platform, without its token. */
export async function findOnboardingConnection(
  db: Executor,
  onboardingId: string,
  platform: string,
): Promise<ConnectionSummary | undefined> {
  const row = await db
    .selectFrom('platform_connections')
    .selectAll()
    .where('owner_kind', '=', 'onboarding')
    .where('onboarding_id', '=', onboardingId)
    .where('platform', '=', platform)
    .executeTakeFirst();
  return row ? toSummary(row) : undefined;
}

/** The agency's connections to these platforms, without their tokens, by platform. */
export async function findAgencyConnections(
  db: Executor,
  agencyId: string,
  platforms: readonly string[],
): Promise<Map<string, ConnectionSummary>> {
  if (platforms.length === 0) return new Map();
  const rows = await db
    .selectFrom('platform_connections')
    .selectAll()
    .where('owner_kind', '=', 'agency')
    .where('agency_id', '=', agencyId)
    .where('platform', 'in', platforms)
    .execute();
  return new Map(rows.map((row) => [row.platform, toSummary(row)]));
}

/** The agency's connection to a platform, without its token. */
export async function findAgencyConnection(
  db: Executor,
  agencyId: string,
  platform: string,
): Promise<ConnectionSummary | undefined> {
  return (await findAgencyConnections(db, agencyId, [platform])).get(platform);
}

/** Opens a connection row read with its sealed token (listOnboardingConnectionRows). */
export function openRow(keyring: Keyring, row: PlatformConnectionRow): OpenedConnection {
  return {
    row,
    summary: toSummary(row),
    accessToken: keyring.open(
      row.access_token_ciphertext,
      contextFor(row, 'access_token_ciphertext'),
    ),
  };
}

/** The client's token for an onboarding, decrypted for a platform call. */
export async function openOnboardingToken(
  db: Executor,
  keyring: Keyring,
  onboardingId: string,
  platform: string,
): Promise<OpenedConnection | undefined> {
  const row = await db
    .selectFrom('platform_connections')
    .selectAll()
    .where('owner_kind', '=', 'onboarding')
    .where('onboarding_id', '=', onboardingId)
    .where('platform', '=', platform)
    .executeTakeFirst();
  return row ? openRow(keyring, row) : undefined;
}

/** The agency's token for a platform, decrypted for a platform call. */
export async function openAgencyToken(
  db: Executor,
  keyring: Keyring,
  agencyId: string,
  platform: string,
): Promise<OpenedConnection | undefined> {
  const row = await db
    .selectFrom('platform_connections')
    .selectAll()
    .where('owner_kind', '=', 'agency')
    .where('agency_id', '=', agencyId)
    .where('platform', '=', platform)
    .executeTakeFirst();
  return row ? openRow(keyring, row) : undefined;
}

/** Records which of its businesses the agency wants grants to go to. */
export async function setAgencyBusiness(
  db: Executor,
  input: {
    agencyId: string;
    platform: string;
    businessId: string;
    businessName: string;
    now: Date;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('platform_connections')
    .set({
      business_id: input.businessId,
      business_name: input.businessName,
      updated_at: input.now,
    })
    .where('owner_kind', '=', 'agency')
    .where('agency_id', '=', input.agencyId)
    .where('platform', '=', input.platform)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes the agency's connection to a platform; true when one existed. */
export async function deleteAgencyConnection(
  db: Executor,
  agencyId: string,
  platform: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('platform_connections')
    .where('owner_kind', '=', 'agency')
    .where('agency_id', '=', agencyId)
    .where('platform', '=', platform)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Whether the onboarding still holds a client token. */
export async function hasOnboardingConnections(
  db: Executor,
  onboardingId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('platform_connections')
    .select('id')
    .where('owner_kind', '=', 'onboarding')
    .where('onboarding_id', '=', onboardingId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The client tokens of several onboardings, still sealed (openRow opens one). */
export async function listOnboardingConnectionRows(
  db: Executor,
  onboardingIds: readonly string[],
): Promise<PlatformConnectionRow[]> {
  if (onboardingIds.length === 0) return [];
  return db
    .selectFrom('platform_connections')
    .selectAll()
    .where('owner_kind', '=', 'onboarding')
    .where('onboarding_id', 'in', onboardingIds)
    .execute();
}

/** Deletes connections by id; returns the onboarding and platform of each that went. */
export async function deleteConnectionsById(
  db: Executor,
  ids: readonly string[],
): Promise<{ onboardingId: string | null; platform: string }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .deleteFrom('platform_connections')
    .where('id', 'in', ids)
    .returning(['onboarding_id', 'platform'])
    .execute();
  return rows.map((row) => ({ onboardingId: row.onboarding_id, platform: row.platform }));
}

export { Secret };

/**
 * Both tokens a grant needs in one read: the agency's (with its chosen business) and the client's
 * for the onboarding (undefined when already deleted).
 */
export async function openGrantTokens(
  db: Executor,
  keyring: Keyring,
  input: { agencyId: string; onboardingId: string; platform: string },
): Promise<{
  agency?: OpenedConnection;
  client?: OpenedConnection;
}> {
  const rows = await db
    .selectFrom('platform_connections')
    .selectAll()
    .where('agency_id', '=', input.agencyId)
    .where('platform', '=', input.platform)
    .where((eb) =>
      eb.or([
        eb('owner_kind', '=', 'agency'),
        eb.and([eb('owner_kind', '=', 'onboarding'), eb('onboarding_id', '=', input.onboardingId)]),
      ]),
    )
    .execute();
  const agency = rows.find((r) => r.owner_kind === 'agency');
  const client = rows.find((r) => r.owner_kind === 'onboarding');
  return {
    ...(agency ? { agency: openRow(keyring, agency) } : {}),
    ...(client ? { client: openRow(keyring, client) } : {}),
  };
}
