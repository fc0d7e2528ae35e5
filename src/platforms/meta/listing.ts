/**
 * The client's businesses and assets (meta-api.md §2): `/me/businesses`, each business's `owned_*`
 * edges, and `/me/adaccounts` for personal ad accounts outside any business.
 */
import { z } from 'zod';
import { PlatformError } from '../errors.ts';
import type { ClientAsset, ClientAssetListing } from '../types.ts';
import type { MetaDeps } from './deps.ts';
import type { MetaAssetType } from './manifest.ts';

const BusinessSchema = z.object({
  id: z.string(),
  name: z.string().default(''),
  permitted_roles: z.array(z.string()).default([]),
});
const AssetSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  username: z.string().optional(),
  user_tasks: z.array(z.string()).optional(),
});
const AdAccountSchema = z.object({
  id: z.string(),
  name: z.string().default(''),
  business: z.object({ id: z.string(), name: z.string().optional() }).optional(),
});

const ownedEdges: ReadonlyArray<[string, MetaAssetType, string]> = [
  ['owned_ad_accounts', 'ad_account', 'id,name,user_tasks'],
  ['owned_pages', 'page', 'id,name'],
  ['owned_pixels', 'pixel', 'id,name'],
  ['owned_product_catalogs', 'catalog', 'id,name'],
  ['owned_instagram_accounts', 'instagram_account', 'id,username,name'],
];

/** Lists what the client could share; edges the token has no scope for are left out. */
export async function listMetaClientAssets(
  deps: MetaDeps,
  token: string,
): Promise<ClientAssetListing> {
  const businesses = await deps.graph.getAll(
    'me/businesses',
    token,
    { fields: 'id,name,permitted_roles', limit: 100 },
    BusinessSchema,
  );
  const assets: ClientAsset[] = [];
  for (const b of businesses) {
    const isAdmin = b.permitted_roles.includes('ADMIN');
    for (const [edge, type, fields] of ownedEdges) {
      const rows = await optional(
        deps.graph.getAll(`${b.id}/${edge}`, token, { fields, limit: 100 }, AssetSchema),
      );
      for (const row of rows) {
        const canManage = isAdmin || (row.user_tasks ?? []).includes('MANAGE');
        assets.push({
          type,
          id: row.id,
          name: row.name ?? (row.username === undefined ? row.id : `@${row.username}`),
          ownerId: b.id,
          ownerName: b.name,
          ...(canManage
            ? {}
            : {
                blocked: {
                  code: 'not_business_admin',
                  message: `Only an admin of ${b.name} can share this. Ask an admin to open the link.`,
                  values: { business: b.name },
                },
              }),
        });
      }
    }
  }
  const personal = await optional(
    deps.graph.getAll(
      'me/adaccounts',
      token,
      { fields: 'id,name,business', limit: 100 },
      AdAccountSchema,
    ),
  );
  for (const row of personal) {
    if (row.business !== undefined) continue;
    assets.push({ type: 'ad_account', id: row.id, name: row.name });
  }
  return {
    businesses: businesses.map((b) => ({
      id: b.id,
      name: b.name,
      isAdmin: b.permitted_roles.includes('ADMIN'),
    })),
    assets,
    ...(businesses.length === 0 && assets.length === 0
      ? {
          notice: {
            code: 'no_business',
            message: 'This Facebook account has no Business Manager and no ad account we can see.',
          },
        }
      : {}),
  };
}

/** An edge the person did not grant the scope for (Graph `(#10)`) lists as empty. */
async function optional<T>(promise: Promise<T[]>): Promise<T[]> {
  try {
    return await promise;
  } catch (error) {
    if (
      error instanceof PlatformError &&
      error.kind === 'permission' &&
      error.platformCode === '10'
    )
      return [];
    throw error;
  }
}
