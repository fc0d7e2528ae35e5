// `/{asset}/assigned_users` GET/POST/DELETE (meta-api.md §4).
import { roleIn } from '../model/access.ts';
import { permissionError, unknownObject } from '../model/errors.ts';
import { assignUser, unassignUser } from '../model/holdings.ts';
import { parseList, requireParam, requireScope, requireToken, type GraphCall } from './call.ts';
import { visibleAsset } from './agency-handlers.ts';
import { parseFields, renderNode } from './fields.ts';
import { paginate, withSummary } from './paging.ts';

/** GET /{asset}/assigned_users?business=…: the business's people on the asset, with tasks. */
export function getAssignedUsers(call: GraphCall, graphId: string): unknown {
  const token = requireToken(call);
  const asset = visibleAsset(call, token, graphId);
  requireScope(token, 'business_management', 'ads_management', 'pages_show_list');
  const businessId = requireParam(call, 'business');
  const state = call.rt.model.state;
  if (roleIn(state, token.userId, businessId) === null) throw permissionError();
  const business = state.businesses.find((b) => b.id === businessId);
  const rows = state.assignments.filter(
    (a) => a.assetId === asset.id && a.businessId === businessId,
  );
  const fields = parseFields(call.params.fields);
  const body = paginate(
    rows,
    (a) => a.userId,
    (a) => {
      const user = state.users.find((u) => u.id === a.userId);
      return renderNode(
        {
          type: 'AssignedUser',
          defaults: ['id', 'name', 'tasks', 'permitted_tasks'],
          fields: {
            id: () => a.userId,
            name: () => user?.name,
            user_type: () => 'BUSINESS_USER',
            business: () => (business ? { id: business.id, name: business.name } : undefined),
            tasks: () => a.tasks,
            permitted_tasks: () => a.tasks,
          },
        },
        fields,
      );
    },
    call,
  );
  return withSummary(body, call.params, rows.length);
}

/** POST /{asset}/assigned_users (`user`, `tasks`, `business`) → `{"success": true}`. */
export function postAssignedUsers(call: GraphCall, graphId: string): unknown {
  const token = requireToken(call);
  const asset = visibleAsset(call, token, graphId);
  if (asset.kind === 'instagram_account') throw unknownObject(graphId, call.method);
  requireScope(token, 'business_management');
  const userId = requireParam(call, 'user');
  const tasks = parseList(requireParam(call, 'tasks'), 'tasks');
  const businessId = call.params.business ?? asset.ownerBusinessId ?? '';
  call.rt.model.mutate((ctx) =>
    assignUser(ctx, { actorUserId: token.userId, asset, userId, businessId, tasks }),
  );
  return { success: true };
}

/** DELETE /{asset}/assigned_users?user=… (not on pixels: the SPEC has no DELETE there). */
export function deleteAssignedUsers(call: GraphCall, graphId: string): unknown {
  const token = requireToken(call);
  const asset = visibleAsset(call, token, graphId);
  if (asset.kind === 'instagram_account' || asset.kind === 'pixel') {
    throw unknownObject(graphId, call.method);
  }
  requireScope(token, 'business_management');
  const userId = requireParam(call, 'user');
  call.rt.model.mutate((ctx) => unassignUser(ctx, { actorUserId: token.userId, asset, userId }));
  return { success: true };
}
