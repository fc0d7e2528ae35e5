import {
  findAsset,
  findAssignment,
  findBc,
  findHolding,
  holdingsOfAsset,
  holdingsOfBc,
} from './indexes.ts';
import { getAsset } from './lookup.ts';
import type {
  AccessRequest,
  Asset,
  BusinessCenter,
  Holding,
  Member,
  ModelContext,
  Partnership,
  Transfer,
} from './types.ts';

/** The BCs a user has joined, with their membership. */
export function listUserBcs(
  ctx: ModelContext,
  userId: string,
): Array<{ bc: BusinessCenter; member: Member }> {
  return ctx.state.members
    .filter((m) => m.userId === userId && m.status === 'BOUND')
    .flatMap((member) => {
      const bc = findBc(ctx, member.bcId);
      return bc ? [{ bc, member }] : [];
    });
}

/** Partners of a BC in either direction, with the other BC and who shares with whom. */
export function listPartners(
  ctx: ModelContext,
  bcId: string,
): Array<{ partner: BusinessCenter; link: Partnership; direction: 'SHARING' | 'SHARED' }> {
  return ctx.state.partnerships.flatMap((link) => {
    const otherId =
      link.bcId === bcId ? link.partnerBcId : link.partnerBcId === bcId ? link.bcId : null;
    const partner = findBc(ctx, otherId);
    if (!partner) return [];
    return [
      { partner, link, direction: link.bcId === bcId ? ('SHARING' as const) : ('SHARED' as const) },
    ];
  });
}

/** Assets shared between a BC and a partner: SHARING = by the BC, SHARED = with the BC. */
export function listPartnerAssets(
  ctx: ModelContext,
  bcId: string,
  partnerId: string,
  shareType: 'SHARING' | 'SHARED',
  assetType: string,
): Array<{ asset: Asset; holding: Holding }> {
  const [holder, source] = shareType === 'SHARING' ? [partnerId, bcId] : [bcId, partnerId];
  return holdingsOfBc(ctx, holder)
    .filter((h) => h.sourceBcId === source && h.status === 'BOUND')
    .map((holding) => ({ asset: getAsset(ctx, holding.assetId), holding }))
    .filter((x) => x.asset.assetType === assetType);
}

/** Partner BCs an asset of this BC is shared with (BOUND shares). */
export function listAssetPartners(
  ctx: ModelContext,
  bcId: string,
  assetId: string,
): Array<{ partner: BusinessCenter; holding: Holding }> {
  return holdingsOfAsset(ctx, assetId)
    .filter((h) => h.sourceBcId === bcId && h.status === 'BOUND')
    .flatMap((holding) => {
      const partner = findBc(ctx, holding.bcId);
      return partner ? [{ partner, holding }] : [];
    });
}

/** Members of a BC who reach one asset in it, with their level there. */
export function listAssetMembers(
  ctx: ModelContext,
  bcId: string,
  assetId: string,
): Array<{ member: Member; roles: string[] }> {
  const holding = findHolding(ctx, bcId, assetId, (h) => h.status === 'BOUND');
  if (!holding) return [];
  return ctx.state.members.flatMap((member) => {
    if (member.bcId !== bcId || member.status !== 'BOUND') return [];
    if (member.userRole === 'ADMIN') return [{ member, roles: [...holding.roles] }];
    const a = findAssignment(ctx, bcId, member.userId, assetId);
    return a ? [{ member, roles: a.roles }] : [];
  });
}

export interface Notifications {
  requests: AccessRequest[];
  partnerInvitations: Partnership[];
  transfers: Transfer[];
}

/** What a BC's Notifications page shows: requests for its ad accounts, partner invitations, transfers. */
export function listNotifications(ctx: ModelContext, bcId: string): Notifications {
  return {
    requests: ctx.state.requests.filter((r) => {
      if (r.status !== 'PENDING' || r.assetType !== 'ADVERTISER' || r.assetId === null)
        return false;
      return findAsset(ctx, r.assetId)?.ownerBcId === bcId;
    }),
    partnerInvitations: ctx.state.partnerships.filter(
      (p) => p.partnerBcId === bcId && p.status === 'PENDING',
    ),
    transfers: ctx.state.transfers.filter((t) => t.toBcId === bcId && t.status === 'PENDING'),
  };
}
