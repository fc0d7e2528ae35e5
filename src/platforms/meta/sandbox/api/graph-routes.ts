// The Graph host: `<prefix>/graph/{version}/...` — version check, faults, token extraction, dispatch,
// Graph's error body, usage headers, and the request log (no token values).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { holdAnswer } from '../../../sandbox-kit/faults.ts';
import { appendBounded } from '../../../sandbox-kit/request-log.ts';
import { applyFaults, usageHeaders } from '../faults.ts';
import { GraphError, invalidParam } from '../model/errors.ts';
import { LOG_LIMIT, type SandboxRuntime } from '../runtime.ts';
import type { GraphMethod } from './call.ts';
import { dispatch, useCaseOf } from './dispatch.ts';
import { readGraphRequest } from './request.ts';

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
    const arrived = performance.now();
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
      await holdAnswer(arrived, rt.faults.latencyMs);
      for (const [k, v] of Object.entries(usageHeaders(rt, useCase))) reply.header(k, v);
      return reply.code(200).send(body);
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      status = error.fields.status ?? (error.fields.isTransient ? 500 : 400);
      code = error.code;
      await holdAnswer(arrived, rt.faults.latencyMs);
      return sendError(reply, error);
    } finally {
      const time = rt.model.now().toISOString();
      appendBounded(rt.log, { ...logEntry, status, code, time }, LOG_LIMIT);
    }
  };
  app.route({
    method: ['GET', 'POST', 'DELETE'] satisfies GraphMethod[],
    url: '/graph/*',
    handler: handle,
  });
}
