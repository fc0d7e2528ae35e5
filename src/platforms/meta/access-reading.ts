/**
 * Who inside the agency's business portfolio reaches one client asset, and why (the
 * effective-access explainer), read with the agency's own token: the asset's owner
 * (`GET /{asset}?fields=owner_business`), the agency's row on `GET /{asset}/agencies` (meta-api.md
 * §3), the portfolio's people and roles (`GET /{business}/business_users`, Node SDK
 * `Business.getBusinessUsers`) and the people it assigned to the asset
 * (`GET /{asset}/assigned_users?business=…`, §4). Admins reach every asset shared with the
 * portfolio at the share's tasks; others reach it when assigned, within the share's tasks.
 */
import { z } from 'zod';
import type { AccessPathReading, AgencyIdentity, AssetAccessReading, AssetRef } from '../types.ts';
import { isGone } from './access.ts';
import { checkType, findRow, IG_LEVEL } from './agency-rows.ts';
import type { MetaDeps } from './deps.ts';
import { levelOf } from './levels.ts';

export const META_ACCESS_LIMITS = [
  "Read from the agency's own business portfolio: people of the client's portfolio and of other partners are not listed (that needs the client's token, which Latchkey does not keep).",
  "System users (the portfolio's API identities) are listed by Meta on their own edge and are not shown here.",
];
const IG_LIMIT =
  "Instagram accounts: Meta has no API for the people assigned to an Instagram account, so only the portfolio's admins are listed.";

const OwnerSchema = z.object({
  owner_business: z.object({ id: z.string(), name: z.string().optional() }).optional(),
});
const MemberSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  email: z.string().optional(),
  role: z.string().optional(),
});
const AssignedSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  tasks: z.array(z.string()).optional(),
});

/** The agency portfolio's relation to the asset, its people and why each reaches it. */
export async function readMetaAssetAccess(
  deps: MetaDeps,
  agency: AgencyIdentity,
  asset: AssetRef,
): Promise<AssetAccessReading> {
  checkType(asset);
  const limits =
    asset.type === 'instagram_account' ? [...META_ACCESS_LIMITS, IG_LIMIT] : META_ACCESS_LIMITS;
  const held = await readHolding(deps, agency, asset);
  if (held === null) return { holding: null, paths: [], limits };
  const { holding, tasks } = held;
  // Nobody reaches an asset through a share that is still pending.
  if (holding.status !== 'holds') return { holding, paths: [], limits };
  const business = {
    id: agency.businessId,
    relation: holding.relation,
    sourceName: holding.sourceName,
  };
  const members = await deps.graph.getAll(
    `${agency.businessId}/business_users`,
    agency.accessToken,
    { fields: 'id,name,email,role', limit: 100 },
    MemberSchema,
  );
  const paths: AccessPathReading[] = [];
  for (const member of members.filter((m) => m.role === 'ADMIN')) {
    paths.push({
      person: personOf(member),
      business,
      businessRole: 'ADMIN',
      reason: 'business_admin',
      levels: holding.levels,
    });
  }
  if (asset.type === 'instagram_account') return { holding, paths, limits };
  const assigned = await deps.graph.getAll(
    `${asset.id}/assigned_users`,
    agency.accessToken,
    { business: agency.businessId, fields: 'id,name,tasks', limit: 100 },
    AssignedSchema,
  );
  for (const row of assigned) {
    const member = members.find((m) => m.id === row.id);
    // Admins are listed above; someone no longer in the portfolio reaches nothing through it.
    if (!member || member.role === 'ADMIN') continue;
    const within =
      holding.relation === 'owner'
        ? (row.tasks ?? [])
        : (row.tasks ?? []).filter((t) => tasks.includes(t));
    if (within.length === 0) continue;
    paths.push({
      person: personOf({ ...member, name: member.name ?? row.name }),
      business,
      businessRole: member.role ?? 'EMPLOYEE',
      reason: 'asset_assignment',
      levels: levelsOf(asset.type, within),
    });
  }
  return { holding, paths, limits };
}

/** How the portfolio holds the asset (owner, or a partner share and its tasks), or null. */
async function readHolding(
  deps: MetaDeps,
  agency: AgencyIdentity,
  asset: AssetRef,
): Promise<{ holding: NonNullable<AssetAccessReading['holding']>; tasks: string[] } | null> {
  try {
    const node = await deps.graph.get(
      asset.id,
      agency.accessToken,
      { fields: 'id,owner_business' },
      OwnerSchema,
    );
    const owner = node.owner_business;
    if (owner?.id === agency.businessId) {
      return {
        holding: { relation: 'owner', status: 'holds', levels: ['full_control'], sourceName: null },
        tasks: [],
      };
    }
    const row = await findRow(deps, agency.accessToken, asset, agency.businessId);
    if (row === undefined) return null;
    const tasks = row.permitted_tasks ?? [];
    return {
      holding: {
        relation: 'partner_share',
        status: row.access_status === 'PENDING' ? 'pending' : 'holds',
        levels: levelsOf(asset.type, tasks),
        sourceName: owner?.name ?? null,
      },
      tasks,
    };
  } catch (error) {
    // An asset the agency can no longer see (Graph 100/33, or a 200 permissions error).
    if (isGone(error)) return null;
    throw error;
  }
}

/** Tasks as our level when they make one, else the tasks as Meta spells them. */
function levelsOf(type: string, tasks: readonly string[]): string[] {
  if (type === 'instagram_account') return [IG_LEVEL];
  const level = levelOf(type, tasks);
  return level === undefined ? [...tasks].sort() : [level];
}

function personOf(member: z.output<typeof MemberSchema>): AccessPathReading['person'] {
  return { id: member.id, name: member.name ?? null, email: member.email ?? null };
}
