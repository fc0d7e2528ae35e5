// Business-side asset moves: claiming a personal ad account, removing an Instagram account,
// and assigning people to assets (`/{asset}/assigned_users`).
import { canManageSharing, roleIn } from './access.ts';
import { invalidParam, permissionError } from './errors.ts';
import { assignedUserTasks } from './tasks.ts';
import type { AccessStatus, Asset, Assignment, ModelContext } from './types.ts';

/**
 * `POST /{business}/owned_ad_accounts`: the business claims an ad account. CONFIRMED when the caller
 * is a business admin and owns the personal account (sandbox rule; others are refused).
 */
export function claimAdAccount(
  ctx: ModelContext,
  input: { actorUserId: string; businessId: string; asset: Asset },
): AccessStatus {
  const { asset, businessId, actorUserId } = input;
  if (roleIn(ctx.state, actorUserId, businessId) !== 'ADMIN') throw permissionError();
  if (asset.ownerBusinessId === businessId) {
    throw invalidParam('This ad account already belongs to this business', 3944);
  }
  if (asset.ownerUserId !== actorUserId) throw permissionError();
  asset.ownerBusinessId = businessId;
  asset.ownerUserId = null;
  return 'CONFIRMED';
}

/** `DELETE /{business}/instagram_accounts`: takes an Instagram account out of the business. */
export function removeInstagramAccount(
  ctx: ModelContext,
  input: { actorUserId: string; businessId: string; asset: Asset },
): void {
  if (roleIn(ctx.state, input.actorUserId, input.businessId) !== 'ADMIN') throw permissionError();
  if (input.asset.ownerBusinessId !== input.businessId) {
    throw invalidParam('instagram_account is not owned by this business');
  }
  ctx.state.assets = ctx.state.assets.filter((a) => a.id !== input.asset.id);
  ctx.state.shares = ctx.state.shares.filter((s) => s.assetId !== input.asset.id);
  ctx.state.assignments = ctx.state.assignments.filter((a) => a.assetId !== input.asset.id);
}

/**
 * `POST /{asset}/assigned_users`: gives a person of a business tasks on the asset. The business is
 * the owner (caller manages sharing) or a partner holding a confirmed share (caller is its admin).
 */
export function assignUser(
  ctx: ModelContext,
  input: { actorUserId: string; asset: Asset; userId: string; businessId: string; tasks: string[] },
): Assignment {
  const { asset, businessId, userId } = input;
  if (asset.kind === 'instagram_account') throw invalidParam('Unsupported asset type');
  const enumTasks = assignedUserTasks[asset.kind];
  const owner = asset.ownerBusinessId === businessId;
  const allowed = owner
    ? canManageSharing(ctx.state, input.actorUserId, asset)
    : roleIn(ctx.state, input.actorUserId, businessId) === 'ADMIN' &&
      ctx.state.shares.some(
        (s) =>
          s.assetId === asset.id &&
          s.partnerBusinessId === businessId &&
          s.accessStatus === 'CONFIRMED',
      );
  if (!allowed) throw permissionError();
  if (roleIn(ctx.state, userId, businessId) === null) {
    throw invalidParam(`Param user must be a person of business ${businessId}`);
  }
  input.tasks.forEach((task, i) => {
    if (!enumTasks.includes(task)) {
      throw invalidParam(`Param tasks[${i}] must be one of {${enumTasks.join(', ')}}`);
    }
  });
  const existing = ctx.state.assignments.find(
    (a) => a.assetId === asset.id && a.userId === userId && a.businessId === businessId,
  );
  if (existing) {
    existing.tasks = [...new Set(input.tasks)];
    return existing;
  }
  const row = { assetId: asset.id, businessId, userId, tasks: [...new Set(input.tasks)] };
  ctx.state.assignments.push(row);
  return row;
}

/** `DELETE /{asset}/assigned_users`: removes a person's tasks on the asset (same callers). */
export function unassignUser(
  ctx: ModelContext,
  input: { actorUserId: string; asset: Asset; userId: string },
): void {
  const rows = ctx.state.assignments.filter(
    (a) => a.assetId === input.asset.id && a.userId === input.userId,
  );
  const permitted = rows.filter(
    (a) =>
      (a.businessId === input.asset.ownerBusinessId &&
        canManageSharing(ctx.state, input.actorUserId, input.asset)) ||
      roleIn(ctx.state, input.actorUserId, a.businessId) === 'ADMIN',
  );
  if (rows.length === 0) throw invalidParam('This person is not assigned to the asset');
  if (permitted.length === 0) throw permissionError();
  ctx.state.assignments = ctx.state.assignments.filter((a) => !permitted.includes(a));
}
