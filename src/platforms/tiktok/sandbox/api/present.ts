// Presenters: model records → TikTok's wire fields (tiktok-api.md §3, §4, §4a, §8a, §9b).
import { findBc } from '../model/indexes.ts';
import type {
  Asset,
  BusinessCenter,
  Holding,
  Member,
  ModelContext,
  ModelledAssetType,
} from '../model/types.ts';

const modelled = ['ADVERTISER', 'PIXEL', 'CATALOG', 'TT_ACCOUNT'];

/** Whether the sandbox holds assets of this BCAsset type (the others always list empty). */
export function isModelledType(type: string): type is ModelledAssetType {
  return modelled.includes(type);
}

/**
 * `bc_info` of bc/get/: the fields of [Y:bc_get]'s `response_rule` that the sandbox knows, a field
 * without a value left out as the official SDK leaves null fields out (so no `organization_type`),
 * and no `verification_status` (only the unofficial Go SDK has it): docs/platforms/tiktok.md.
 */
export function presentBcInfo(bc: BusinessCenter): Record<string, unknown> {
  return withoutNulls({
    bc_id: bc.bcId,
    name: bc.name,
    company: bc.company,
    currency: bc.currency,
    registered_area: bc.registeredArea,
    status: 'ENABLE',
    timezone: bc.timezone,
    type: bc.type,
  });
}

/** A copy without the keys whose value is null or undefined (the SDK omits null fields). */
export function withoutNulls(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).filter(([, v]) => v !== null && v !== undefined),
  );
}

/** A §4 asset item (bc/asset/get/, bc/partner/asset/get/). */
export function presentAsset(
  ctx: ModelContext,
  asset: Asset,
  roles: string[],
): Record<string, unknown> {
  const owner = findBc(ctx, asset.ownerBcId);
  const ad = asset.assetType === 'ADVERTISER';
  return {
    asset_id: asset.assetId,
    asset_name: asset.name,
    asset_type: asset.assetType,
    advertiser_role: ad ? (roles[0] ?? null) : null,
    advertiser_account_type: ad ? 'AUCTION' : null,
    catalog_role: asset.assetType === 'CATALOG' ? (roles[0] ?? null) : null,
    ad_creation_eligible: ad ? 'AVAILABLE' : null,
    store_role: null,
    tt_account_roles:
      asset.assetType === 'TT_ACCOUNT' ? roles.filter((r) => r !== 'AD_DELIVERY') : null,
    owner_bc_name: asset.assetType === 'TT_ACCOUNT' ? null : (owner?.name ?? null),
  };
}

/** A §4a item (bc/asset/admin/get/): the §4 fields plus status, pixel code and relation. */
export function presentAdminAsset(
  ctx: ModelContext,
  asset: Asset,
  holding: Holding,
): Record<string, unknown> {
  return {
    ...presentAsset(ctx, asset, holding.roles),
    advertiser_status: asset.assetType === 'ADVERTISER' ? asset.advertiserStatus : null,
    pixel_code: asset.pixelCode,
    relation_status: holding.status,
    relation_type: holding.relationType,
  };
}

/** A §8a member item (also §7, with the asset role added by the caller). */
export function presentMember(ctx: ModelContext, member: Member): Record<string, unknown> {
  const user = ctx.state.users.find((u) => u.userId === member.userId);
  return {
    user_id: member.userId,
    user_name: user?.name ?? null,
    user_email: member.email,
    user_role: member.userRole,
    relation_status: member.status,
    ext_user_role: { finance_role: member.financeRole },
  };
}

/** Case-insensitive keyword match on any of the given texts (absent keyword matches all). */
export function matchesKeyword(
  keyword: string | undefined,
  ...texts: Array<string | null>
): boolean {
  if (keyword === undefined || keyword === '') return true;
  const k = keyword.toLowerCase();
  return texts.some((t) => t !== null && t.toLowerCase().includes(k));
}
