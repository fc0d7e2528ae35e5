// The Pinterest sandbox's model: who may read and change what, over the transactional state.
// Reads are plain functions of the state; every change goes through `model.mutate`.
import type { TransactionalModel } from '../../sandbox-kit/model.ts';
import { refuse, RULE, PinterestError } from './errors.ts';
import type { Asset, Business, Membership, SandboxState } from './state.ts';

export type PinterestModel = TransactionalModel<SandboxState>;

/** The business, or 404. */
export function businessOf(state: SandboxState, id: string): Business {
  const business = state.businesses.find((b) => b.id === id);
  if (!business) throw refuse(404, `Business ${id} not found.`);
  return business;
}

/** The user's membership of the business, or 403 (404 when the business does not exist). */
export function memberOf(state: SandboxState, userId: string, businessId: string): Membership {
  businessOf(state, businessId);
  const membership = state.memberships.find(
    (m) => m.businessId === businessId && m.userId === userId,
  );
  if (!membership) throw refuse(403, `You are not a member of business ${businessId}.`);
  return membership;
}

/** The user's admin membership of the business, or 403. */
export function adminOf(state: SandboxState, userId: string, businessId: string): Membership {
  const membership = memberOf(state, userId, businessId);
  if (membership.role !== 'BIZ_ADMIN')
    throw refuse(403, `Only a business admin of ${businessId} can do this.`);
  return membership;
}

/** The asset, or 404. */
export function assetOf(state: SandboxState, id: string): Asset {
  const asset = state.assets.find((a) => a.id === id);
  if (!asset) throw refuse(404, `Asset ${id} not found.`);
  return asset;
}

/** Whether `partner` is a partner that may reach assets of `owner`. */
export function isPartner(state: SandboxState, owner: string, partner: string): boolean {
  return state.partnerships.some(
    (p) => p.ownerBusinessId === owner && p.partnerBusinessId === partner,
  );
}

/**
 * Refuses permissions that do not apply to the asset type: PROFILE_PUBLISHER only on a profile
 * ([SPEC] partners/assets PATCH description), catalog permissions only on a catalog (a sandbox
 * choice, pinterest-api.md unverified item 6).
 */
export function checkPermissionsFit(asset: Asset, permissions: readonly string[]): void {
  for (const p of permissions) {
    const fits =
      p === 'PROFILE_PUBLISHER'
        ? asset.type === 'PROFILE'
        : p.startsWith('CATALOGS_')
          ? asset.type === 'CATALOG'
          : true;
    if (!fits)
      throw new PinterestError(
        400,
        RULE.permissionNotForType,
        `Permission ${p} is not valid for an asset of type ${asset.type}.`,
      );
  }
}

/** Assets of `businessId` of one type the business reaches: owned ones and partner-shared ones. */
export function reachableAssets(
  state: SandboxState,
  businessId: string,
): { asset: Asset; permissions: string[]; owned: boolean }[] {
  const owned = state.assets
    .filter((a) => a.ownerBusinessId === businessId)
    .map((asset) => ({ asset, permissions: ['OWNER'], owned: true }));
  const shared = state.partnerAccess
    .filter((a) => a.partnerBusinessId === businessId)
    .flatMap((a) => {
      const asset = state.assets.find((x) => x.id === a.assetId);
      return asset ? [{ asset, permissions: a.permissions, owned: false }] : [];
    });
  return [...owned, ...shared];
}

/** Ad accounts a user reaches: those of every business they belong to (owned or shared). */
export function userAdAccounts(
  state: SandboxState,
  userId: string,
): { asset: Asset; permissions: string[] }[] {
  const seen = new Map<string, { asset: Asset; permissions: string[] }>();
  for (const m of state.memberships.filter((x) => x.userId === userId)) {
    for (const r of reachableAssets(state, m.businessId)) {
      if (r.asset.type !== 'AD_ACCOUNT') continue;
      const own = state.memberAccess.find(
        (x) => x.businessId === m.businessId && x.userId === userId && x.assetId === r.asset.id,
      );
      const permissions = m.role === 'BIZ_ADMIN' ? r.permissions : (own?.permissions ?? []);
      if (permissions.length === 0) continue;
      const before = seen.get(r.asset.id);
      seen.set(r.asset.id, {
        asset: r.asset,
        permissions: [...new Set([...(before?.permissions ?? []), ...permissions])],
      });
    }
  }
  return [...seen.values()];
}

/** A fresh numeric id (the state's counter). */
export function nextId(state: SandboxState): string {
  const id = String(state.nextId);
  state.nextId += 1;
  return id;
}

/** Marks pending invites past their expiry as EXPIRED (called before invite reads and writes). */
export function expireInvites(state: SandboxState, now: number): void {
  for (const invite of state.invites) {
    if (invite.status === 'PENDING' && invite.expiresAt <= now) {
      invite.status = 'EXPIRED';
      invite.updatedAt = now;
    }
  }
}
