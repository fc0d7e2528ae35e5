/**
 * Who is making a request: a signed-in agency user (session cookie) or an API key. The
 * authentication hook sets `request.actor`; routes call `requireActor` with the least role they
 * need, so authorization is enforced on the server for every route.
 */
import type { FastifyRequest } from 'fastify';
import type { UserRole } from '../../store/schema.ts';
import { AppError } from '../errors.ts';

export interface RequestActor {
  readonly kind: 'user' | 'api_key';
  readonly agencyId: string;
  /** The user, or the user who created the API key. */
  readonly userId: string | null;
  readonly apiKeyId: string | null;
  readonly role: UserRole;
  /** API keys are read-only or read-write; users may always write within their role. */
  readonly canWrite: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor?: RequestActor;
  }
}

const rank: Record<UserRole, number> = { viewer: 0, member: 1, manager: 2, owner: 3 };

/** True when `role` is at least `minimum`. */
export function hasRole(role: UserRole, minimum: UserRole): boolean {
  return rank[role] >= rank[minimum];
}

/**
 * The request's actor, or a 401 when anonymous and a 403 when the role (or a read-only key) is not
 * enough. Mutating routes pass `{ write: true }`.
 */
export function requireActor(
  request: FastifyRequest,
  minimum: UserRole = 'viewer',
  options: { write?: boolean } = {},
): RequestActor {
  const actor = request.actor;
  if (!actor) throw new AppError('unauthorized', 'Sign in or use an API key');
  if (!hasRole(actor.role, minimum)) {
    throw new AppError('forbidden', `This needs the ${minimum} role or higher`);
  }
  if (options.write && !actor.canWrite) {
    throw new AppError('forbidden', 'This API key is read-only');
  }
  return actor;
}
