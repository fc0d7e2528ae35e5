// Routing of one Graph call to its handler by method and path segments (meta-api.md §1-§4).
import type { UseCase } from '../faults.ts';
import { findAsset } from '../model/access.ts';
import { invalidParam, unknownObject } from '../model/errors.ts';
import { nodeTypeName } from '../model/tasks.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { deleteAgencies, getAgencies, postAgencies } from './agency-handlers.ts';
import { deleteAssignedUsers, getAssignedUsers, postAssignedUsers } from './assigned-handlers.ts';
import {
  businessGetEdges,
  claimOwnedAdAccount,
  deleteBusinessEdge,
  getBusinessEdge,
  requestPage,
} from './business-handlers.ts';
import type { GraphCall } from './call.ts';
import { accessToken, debugTokenCall } from './oauth-handlers.ts';
import {
  getMe,
  getMyAdAccounts,
  getMyBusinesses,
  getMyPermissions,
  getNode,
} from './read-handlers.ts';

/** Routes one call to its handler, or throws Graph's error for an unknown path/edge. */
export function dispatch(call: GraphCall): unknown {
  const { method, segments, rt } = call;
  const [first = '', edge, ...rest] = segments;
  if (rest.length > 0) throw unknownObject(segments.join('/'), method);
  if (first === 'oauth' && edge === 'access_token' && method !== 'DELETE') return accessToken(call);
  if (first === 'debug_token' && edge === undefined && method === 'GET')
    return debugTokenCall(call);
  if (first === 'me') {
    if (method !== 'GET') throw unknownObject('me', method);
    if (edge === undefined) return getMe(call);
    if (edge === 'businesses') return getMyBusinesses(call);
    if (edge === 'adaccounts') return getMyAdAccounts(call);
    if (edge === 'permissions') return getMyPermissions(call);
    throw invalidParam(`Tried accessing nonexisting field (${edge}) on node type (User)`);
  }
  if (edge === undefined) {
    if (method === 'GET') return getNode(call, first);
    throw unknownObject(first, method);
  }
  const state = rt.model.state;
  if (state.businesses.some((b) => b.id === first)) {
    if (method === 'GET' && businessGetEdges.has(edge)) return getBusinessEdge(call, first, edge);
    if (method === 'DELETE' && ['agencies', 'clients', 'instagram_accounts'].includes(edge)) {
      return deleteBusinessEdge(call, first, edge);
    }
    if (method === 'POST' && edge === 'owned_ad_accounts') return claimOwnedAdAccount(call, first);
    if (method === 'POST' && edge === 'client_pages') return requestPage(call, first);
    if (method === 'GET')
      throw invalidParam(`Tried accessing nonexisting field (${edge}) on node type (Business)`);
    throw unknownObject(first, method);
  }
  const asset = findAsset(state, first);
  if (asset && edge === 'agencies') {
    if (method === 'GET') return getAgencies(call, first);
    return method === 'POST' ? postAgencies(call, first) : deleteAgencies(call, first);
  }
  if (asset && edge === 'assigned_users') {
    if (method === 'GET') return getAssignedUsers(call, first);
    return method === 'POST' ? postAssignedUsers(call, first) : deleteAssignedUsers(call, first);
  }
  if (asset && method === 'GET') {
    throw invalidParam(
      `Tried accessing nonexisting field (${edge}) on node type (${nodeTypeName(asset.kind)})`,
    );
  }
  throw unknownObject(first, method);
}

/** The business use case a call counts against: its first path segment's asset or business. */
export function useCaseOf(rt: SandboxRuntime, segments: string[]): UseCase | null {
  const first = segments[0] ?? '';
  const asset = findAsset(rt.model.state, first);
  if (asset) return { objectId: asset.id, kind: asset.kind };
  if (rt.model.state.businesses.some((b) => b.id === first))
    return { objectId: first, kind: 'business' };
  return null;
}
