/**
 * A test-only plugin that sets `request.actor` from an `x-test-actor` header (JSON), so route
 * tests can exercise roles and scopes without the sign-in flow. Never registered in src/.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { RequestActor } from '../../src/server/auth/actor.ts';

export const fakeActorPlugin: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', async (request) => {
    const header = request.headers['x-test-actor'];
    if (typeof header === 'string') request.actor = JSON.parse(header) as RequestActor;
  });
};
// Like fastify-plugin: the hook applies to sibling plugins too.
Object.assign(fakeActorPlugin, { [Symbol.for('skip-override')]: true });

/** The header value for an actor of the agency with the given role. */
export function actorHeader(
  agencyId: string,
  role: RequestActor['role'],
  options: { kind?: RequestActor['kind']; canWrite?: boolean } = {},
): Record<string, string> {
  const actor: RequestActor = {
    kind: options.kind ?? 'user',
    agencyId,
    userId: null,
    apiKeyId: options.kind === 'api_key' ? 'key-1' : null,
    role,
    canWrite: options.canWrite ?? true,
  };
  return { 'x-test-actor': JSON.stringify(actor) };
}
