/**
 * The two Business API reads the lifecycle needs beyond the connector's own (api.ts): the BC's
 * relations of one type, and one member's assets of a type (`bc/asset/get/` with
 * `filtering.user_id`, admins only; tiktok-api.md §4, [Y:bc_asset_get]).
 */
import { bcAssetAdminGet as adminGet, type BcAssetKey } from './api.ts';
import { collectPages, type PageRetry, type TikTokClient } from './client.ts';
import { AssetListDataSchema, type AssetItem } from './schemas.ts';

export type { BcAssetKey };

/** Every relation of the BC to assets of one type (BOUND, PENDING, ...). tiktok-api.md §4a. */
export async function bcAssetAdminGet(
  client: TikTokClient,
  token: string,
  bcId: string,
  assetType: BcAssetKey,
  retry?: PageRetry,
): Promise<AssetItem[]> {
  return adminGet(client, token, { bcId, assetType, ...(retry ? { retry } : {}) });
}

/** The assets of one type a member reaches in the BC, at the level they reach them. */
export async function bcAssetGetForUser(
  client: TikTokClient,
  token: string,
  input: { bcId: string; assetType: BcAssetKey; userId: string },
): Promise<AssetItem[]> {
  return collectPages((page) =>
    client.call({
      method: 'GET',
      path: 'bc/asset/get/',
      token,
      query: {
        bc_id: input.bcId,
        asset_type: input.assetType,
        filtering: { user_id: input.userId },
        page,
        page_size: 50,
      },
      data: AssetListDataSchema,
    }),
  );
}
