// Reads of who signed in and what they reach (pinterest-api.md §2) and of member asset access (§4).
import { refuse } from './errors.ts';
import {
  adminOf,
  assetOf,
  businessOf,
  memberOf,
  reachableAssets,
  userAdAccounts,
  type PinterestModel,
} from './model.ts';
import type { SandboxState } from './state.ts';

/** GET /user_account. */
export function userAccount(state: SandboxState, userId: string) {
  const user = state.users.find((u) => u.id === userId);
  if (!user) throw refuse(401, 'Authentication failed.');
  return {
    id: user.id,
    username: user.username,
    account_type: 'BUSINESS',
    business_name: null,
    about: '',
    website_url: '',
    profile_image: '',
    board_count: 0,
    pin_count: 0,
    follower_count: 0,
    following_count: 0,
    monthly_views: 0,
  };
}

/** GET /ad_accounts: every ad account of the user's businesses (owned or shared with them). */
export function adAccounts(state: SandboxState, userId: string, includeShared: boolean) {
  return userAdAccounts(state, userId)
    .filter(({ permissions }) => includeShared || permissions.includes('OWNER'))
    .map(({ asset, permissions }) => {
      const owner = businessOf(state, asset.ownerBusinessId);
      return {
        id: asset.id,
        name: asset.name,
        owner: { id: owner.id, username: owner.username },
        country: asset.country,
        currency: asset.currency,
        permissions: permissions.map((p) => (p === 'OWNER' ? 'OWNER' : p)),
        created_time: asset.createdTime,
        updated_time: asset.createdTime,
      };
    });
}

/** GET /businesses/employers: the businesses the user belongs to. */
export function employers(state: SandboxState, userId: string) {
  return state.memberships
    .filter((m) => m.userId === userId)
    .map((m) => {
      const b = businessOf(state, m.businessId);
      return {
        id: b.id,
        business_roles: [m.role],
        user: { id: b.id, username: b.username, email: null },
        is_shared_partner: false,
        created_time: null,
      };
    });
}

/** GET /businesses/{id}/assets: owned and partner-shared assets, by type and permissions. */
export function businessAssets(
  model: PinterestModel,
  userId: string,
  businessId: string,
  query: { asset_type?: string; permissions?: string[] },
) {
  const { state } = model;
  memberOf(state, userId, businessId);
  const type = query.asset_type ?? 'AD_ACCOUNT';
  return reachableAssets(state, businessId)
    .filter(({ asset }) => asset.type === type)
    .filter(
      ({ permissions }) =>
        query.permissions === undefined ||
        permissions.some((p) => query.permissions?.includes(p)) ||
        (permissions.includes('OWNER') && query.permissions.includes('ADMIN')),
    )
    .map(({ asset }) => ({
      asset_id: asset.id,
      asset_type: asset.type,
      ...(asset.type === 'CATALOG'
        ? { catalog_info: { id: asset.id, name: asset.name, catalog_type: 'RETAIL' } }
        : {}),
    }));
}

/** GET /businesses/{id}/assets/{asset_id}/members: people of the business given the asset. */
export function assetMembers(
  model: PinterestModel,
  userId: string,
  businessId: string,
  assetId: string,
) {
  const { state } = model;
  memberOf(state, userId, businessId);
  assetOf(state, assetId);
  return state.memberAccess
    .filter((m) => m.businessId === businessId && m.assetId === assetId)
    .map((m) => {
      const user = state.users.find((u) => u.id === m.userId);
      return {
        user: { id: m.userId, username: user?.username ?? null, email: user?.email ?? null },
        permissions: m.permissions,
      };
    });
}

/** PATCH /businesses/{id}/members/assets/access: per-item `response` or `exception`. */
export function updateMemberAssets(
  model: PinterestModel,
  userId: string,
  businessId: string,
  accesses: { member_id: string; asset_id: string; permissions: string[] }[],
) {
  return model.mutate(({ state }) => {
    adminOf(state, userId, businessId);
    return accesses.map((row) => {
      const reach = reachableAssets(state, businessId).find((r) => r.asset.id === row.asset_id);
      const member = state.memberships.find(
        (m) => m.businessId === businessId && m.userId === row.member_id,
      );
      if (!reach || !member)
        return {
          exception: {
            code: reach ? 4306 : 4304,
            message: reach
              ? `User ${row.member_id} is not a member of ${businessId}.`
              : `Asset ${row.asset_id} is not reachable by ${businessId}.`,
          },
        };
      state.memberAccess = state.memberAccess.filter(
        (m) =>
          !(
            m.businessId === businessId &&
            m.userId === row.member_id &&
            m.assetId === row.asset_id
          ),
      );
      const permissions = [...new Set(row.permissions)];
      state.memberAccess.push({
        businessId,
        userId: row.member_id,
        assetId: row.asset_id,
        permissions,
      });
      return { response: { member_id: row.member_id, asset_id: row.asset_id, permissions } };
    });
  });
}

/** DELETE /businesses/{id}/members/assets/access. */
export function deleteMemberAssets(
  model: PinterestModel,
  userId: string,
  businessId: string,
  accesses: { member_id: string; asset_id: string }[],
) {
  return model.mutate(({ state }) => {
    adminOf(state, userId, businessId);
    const out = [];
    for (const row of accesses) {
      const before = state.memberAccess.length;
      state.memberAccess = state.memberAccess.filter(
        (m) =>
          !(
            m.businessId === businessId &&
            m.userId === row.member_id &&
            m.assetId === row.asset_id
          ),
      );
      if (state.memberAccess.length < before)
        out.push({ member_id: row.member_id, asset_id: row.asset_id });
    }
    return out;
  });
}
