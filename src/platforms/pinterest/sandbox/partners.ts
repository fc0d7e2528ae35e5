// Partnerships and partner asset access (pinterest-api.md §3, §4): list, grant or override,
// terminate; the view from either side (INTERNAL: partners reaching my assets; EXTERNAL:
// partners whose assets I reach).
import { refuse, RULE, PinterestError } from './errors.ts';
import {
  adminOf,
  assetOf,
  businessOf,
  checkPermissionsFit,
  isPartner,
  memberOf,
  type PinterestModel,
} from './model.ts';
import type { Business, SandboxState } from './state.ts';

export type PartnerType = 'INTERNAL' | 'EXTERNAL';

const summaryOf = (b: Business) => ({ id: b.id, username: b.username, email: null });

/** The partnership rows of `businessId` seen as `type`, with the other business. */
function partnersOf(state: SandboxState, businessId: string, type: PartnerType) {
  return state.partnerships
    .filter((p) =>
      type === 'INTERNAL' ? p.ownerBusinessId === businessId : p.partnerBusinessId === businessId,
    )
    .map((p) => ({
      row: p,
      other: businessOf(state, type === 'INTERNAL' ? p.partnerBusinessId : p.ownerBusinessId),
    }));
}

/** Asset access between `businessId` and `partnerId`, seen as `type`. */
function accessBetween(
  state: SandboxState,
  businessId: string,
  partnerId: string,
  type: PartnerType,
) {
  const [owner, partner] = type === 'INTERNAL' ? [businessId, partnerId] : [partnerId, businessId];
  return state.partnerAccess.filter(
    (a) => a.ownerBusinessId === owner && a.partnerBusinessId === partner,
  );
}

/** GET /businesses/{id}/partners. Without partner_type: INTERNAL (a sandbox choice). */
export function listPartners(
  model: PinterestModel,
  userId: string,
  businessId: string,
  query: { partner_type?: PartnerType; partner_ids?: string; assets_summary?: boolean },
) {
  const { state } = model;
  memberOf(state, userId, businessId);
  const type = query.partner_type ?? 'INTERNAL';
  const ids = query.partner_ids?.split(',').map((s) => s.trim());
  return partnersOf(state, businessId, type)
    .filter(({ other }) => ids === undefined || ids.includes(other.id))
    .map(({ row, other }) => {
      const access = accessBetween(state, businessId, other.id, type);
      const ofType = (t: string) =>
        access
          .filter((a) => state.assets.find((x) => x.id === a.assetId)?.type === t)
          .map((a) => ({ id: a.assetId, permissions: a.permissions }));
      return {
        id: other.id,
        business_roles: ['PARTNER'],
        is_shared_partner: type === 'EXTERNAL',
        created_time: row.createdTime,
        user: summaryOf(other),
        // Fields the description types with allOf are left out rather than sent as null.
        ...(query.assets_summary === true
          ? { assets_summary: { ad_accounts: ofType('AD_ACCOUNT'), profiles: ofType('PROFILE') } }
          : {}),
      };
    });
}

/** GET /businesses/{id}/partners/{partner_id}/assets: assets shared between the two. */
export function listPartnerAssets(
  model: PinterestModel,
  userId: string,
  businessId: string,
  partnerId: string,
  query: { partner_type?: PartnerType; asset_type?: string },
) {
  const { state } = model;
  memberOf(state, userId, businessId);
  const type = query.partner_type ?? 'INTERNAL';
  const assetType = query.asset_type ?? 'AD_ACCOUNT';
  if (!partnersOf(state, businessId, type).some(({ other }) => other.id === partnerId))
    throw new PinterestError(404, RULE.partnerNotFound, `Partner ${partnerId} not found.`);
  return accessBetween(state, businessId, partnerId, type)
    .map((a) => ({ access: a, asset: assetOf(state, a.assetId) }))
    .filter(({ asset }) => asset.type === assetType)
    .map(({ access, asset }) => ({
      asset_id: asset.id,
      asset_type: asset.type,
      permissions: access.permissions,
      ...(asset.type === 'CATALOG'
        ? { catalog_info: { id: asset.id, name: asset.name, catalog_type: 'RETAIL' } }
        : {}),
    }));
}

/** GET /businesses/{id}/assets/{asset_id}/partners: empty when the asset is not the business's. */
export function listAssetPartners(
  model: PinterestModel,
  userId: string,
  businessId: string,
  assetId: string,
) {
  const { state } = model;
  memberOf(state, userId, businessId);
  const asset = assetOf(state, assetId);
  if (asset.ownerBusinessId !== businessId) return [];
  return state.partnerAccess
    .filter((a) => a.assetId === assetId && a.ownerBusinessId === businessId)
    .map((a) => ({
      user: summaryOf(businessOf(state, a.partnerBusinessId)),
      permissions: a.permissions,
    }));
}

