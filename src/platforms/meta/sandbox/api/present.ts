// Node views: the Graph fields of Business, AdAccount, Page, AdsPixel, ProductCatalog, IGUser, User
// (subset of meta-api.md §2 "Object fields"), seen by one person.
import { graphIdOf, roleIn, userTasksOn } from '../model/access.ts';
import { nodeTypeName } from '../model/tasks.ts';
import type { Asset, Business, PartnerShare, SandboxState, User } from '../model/types.ts';
import type { NodeView } from './fields.ts';

const ref = (b: Business | undefined) => (b ? { id: b.id, name: b.name } : undefined);

/** A Business node; `permitted_roles` is the viewer's role in it (sandbox choice, see docs). */
export function businessView(state: SandboxState, b: Business, viewerId: string | null): NodeView {
  const role = viewerId === null ? null : roleIn(state, viewerId, b.id);
  return {
    type: 'Business',
    defaults: ['id', 'name'],
    fields: {
      id: () => b.id,
      name: () => b.name,
      created_time: () => b.createdTime,
      verification_status: () => b.verificationStatus,
      link: () => `https://business.facebook.com/settings/?business_id=${b.id}`,
      timezone_id: () => 1,
      two_factor_type: () => 'none',
      vertical: () => 'OTHER',
      is_hidden: () => false,
      permitted_roles: () => (role === null ? [] : [role]),
    },
  };
}

/** A User node. */
export function userView(u: User): NodeView {
  return { type: 'User', defaults: ['id', 'name'], fields: { id: () => u.id, name: () => u.name } };
}

/** An asset node with the fields of its Graph type; `pageToken` mints the Page's token. */
export function assetView(
  state: SandboxState,
  asset: Asset,
  viewerId: string | null,
  pageToken?: () => string,
): NodeView {
  const owner = ref(state.businesses.find((b) => b.id === asset.ownerBusinessId));
  const tasks = () => (viewerId === null ? [] : userTasksOn(state, viewerId, asset));
  const common = { id: () => graphIdOf(asset), name: () => asset.name };
  const type = nodeTypeName(asset.kind);
  switch (asset.kind) {
    case 'ad_account':
      return {
        type,
        defaults: ['account_id', 'id'],
        fields: {
          ...common,
          account_id: () => asset.id,
          account_status: () => 1,
          currency: () => asset.currency,
          timezone_name: () => 'America/Los_Angeles',
          timezone_id: () => 1,
          business: () => owner,
          owner_business: () => owner,
          owner: () => asset.ownerBusinessId ?? asset.ownerUserId,
          user_tasks: tasks,
        },
      };
    case 'page':
      return {
        type,
        defaults: ['id', 'name'],
        fields: {
          ...common,
          category: () => 'Brand',
          link: () => `https://www.facebook.com/${asset.id}`,
          business: () => owner,
          owner_business: () => owner,
          is_published: () => true,
          tasks,
          access_token: () => (pageToken && tasks().length > 0 ? pageToken() : undefined),
        },
      };
    case 'pixel':
      return {
        type,
        defaults: ['id', 'name'],
        fields: {
          ...common,
          code: () => `<!-- pixel ${asset.id} -->`,
          owner_business: () => owner,
          is_created_by_business: () => asset.ownerBusinessId !== null,
          is_unavailable: () => false,
        },
      };
    case 'catalog':
      return {
        type,
        defaults: ['id', 'name'],
        fields: {
          ...common,
          business: () => owner,
          owner_business: () => owner,
          vertical: () => 'commerce',
          product_count: () => 0,
          feed_count: () => 0,
        },
      };
    case 'instagram_account':
      return {
        type,
        defaults: ['id'],
        fields: {
          ...common,
          ig_id: () => Number(asset.id.slice(-9)),
          username: () => asset.username ?? undefined,
          owner_business: () => owner,
          followers_count: () => 0,
          media_count: () => 0,
        },
      };
  }
}

/**
 * A row of `/{asset}/agencies`: the partner Business plus the edge fields `access_requested_time`,
 * `access_status`, `access_updated_time`, `permitted_tasks` (pixels add `permitted_roles`).
 * Instagram's edge documents no edge fields, so its rows are plain Business nodes.
 */
export function agencyRowView(state: SandboxState, asset: Asset, share: PartnerShare): NodeView {
  const b = state.businesses.find((x) => x.id === share.partnerBusinessId);
  const base = businessView(
    state,
    b ?? { id: share.partnerBusinessId, name: '', verificationStatus: '', createdTime: '' },
    null,
  );
  if (asset.kind === 'instagram_account') return base;
  return {
    type: 'Business',
    defaults: [
      'id',
      'name',
      'access_requested_time',
      'access_status',
      'access_updated_time',
      'permitted_tasks',
    ],
    fields: {
      ...base.fields,
      access_requested_time: () => share.requestedTime,
      access_status: () => share.accessStatus,
      access_updated_time: () => share.updatedTime,
      permitted_tasks: () => share.tasks,
      ...(asset.kind === 'pixel' ? { permitted_roles: () => [] } : {}),
    },
  };
}
