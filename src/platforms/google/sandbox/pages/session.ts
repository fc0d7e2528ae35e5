// Sign-in state: an opaque session id in an HttpOnly cookie; the sandbox owns its origin's root.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionSubject, startSession } from '../../../sandbox-kit/session.ts';
import type { GoogleUser } from '../model/types.ts';
import type { SandboxRuntime } from '../runtime.ts';

/** Distinct from Latchkey's own cookie: cookies are shared across ports of one host. */
export const SESSION_COOKIE = 'google_sandbox_sid';

/** The signed-in sandbox user, if any. */
export function currentUser(rt: SandboxRuntime, request: FastifyRequest): GoogleUser | null {
  const email = sessionSubject(rt.sessions, request, SESSION_COOKIE);
  return rt.model.state.users.find((u) => u.email === email) ?? null;
}

/** Signs a user in with a fresh session id. */
export function signIn(rt: SandboxRuntime, reply: FastifyReply, email: string): void {
  startSession(rt.sessions, reply, { name: SESSION_COOKIE, path: '/' }, email);
}

/** A local return path to the authorization page only (no open redirect). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/o/oauth2/v2/auth?') ? next : '/signin';
}
