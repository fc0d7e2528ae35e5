// The gate in front of a sandbox's control API (`<prefix>/_control/...`: replace the world, read
// state, inject faults). It is closed unless the sandbox is given a token: the routes are then not
// registered at all (the sandbox's own 404). With a token, every control call must carry it as
// `Authorization: Bearer <token>`, compared in constant time; anything else answers 401.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** How a sandbox's control API is opened: the token every control call must carry. */
export interface ControlAccess {
  readonly token: string;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether an Authorization header carries exactly `token` (constant time over digests). */
export function carriesControlToken(header: string | undefined, token: string): boolean {
  if (header === undefined || !header.startsWith('Bearer ')) return false;
  return timingSafeEqual(digest(header.slice('Bearer '.length).trim()), digest(token));
}

/**
 * Registers the control routes through `register` only when `access` is given, behind a hook that
 * refuses (401) a control call without the token. `prefix` is where the sandbox is mounted.
 */
export function gateControl(
  app: FastifyInstance,
  access: ControlAccess | undefined,
  register: () => void,
): void {
  if (access === undefined) return;
  const root = `${app.prefix}/_control/`;
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(root)) return;
    if (carriesControlToken(request.headers.authorization, access.token)) return;
    return reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="sandbox control"')
      .send({
        error: {
          code: 'unauthorized',
          message: 'The sandbox control API needs its token (Authorization: Bearer <token>)',
        },
      });
  });
  register();
}
