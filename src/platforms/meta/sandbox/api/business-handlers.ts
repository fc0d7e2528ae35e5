// Business edges (meta-api.md §2, §3.6, §3.7): owned_* / client_* listings, agencies and clients,
// the business's people (`business_users`), business-level partner removal, Instagram removal,
// ad-account claim.
import { confirmedShare, findAsset, roleIn, userTasksOn } from '../model/access.ts';
import { invalidParam, permissionError, unknownObject } from '../model/errors.ts';
import { claimAdAccount, removeInstagramAccount } from '../model/holdings.ts';
import { removeRelationship, requestClientPage } from '../model/partners.ts';
import type { AccessToken, Asset, AssetKind, Business } from '../model/types.ts';
import { parseList, requireParam, requireScope, requireToken, type GraphCall } from './call.ts';
import { parseFields, renderNode, type NodeView } from './fields.ts';
import { paginate, withSummary } from './paging.ts';
import { assetView, businessView } from './present.ts';

const ownedEdges: Record<string, AssetKind> = {
  owned_ad_accounts: 'ad_account',
  owned_pages: 'page',
  owned_pixels: 'pixel',
  adspixels: 'pixel',
  owned_product_catalogs: 'catalog',
  owned_instagram_accounts: 'instagram_account',
  instagram_accounts: 'instagram_account',
  instagram_business_accounts: 'instagram_account',
};
const clientEdges: Record<string, AssetKind> = {
  client_ad_accounts: 'ad_account',
  client_pages: 'page',
  client_pixels: 'pixel',
  client_product_catalogs: 'catalog',
};

/** Every GET edge of a Business this sandbox answers. */
export const businessGetEdges = new Set([
  ...Object.keys(ownedEdges),
  ...Object.keys(clientEdges),
  'owned_instagram_assets',
  'client_instagram_assets',
  'pending_client_pages',
  'agencies',
  'clients',
  'business_users',
]);

function memberBusiness(call: GraphCall, token: AccessToken, id: string): Business {
  const business = call.rt.model.state.businesses.find((b) => b.id === id);
  if (!business) throw unknownObject(id, call.method);
  requireScope(token, 'business_management');
  if (roleIn(call.rt.model.state, token.userId, id) === null) throw permissionError();
  return business;
}

/** GET /{business_id}/{edge}. */
export function getBusinessEdge(call: GraphCall, id: string, edge: string): unknown {
  const token = requireToken(call);
  const business = memberBusiness(call, token, id);
  const state = call.rt.model.state;
  const fields = parseFields(call.params.fields);
  const isAdmin = roleIn(state, token.userId, id) === 'ADMIN';
  const list = (rows: Asset[], view: (a: Asset) => NodeView) =>
    withSummary(
      paginate(
        rows,
        (a) => a.id,
        (a) => renderNode(view(a), fields),
        call,
      ),
      call.params,
      rows.length,
    );
  const owned = ownedEdges[edge];
  if (owned) {
    const rows = state.assets.filter(
      (a) =>
        a.kind === owned &&
        a.ownerBusinessId === id &&
        (isAdmin || userTasksOn(state, token.userId, a).length > 0),
    );
    return list(rows, (a) => assetView(state, a, token.userId));
  }
  const client = clientEdges[edge];
  if (client || edge === 'client_instagram_assets') {
    const kind = client ?? 'instagram_account';
    const rows = state.assets.filter((a) => a.kind === kind && confirmedShare(state, a.id, id));
    if (!client) return list(rows, (a) => igAssetView(a));
    return list(rows, (a) => withEdgeTasks(assetView(state, a, token.userId), a, id, call));
  }
  if (edge === 'pending_client_pages') {
    const pending = state.shares.filter(
      (s) => s.partnerBusinessId === id && s.accessStatus === 'PENDING',
    );
    const rows = state.assets.filter(
      (a) => a.kind === 'page' && pending.some((s) => s.assetId === a.id),
    );
    return list(rows, (a) => ({
      type: 'BusinessPageRequest',
      defaults: ['id', 'page'],
      fields: { id: () => `${a.id}_${id}`, page: () => ({ id: a.id, name: a.name }) },
    }));
  }
  if (edge === 'owned_instagram_assets') {
    return list(
      state.assets.filter((a) => a.kind === 'instagram_account' && a.ownerBusinessId === id),
      igAssetView,
    );
  }
  if (edge === 'business_users') return listBusinessUsers(call, business);
  const related = relatedBusinesses(call, business, edge === 'agencies' ? 'agencies' : 'clients');
  return withSummary(
    paginate(
      related,
      (b) => b.id,
      (b) => renderNode(businessView(state, b, null), fields),
      call,
    ),
    call.params,
    related.length,
  );
}

/**
 * GET /{business}/business_users: the business's people with their role (BusinessUser in the
 * Node SDK `src/objects/business-user.js`: `id, name, email, role, first_name, last_name,
 * business`). The sandbox gives a person the same id here as everywhere (Meta gives a
 * business-scoped id); any person of the business may read it (a choice: the SPEC is silent).
 */
