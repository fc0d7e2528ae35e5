/**
 * Who inside the agency's business reaches one client asset, and why (the effective-access
 * explainer), read with the agency's own token: what the business holds through its partnership
 * (`GET /businesses/{agency}/partners/{client}/assets?partner_type=EXTERNAL`), from whom
 * (`GET /businesses/{agency}/partners?partner_type=EXTERNAL`), and the people it gave the asset
 * (`GET /businesses/{agency}/assets/{asset}/members`) (pinterest-api.md §3-§4).
 */
import { z } from 'zod';
import type { AccessPathReading, AgencyIdentity, AssetAccessReading, AssetRef } from '../types.ts';
import type { PinterestDeps } from './deps.ts';
import { ownerOf, permissionsFromAgency } from './partner-access.ts';

export const PINTEREST_ACCESS_LIMITS = [
  "Read from the agency's own business: people of the client's business are not listed (that needs the client's token, which Latchkey does not keep).",
  "Business admins of the agency's business manage its assets by their role; only the people given this asset are listed.",
];

const PartnerSchema = z.object({
  id: z.string(),
  user: z.object({ username: z.string().nullish() }).nullish(),
});
const MemberSchema = z.object({
  user: z
    .object({
      id: z.string().nullish(),
      username: z.string().nullish(),
      email: z.string().nullish(),
    })
    .nullish(),
  permissions: z.array(z.string()).nullish(),
});

/** The agency business's holding on the asset and the people it gave the asset. */
export async function readPinterestAssetAccess(
  deps: PinterestDeps,
  agency: AgencyIdentity,
  asset: AssetRef,
): Promise<AssetAccessReading> {
  const owner = ownerOf(asset);
  const held = await permissionsFromAgency(deps, agency, owner, asset);
  if (held === undefined) return { holding: null, paths: [], limits: PINTEREST_ACCESS_LIMITS };
  const partners = await deps.api.getAll(
    `businesses/${agency.businessId}/partners`,
    agency.accessToken,
    { partner_type: 'EXTERNAL', partner_ids: owner },
    PartnerSchema,
  );
  const sourceName = partners.find((p) => p.id === owner)?.user?.username ?? null;
  const holding = { relation: 'partner_share', status: 'holds' as const, levels: held, sourceName };
  const members = await deps.api.getAll(
    `businesses/${agency.businessId}/assets/${asset.id}/members`,
    agency.accessToken,
    {},
    MemberSchema,
  );
  const paths: AccessPathReading[] = members.flatMap((m) =>
    m.user?.id
      ? [
          {
            person: { id: m.user.id, name: m.user.username ?? null, email: m.user.email ?? null },
            business: { id: agency.businessId, relation: 'partner_share', sourceName },
            businessRole: 'member',
            reason: 'asset_assignment' as const,
            levels: m.permissions ?? [],
          },
        ]
      : [],
  );
  return { holding, paths, limits: PINTEREST_ACCESS_LIMITS };
}
