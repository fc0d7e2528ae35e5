/**
 * What the client sees to tick after connecting TikTok: their Business Centers (and whether they
 * are an admin of each) and the ad accounts, TikTok accounts, pixels and catalogs in them. Assets
 * the client cannot share are listed as blocked with the reason and the way forward.
 */
import type { ClientAsset, ClientAssetListing } from '../types.ts';
import { bcAssetAdminGet, bcAssetGet, bcGet, oauth2AdvertiserGet, type BcAssetKey } from './api.ts';
import type { TikTokDeps } from './deps.ts';
import { tiktokTypeOf } from './manifest.ts';
import type { AssetItem, BcItem } from './schemas.ts';

const listedKeys: readonly BcAssetKey[] = ['ADVERTISER', 'TT_ACCOUNT', 'PIXEL', 'CATALOG'];

/** Lists the client's BCs and assets with the token from the client's OAuth consent. */
export async function listTikTokClientAssets(
  deps: TikTokDeps,
  clientToken: string,
): Promise<ClientAssetListing> {
  const authorized = await oauth2AdvertiserGet(deps.client, deps.app, clientToken);
  const bcs = await bcGet(deps.client, clientToken);
  const businesses = bcs.map((bc) => ({
    id: bc.bc_info.bc_id,
    name: bc.bc_info.name ?? bc.bc_info.bc_id,
    isAdmin: bc.user_role === 'ADMIN',
  }));
  // The BCs are still listed: the agency's own connection (settings) picks its BC from them.
  if (authorized.length === 0) return { businesses, assets: [], notice: noAdvertisersNotice };
  const authorizedIds = new Set(authorized.map((a) => a.advertiser_id));
  const assets = new Map<string, ClientAsset>();
  for (const bc of bcs) {
    for (const asset of await listBcAssets(deps, clientToken, bc, authorizedIds)) {
      const key = `${asset.type}:${asset.id}`;
      const seen = assets.get(key);
      if (!seen || (seen.blocked && !asset.blocked)) assets.set(key, asset);
    }
  }
  return { businesses, assets: [...assets.values()] };
}

const noAdvertisersNotice = {
  code: 'no_authorized_advertisers',
  message:
    'No ad account was authorized on TikTok’s consent page. Connect TikTok again and tick the ad accounts to share; if none are listed there, your TikTok user has no ad accounts, so ask an admin of your Business Center to open this link.',
};

async function listBcAssets(
  deps: TikTokDeps,
  token: string,
  bc: BcItem,
  authorizedIds: ReadonlySet<string>,
): Promise<ClientAsset[]> {
  const isAdmin = bc.user_role === 'ADMIN';
  const bcId = bc.bc_info.bc_id;
  // Admins get the admin view, which says whether the BC owns each asset or was given it.
  const read = isAdmin ? bcAssetAdminGet : bcAssetGet;
  const lists = await Promise.all(
    listedKeys.map((assetType) => read(deps.client, token, { bcId, assetType })),
  );
  return lists.flat().flatMap((item) => {
    const type = tiktokTypeOf(item.asset_type);
    const status = item.relation_status ?? 'BOUND';
    if (type === undefined || status !== 'BOUND') return [];
    const blocked = blockedReason(item, bc, isAdmin, authorizedIds);
    return [
      {
        type,
        id: item.asset_id,
        name: item.asset_name ?? item.asset_id,
        ownerId: bcId,
        ownerName: bc.bc_info.name ?? bcId,
        ...(blocked ? { blocked } : {}),
      },
    ];
  });
}

function blockedReason(
  item: AssetItem,
  bc: BcItem,
  isAdmin: boolean,
  authorizedIds: ReadonlySet<string>,
): ClientAsset['blocked'] {
  const bcName = bc.bc_info.name ?? bc.bc_info.bc_id;
  // A TikTok account is linked by its owner scanning a QR code, whatever their BC role.
  if (item.asset_type === 'TT_ACCOUNT') return undefined;
  if (!isAdmin) {
    return {
      code: 'not_bc_admin',
      message: `You are not an admin of the Business Center "${bcName}". Only its admins can share its assets: ask one of them to open this link, or to make you an admin.`,
      values: { business: bcName },
    };
  }
  if (item.relation_type === 'OWNER_PARTNER') {
    const owner = item.owner_bc_name ?? 'another Business Center';
    return {
      code: 'shared_by_partner',
      message: `"${bcName}" was given this asset by ${owner}, and shared assets cannot be shared on. Ask ${owner} to share it with the agency.`,
      values: { business: bcName, owner },
    };
  }
  if (item.asset_type === 'ADVERTISER' && !authorizedIds.has(item.asset_id)) {
    return {
      code: 'advertiser_not_authorized',
      message:
        'This ad account was not ticked on TikTok’s consent page. Connect TikTok again and tick it to share it.',
    };
  }
  return undefined;
}
