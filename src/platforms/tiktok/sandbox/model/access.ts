import { findAsset, findAssignment, holdingsOfAsset } from './indexes.ts';
import { capRoles } from './roles.ts';
import type { ModelContext, RelationType } from './types.ts';

export interface AccessPath {
  userId: string;
  /** The BC through which the person reaches the asset. */
  bcId: string;
  /** Why the person reaches it inside that BC. */
  reason: 'bc_admin' | 'member_assignment';
  /** How that BC holds the asset: owner, partner share (with the sharing BC), or an individual's link. */
  via: RelationType;
  sourceBcId: string | null;
  /** The level: one role for ad accounts and catalogs, a set for TikTok accounts, none for pixels. */
  roles: string[];
}

/**
 * Ground truth: every person who reaches an asset and why. A person reaches an asset only through
 * a BC that holds it (BOUND), as that BC's admin or by a member assignment, capped at the BC's level.
 */
export function effectiveAccess(ctx: ModelContext, assetId: string): AccessPath[] {
  const asset = findAsset(ctx, assetId);
  if (!asset) return [];
  const paths: AccessPath[] = [];
  for (const holding of holdingsOfAsset(ctx, assetId)) {
    if (holding.status !== 'BOUND') continue;
    for (const member of ctx.state.members) {
      if (member.bcId !== holding.bcId || member.status !== 'BOUND' || member.userId === null)
        continue;
      const base = {
        userId: member.userId,
        bcId: holding.bcId,
        via: holding.relationType,
        sourceBcId: holding.sourceBcId,
      };
      if (member.userRole === 'ADMIN') {
        paths.push({ ...base, reason: 'bc_admin', roles: [...holding.roles] });
        continue;
      }
      const assignment = findAssignment(ctx, holding.bcId, member.userId, assetId);
      if (assignment) {
        paths.push({
          ...base,
          reason: 'member_assignment',
          roles: capRoles(asset.assetType, assignment.roles, holding.roles),
        });
      }
    }
  }
  return paths;
}

/** The ad accounts a user reaches through any BC (what the consent screen offers). */
export function reachableAdvertisers(ctx: ModelContext, userId: string): string[] {
  const ids = ctx.state.assets.filter((a) => a.assetType === 'ADVERTISER').map((a) => a.assetId);
  return ids.filter((id) => effectiveAccess(ctx, id).some((p) => p.userId === userId));
}
