import { denyPermission, failAssetNotFound, failNotFound } from './errors.ts';
import { findAsset, findBc } from './indexes.ts';
import type { Asset, BusinessCenter, Member, ModelContext, User } from './types.ts';

/** Finds a BC or throws 40007. */
export function getBc(ctx: ModelContext, bcId: string): BusinessCenter {
  return findBc(ctx, bcId) ?? failNotFound(`Business Center ${bcId} does not exist`);
}

/** Finds a user or throws 40007. */
export function getUser(ctx: ModelContext, userId: string): User {
  const user = ctx.state.users.find((u) => u.userId === userId);
  return user ?? failNotFound(`user ${userId} does not exist`);
}

/** Finds a user by email (case-insensitive). */
export function findUserByEmail(ctx: ModelContext, email: string): User | undefined {
  const wanted = email.toLowerCase();
  return ctx.state.users.find((u) => u.email.toLowerCase() === wanted);
}

/** Finds an asset or throws (40300 when an ad account was asked for, else 40007). */
export function getAsset(ctx: ModelContext, assetId: string, type?: string): Asset {
  return findAsset(ctx, assetId) ?? failAssetNotFound(type, assetId);
}

/** The joined (BOUND) membership of a user in a BC, if any. */
export function findMembership(
  ctx: ModelContext,
  bcId: string,
  userId: string,
): Member | undefined {
  return ctx.state.members.find(
    (m) => m.bcId === bcId && m.userId === userId && m.status === 'BOUND',
  );
}

/** Requires the user to be a joined member of the BC (else 40001). */
export function requireMember(ctx: ModelContext, bcId: string, userId: string): Member {
  getBc(ctx, bcId);
  return findMembership(ctx, bcId, userId) ?? denyPermission(`user is not a member of BC ${bcId}`);
}

/** Requires the user to be an admin of the BC (else 40001): only admins change access. */
export function requireAdmin(ctx: ModelContext, bcId: string, userId: string): Member {
  const member = requireMember(ctx, bcId, userId);
  if (member.userRole !== 'ADMIN') denyPermission(`only admins of BC ${bcId} can do this`);
  return member;
}

/** Joined members of a BC. */
export function boundMembers(ctx: ModelContext, bcId: string): Member[] {
  return ctx.state.members.filter((m) => m.bcId === bcId && m.status === 'BOUND');
}
