// Sign-in state: an opaque session id in an HttpOnly cookie scoped to the sandbox's path.
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  endSession,
  localPathUnder,
  sessionSubject,
  startSession,
} from '../../../sandbox-kit/session.ts';
import type { User } from '../model/types.ts';
import type { SandboxRuntime } from '../runtime.ts';

export { readCookie } from '../../../sandbox-kit/session.ts';

export const SESSION_COOKIE = 'tt_sandbox_session';

const cookieAt = (base: string) => ({ name: SESSION_COOKIE, path: base || '/' });

/** The signed-in sandbox user, if any. */
export function currentUser(rt: SandboxRuntime, request: FastifyRequest): User | null {
  const userId = sessionSubject(rt.sessions, request, SESSION_COOKIE);
  return rt.model.state.users.find((u) => u.userId === userId) ?? null;
}

/** Signs a user in: new session id, cookie on the sandbox path. */
export function signIn(
  rt: SandboxRuntime,
  reply: FastifyReply,
  base: string,
  userId: string,
): void {
  startSession(rt.sessions, reply, cookieAt(base), userId);
}

/** Signs out: forgets the session and clears the cookie. */
export function signOut(
  rt: SandboxRuntime,
  request: FastifyRequest,
  reply: FastifyReply,
  base: string,
): void {
  endSession(rt.sessions, request, reply, cookieAt(base));
}

/** A local return path under the sandbox, or the console (no open redirect). */
export function safeNext(base: string, next: unknown): string {
  return localPathUnder(base, next, `${base}/console`);
}
