/**
 * Offboarding many assets of one type at once (pinterest-api.md §4): the agency's own token finds
 * which client owns each asset (its EXTERNAL partners and what each shares), removes the access in
 * batches of 50 (`DELETE /businesses/{agency}/partners/assets`, partner_type EXTERNAL, the most
 * [SPEC] takes), degrading to one removal per asset when a batch is refused, then ends each
 * partnership left with nothing.
 */
import { z } from 'zod';
import type { AgencyIdentity, RevokeOutcome } from '../types.ts';
import { endPartnershipIfEmpty } from './access.ts';
import type { PinterestDeps } from './deps.ts';
import { platformTypeOf } from './manifest.ts';

const BATCH = 50;
const PartnerSchema = z.object({ id: z.string() });
const AssetSchema = z.object({ asset_id: z.string() });
const Removed = z.object({ items: z.array(z.object({ asset_id: z.string() })) });

type Result =
  | { readonly assetId: string; readonly outcome: RevokeOutcome }
  | { readonly assetId: string; readonly error: unknown };

/** Removes the agency's access to each asset; one result per asset. */
export async function revokePinterestAssets(
  deps: PinterestDeps,
  input: {
    agency: AgencyIdentity;
    assetType: string;
    assetIds: readonly string[];
    retry?: <T>(call: () => Promise<T>) => Promise<T>;
  },
): Promise<Result[]> {
  const { agency, assetIds } = input;
  const retry = input.retry ?? (<T>(call: () => Promise<T>) => call());
  const assetType = platformTypeOf(input.assetType);
  const token = agency.accessToken;
  const ownerOf = new Map<string, string>();
  const partners = await retry(() =>
    deps.api.getAll(
      `businesses/${agency.businessId}/partners`,
      token,
      { partner_type: 'EXTERNAL' },
      PartnerSchema,
    ),
  );
  for (const partner of partners) {
    const shared = await retry(() =>
      deps.api.getAll(
        `businesses/${agency.businessId}/partners/${partner.id}/assets`,
        token,
        { partner_type: 'EXTERNAL', asset_type: assetType },
        AssetSchema,
      ),
    );
    for (const a of shared) ownerOf.set(a.asset_id, partner.id);
  }
  const results: Result[] = [];
  const byOwner = new Map<string, string[]>();
  for (const id of assetIds) {
    const owner = ownerOf.get(id);
    if (owner === undefined) results.push({ assetId: id, outcome: { kind: 'not_present' } });
    else byOwner.set(owner, [...(byOwner.get(owner) ?? []), id]);
  }
  const remove = (rows: { owner: string; id: string }[]) =>
    retry(() =>
      deps.api.call(
        'DELETE',
        `businesses/${agency.businessId}/partners/assets`,
        token,
        {
          body: {
            accesses: rows.map((r) => ({
              partner_id: r.owner,
              asset_id: r.id,
              partner_type: 'EXTERNAL',
            })),
          },
        },
        Removed,
      ),
    );
  const rows = [...byOwner].flatMap(([owner, ids]) => ids.map((id) => ({ owner, id })));
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    try {
      const removed = new Set((await remove(batch)).items.map((i) => i.asset_id));
      for (const r of batch)
        results.push({
          assetId: r.id,
          outcome: { kind: removed.has(r.id) ? 'revoked' : 'not_present' },
        });
    } catch {
      for (const r of batch) {
        try {
          const removed = (await remove([r])).items.some((i) => i.asset_id === r.id);
          results.push({ assetId: r.id, outcome: { kind: removed ? 'revoked' : 'not_present' } });
        } catch (error) {
          results.push({ assetId: r.id, error });
        }
      }
    }
  }
  for (const owner of byOwner.keys()) await retry(() => endPartnershipIfEmpty(deps, agency, owner));
  return results;
}