/**
 * PATCH /businesses/{id}/partners/assets: grants or overrides partners' permissions on the
 * business's own assets. The whole batch is refused when one row breaks a rule (nothing changes).
 */
export function updatePartnerAssets(
  model: PinterestModel,
  userId: string,
  businessId: string,
  accesses: { partner_id: string; asset_id: string; permissions: string[] }[],
) {
  return model.mutate(({ state }) => {
    adminOf(state, userId, businessId);
    return accesses.map((row) => {
      if (!isPartner(state, businessId, row.partner_id))
        throw new PinterestError(
          404,
          RULE.partnerNotFound,
          `Business ${row.partner_id} is not a partner of business ${businessId}.`,
        );
      const asset = assetOf(state, row.asset_id);
      if (asset.ownerBusinessId !== businessId)
        throw new PinterestError(
          403,
          RULE.assetNotOwned,
          `Asset ${asset.id} is not owned by business ${businessId}.`,
        );
      checkPermissionsFit(asset, row.permissions);
      const permissions = [...new Set(row.permissions)];
      const existing = state.partnerAccess.find(
        (a) =>
          a.ownerBusinessId === businessId &&
          a.partnerBusinessId === row.partner_id &&
          a.assetId === asset.id,
      );
      if (existing) existing.permissions = permissions;
      else
        state.partnerAccess.push({
          ownerBusinessId: businessId,
          partnerBusinessId: row.partner_id,
          assetId: asset.id,
          permissions,
        });
      return {
        partner_id: row.partner_id,
        asset_id: asset.id,
        asset_type: asset.type,
        permissions,
      };
    });
  });
}

/**
 * DELETE /businesses/{id}/partners/assets: INTERNAL ends a partner's access to my asset (admin),
 * EXTERNAL ends my own access to a partner's asset (admin). Rows with no access are left out of
 * the answer (a sandbox choice).
 */
export function deletePartnerAssets(
  model: PinterestModel,
  userId: string,
  businessId: string,
  accesses: { partner_id: string; asset_id: string; partner_type?: PartnerType }[],
) {
  return model.mutate(({ state }) => {
    adminOf(state, userId, businessId);
    const out = [];
    for (const row of accesses) {
      const type = row.partner_type ?? 'INTERNAL';
      const [owner, partner] =
        type === 'INTERNAL' ? [businessId, row.partner_id] : [row.partner_id, businessId];
      const index = state.partnerAccess.findIndex(
        (a) =>
          a.ownerBusinessId === owner &&
          a.partnerBusinessId === partner &&
          a.assetId === row.asset_id,
      );
      if (index < 0) continue;
      const [removed] = state.partnerAccess.splice(index, 1);
      // People of the partner business lose what they held through the share.
      state.memberAccess = state.memberAccess.filter(
        (m) => !(m.businessId === partner && m.assetId === row.asset_id),
      );
      out.push({
        partner_id: row.partner_id,
        asset_id: row.asset_id,
        asset_type: assetOf(state, row.asset_id).type,
        is_shared_partner: type === 'EXTERNAL',
        permissions: removed?.permissions ?? [],
      });
    }
    return out;
  });
}

/** DELETE /businesses/{id}/partners: ends partnerships and every access they carried; 404 if one is missing. */
export function deletePartners(
  model: PinterestModel,
  userId: string,
  businessId: string,
  body: { partner_ids: string[]; partner_type?: PartnerType | null },
) {
  return model.mutate(({ state }) => {
    adminOf(state, userId, businessId);
    const type = body.partner_type ?? 'INTERNAL';
    for (const id of body.partner_ids) {
      const [owner, partner] = type === 'INTERNAL' ? [businessId, id] : [id, businessId];
      if (!isPartner(state, owner, partner))
        throw refuse(
          404,
          `Business ${id} is not an ${type.toLowerCase()} partner of ${businessId}.`,
        );
      state.partnerships = state.partnerships.filter(
        (p) => !(p.ownerBusinessId === owner && p.partnerBusinessId === partner),
      );
      const ended = state.partnerAccess.filter(
        (a) => a.ownerBusinessId === owner && a.partnerBusinessId === partner,
      );
      state.partnerAccess = state.partnerAccess.filter((a) => !ended.includes(a));
      state.memberAccess = state.memberAccess.filter(
        (m) => !(m.businessId === partner && ended.some((a) => a.assetId === m.assetId)),
      );
    }
    return { deleted_partners: body.partner_ids };
  });
}
