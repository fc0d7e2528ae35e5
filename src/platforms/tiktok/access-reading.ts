/**
 * Lifecycle reads with the agency's own connection (no client token): every asset the agency's
 * Business Center holds, one `bc/asset/admin/get/` per type (tiktok-api.md §4a), for verification
 * sweeps; and who inside that BC reaches one asset and why, for the effective-access explainer:
 * the BC's relation to the asset (§4a), its members and their BC roles (`bc/member/get/`, §8a),
 * and each standard member's own assets (`bc/asset/get/` with `filtering.user_id`, §4), which
 * TikTok answers already capped at the BC's level.
 */
import { z } from 'zod';
import { PlatformError } from '../errors.ts';
import type {
  AccessPathReading,
  AgencyHolding,
  AgencyIdentity,
  AssetAccessReading,
  AssetRef,
} from '../types.ts';
import { levelOf } from './agency-side.ts';
import { bcAssetAdminGet, bcAssetGetForUser, type BcAssetKey } from './access-reading-api.ts';
import { collectPages, pagedData, type PageRetry, type TikTokClient } from './client.ts';
import { tiktokKeyOf } from './manifest.ts';
import type { AssetItem } from './schemas.ts';

const relationNames: Readonly<Record<string, string>> = {
  OWNER_PARTNER: 'partner_share',
  OWNER_INDIVIDUAL: 'individual_link',
  OWNER_BC: 'owner',
};

/** What TikTok never lists: "Deliver ads" on a TikTok account is not a `tt_account_roles` value. */
export const TIKTOK_ACCESS_LIMITS = [
  "Read from the agency's own Business Center: people in the client's Business Center and in other partners are not listed (that needs the client's token, which Latchkey does not keep).",
  'TikTok accounts: the "Deliver ads" permission is not returned by the API (tt_account_roles lists POST, LIVE and DIRECT_MESSAGE only), and for an account shared by a partner it does not name the sharing business.',
];

/** Every asset of these types the agency BC holds (BOUND or PENDING), with its level. */
export async function listTikTokAgencyHoldings(
  client: TikTokClient,
  agency: AgencyIdentity,
  assetTypes: readonly string[],
  retry?: PageRetry,
): Promise<AgencyHolding[]> {
  const out: AgencyHolding[] = [];
  for (const type of [...new Set(assetTypes)]) {
    const key = keyOrThrow(type);
    const items = await bcAssetAdminGet(client, agency.accessToken, agency.businessId, key, retry);
    for (const item of items) {
      const status = item.relation_status ?? 'BOUND';
      if (status !== 'BOUND' && status !== 'PENDING') continue;
      const level = levelOf(item, key);
      out.push({
        type,
        id: item.asset_id,
        name: item.asset_name ?? null,
        reading: status === 'BOUND' ? { kind: 'holds', level } : { kind: 'pending', level },
        relation: relationOf(item),
        sourceName: item.owner_bc_name ?? null,
      });
    }
  }
  return out;
}

const MemberSchema = z
  .object({
    user_id: z.union([z.string(), z.number()]).transform(String).nullish(),
    user_name: z.string().nullish(),
    user_email: z.string().nullish(),
    user_role: z.string().nullish(),
    relation_status: z.string().nullish(),
    ext_user_role: z.object({ finance_role: z.string().nullish() }).loose().nullish(),
  })
  .loose();
type MemberItem = z.output<typeof MemberSchema>;

/** Who reaches one asset through the agency BC: its admins at the BC's level, assigned members. */
export async function readTikTokAssetAccess(
  client: TikTokClient,
  agency: AgencyIdentity,
  asset: AssetRef,
): Promise<AssetAccessReading> {
  const key = keyOrThrow(asset.type);
  const held = (await bcAssetAdminGet(client, agency.accessToken, agency.businessId, key)).find(
    (item) => item.asset_id === asset.id,
  );
  const status = held?.relation_status ?? 'BOUND';
  if (!held || (status !== 'BOUND' && status !== 'PENDING')) {
    return { holding: null, paths: [], limits: TIKTOK_ACCESS_LIMITS };
  }
  const relation = relationOf(held);
  // The business that shared it (for a share, the owner: shared assets cannot be shared on).
  const business = {
    id: agency.businessId,
    relation,
    sourceName: relation === 'owner' ? null : (held.owner_bc_name ?? null),
  };
  const holding = {
    relation: business.relation,
    status: status === 'BOUND' ? ('holds' as const) : ('pending' as const),
    levels: levelsOf(held, key),
    sourceName: business.sourceName,
  };
  // Nobody reaches an asset through a relation that is still pending.
  if (status !== 'BOUND') return { holding, paths: [], limits: TIKTOK_ACCESS_LIMITS };
  const members = (await listMembers(client, agency)).filter(
    (m) => m.relation_status === 'BOUND' && m.user_id,
  );
  const paths: AccessPathReading[] = [];
  for (const member of members) {
    const person = {
      id: member.user_id ?? '',
      name: member.user_name ?? null,
      email: member.user_email ?? null,
    };
    const businessRole = [member.user_role ?? 'UNKNOWN', member.ext_user_role?.finance_role]
      .filter((x): x is string => typeof x === 'string' && x.length > 0)
      .join('+');
    if (member.user_role === 'ADMIN') {
      paths.push({
        person,
        business,
        businessRole,
        reason: 'business_admin',
        levels: holding.levels,
      });
      continue;
    }
    const own = await bcAssetGetForUser(client, agency.accessToken, {
      bcId: agency.businessId,
      assetType: key,
      userId: person.id,
    });
    const item = own.find((x) => x.asset_id === asset.id);
    if (item) {
      paths.push({
        person,
        business,
        businessRole,
        reason: 'asset_assignment',
        levels: levelsOf(item, key),
      });
    }
  }
  return { holding, paths, limits: TIKTOK_ACCESS_LIMITS };
}

async function listMembers(client: TikTokClient, agency: AgencyIdentity): Promise<MemberItem[]> {
  return collectPages((page) =>
    client.call({
      method: 'GET',
      path: 'bc/member/get/',
      token: agency.accessToken,
      query: { bc_id: agency.businessId, page, page_size: 20 },
      data: pagedData(MemberSchema),
    }),
  );
}

/** The levels an item shows, as a list: one role, a set of TikTok-account roles, or none. */
function levelsOf(item: AssetItem, key: BcAssetKey): string[] {
  switch (key) {
    case 'ADVERTISER':
    case 'CATALOG':
      return [levelOf(item, key)];
    case 'TT_ACCOUNT':
      return [...(item.tt_account_roles ?? [])].sort();
    case 'PIXEL':
      return [];
  }
}

function relationOf(item: AssetItem): string {
  const type = item.relation_type ?? 'OWNER_PARTNER';
  return relationNames[type] ?? type.toLowerCase();
}

function keyOrThrow(typeId: string): BcAssetKey {
  const key = tiktokKeyOf(typeId);
  if (key === undefined) {
    throw new PlatformError('invalid', `Unknown TikTok asset type ${typeId}`, 'bad_type');
  }
  return key;
}
