import { rejectParam } from './errors.ts';
import { capHoldingRoles, findBoundHolding, unbindHolding } from './holdings.ts';
import { findAssignment, holdingsOfBc } from './indexes.ts';
import { getAsset, requireAdmin, requireMember } from './lookup.ts';
import { upsertAssignment } from './members.ts';
import { capRoles, checkRoles } from './roles.ts';
import type {
  Asset,
  Assignment,
  Holding,
  Member,
  ModelContext,
  ModelledAssetType,
} from './types.ts';

export interface AssignInput {
  bcId: string;
  userId: string;
  assetType: ModelledAssetType;
  assetId: string;
  roles: string[];
}

/** An admin grants a member a permission on one asset the BC holds (within the BC's own level). */
export function assignAsset(ctx: ModelContext, actorId: string, input: AssignInput): Assignment {
  requireAdmin(ctx, input.bcId, actorId);
  const roles = checkRoles(input.assetType, input.roles);
  if (input.assetType === 'TT_ACCOUNT' && roles.length === 0)
    rejectParam('tt_account_roles is required');
  capHoldingRoles(ctx, input.bcId, input.assetId, input.assetType, roles);
  requireMember(ctx, input.bcId, input.userId);
  upsertAssignment(ctx, input.bcId, { userId: input.userId }, input.assetId, roles);
  const found = findAssignment(ctx, input.bcId, input.userId, input.assetId);
  return found ?? rejectParam('assignment failed');
}

/** An admin removes a member from one asset; their other assets stay untouched. */
export function unassignAsset(
  ctx: ModelContext,
  actorId: string,
  input: Omit<AssignInput, 'roles'>,
): void {
  requireAdmin(ctx, input.bcId, actorId);
  const asset = getAsset(ctx, input.assetId, input.assetType);
  if (asset.assetType !== input.assetType)
    rejectParam(`asset ${input.assetId} is not of type ${input.assetType}`);
  requireMember(ctx, input.bcId, input.userId);
  ctx.state.assignments = ctx.state.assignments.filter(
    (a) => !(a.bcId === input.bcId && a.userId === input.userId && a.assetId === input.assetId),
  );
}

/** An admin removes assets from the BC: the BC's relation ends, and with it every grant on them. */
export function adminDeleteAssets(
  ctx: ModelContext,
  actorId: string,
  input: { bcId: string; assetType: ModelledAssetType; assetIds: string[] },
): void {
  requireAdmin(ctx, input.bcId, actorId);
  for (const assetId of input.assetIds) {
    const asset = getAsset(ctx, assetId, input.assetType);
    if (asset.assetType !== input.assetType)
      rejectParam(`asset ${assetId} is not of type ${input.assetType}`);
    if (!findBoundHolding(ctx, input.bcId, assetId))
      rejectParam(`BC ${input.bcId} does not hold ${assetId}`);
  }
  for (const assetId of input.assetIds) unbindHolding(ctx, input.bcId, assetId);
}

export interface UserAsset {
  asset: Asset;
  holding: Holding;
  roles: string[];
}

/** Assets of a type a member reaches in a BC: all of them for admins, assigned ones otherwise. */
export function listMemberAssets(
  ctx: ModelContext,
  bcId: string,
  member: Member,
  assetType: ModelledAssetType,
): UserAsset[] {
  const out: UserAsset[] = [];
  for (const holding of holdingsOfBc(ctx, bcId)) {
    if (holding.status !== 'BOUND') continue;
    const asset = getAsset(ctx, holding.assetId);
    if (asset.assetType !== assetType) continue;
    if (member.userRole === 'ADMIN') {
      out.push({ asset, holding, roles: [...holding.roles] });
      continue;
    }
    const assignment = findAssignment(ctx, bcId, member.userId, asset.assetId);
    if (assignment)
      out.push({ asset, holding, roles: capRoles(assetType, assignment.roles, holding.roles) });
  }
  return out;
}

/** Every relation of a BC to assets of a type, in any status (the admin view). */
export function listBcHoldings(
  ctx: ModelContext,
  bcId: string,
  assetType: ModelledAssetType,
): Array<{ asset: Asset; holding: Holding }> {
  return holdingsOfBc(ctx, bcId)
    .map((holding) => ({ asset: getAsset(ctx, holding.assetId), holding }))
    .filter((x) => x.asset.assetType === assetType);
}
