/**
 * Reading access from the agency's own Business Center with the agency's token. `bc/asset/admin/get/`
 * (tiktok-api.md §4a) is the one read that reports a share that is still PENDING (the agency has
 * not accepted yet) as well as BOUND ones, for every asset type we grant, so grants, retries and
 * drift checks all read back through it.
 */
import { createArrayIndex } from '../../lib/array-index.ts';
import { PlatformError } from '../errors.ts';
import type { AccessReading, AgencyIdentity } from '../types.ts';
import { bcAssetAdminGet, type BcAssetKey } from './api.ts';
import { tokenDigest, type TikTokClient } from './client.ts';
import type { TikTokDeps } from './deps.ts';
import type { AssetItem } from './schemas.ts';

export interface AgencyHolding {
  readonly status: 'BOUND' | 'PENDING';
  readonly level: string;
  /** OWNER_PARTNER (shared by a partner), OWNER_INDIVIDUAL (a linked TikTok account), ... */
  readonly relationType: string | null;
  readonly ownerName: string | null;
}

/**
 * The agency BC's live or pending relation to one asset, if it has one. Every page of the BC's
 * assets is read, except when the holding is `expected` (a read-back after sharing, a drift
 * check): then the asset's id is tried first as `filtering.keyword`, one small page whatever the
 * size of the BC, and the full read only when that finds nothing. Whether TikTok's keyword
 * matches ids is unverified (docs/platforms/tiktok.md), so "not found" by keyword proves nothing.
 * A read of every page tells `readBacks` how big the BC is (read-back-batching.ts).
 */
export async function findAgencyHolding(
  deps: Pick<TikTokDeps, 'client'> & Partial<Pick<TikTokDeps, 'readBacks' | 'agencyReads'>>,
  agency: AgencyIdentity,
  key: BcAssetKey,
  assetId: string,
  options: { expected?: boolean; readsFrom?: Date } = {},
): Promise<AgencyHolding | undefined> {
  if (options.expected) {
    const byKeyword = await readAgencyBc(deps.client, agency, key, { keyword: assetId });
    if (byKeyword.some((x) => x.asset_id === assetId)) return holdingOf(byKeyword, assetId, key);
    const items = await readAgencyBc(deps.client, agency, key);
    deps.readBacks?.noteSize(agency.businessId, key, items.length);
    return holdingOf(items, assetId, key);
  }
  // The read before sharing (nothing of ours written yet) may join a read in flight, or share
  // the latest read begun after `readsFrom` (recent-reads.ts).
  const read = () => readAgencyBc(deps.client, agency, key, { shareInFlight: true });
  const readKey = `${tokenDigest(agency.accessToken)} ${agency.businessId} ${key}`;
  const items = await (deps.agencyReads?.read(readKey, options.readsFrom, read) ?? read());
  deps.readBacks?.noteSize(agency.businessId, key, items.length);
  return holdingOf(items, assetId, key);
}

/** Every relation of the agency's BC to assets of a type (or those matching a keyword). */
export function readAgencyBc(
  client: TikTokClient,
  agency: AgencyIdentity,
  key: BcAssetKey,
  options: { keyword?: string; shareInFlight?: boolean; expectedPages?: number } = {},
): Promise<AssetItem[]> {
  return bcAssetAdminGet(client, agency.accessToken, {
    bcId: agency.businessId,
    assetType: key,
    shareInFlight: options.shareInFlight === true,
    ...(options.expectedPages ? { expectedPages: options.expectedPages } : {}),
    ...(options.keyword === undefined ? {} : { keyword: options.keyword }),
  }).catch((error: unknown) => {
    throw agencyAccessError(error, agency);
  });
}

/** A read's items by asset id, indexed once per read (a whole BC) rather than searched per grant. */
const byAssetId = createArrayIndex<AssetItem>((item) => item.asset_id);

/** The live or pending relation to one asset among the BC's relations, if any. */
export function holdingOf(
  items: readonly AssetItem[],
  assetId: string,
  key: BcAssetKey,
): AgencyHolding | undefined {
  const item = byAssetId.find(items, assetId);
  // relation_status is declared by [Y:bc_asset_admin_get]; absent means the relation is live.
  const status = item?.relation_status ?? 'BOUND';
  if (!item || (status !== 'BOUND' && status !== 'PENDING')) return undefined;
  return {
    status,
    level: levelOf(item, key),
    relationType: item.relation_type ?? null,
    ownerName: item.owner_bc_name ?? null,
  };
}

/** What the agency holds on one asset: holds / pending at a level, or lost. */
export async function readAgencyAccess(
  deps: Pick<TikTokDeps, 'client'>,
  agency: AgencyIdentity,
  key: BcAssetKey,
  assetId: string,
): Promise<AccessReading> {
  const holding = await findAgencyHolding(deps, agency, key, assetId, { expected: true });
  if (!holding) return { kind: 'lost' };
  return holding.status === 'BOUND'
    ? { kind: 'holds', level: holding.level }
    : { kind: 'pending', level: holding.level };
}

/** The level, in the manifest's level ids, that an asset item shows. */
export function levelOf(item: AssetItem, key: BcAssetKey): string {
  switch (key) {
    case 'ADVERTISER':
      return item.advertiser_role ?? 'UNKNOWN';
    case 'CATALOG':
      return item.catalog_role ?? 'UNKNOWN';
    // A TikTok account linked by QR code carries "Deliver ads", which the API does not list
    // (tt_account_roles holds only POST/LIVE/DIRECT_MESSAGE): being linked is the level.
    case 'TT_ACCOUNT':
      return 'AD_DELIVERY';
    // TikTok has no pixel roles (tiktok-api.md §5): being shared is the level.
    case 'PIXEL':
      return 'SHARED';
  }
}

function agencyAccessError(error: unknown, agency: AgencyIdentity): unknown {
  if (!(error instanceof PlatformError) || error.kind !== 'permission') return error;
  return new PlatformError(
    'permission',
    `Latchkey cannot read the agency's Business Center ${agency.businessId}: reconnect TikTok in settings as an admin of that Business Center.`,
    error.platformCode,
    error.extra,
  );
}
