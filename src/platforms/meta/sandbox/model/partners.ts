// Partner (agency) shares: POST/DELETE /{asset}/agencies and business-level partner removal.
import { canManageSharing, roleIn } from './access.ts';
import { GraphError, invalidParam, permissionError } from './errors.ts';
import { agencyTasks, instagramConsoleTasks } from './tasks.ts';
import type { Asset, ModelContext, PartnerShare } from './types.ts';

/** Checks a task list against the asset type's enum (Graph's `(#100) Param ... must be one of`). */
export function validateTasks(asset: Asset, tasks: readonly string[], param: string): void {
  const allowed =
    asset.kind === 'instagram_account' ? instagramConsoleTasks : agencyTasks[asset.kind];
  tasks.forEach((task, i) => {
    if (!allowed.includes(task)) {
      throw invalidParam(`Param ${param}[${i}] must be one of {${allowed.join(', ')}}`);
    }
  });
  if (asset.kind === 'pixel' && tasks.includes('EDIT')) {
    throw permissionError('EDIT access is currently restricted, contact your Meta representative');
  }
}

/**
 * Shares an asset with a partner business (client-initiated: CONFIRMED at once). Sharing again with
 * the same tasks is Graph's 3989; with other tasks it replaces them (sandbox choice).
 */
export function sharePartner(
  ctx: ModelContext,
  input: { actorUserId: string; asset: Asset; partnerBusinessId: string; tasks: string[] },
): PartnerShare {
  const { asset, partnerBusinessId } = input;
  if (!canManageSharing(ctx.state, input.actorUserId, asset)) throw permissionError();
  if (asset.ownerBusinessId === null) {
    throw permissionError('Only assets owned by a business can be shared with a partner business');
  }
  if (!ctx.state.businesses.some((b) => b.id === partnerBusinessId)) {
    throw invalidParam(`Param business must be a valid business id: ${partnerBusinessId}`);
  }
  if (partnerBusinessId === asset.ownerBusinessId) {
    throw new GraphError(3946, '(#3946) This asset already belongs to this Business Manager', {
      type: 'OAuthException',
    });
  }
  if (input.tasks.length === 0)
    throw invalidParam('Param permitted_tasks must be a non-empty array');
  validateTasks(asset, input.tasks, 'permitted_tasks');
  const t = ctx.now().toISOString();
  const tasks = [...new Set(input.tasks)];
  const existing = ctx.state.shares.find(
    (s) => s.assetId === asset.id && s.partnerBusinessId === partnerBusinessId,
  );
  if (existing) {
    if (sameSet(existing.tasks, tasks) && existing.accessStatus === 'CONFIRMED') {
      throw new GraphError(
        3989,
        '(#3989) You are trying to assign a duplicated asset to this agency.',
        { type: 'OAuthException' },
      );
    }
    Object.assign(existing, { tasks, accessStatus: 'CONFIRMED', updatedTime: t });
    return existing;
  }
  const share: PartnerShare = {
    assetId: asset.id,
    partnerBusinessId,
    tasks,
    accessStatus: 'CONFIRMED',
    requestedTime: t,
    updatedTime: t,
  };
  ctx.state.shares.push(share);
  return share;
}

/**
 * Removes a partner's access to one asset. The owner side (who may manage sharing) or an admin of
 * the partner business itself (leaving the asset) may do it.
 */
export function unsharePartner(
  ctx: ModelContext,
  input: { actorUserId: string; asset: Asset; partnerBusinessId: string },
): void {
  const { asset, partnerBusinessId, actorUserId } = input;
  const isPartnerAdmin = roleIn(ctx.state, actorUserId, partnerBusinessId) === 'ADMIN';
  if (!canManageSharing(ctx.state, actorUserId, asset) && !isPartnerAdmin) throw permissionError();
  const before = ctx.state.shares.length;
  ctx.state.shares = ctx.state.shares.filter(
    (s) => !(s.assetId === asset.id && s.partnerBusinessId === partnerBusinessId),
  );
  if (ctx.state.shares.length === before) {
    throw invalidParam(`Business ${partnerBusinessId} is not a partner on this asset`);
  }
  ctx.state.assignments = ctx.state.assignments.filter(
    (a) => !(a.assetId === asset.id && a.businessId === partnerBusinessId),
  );
}

