// The bounded in-memory request log. Values of secret-looking query names are never stored.
import type { FastifyRequest } from 'fastify';
import { appendBounded, redactParams } from '../../sandbox-kit/request-log.ts';
import { LOG_LIMIT, type SandboxRuntime } from './runtime.ts';

const SECRET_NAMES = /token|secret|code|password/i;

/** Appends one request to the log (method, path, query with secrets redacted, time). */
export function logRequest(rt: SandboxRuntime, request: FastifyRequest): void {
  const [path = '', search = ''] = request.url.split('?');
  const query = redactParams(new URLSearchParams(search), (k) => SECRET_NAMES.test(k));
  const entry = {
    method: request.method,
    path,
    query,
    hasAccessTokenHeader: request.headers['access-token'] !== undefined,
    time: rt.model.now().toISOString(),
    code: null,
  };
  appendBounded(rt.log, entry, LOG_LIMIT);
}
