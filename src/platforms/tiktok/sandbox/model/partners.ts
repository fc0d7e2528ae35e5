import { denyPermission, failNotFound, rejectParam } from './errors.ts';
import { stamp } from './ids.ts';
import { capHoldingRoles, unbindHolding, upsertHolding } from './holdings.ts';
import { findAsset, findBc, findHolding, holdingsOfBc } from './indexes.ts';
import { getAsset, getBc, requireAdmin } from './lookup.ts';
import { checkRoles } from './roles.ts';
import type { Holding, ModelContext, ModelledAssetType, Partnership } from './types.ts';

export interface SharePartnerInput {
  bcId: string;
  /** The partner's BC ID or the ID of one of its ad accounts (tiktok.md). */
  partnerRef: string;
  assetType: ModelledAssetType;
  assetIds: string[];
  roles: string[];
  primaryMediaAgency?: boolean;
}

/** Resolves a partner given by BC ID or by one of its ad-account IDs (40007 if neither). */
export function resolvePartnerBc(ctx: ModelContext, ref: string): string {
  if (findBc(ctx, ref)) return ref;
  const advertiser = findAsset(ctx, ref, (a) => a.assetType === 'ADVERTISER');
  if (advertiser?.ownerBcId) return advertiser.ownerBcId;
  return failNotFound(`partner ${ref} is neither a Business Center nor an ad account`);
}

/** The partnership between two BCs, in either direction. */
export function findPartnership(ctx: ModelContext, a: string, b: string): Partnership | undefined {
  return ctx.state.partnerships.find(
    (p) => (p.bcId === a && p.partnerBcId === b) || (p.bcId === b && p.partnerBcId === a),
  );
}

/**
 * An admin adds a partner (or shares more assets with one) at a permission level. The partner gets
 * access once it accepts in its own BC; until then the shares are PENDING.
 */
export function addPartner(
  ctx: ModelContext,
  actorId: string,
  input: SharePartnerInput,
): Partnership {
  requireAdmin(ctx, input.bcId, actorId);
  const partnerBcId = resolvePartnerBc(ctx, input.partnerRef);
  if (partnerBcId === input.bcId) rejectParam('a Business Center cannot be its own partner');
  if (input.assetType === 'TT_ACCOUNT')
    rejectParam('share TikTok accounts after the partner is added');
  const roles = checkRoles(input.assetType, input.roles);
  for (const assetId of input.assetIds)
    requireShareable(ctx, input.bcId, partnerBcId, assetId, input.assetType, roles);
  let partnership = ctx.state.partnerships.find(
    (p) => p.bcId === input.bcId && p.partnerBcId === partnerBcId,
  );
  if (!partnership) {
    const reverse = findPartnership(ctx, input.bcId, partnerBcId);
    partnership = {
      bcId: input.bcId,
      partnerBcId,
      status: reverse?.status === 'BOUND' ? 'BOUND' : 'PENDING',
      primaryMediaAgency: false,
      createdAt: stamp(ctx),
    };
    ctx.state.partnerships.push(partnership);
  }
  if (input.primaryMediaAgency) partnership.primaryMediaAgency = true;
  for (const assetId of input.assetIds) {
    shareHolding(
      ctx,
      input.bcId,
      partnerBcId,
      assetId,
      roles,
      partnership.status === 'BOUND' ? 'BOUND' : 'PENDING',
    );
  }
  return partnership;
}

/**
 * An admin shares a TikTok account with an already-added partner. Needs the BC's "TikTok account
 * sharing" permission on that account (else 40001: the owner must be asked for it).
 */
export function shareTikTokAccount(
  ctx: ModelContext,
  actorId: string,
  input: { bcId: string; partnerBcId: string; assetId: string; roles: string[] },
): Holding {
  requireAdmin(ctx, input.bcId, actorId);
  const partnership = ctx.state.partnerships.find(
    (p) => p.bcId === input.bcId && p.partnerBcId === input.partnerBcId && p.status === 'BOUND',
  );
  if (!partnership)
    denyPermission('add the partner (and let it accept) before sharing TikTok accounts');
  const roles = checkRoles('TT_ACCOUNT', input.roles);
  const { holding } = requireShareable(
    ctx,
    input.bcId,
    input.partnerBcId,
    input.assetId,
    'TT_ACCOUNT',
    roles,
  );
  if (!holding.ttSharingAllowed)
    denyPermission('this BC lacks the TikTok account sharing permission for the account');
  return shareHolding(ctx, input.bcId, input.partnerBcId, input.assetId, roles, 'BOUND');
}

/** The partner's admin accepts the invitation in its own BC; PENDING shares become BOUND. */
export function acceptPartner(
  ctx: ModelContext,
  actorId: string,
  input: { bcId: string; ownerBcId: string },
): Partnership {
  requireAdmin(ctx, input.bcId, actorId);
  const partnership = ctx.state.partnerships.find(
    (p) => p.bcId === input.ownerBcId && p.partnerBcId === input.bcId && p.status === 'PENDING',
  );
  if (!partnership) failNotFound(`no pending partner invitation from BC ${input.ownerBcId}`);
  partnership.status = 'BOUND';
  for (const h of holdingsOfBc(ctx, input.bcId)) {
    if (h.sourceBcId !== input.ownerBcId || h.status !== 'PENDING') continue;
    // An ad account this BC asked for still waits for the owner's own decision on that request.
    if (hasOpenRequest(ctx, input.bcId, h.assetId)) continue;
    h.status = 'BOUND';
    h.updatedAt = stamp(ctx);
  }
  return partnership;
}

