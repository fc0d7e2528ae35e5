/**
 * Team rules: roles rank owner > manager > member > viewer. Nobody hands out or manages a role
 * above their own, and an agency always keeps at least one owner.
 */
export type TeamRole = 'owner' | 'manager' | 'member' | 'viewer';

const rank: Record<TeamRole, number> = { viewer: 0, member: 1, manager: 2, owner: 3 };

/** True when someone with `actor` may invite to, or manage someone holding, `target`. */
export function canManageRole(actor: TeamRole, target: TeamRole): boolean {
  return rank[actor] >= rank.manager && rank[actor] >= rank[target];
}

/** Why a removal or role change must be refused, or undefined when it is allowed. */
export function checkMemberChange(input: {
  actorRole: TeamRole;
  actorId: string | null;
  targetId: string;
  targetRole: TeamRole;
  newRole: TeamRole | 'removed';
  owners: number;
}): string | undefined {
  if (input.actorId === input.targetId) return 'You cannot change or remove yourself';
  if (!canManageRole(input.actorRole, input.targetRole)) {
    return `A ${input.actorRole} cannot manage a ${input.targetRole}`;
  }
  if (input.newRole !== 'removed' && !canManageRole(input.actorRole, input.newRole)) {
    return `A ${input.actorRole} cannot give the ${input.newRole} role`;
  }
  if (input.targetRole === 'owner' && input.newRole !== 'owner' && input.owners <= 1) {
    return 'The agency needs at least one owner';
  }
  return undefined;
}
