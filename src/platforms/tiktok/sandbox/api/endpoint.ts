// One helper to declare an open_api endpoint: faults, Access-Token, strict parameters, envelope.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { holdAnswer } from '../../../sandbox-kit/faults.ts';
import { applyFaults } from '../faults.ts';
import { TikTokCode, TikTokError } from '../model/errors.ts';
import { authenticate } from '../model/oauth.ts';
import type { AccessToken } from '../model/types.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { fail, newRequestId, ok, type Envelope } from './envelope.ts';

export const API_ROOT = '/open_api/v1.3/';

export interface EndpointSpec<S extends z.ZodType> {
  method: 'GET' | 'POST';
  /** Path relative to open_api/v1.3/, with TikTok's trailing slash. */
  path: string;
  /** Query (GET) or JSON body (POST) schema; strict, so unknown parameters answer 40002. */
  input: S;
  /** Whether the Access-Token header is required. */
  auth: boolean;
  handle: (input: z.output<S>, token: AccessToken | null, request: FastifyRequest) => unknown;
}

/** Registers one endpoint on the sandbox. */
export function defineEndpoint<S extends z.ZodType>(
  app: FastifyInstance,
  rt: SandboxRuntime,
  spec: EndpointSpec<S>,
): void {
  app.route({
    method: spec.method,
    url: `${API_ROOT}${spec.path}`,
    handler: async (request, reply) => {
      const arrived = performance.now();
      const requestId = newRequestId(rt.model);
      const envelope = await answer(rt, spec, request, requestId);
      await holdAnswer(arrived, rt.faults.latencyMs);
      const last = rt.log.at(-1);
      if (last && last.path.endsWith(spec.path)) last.code = envelope.code;
      return reply.header('x-tt-logid', requestId).send(envelope);
    },
  });
}

async function answer<S extends z.ZodType>(
  rt: SandboxRuntime,
  spec: EndpointSpec<S>,
  request: FastifyRequest,
  requestId: string,
): Promise<Envelope> {
  try {
    await applyFaults(rt, request.url);
    const header = request.headers['access-token'];
    const token = spec.auth
      ? authenticate(rt.model, Array.isArray(header) ? header[0] : header)
      : null;
    const raw: unknown = spec.method === 'GET' ? request.query : (request.body ?? {});
    const parsed = spec.input.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join('.') ?? '';
      const keys = issue?.code === 'unrecognized_keys' ? `: ${issue.keys.join(', ')}` : '';
      throw new TikTokError(
        TikTokCode.param,
        `${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'}${keys}`,
      );
    }
    return ok(requestId, spec.handle(parsed.data, token, request));
  } catch (error) {
    if (error instanceof TikTokError) return fail(requestId, error.code, error.message);
    request.log.error({ err: error }, 'tiktok sandbox internal error');
    return fail(requestId, TikTokCode.sysError, 'System error');
  }
}
