// The bounded in-memory request log. Values of secret-looking query names are never stored.
import type { FastifyRequest } from 'fastify';
import { LOG_LIMIT, type SandboxRuntime } from './runtime.ts';

const SECRET_NAMES = /token|secret|code|password/i;

/** Appends one request to the log (method, path, query with secrets redacted, time). */
export function logRequest(rt: SandboxRuntime, request: FastifyRequest): void {
  const [path = '', search = ''] = request.url.split('?');
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(search))
    query[k] = SECRET_NAMES.test(k) ? '[redacted]' : v;
  rt.log.push({
    method: request.method,
    path,
    query,
    hasAccessTokenHeader: request.headers['access-token'] !== undefined,
    time: rt.model.now().toISOString(),
    code: null,
  });
  if (rt.log.length > LOG_LIMIT) rt.log.splice(0, rt.log.length - LOG_LIMIT);
}
