/**
 * The client's businesses and their assets, with nothing to type (pinterest-api.md §2): the
 * businesses from `GET /businesses/employers`, each admin business's own ad accounts and catalogs
 * from `GET /businesses/{id}/assets?permissions=OWNER`, the ad accounts' names from
 * `GET /ad_accounts` (business assets carry no name; catalogs carry theirs).
 */
import { z } from 'zod';
import type { ClientAsset, ClientAssetListing } from '../types.ts';
import type { PinterestDeps } from './deps.ts';

const EmployerSchema = z.object({
  id: z.string(),
  business_roles: z.array(z.string()).nullish(),
  user: z.object({ username: z.string().nullish() }).nullish(),
});
const AssetSchema = z.object({
  asset_id: z.string(),
  asset_type: z.string().nullish(),
  catalog_info: z.object({ name: z.string().nullish() }).nullish(),
});
const AdAccountSchema = z.object({ id: z.string(), name: z.string().nullish() });

/** The businesses the client's person belongs to, with what each owns (admins only can share). */
export async function listPinterestClientAssets(
  deps: PinterestDeps,
  token: string,
): Promise<ClientAssetListing> {
  const employers = await deps.api.getAll('businesses/employers', token, {}, EmployerSchema);
  const businesses = employers.map((e) => ({
    id: e.id,
    name: e.user?.username ?? `Business ${e.id}`,
    isAdmin: (e.business_roles ?? []).includes('BIZ_ADMIN'),
  }));
  const admin = businesses.filter((b) => b.isAdmin);
  if (admin.length === 0) {
    return {
      businesses,
      assets: [],
      notice: {
        code: businesses.length === 0 ? 'no_business' : 'not_admin',
        message:
          businesses.length === 0
            ? 'This Pinterest account belongs to no business. Assets are shared from a Pinterest business (Business Access).'
            : "You are not an admin of a Pinterest business here: ask your business's admin to connect.",
      },
    };
  }
  const names = new Map(
    (await deps.api.getAll('ad_accounts', token, {}, AdAccountSchema)).map((a) => [a.id, a.name]),
  );
  const assets: ClientAsset[] = [];
  for (const business of admin) {
    for (const [type, assetType] of [
      ['ad_account', 'AD_ACCOUNT'],
      ['catalog', 'CATALOG'],
    ] as const) {
      const owned = await deps.api.getAll(
        `businesses/${business.id}/assets`,
        token,
        { asset_type: assetType, permissions: 'OWNER' },
        AssetSchema,
      );
      for (const a of owned) {
        const name =
          type === 'catalog' ? a.catalog_info?.name : (names.get(a.asset_id) ?? undefined);
        assets.push({
          type,
          id: a.asset_id,
          name: name ?? `${type === 'catalog' ? 'Catalog' : 'Ad account'} ${a.asset_id}`,
          ownerId: business.id,
          ownerName: business.name,
        });
      }
    }
  }
  return { businesses, assets };
}
