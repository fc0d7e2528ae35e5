/**
 * Everything the agency's business holds through its partnerships, in a few reads (lifecycle
 * sweeps and offboarding plans): its EXTERNAL partners (`GET /businesses/{agency}/partners`), then
 * per partner and asset type what it shares (`GET …/partners/{partner}/assets`) (pinterest-api.md
 * §3-§4). Read with the agency's own token.
 */
import { z } from 'zod';
import type { AgencyHolding, AgencyIdentity } from '../types.ts';
import type { PinterestDeps } from './deps.ts';
import { levelOf, platformTypeOf } from './manifest.ts';

const PartnerSchema = z.object({
  id: z.string(),
  user: z.object({ username: z.string().nullish() }).nullish(),
});
const AssetSchema = z.object({
  asset_id: z.string(),
  permissions: z.array(z.string()).nullish(),
  catalog_info: z.object({ name: z.string().nullish() }).nullish(),
});

/** The agency's holdings of these asset types, each with its level (or its raw permissions). */
export async function listPinterestAgencyHoldings(
  deps: PinterestDeps,
  input: {
    agency: AgencyIdentity;
    assetTypes: readonly string[];
    retryPage?: <T>(read: () => Promise<T>) => Promise<T>;
  },
): Promise<AgencyHolding[]> {
  const { agency } = input;
  const retry = input.retryPage ?? (<T>(read: () => Promise<T>) => read());
  const partners = await retry(() =>
    deps.api.getAll(
      `businesses/${agency.businessId}/partners`,
      agency.accessToken,
      { partner_type: 'EXTERNAL' },
      PartnerSchema,
    ),
  );
  const out: AgencyHolding[] = [];
  for (const type of input.assetTypes) {
    const assetType = platformTypeOf(type);
    if (assetType === undefined) continue;
    for (const partner of partners) {
      const rows = await retry(() =>
        deps.api.getAll(
          `businesses/${agency.businessId}/partners/${partner.id}/assets`,
          agency.accessToken,
          { partner_type: 'EXTERNAL', asset_type: assetType },
          AssetSchema,
        ),
      );
      for (const row of rows) {
        const permissions = row.permissions ?? [];
        out.push({
          type,
          id: row.asset_id,
          name: row.catalog_info?.name ?? null,
          // Permissions that match none of our levels are reported as they are (a changed level).
          reading: { kind: 'holds', level: levelOf(type, permissions) ?? permissions.join(',') },
          relation: 'partner_share',
          sourceName: partner.user?.username ?? null,
        });
      }
    }
  }
  return out;
}
