// Sign-in state: an opaque session id in an HttpOnly cookie scoped to the sandbox's path.
import type { FastifyRequest } from 'fastify';
import { localPathUnder, prefixSessions } from '../../../sandbox-kit/session.ts';
import type { User } from '../model/types.ts';
import type { SandboxRuntime } from '../runtime.ts';

export { readCookie } from '../../../sandbox-kit/session.ts';

export const SESSION_COOKIE = 'tt_sandbox_session';

const sessions = prefixSessions(SESSION_COOKIE);

/** Signs a user in (`signIn(rt, reply, base, userId)`) or out (`signOut(rt, request, reply, base)`). */
export const { signIn, signOut } = sessions;

/** The signed-in sandbox user, if any. */
export function currentUser(rt: SandboxRuntime, request: FastifyRequest): User | null {
  const userId = sessions.subjectOf(rt, request);
  return rt.model.state.users.find((u) => u.userId === userId) ?? null;
}

/** A local return path under the sandbox, or the console (no open redirect). */
export function safeNext(base: string, next: unknown): string {
  return localPathUnder(base, next, `${base}/console`);
}
