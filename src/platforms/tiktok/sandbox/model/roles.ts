import { rejectParam } from './errors.ts';
import type { ModelledAssetType } from './types.ts';

const advertiserRank: Record<string, number> = { ADMIN: 3, OPERATOR: 2, ANALYST: 1 };
const catalogRank: Record<string, number> = { ADMIN: 2, AD_PROMOTE: 1 };

/** The full set of roles an owner holds on an asset of this type. */
export function fullRoles(type: ModelledAssetType): string[] {
  switch (type) {
    case 'ADVERTISER':
    case 'CATALOG':
      return ['ADMIN'];
    case 'TT_ACCOUNT':
      return ['AD_DELIVERY', 'POST', 'LIVE', 'DIRECT_MESSAGE'];
    case 'PIXEL':
      return [];
  }
}

/** Whether `roles` is no more than `cap` for this asset type. */
export function withinCap(type: ModelledAssetType, roles: string[], cap: string[]): boolean {
  if (type === 'ADVERTISER' || type === 'CATALOG') {
    const rank = type === 'ADVERTISER' ? advertiserRank : catalogRank;
    return (rank[roles[0] ?? ''] ?? 0) <= (rank[cap[0] ?? ''] ?? 0);
  }
  return roles.every((r) => cap.includes(r));
}

/** Narrows `roles` to what `cap` allows: the lower level, or the intersection of sets. */
export function capRoles(type: ModelledAssetType, roles: string[], cap: string[]): string[] {
  if (withinCap(type, roles, cap)) return [...roles];
  if (type === 'ADVERTISER' || type === 'CATALOG') return [...cap];
  return roles.filter((r) => cap.includes(r));
}

/** Checks that the roles fit the asset type (else 40002) and returns them normalised. */
export function checkRoles(type: ModelledAssetType, roles: string[]): string[] {
  const allowed: Record<ModelledAssetType, string[]> = {
    ADVERTISER: ['ADMIN', 'OPERATOR', 'ANALYST'],
    CATALOG: ['ADMIN', 'AD_PROMOTE'],
    TT_ACCOUNT: ['AD_DELIVERY', 'POST', 'LIVE', 'DIRECT_MESSAGE'],
    PIXEL: [],
  };
  const bad = roles.find((r) => !allowed[type].includes(r));
  if (bad !== undefined) rejectParam(`role ${bad} is not valid for asset type ${type}`);
  if ((type === 'ADVERTISER' || type === 'CATALOG') && roles.length !== 1) {
    rejectParam(`asset type ${type} needs exactly one role`);
  }
  return [...new Set(roles)];
}
