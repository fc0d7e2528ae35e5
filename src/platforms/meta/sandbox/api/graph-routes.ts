// The Graph host: `<prefix>/graph/{version}/...` — version check, faults, token extraction, dispatch,
// Graph's error body, usage headers, and the request log (no token values).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { applyFaults, usageHeaders, type UseCase } from '../faults.ts';
import { findAsset } from '../model/access.ts';
import { GraphError, invalidParam, unknownObject } from '../model/errors.ts';
import { nodeTypeName } from '../model/tasks.ts';
import { LOG_LIMIT, type SandboxRuntime } from '../runtime.ts';
import { deleteAgencies, getAgencies, postAgencies } from './agency-handlers.ts';
import { deleteAssignedUsers, getAssignedUsers, postAssignedUsers } from './assigned-handlers.ts';
import {
  businessGetEdges,
  claimOwnedAdAccount,
  deleteBusinessEdge,
  getBusinessEdge,
  requestPage,
} from './business-handlers.ts';
import type { GraphCall, GraphMethod } from './call.ts';
import { accessToken, debugTokenCall } from './oauth-handlers.ts';
import {
  getMe,
  getMyAdAccounts,
  getMyBusinesses,
  getMyPermissions,
  getNode,
} from './read-handlers.ts';
import { readGraphRequest } from './request.ts';

/** Routes one call to its handler, or throws Graph's error for an unknown path/edge. */
function dispatch(call: GraphCall): unknown {
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

function useCaseOf(rt: SandboxRuntime, segments: string[]): UseCase | null {
  const first = segments[0] ?? '';
  const asset = findAsset(rt.model.state, first);
  if (asset) return { objectId: asset.id, kind: asset.kind };
  if (rt.model.state.businesses.some((b) => b.id === first))
    return { objectId: first, kind: 'business' };
  return null;
}

/** Graph's error body with `fbtrace_id`; HTTP 400, or 500 for transient errors. */
function sendError(reply: FastifyReply, error: GraphError): FastifyReply {
  const f = error.fields;
  for (const [k, v] of Object.entries(f.headers ?? {})) reply.header(k, v);
  reply.header(
    'www-authenticate',
    `OAuth "Facebook Platform" "${error.code === 190 ? 'invalid_token' : 'invalid_request'}" "${error.message.replace(/"/g, "'")}"`,
  );
  return reply.code(f.status ?? (f.isTransient ? 500 : 400)).send({
    error: {
      message: error.message,
      type: f.type ?? 'OAuthException',
      code: error.code,
      ...(f.subcode === undefined ? {} : { error_subcode: f.subcode }),
      ...(f.isTransient ? { is_transient: true } : {}),
      ...(f.userTitle === undefined ? {} : { error_user_title: f.userTitle }),
      ...(f.userMsg === undefined ? {} : { error_user_msg: f.userMsg }),
      fbtrace_id: randomBytes(8).toString('base64url'),
    },
  });
}

/**
 * Errors raised before a Graph handler runs (a malformed body, an unsupported content type) still
 * answer in Graph's shape on the Graph host; elsewhere they go to the parent handler.
 */
export async function graphErrorHandler(
  error: Error & { statusCode?: number },
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  if (!request.url.includes('/graph/')) throw error;
  const status = error.statusCode ?? 500;
  const graph =
    status < 500
      ? invalidParam(error.message)
      : new GraphError(1, 'An unknown error has occurred.', {
          type: 'OAuthException',
          status: 500,
        });
  return sendError(reply, graph);
}

/** Registers the Graph host under `/graph/*` of the sandbox's prefix. */
export function registerGraphRoutes(app: FastifyInstance, rt: SandboxRuntime): void {
  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const parsed = readGraphRequest(request, app.prefix);
    const { call, logEntry } = { call: { ...parsed.call, rt }, logEntry: parsed.logEntry };
    let status = 200;
    let code: number | null = null;
    try {
      if (!rt.versions.includes(call.version)) {
        throw new GraphError(
          2500,
          `Unknown path components: /${[call.version, ...call.segments].join('/')}`,
          {
            type: 'OAuthException',
          },
        );
      }
      const useCase = useCaseOf(rt, call.segments);
      await applyFaults(rt, useCase);
      const body = dispatch(call);
      for (const [k, v] of Object.entries(usageHeaders(rt, useCase))) reply.header(k, v);
      return reply.code(200).send(body);
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      status = error.fields.status ?? (error.fields.isTransient ? 500 : 400);
      code = error.code;
      return sendError(reply, error);
    } finally {
      rt.log.push({ ...logEntry, status, code, time: rt.model.now().toISOString() });
      if (rt.log.length > LOG_LIMIT) rt.log.splice(0, rt.log.length - LOG_LIMIT);
    }
  };
  app.route({
    method: ['GET', 'POST', 'DELETE'] satisfies GraphMethod[],
    url: '/graph/*',
    handler: handle,
  });
}