/**
 * Business-level removal: `DELETE /{business}/agencies` (the client drops a partner) or
 * `DELETE /{business}/clients` (the agency drops a client). Removes every share between the two.
 */
export function removeRelationship(
  ctx: ModelContext,
  input: { actorUserId: string; businessId: string; otherId: string; side: 'agencies' | 'clients' },
): void {
  const { businessId, otherId } = input;
  if (roleIn(ctx.state, input.actorUserId, businessId) !== 'ADMIN') throw permissionError();
  const [clientId, partnerId] =
    input.side === 'agencies' ? [businessId, otherId] : [otherId, businessId];
  const clientAssets = new Set(
    ctx.state.assets.filter((a) => a.ownerBusinessId === clientId).map((a) => a.id),
  );
  const matches = (assetId: string, bizId: string) =>
    clientAssets.has(assetId) && bizId === partnerId;
  const before = ctx.state.shares.length;
  ctx.state.shares = ctx.state.shares.filter((s) => !matches(s.assetId, s.partnerBusinessId));
  if (ctx.state.shares.length === before) {
    throw invalidParam(
      `No ${input.side === 'agencies' ? 'partner' : 'client'} relationship with business ${otherId}`,
    );
  }
  ctx.state.assignments = ctx.state.assignments.filter((a) => !matches(a.assetId, a.businessId));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/**
 * `POST /{agency_business}/client_pages` (meta-api.md §3.7): the agency asks for a Page. CONFIRMED
 * when the asking person already manages the Page, else PENDING until a Page admin approves.
 */
export function requestClientPage(
  ctx: ModelContext,
  input: { actorUserId: string; agencyBusinessId: string; asset: Asset; tasks: string[] },
): PartnerShare['accessStatus'] {
  const { asset, agencyBusinessId } = input;
  if (roleIn(ctx.state, input.actorUserId, agencyBusinessId) !== 'ADMIN') throw permissionError();
  if (asset.ownerBusinessId === agencyBusinessId) {
    throw new GraphError(3946, '(#3946) This asset already belongs to this Business Manager', {
      type: 'OAuthException',
    });
  }
  if (input.tasks.length === 0)
    throw invalidParam('Param permitted_tasks must be a non-empty array');
  validateTasks(asset, input.tasks, 'permitted_tasks');
  const status = canManageSharing(ctx.state, input.actorUserId, asset) ? 'CONFIRMED' : 'PENDING';
  const t = ctx.now().toISOString();
  const existing = ctx.state.shares.find(
    (s) => s.assetId === asset.id && s.partnerBusinessId === agencyBusinessId,
  );
  if (existing) {
    Object.assign(existing, { tasks: [...new Set(input.tasks)], updatedTime: t });
    return existing.accessStatus;
  }
  ctx.state.shares.push({
    assetId: asset.id,
    partnerBusinessId: agencyBusinessId,
    tasks: [...new Set(input.tasks)],
    accessStatus: status,
    requestedTime: t,
    updatedTime: t,
  });
  return status;
}

/** A Page admin approves (CONFIRMED) or declines (removed) a PENDING agency request. */
export function decidePendingShare(
  ctx: ModelContext,
  input: { actorUserId: string; asset: Asset; partnerBusinessId: string; approve: boolean },
): void {
  if (!canManageSharing(ctx.state, input.actorUserId, input.asset)) throw permissionError();
  const share = ctx.state.shares.find(
    (s) =>
      s.assetId === input.asset.id &&
      s.partnerBusinessId === input.partnerBusinessId &&
      s.accessStatus === 'PENDING',
  );
  if (!share) throw invalidParam('No pending request from this business');
  if (input.approve) {
    share.accessStatus = 'CONFIRMED';
    share.updatedTime = ctx.now().toISOString();
  } else {
    ctx.state.shares = ctx.state.shares.filter((s) => s !== share);
  }
}
