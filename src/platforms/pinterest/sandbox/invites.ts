// Partner invites and requests (pinterest-api.md §3): one side sends, the other side's admin
// answers with PATCH /businesses/invites; acceptance creates the partnership and the asset access
// the invite carries. Batch calls answer 200 with an `exception` per failed item.
import { RULE, refuse } from './errors.ts';
import {
  adminOf,
  assetOf,
  businessOf,
  checkPermissionsFit,
  expireInvites,
  isPartner,
  memberOf,
  nextId,
  type PinterestModel,
} from './model.ts';
import { INVITE_DAYS_MS } from './world.ts';
import type { Invite, InviteType, SandboxState } from './state.ts';

const exception = (code: number, message: string, inviteId: string | null, ids: string[] = []) => ({
  exception: { code, message, invite_or_request_id: inviteId, users_or_partner_ids: ids },
});

/** The business whose assets the invite shares (the owner) and the one that gets them. */
export function sidesOf(invite: Invite): { owner: string; partner: string } {
  return invite.inviteType === 'PARTNER_INVITE'
    ? { owner: invite.senderBusinessId, partner: invite.targetBusinessId }
    : { owner: invite.targetBusinessId, partner: invite.senderBusinessId };
}

/** The invite as Pinterest presents it to `viewerBusinessId`. */
export function presentInvite(state: SandboxState, invite: Invite, viewerBusinessId: string) {
  const received = invite.targetBusinessId === viewerBusinessId;
  const other = businessOf(state, received ? invite.senderBusinessId : invite.targetBusinessId);
  const sender = businessOf(state, invite.senderBusinessId);
  const ofType = (t: string) =>
    Object.entries(invite.assetPermissions)
      .filter(([id]) => state.assets.find((a) => a.id === id)?.type === t)
      .map(([id, permissions]) => ({ id, permissions }));
  return {
    id: invite.id,
    invite_data: {
      invite_status: invite.status,
      invite_type: invite.inviteType,
      sent_at: invite.sentAt,
      invite_expiration: invite.expiresAt,
      last_updated_time: invite.updatedAt,
    },
    is_received_invite: received,
    user: { id: other.id, username: other.username, email: null },
    business_roles: [invite.businessRole],
    created_by_business: { id: sender.id, username: sender.username, email: null },
    assets_summary: { ad_accounts: ofType('AD_ACCOUNT'), profiles: ofType('PROFILE') },
  };
}

/** POST /businesses/{id}/invites (partner invites and requests; member invites not modelled). */
export function createInvites(
  model: PinterestModel,
  userId: string,
  businessId: string,
  body: { invite_type: string; business_role: string; partners?: string[]; members?: string[] },
) {
  return model.mutate(({ state, now }) => {
    adminOf(state, userId, businessId);
    const t = now().getTime();
    expireInvites(state, t);
    if (body.invite_type === 'MEMBER_INVITE')
      return (body.members ?? []).map((m) =>
        exception(RULE.notModelled, 'Member invites are not modelled in this sandbox.', null, [m]),
      );
    if (body.business_role !== 'PARTNER' || body.partners === undefined)
      throw refuse(400, `${body.invite_type} needs business_role PARTNER and partners.`);
    const type = body.invite_type as InviteType;
    return body.partners.map((partnerId) => {
      if (partnerId === businessId || !state.businesses.some((b) => b.id === partnerId))
        return exception(RULE.partnerNotFound, `Business ${partnerId} not found.`, null, [
          partnerId,
        ]);
      const [owner, partner] =
        type === 'PARTNER_INVITE' ? [businessId, partnerId] : [partnerId, businessId];
      if (isPartner(state, owner, partner))
        return exception(RULE.partnerExists, `Business ${partnerId} is already a partner.`, null, [
          partnerId,
        ]);
      const pending = state.invites.find(
        (i) =>
          i.status === 'PENDING' &&
          i.inviteType === type &&
          i.senderBusinessId === businessId &&
          i.targetBusinessId === partnerId,
      );
      if (pending)
        return exception(RULE.invitePending, 'An invite to this partner is pending.', pending.id, [
          partnerId,
        ]);
      const invite: Invite = {
        id: nextId(state),
        senderBusinessId: businessId,
        targetBusinessId: partnerId,
        inviteType: type,
        businessRole: 'PARTNER',
        status: 'PENDING',
        assetPermissions: {},
        createdByUserId: userId,
        sentAt: t,
        expiresAt: t + INVITE_DAYS_MS,
        updatedAt: t,
      };
      state.invites.push(invite);
      const target = businessOf(state, partnerId);
      return {
        invite: { id: invite.id, user: { id: target.id, username: target.username, email: null } },
      };
    });
  });
}

