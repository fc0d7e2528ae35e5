/**
 * Reading partner access (pinterest-api.md §3-§4), shared by grant, read-back and revoke: the
 * agency's permissions on one client asset, from either side.
 */
import { z } from 'zod';
import { PlatformError } from '../errors.ts';
import type { AssetRef } from '../types.ts';
import type { PinterestDeps } from './deps.ts';
import { platformTypeOf } from './manifest.ts';

const AssetPartnerSchema = z.object({
  user: z.object({ id: z.string().nullish() }).nullish(),
  permissions: z.array(z.string()).nullish(),
});
const PartnerAssetSchema = z.object({
  asset_id: z.string(),
  permissions: z.array(z.string()).nullish(),
});

/** The client business that owns the asset (the listing records it), or an `invalid` error. */
export function ownerOf(asset: AssetRef): string {
  if (platformTypeOf(asset.type) === undefined)
    throw new PlatformError('invalid', `Pinterest has no asset type ${asset.type}`, 'bad_type');
  if (asset.ownerId === undefined || !/^\d+$/.test(asset.ownerId))
    throw new PlatformError('invalid', `No owning business for asset ${asset.id}`, 'no_owner');
  return asset.ownerId;
}

/**
 * The agency's permissions on the asset as its owner sees them, with the client's token
 * (`GET /businesses/{owner}/assets/{asset}/partners`); undefined when the agency has none.
 */
export async function permissionsFromOwner(
  deps: PinterestDeps,
  clientToken: string,
  owner: string,
  assetId: string,
  agencyBusinessId: string,
): Promise<string[] | undefined> {
  const rows = await deps.api.getAll(
    `businesses/${owner}/assets/${assetId}/partners`,
    clientToken,
    {},
    AssetPartnerSchema,
  );
  const row = rows.find((r) => r.user?.id === agencyBusinessId);
  return row ? (row.permissions ?? []) : undefined;
}

/**
 * The agency's permissions on the asset as the agency sees them, with its own token
 * (`GET /businesses/{agency}/partners/{owner}/assets?partner_type=EXTERNAL`); undefined when it
 * holds none. A partnership that no longer exists (404) reads as none.
 */
export async function permissionsFromAgency(
  deps: PinterestDeps,
  agency: { businessId: string; accessToken: string },
  owner: string,
  asset: AssetRef,
): Promise<string[] | undefined> {
  try {
    const rows = await deps.api.getAll(
      `businesses/${agency.businessId}/partners/${owner}/assets`,
      agency.accessToken,
      { partner_type: 'EXTERNAL', asset_type: platformTypeOf(asset.type) },
      PartnerAssetSchema,
    );
    const row = rows.find((r) => r.asset_id === asset.id);
    return row ? (row.permissions ?? []) : undefined;
  } catch (error) {
    if (error instanceof PlatformError && error.kind === 'not_found') return undefined;
    throw error;
  }
}

/** How many assets of any type the agency still reaches through its partnership with `owner`. */
export async function assetsLeftWith(
  deps: PinterestDeps,
  agency: { businessId: string; accessToken: string },
  owner: string,
): Promise<number> {
  let count = 0;
  for (const type of ['ad_account', 'catalog', 'profile']) {
    const assetType = type === 'profile' ? 'PROFILE' : platformTypeOf(type);
    try {
      const rows = await deps.api.getAll(
        `businesses/${agency.businessId}/partners/${owner}/assets`,
        agency.accessToken,
        { partner_type: 'EXTERNAL', asset_type: assetType },
        PartnerAssetSchema,
      );
      count += rows.length;
    } catch (error) {
      if (error instanceof PlatformError && error.kind === 'not_found') return 0;
      throw error;
    }
  }
  return count;
}
