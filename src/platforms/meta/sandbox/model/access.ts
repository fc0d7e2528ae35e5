// Who can see and act on what: Business Manager roles, assigned tasks, partner shares.
import { agencyTasks, instagramConsoleTasks, manageTask } from './tasks.ts';
import type { Asset, AssetKind, BusinessRole, SandboxState } from './types.ts';

/** Every task an asset type knows (what an owner has). */
export function allTasks(kind: AssetKind): readonly string[] {
  return kind === 'instagram_account' ? instagramConsoleTasks : agencyTasks[kind];
}

/** The person's role in a business, or null. */
export function roleIn(
  state: SandboxState,
  userId: string,
  businessId: string,
): BusinessRole | null {
  return (
    state.businessUsers.find((m) => m.userId === userId && m.businessId === businessId)?.role ??
    null
  );
}

/** The confirmed partner share of an asset with a business, if any. */
export function confirmedShare(state: SandboxState, assetId: string, businessId: string) {
  return state.shares.find(
    (s) =>
      s.assetId === assetId && s.partnerBusinessId === businessId && s.accessStatus === 'CONFIRMED',
  );
}

/**
 * The tasks a person holds on an asset: owners (business admins, personal owners) hold all; people
 * assigned by the owner business hold their tasks; a partner business's admins hold the share's
 * tasks and its assigned people hold their tasks within the share.
 */
export function userTasksOn(state: SandboxState, userId: string, asset: Asset): string[] {
  if (asset.ownerUserId === userId) return [...allTasks(asset.kind)];
  const owner = asset.ownerBusinessId;
  if (owner !== null && roleIn(state, userId, owner) === 'ADMIN') return [...allTasks(asset.kind)];
  const held = new Set<string>();
  for (const a of state.assignments) {
    if (a.assetId !== asset.id || a.userId !== userId) continue;
    if (a.businessId === owner && roleIn(state, userId, owner) !== null) {
      a.tasks.forEach((t) => held.add(t));
      continue;
    }
    const share = confirmedShare(state, asset.id, a.businessId);
    if (share && roleIn(state, userId, a.businessId) !== null) {
      a.tasks.filter((t) => share.tasks.includes(t)).forEach((t) => held.add(t));
    }
  }
  for (const share of state.shares) {
    if (share.assetId !== asset.id || share.accessStatus !== 'CONFIRMED') continue;
    if (roleIn(state, userId, share.partnerBusinessId) === 'ADMIN') {
      share.tasks.forEach((t) => held.add(t));
    }
  }
  return [...held];
}

/**
 * Whether the person may change who has access to the asset: an admin of the owning business, the
 * personal owner, or someone the owner business assigned the asset's manage task.
 */
export function canManageSharing(state: SandboxState, userId: string, asset: Asset): boolean {
  if (asset.ownerUserId === userId) return true;
  const owner = asset.ownerBusinessId;
  if (owner === null || roleIn(state, userId, owner) === null) return false;
  if (roleIn(state, userId, owner) === 'ADMIN') return true;
  return state.assignments.some(
    (a) =>
      a.assetId === asset.id &&
      a.userId === userId &&
      a.businessId === owner &&
      a.tasks.includes(manageTask(asset.kind)),
  );
}

/** Finds an asset by its Graph id (`act_<id>` for ad accounts, the plain id for the others). */
export function findAsset(state: SandboxState, graphId: string): Asset | undefined {
  if (graphId.startsWith('act_')) {
    const id = graphId.slice(4);
    return state.assets.find((a) => a.id === id && a.kind === 'ad_account');
  }
  return state.assets.find((a) => a.id === graphId && a.kind !== 'ad_account');
}

/** The Graph id of an asset (`act_<id>` for ad accounts). */
export function graphIdOf(asset: Asset): string {
  return asset.kind === 'ad_account' ? `act_${asset.id}` : asset.id;
}
