import { failNotFound, rejectParam } from './errors.ts';
import { findBoundHolding, unbindHolding, upsertHolding } from './holdings.ts';
import { newNumericId, stamp } from './ids.ts';
import { getAsset, getBc, requireAdmin } from './lookup.ts';
import { fullRoles } from './roles.ts';
import type { ModelContext, Transfer } from './types.ts';

/** An admin of the owning BC offers an ad account to another BC; nothing moves until it accepts. */
export function requestTransfer(
  ctx: ModelContext,
  actorId: string,
  input: { advertiserId: string; fromBcId: string; toBcId: string },
): Transfer {
  requireAdmin(ctx, input.fromBcId, actorId);
  getBc(ctx, input.toBcId);
  const asset = getAsset(ctx, input.advertiserId, 'ADVERTISER');
  if (asset.assetType !== 'ADVERTISER') rejectParam('only ad accounts can be transferred');
  if (asset.ownerBcId !== input.fromBcId)
    rejectParam(`BC ${input.fromBcId} does not own ${input.advertiserId}`);
  if (input.toBcId === input.fromBcId) rejectParam('the receiving BC must be another BC');
  const open = ctx.state.transfers.some(
    (t) => t.advertiserId === input.advertiserId && t.status === 'PENDING',
  );
  if (open) rejectParam('a transfer of this ad account is already pending');
  const transfer: Transfer = {
    transferId: newNumericId(ctx),
    advertiserId: input.advertiserId,
    fromBcId: input.fromBcId,
    toBcId: input.toBcId,
    requestedBy: actorId,
    status: 'PENDING',
    createdAt: stamp(ctx),
  };
  ctx.state.transfers.push(transfer);
  return transfer;
}

/**
 * An admin of the receiving BC (and only of it: 40001 otherwise) accepts or rejects. On accept the
 * ad account changes owner; the old owner's grants and shares of it end.
 */
export function decideTransfer(
  ctx: ModelContext,
  actorId: string,
  transferId: string,
  accept: boolean,
): Transfer {
  const transfer = ctx.state.transfers.find((t) => t.transferId === transferId);
  if (!transfer) failNotFound(`transfer ${transferId} does not exist`);
  requireAdmin(ctx, transfer.toBcId, actorId);
  if (transfer.status !== 'PENDING')
    rejectParam(`transfer ${transferId} is already ${transfer.status}`);
  transfer.status = accept ? 'ACCEPTED' : 'REJECTED';
  if (!accept) return transfer;
  const asset = getAsset(ctx, transfer.advertiserId);
  if (findBoundHolding(ctx, transfer.fromBcId, asset.assetId))
    unbindHolding(ctx, transfer.fromBcId, asset.assetId);
  asset.ownerBcId = transfer.toBcId;
  upsertHolding(ctx, {
    bcId: transfer.toBcId,
    assetId: asset.assetId,
    relationType: 'OWNER_BC',
    status: 'BOUND',
    sourceBcId: null,
    roles: fullRoles('ADVERTISER'),
    ttSharingAllowed: false,
  });
  return transfer;
}
