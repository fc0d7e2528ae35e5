import { denyPermission, rejectParam } from './errors.ts';
import { stamp } from './ids.ts';
import { findHolding, holdingsOfAsset } from './indexes.ts';
import { getAsset } from './lookup.ts';
import { withinCap } from './roles.ts';
import type { Asset, Holding, ModelContext, ModelledAssetType } from './types.ts';

/** The BC's live (BOUND) relation to an asset, if any. */
export function findBoundHolding(
  ctx: ModelContext,
  bcId: string,
  assetId: string,
): Holding | undefined {
  return findHolding(ctx, bcId, assetId, (h) => h.status === 'BOUND');
}

/**
 * Checks that the BC holds the asset, of the expected type, and that `roles` stay within what the
 * BC holds (a partner cannot hand its people more than it was given). Throws 40002/40001.
 */
export function capHoldingRoles(
  ctx: ModelContext,
  bcId: string,
  assetId: string,
  expected: ModelledAssetType,
  roles: string[],
): { asset: Asset; holding: Holding } {
  const asset = getAsset(ctx, assetId, expected);
  if (asset.assetType !== expected) rejectParam(`asset ${assetId} is not of type ${expected}`);
  const holding = findBoundHolding(ctx, bcId, assetId);
  if (!holding) denyPermission(`BC ${bcId} has no access to asset ${assetId}`);
  if (!withinCap(asset.assetType, roles, holding.roles)) {
    denyPermission(`BC ${bcId} holds asset ${assetId} at a lower level than requested`);
  }
  return { asset, holding };
}

/** Sets (or creates) a BC's relation to an asset. */
export function upsertHolding(ctx: ModelContext, next: Omit<Holding, 'updatedAt'>): Holding {
  const found = findHolding(ctx, next.bcId, next.assetId);
  if (found) {
    Object.assign(found, next, { updatedAt: stamp(ctx) });
    return found;
  }
  const created: Holding = { ...next, updatedAt: stamp(ctx) };
  ctx.state.holdings.push(created);
  return created;
}

/**
 * Ends a BC's relation to an asset: it becomes UNBOUND, the BC's member assignments on it go, and
 * every share this BC made of it ends too (recursively).
 */
export function unbindHolding(ctx: ModelContext, bcId: string, assetId: string): void {
  const holding = findHolding(ctx, bcId, assetId);
  if (!holding || holding.status === 'UNBOUND') return;
  holding.status = 'UNBOUND';
  holding.updatedAt = stamp(ctx);
  ctx.state.assignments = ctx.state.assignments.filter(
    (a) => !(a.bcId === bcId && a.assetId === assetId),
  );
  const downstream = holdingsOfAsset(ctx, assetId).filter(
    (h) => h.sourceBcId === bcId && h.status !== 'UNBOUND',
  );
  for (const h of downstream) unbindHolding(ctx, h.bcId, assetId);
}