/** POST /businesses/{id}/invites/assets/access: asset permissions onto pending invites sent. */
export function attachInviteAssets(
  model: PinterestModel,
  userId: string,
  businessId: string,
  invites: {
    invite_id: string;
    invite_type: string;
    asset_id_to_permissions: Record<string, string[]>;
  }[],
) {
  return model.mutate(({ state, now }) => {
    adminOf(state, userId, businessId);
    expireInvites(state, now().getTime());
    return invites.map((row) => {
      const invite = state.invites.find((i) => i.id === row.invite_id);
      if (
        !invite ||
        invite.senderBusinessId !== businessId ||
        invite.inviteType !== row.invite_type
      )
        return exception(
          RULE.inviteNotYours,
          `Invite ${row.invite_id} was not sent by ${businessId}.`,
          row.invite_id,
        );
      if (invite.status !== 'PENDING')
        return exception(
          RULE.inviteNotPending,
          `Invite ${invite.id} is ${invite.status}.`,
          invite.id,
        );
      const { owner } = sidesOf(invite);
      for (const [assetId, permissions] of Object.entries(row.asset_id_to_permissions)) {
        const asset = state.assets.find((a) => a.id === assetId);
        if (!asset || asset.ownerBusinessId !== owner)
          return exception(
            RULE.assetNotOwned,
            `Asset ${assetId} is not owned by ${owner}.`,
            invite.id,
          );
        checkPermissionsFit(asset, permissions);
      }
      Object.assign(invite.assetPermissions, row.asset_id_to_permissions);
      invite.updatedAt = now().getTime();
      return {
        invite: {
          ...presentInvite(state, invite, businessId),
          created_by_business_id: invite.senderBusinessId,
          created_by_user_id: invite.createdByUserId ?? '',
        },
      };
    });
  });
}

/** GET /businesses/{id}/invites: sent and received; `is_member` true (default) lists member invites (none). */
export function listInvites(
  model: PinterestModel,
  userId: string,
  businessId: string,
  query: { is_member?: boolean; invite_status?: string[]; invite_type?: string },
) {
  const { state } = model;
  memberOf(state, userId, businessId);
  expireInvites(state, model.now().getTime());
  if (query.is_member !== false) return [];
  return state.invites
    .filter((i) => i.senderBusinessId === businessId || i.targetBusinessId === businessId)
    .filter((i) => query.invite_status === undefined || query.invite_status.includes(i.status))
    .filter((i) => query.invite_type === undefined || i.inviteType === query.invite_type)
    .map((i) => presentInvite(state, i, businessId));
}

/**
 * PATCH /businesses/invites: the token's user answers invites sent to a business they administer.
 * Accepting creates the partnership and the asset access (the invite's, plus for a request the
 * `asset_id_to_permissions` the owner gives now).
 */
export function respondInvites(
  model: PinterestModel,
  userId: string,
  answers: {
    invite_id: string;
    action: { accept_invite: boolean; asset_id_to_permissions?: Record<string, string[]> };
  }[],
) {
  return model.mutate(({ state, now }) => {
    const t = now().getTime();
    expireInvites(state, t);
    return answers.map((answer) => {
      const invite = state.invites.find((i) => i.id === answer.invite_id);
      const admin = invite
        ? state.memberships.find(
            (m) =>
              m.businessId === invite.targetBusinessId &&
              m.userId === userId &&
              m.role === 'BIZ_ADMIN',
          )
        : undefined;
      if (!invite || !admin)
        return exception(
          RULE.inviteNotYours,
          `Invite ${answer.invite_id} was not sent to a business you administer.`,
          answer.invite_id,
        );
      if (invite.status !== 'PENDING')
        return exception(
          RULE.inviteNotPending,
          `Invite ${invite.id} is ${invite.status}.`,
          invite.id,
        );
      invite.updatedAt = t;
      if (!answer.action.accept_invite) {
        invite.status = 'DECLINED';
        return { invite: presentInvite(state, invite, invite.targetBusinessId) };
      }
      const { owner, partner } = sidesOf(invite);
      const extra =
        invite.inviteType === 'PARTNER_REQUEST'
          ? (answer.action.asset_id_to_permissions ?? {})
          : {};
      const grants = { ...invite.assetPermissions, ...extra };
      for (const [assetId, permissions] of Object.entries(grants)) {
        const asset = assetOf(state, assetId);
        if (asset.ownerBusinessId !== owner)
          return exception(
            RULE.assetNotOwned,
            `Asset ${assetId} is not owned by ${owner}.`,
            invite.id,
          );
        checkPermissionsFit(asset, permissions);
      }
      invite.status = 'ACCEPTED';
      if (!isPartner(state, owner, partner))
        state.partnerships.push({
          ownerBusinessId: owner,
          partnerBusinessId: partner,
          createdTime: t,
        });
      for (const [assetId, permissions] of Object.entries(grants)) {
        state.partnerAccess = state.partnerAccess.filter(
          (a) =>
            !(
              a.ownerBusinessId === owner &&
              a.partnerBusinessId === partner &&
              a.assetId === assetId
            ),
        );
        state.partnerAccess.push({
          ownerBusinessId: owner,
          partnerBusinessId: partner,
          assetId,
          permissions: [...new Set(permissions)],
        });
      }
      return { invite: presentInvite(state, invite, invite.targetBusinessId) };
    });
  });
}

/** DELETE /businesses/{id}/invites: the sender cancels pending invites. */
export function cancelInvites(
  model: PinterestModel,
  userId: string,
  businessId: string,
  inviteIds: string[],
) {
  return model.mutate(({ state, now }) => {
    adminOf(state, userId, businessId);
    expireInvites(state, now().getTime());
    return inviteIds.map((id) => {
      const invite = state.invites.find((i) => i.id === id && i.senderBusinessId === businessId);
      if (!invite || invite.status !== 'PENDING')
        return {
          exception: {
            invite_id: id,
            message: `Invite ${id} is not a pending invite of ${businessId}.`,
          },
        };
      invite.status = 'CANCELLED';
      invite.updatedAt = now().getTime();
      return { invite: presentInvite(state, invite, businessId) };
    });
  });
}