function listBusinessUsers(call: GraphCall, business: Business): unknown {
  const state = call.rt.model.state;
  const rows = state.businessUsers.filter((m) => m.businessId === business.id);
  const fields = parseFields(call.params.fields);
  return withSummary(
    paginate(
      rows,
      (m) => m.userId,
      (m) => {
        const user = state.users.find((u) => u.id === m.userId);
        const [first = '', ...rest] = (user?.name ?? '').split(' ');
        return renderNode(
          {
            type: 'BusinessUser',
            defaults: ['id', 'name'],
            fields: {
              id: () => m.userId,
              name: () => user?.name,
              email: () => user?.email,
              first_name: () => first,
              last_name: () => rest.join(' '),
              role: () => m.role,
              business: () => ({ id: business.id, name: business.name }),
            },
          },
          fields,
        );
      },
      call,
    ),
    call.params,
    rows.length,
  );
}

function withEdgeTasks(
  view: NodeView,
  asset: Asset,
  businessId: string,
  call: GraphCall,
): NodeView {
  const share = confirmedShare(call.rt.model.state, asset.id, businessId);
  return {
    ...view,
    fields: {
      ...view.fields,
      permitted_tasks: () => share?.tasks ?? [],
      ...(asset.kind === 'catalog' ? { permitted_roles: () => [] } : {}),
    },
  };
}

function igAssetView(asset: Asset): NodeView {
  return {
    type: 'InstagramBusinessAsset',
    defaults: ['id', 'ig_user_id', 'ig_username'],
    fields: { id: () => asset.id, ig_user_id: () => asset.id, ig_username: () => asset.username },
  };
}

function relatedBusinesses(call: GraphCall, business: Business, side: 'agencies' | 'clients') {
  const state = call.rt.model.state;
  const ids = new Set<string>();
  for (const share of state.shares) {
    const asset = state.assets.find((a) => a.id === share.assetId);
    if (side === 'agencies' && asset?.ownerBusinessId === business.id)
      ids.add(share.partnerBusinessId);
    if (side === 'clients' && share.partnerBusinessId === business.id && asset?.ownerBusinessId) {
      ids.add(asset.ownerBusinessId);
    }
  }
  return state.businesses.filter((b) => ids.has(b.id));
}

/** DELETE /{business}/agencies|clients|instagram_accounts → `{"success": true}`. */
export function deleteBusinessEdge(call: GraphCall, id: string, edge: string): unknown {
  const token = requireToken(call);
  memberBusiness(call, token, id);
  if (edge === 'instagram_accounts') {
    const igId = requireParam(call, 'instagram_account');
    const asset = findAsset(call.rt.model.state, igId);
    if (!asset || asset.kind !== 'instagram_account')
      throw invalidParam('Param instagram_account is invalid');
    call.rt.model.mutate((ctx) =>
      removeInstagramAccount(ctx, { actorUserId: token.userId, businessId: id, asset }),
    );
    return { success: true };
  }
  const other = requireParam(call, 'business');
  const side = edge === 'agencies' ? 'agencies' : 'clients';
  call.rt.model.mutate((ctx) =>
    removeRelationship(ctx, { actorUserId: token.userId, businessId: id, otherId: other, side }),
  );
  return { success: true };
}

/** POST /{business}/owned_ad_accounts (`adaccount_id`) → `{"access_status": …}`. */
export function claimOwnedAdAccount(call: GraphCall, id: string): unknown {
  const token = requireToken(call);
  memberBusiness(call, token, id);
  requireScope(token, 'ads_management');
  const raw = requireParam(call, 'adaccount_id');
  const asset = findAsset(call.rt.model.state, raw.startsWith('act_') ? raw : `act_${raw}`);
  if (!asset) throw invalidParam('Param adaccount_id is not a valid ad account id');
  const status = call.rt.model.mutate((ctx) =>
    claimAdAccount(ctx, { actorUserId: token.userId, businessId: id, asset }),
  );
  return { access_status: status };
}

/** POST /{agency_business}/client_pages (`page_id`, `permitted_tasks`) → `{"access_status": …}`. */
export function requestPage(call: GraphCall, id: string): unknown {
  const token = requireToken(call);
  memberBusiness(call, token, id);
  requireScope(token, 'pages_manage_metadata', 'business_management');
  const pageId = requireParam(call, 'page_id');
  const asset = findAsset(call.rt.model.state, pageId);
  if (!asset || asset.kind !== 'page') throw invalidParam('Param page_id must be a valid Page id');
  const tasks = parseList(requireParam(call, 'permitted_tasks'), 'permitted_tasks');
  const status = call.rt.model.mutate((ctx) =>
    requestClientPage(ctx, { actorUserId: token.userId, agencyBusinessId: id, asset, tasks }),
  );
  return { access_status: status };
}
