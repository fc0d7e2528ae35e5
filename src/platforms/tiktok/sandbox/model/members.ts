import { denyPermission, failNotFound, rejectParam } from './errors.ts';
import { newNumericId, stamp } from './ids.ts';
import { findUserByEmail, getUser, requireAdmin } from './lookup.ts';
import { capHoldingRoles, findBoundHolding } from './holdings.ts';
import { findAssignment } from './indexes.ts';
import type { AdvertiserRole, FinanceRole, Member, ModelContext, User, UserRole } from './types.ts';

/** A BC holds at most 4,000 members (tiktok.md); pending invitations hold a seat too. */
export const MEMBER_LIMIT = 4000;

export interface InviteInput {
  bcId: string;
  emails: string[];
  userRole: UserRole;
  financeRole: FinanceRole | null;
  assetIds: string[];
  advertiserRole: AdvertiserRole;
}

/** Seats taken in a BC: joined members plus pending invitations. */
export function countSeats(ctx: ModelContext, bcId: string): number {
  return ctx.state.members.filter((m) => m.bcId === bcId && m.status !== 'REJECTED').length;
}

/** An admin invites people by email; each stays PENDING until accepted. Known emails are ignored. */
export function inviteMembers(ctx: ModelContext, actorId: string, input: InviteInput): Member[] {
  requireAdmin(ctx, input.bcId, actorId);
  for (const assetId of input.assetIds) {
    capHoldingRoles(ctx, input.bcId, assetId, 'ADVERTISER', [input.advertiserRole]);
  }
  const fresh = [...new Set(input.emails.map((e) => e.toLowerCase()))].filter(
    (email) => !ctx.state.members.some((m) => m.bcId === input.bcId && sameEmail(m, email)),
  );
  if (countSeats(ctx, input.bcId) + fresh.length > MEMBER_LIMIT) {
    rejectParam(`a Business Center holds at most ${MEMBER_LIMIT} members`);
  }
  ctx.state.members = ctx.state.members.filter(
    (m) =>
      !(m.bcId === input.bcId && m.status === 'REJECTED' && fresh.some((e) => sameEmail(m, e))),
  );
  const created = fresh.map((email): Member => ({
    bcId: input.bcId,
    userId: null,
    email,
    userRole: input.userRole,
    financeRole: input.financeRole,
    status: 'PENDING',
    invitedAt: stamp(ctx),
    resendCount: 0,
    inviteAssets: input.assetIds.map((assetId) => ({
      assetId,
      advertiserRole: input.advertiserRole,
    })),
  }));
  ctx.state.members.push(...created);
  return created;
}

/** An admin resends a pending invitation; it stays pending. */
export function resendInvitation(
  ctx: ModelContext,
  actorId: string,
  bcId: string,
  email: string,
): Member {
  requireAdmin(ctx, bcId, actorId);
  const member = findPending(ctx, bcId, email);
  member.resendCount += 1;
  member.invitedAt = stamp(ctx);
  return member;
}

/** The invited person accepts: the user (created if new) joins with the invited role and assets. */
export function acceptInvitation(ctx: ModelContext, bcId: string, email: string): Member {
  const member = findPending(ctx, bcId, email);
  let user = findUserByEmail(ctx, email);
  if (!user) {
    user = {
      userId: newNumericId(ctx),
      email: member.email,
      name: member.email.split('@')[0] ?? '',
    };
    ctx.state.users.push(user);
  }
  member.userId = user.userId;
  member.status = 'BOUND';
  for (const grant of member.inviteAssets) {
    if (findBoundHolding(ctx, bcId, grant.assetId))
      upsertAssignment(ctx, bcId, user, grant.assetId, [grant.advertiserRole]);
  }
  member.inviteAssets = [];
  return member;
}

/** The invited person declines: the invitation becomes REJECTED and frees its seat. */
export function declineInvitation(ctx: ModelContext, bcId: string, email: string): Member {
  const member = findPending(ctx, bcId, email);
  member.status = 'REJECTED';
  return member;
}

/** An admin changes a member's name, BC role or finance role. */
export function updateMember(
  ctx: ModelContext,
  actorId: string,
  input: {
    bcId: string;
    userId: string;
    userName?: string;
    userRole?: UserRole;
    financeRole?: FinanceRole | null;
  },
): Member {
  requireAdmin(ctx, input.bcId, actorId);
  const member = findBound(ctx, input.bcId, input.userId);
  if (input.userRole === 'STANDARD' && member.userRole === 'ADMIN') requireOtherAdmin(ctx, member);
  if (input.userRole) member.userRole = input.userRole;
  if (input.financeRole !== undefined) member.financeRole = input.financeRole;
  if (input.userName !== undefined) getUser(ctx, input.userId).name = input.userName;
  return member;
}

/** An admin removes a member from the whole BC (every asset), or revokes a pending invitation. */
export function deleteMember(
  ctx: ModelContext,
  actorId: string,
  input: { bcId: string; userId?: string; email?: string },
): void {
  requireAdmin(ctx, input.bcId, actorId);
  if (input.userId !== undefined) {
    const member = findBound(ctx, input.bcId, input.userId);
    if (member.userRole === 'ADMIN') requireOtherAdmin(ctx, member);
    ctx.state.members = ctx.state.members.filter((m) => m !== member);
    ctx.state.assignments = ctx.state.assignments.filter(
      (a) => !(a.bcId === input.bcId && a.userId === input.userId),
    );
    return;
  }
  if (input.email === undefined) rejectParam('user_id or user_email is required');
  const member = findPending(ctx, input.bcId, input.email);
  ctx.state.members = ctx.state.members.filter((m) => m !== member);
}

/** Adds or replaces a member's roles on one asset. */
export function upsertAssignment(
  ctx: ModelContext,
  bcId: string,
  user: Pick<User, 'userId'>,
  assetId: string,
  roles: string[],
): void {
  const found = findAssignment(ctx, bcId, user.userId, assetId);
  if (found) found.roles = roles;
  else ctx.state.assignments.push({ bcId, userId: user.userId, assetId, roles });
}

function sameEmail(member: Member, email: string): boolean {
  return member.email.toLowerCase() === email.toLowerCase();
}

function findPending(ctx: ModelContext, bcId: string, email: string): Member {
  const member = ctx.state.members.find(
    (m) => m.bcId === bcId && m.status === 'PENDING' && sameEmail(m, email),
  );
  return member ?? failNotFound(`no pending invitation for ${email} in BC ${bcId}`);
}

function findBound(ctx: ModelContext, bcId: string, userId: string): Member {
  const member = ctx.state.members.find(
    (m) => m.bcId === bcId && m.userId === userId && m.status === 'BOUND',
  );
  return member ?? failNotFound(`user ${userId} is not a member of BC ${bcId}`);
}

function requireOtherAdmin(ctx: ModelContext, member: Member): void {
  const others = ctx.state.members.filter(
    (m) => m.bcId === member.bcId && m.status === 'BOUND' && m.userRole === 'ADMIN' && m !== member,
  );
  if (others.length === 0) denyPermission('a Business Center must keep at least one admin');
}
