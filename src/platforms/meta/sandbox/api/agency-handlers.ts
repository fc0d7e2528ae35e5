// `/{asset}/agencies` GET/POST/DELETE (meta-api.md §3.1-§3.5).
import { findAsset, userTasksOn } from '../model/access.ts';
import { GraphError, permissionError, unknownObject } from '../model/errors.ts';
import { sharePartner, unsharePartner } from '../model/partners.ts';
import type { AccessToken, Asset } from '../model/types.ts';
import { parseList, requireParam, requireScope, requireToken, type GraphCall } from './call.ts';
import { parseFields, renderNode } from './fields.ts';
import { paginate, withSummary } from './paging.ts';
import { agencyRowView } from './present.ts';

/** Default tasks when `permitted_tasks` is left out (optional for all but pixels): view-only. */
const defaultTasks: Record<Asset['kind'], string[]> = {
  ad_account: ['ANALYZE'],
  page: ['ANALYZE'],
  pixel: [],
  catalog: ['AA_ANALYZE'],
  instagram_account: [],
};

/** Resolves the asset of `/{id}/...` that the caller can see, or Graph's 100/33. */
export function visibleAsset(call: GraphCall, token: AccessToken, graphId: string): Asset {
  const asset = findAsset(call.rt.model.state, graphId);
  if (!asset) throw unknownObject(graphId, call.method);
  if (userTasksOn(call.rt.model.state, token.userId, asset).length === 0) {
    throw unknownObject(graphId, call.method);
  }
  return asset;
}

function readScopes(asset: Asset): string[] {
  if (asset.kind === 'page') return ['pages_show_list', 'business_management'];
  if (asset.kind === 'catalog') return ['business_management', 'catalog_management'];
  if (asset.kind === 'instagram_account') return ['business_management', 'instagram_basic'];
  return ['ads_management', 'ads_read', 'business_management'];
}

/** Write calls on a Page need that Page's token (meta-api.md §3.2). */
function requirePageToken(token: AccessToken, asset: Asset): void {
  if (asset.kind === 'page' && (token.type !== 'PAGE' || token.pageId !== asset.id)) {
    throw new GraphError(210, '(#210) A page access token is required to request this resource.', {
      type: 'OAuthException',
    });
  }
}

function writeScopes(token: AccessToken, asset: Asset): void {
  requireScope(token, 'business_management');
  if (asset.kind === 'ad_account') requireScope(token, 'ads_management');
  if (asset.kind === 'pixel') requireScope(token, 'ads_management', 'ads_read');
}

/** GET /{asset}/agencies: partner businesses with their tasks and access status. */
export function getAgencies(call: GraphCall, graphId: string): unknown {
  const token = requireToken(call);
  const asset = visibleAsset(call, token, graphId);
  requireScope(token, ...readScopes(asset));
  const state = call.rt.model.state;
  const rows = state.shares.filter((s) => s.assetId === asset.id);
  const fields = parseFields(call.params.fields);
  const body = paginate(
    rows,
    (s) => s.partnerBusinessId,
    (s) => renderNode(agencyRowView(state, asset, s), fields),
    call,
  );
  return withSummary(body, call.params, rows.length);
}

/** POST /{asset}/agencies: share with a partner business → `{"success": true}`. */
export function postAgencies(call: GraphCall, graphId: string): unknown {
  const token = requireToken(call);
  const asset = visibleAsset(call, token, graphId);
  if (asset.kind === 'instagram_account') throw unknownObject(graphId, call.method);
  requirePageToken(token, asset);
  writeScopes(token, asset);
  const business = requireParam(call, 'business');
  const raw = call.params.permitted_tasks;
  if (asset.kind === 'pixel') requireParam(call, 'permitted_tasks');
  const tasks = raw === undefined ? defaultTasks[asset.kind] : parseList(raw, 'permitted_tasks');
  call.rt.model.mutate((ctx) =>
    sharePartner(ctx, { actorUserId: token.userId, asset, partnerBusinessId: business, tasks }),
  );
  return { success: true };
}

/** DELETE /{asset}/agencies?business=…: removes the partner → `{"success": true}`. */
export function deleteAgencies(call: GraphCall, graphId: string): unknown {
  const token = requireToken(call);
  const asset = visibleAsset(call, token, graphId);
  if (asset.kind === 'instagram_account') throw unknownObject(graphId, call.method);
  requirePageToken(token, asset);
  writeScopes(token, asset);
  const business = requireParam(call, 'business');
  call.rt.model.mutate((ctx) =>
    unsharePartner(ctx, { actorUserId: token.userId, asset, partnerBusinessId: business }),
  );
  return { success: true };
}

/** Guard shared by handlers: the token's person must hold a role on the object. */
export function denyUnlessTasks(call: GraphCall, token: AccessToken, asset: Asset): void {
  if (userTasksOn(call.rt.model.state, token.userId, asset).length === 0) throw permissionError();
}