/** The partner's admin declines: the invitation goes and its shares become REJECTED. */
export function declinePartner(
  ctx: ModelContext,
  actorId: string,
  input: { bcId: string; ownerBcId: string },
): void {
  requireAdmin(ctx, input.bcId, actorId);
  const partnership = ctx.state.partnerships.find(
    (p) => p.bcId === input.ownerBcId && p.partnerBcId === input.bcId && p.status === 'PENDING',
  );
  if (!partnership) failNotFound(`no pending partner invitation from BC ${input.ownerBcId}`);
  ctx.state.partnerships = ctx.state.partnerships.filter((p) => p !== partnership);
  for (const h of holdingsOfBc(ctx, input.bcId)) {
    if (h.sourceBcId === input.ownerBcId && h.status === 'PENDING') h.status = 'REJECTED';
  }
}

/** An admin removes a partner: every person of the partner BC loses every shared asset at once. */
export function deletePartner(
  ctx: ModelContext,
  actorId: string,
  input: { bcId: string; partnerId: string },
): void {
  requireAdmin(ctx, input.bcId, actorId);
  getBc(ctx, input.partnerId);
  const links = ctx.state.partnerships.filter(
    (p) =>
      (p.bcId === input.bcId && p.partnerBcId === input.partnerId) ||
      (p.bcId === input.partnerId && p.partnerBcId === input.bcId),
  );
  if (links.length === 0)
    failNotFound(`BC ${input.partnerId} is not a partner of BC ${input.bcId}`);
  ctx.state.partnerships = ctx.state.partnerships.filter((p) => !links.includes(p));
  for (const link of links) {
    const shared = holdingsOfBc(ctx, link.partnerBcId).filter((h) => h.sourceBcId === link.bcId);
    for (const h of shared) {
      if (h.status === 'PENDING') h.status = 'UNBOUND';
      unbindHolding(ctx, h.bcId, h.assetId);
    }
  }
}

/** An admin of the sharing BC cancels the sharing of some assets with a partner. */
export function deletePartnerAssets(
  ctx: ModelContext,
  actorId: string,
  input: { bcId: string; partnerId: string; assetType: string; assetIds: string[] },
): void {
  requireAdmin(ctx, input.bcId, actorId);
  const targets = input.assetIds.map((assetId) => {
    const asset = getAsset(ctx, assetId, input.assetType);
    if (asset.assetType !== input.assetType)
      rejectParam(`asset ${assetId} is not of type ${input.assetType}`);
    const h = findHolding(
      ctx,
      input.partnerId,
      assetId,
      (x) => x.sourceBcId === input.bcId && x.status !== 'UNBOUND',
    );
    return h ?? failNotFound(`asset ${assetId} is not shared with partner ${input.partnerId}`);
  });
  for (const h of targets) {
    if (h.status !== 'BOUND') h.status = 'UNBOUND';
    unbindHolding(ctx, h.bcId, h.assetId);
  }
}

function hasOpenRequest(ctx: ModelContext, requesterBcId: string, assetId: string): boolean {
  return ctx.state.requests.some(
    (r) => r.requesterBcId === requesterBcId && r.assetId === assetId && r.status === 'PENDING',
  );
}

function requireShareable(
  ctx: ModelContext,
  bcId: string,
  partnerBcId: string,
  assetId: string,
  type: ModelledAssetType,
  roles: string[],
): { holding: Holding } {
  const { holding } = capHoldingRoles(ctx, bcId, assetId, type, roles);
  if (holding.relationType === 'OWNER_PARTNER')
    denyPermission('assets shared by a partner cannot be shared on');
  const theirs = findHolding(ctx, partnerBcId, assetId);
  if (
    theirs &&
    theirs.status !== 'UNBOUND' &&
    theirs.sourceBcId !== bcId &&
    theirs.status !== 'REJECTED'
  ) {
    rejectParam(`BC ${partnerBcId} already holds asset ${assetId}`);
  }
  return { holding };
}

function shareHolding(
  ctx: ModelContext,
  ownerBcId: string,
  partnerBcId: string,
  assetId: string,
  roles: string[],
  status: 'BOUND' | 'PENDING',
): Holding {
  const existing = findHolding(ctx, partnerBcId, assetId);
  const keep = existing?.status === 'BOUND' && existing.sourceBcId === ownerBcId;
  return upsertHolding(ctx, {
    bcId: partnerBcId,
    assetId,
    relationType: 'OWNER_PARTNER',
    status: keep ? 'BOUND' : status,
    sourceBcId: ownerBcId,
    roles,
    ttSharingAllowed: false,
  });
}
