// Sign-in state: an opaque session id in an HttpOnly cookie; the sandbox owns its origin's root.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { GoogleUser } from '../model/types.ts';
import type { SandboxRuntime } from '../runtime.ts';

/** Distinct from Latchkey's own cookie: cookies are shared across ports of one host. */
export const SESSION_COOKIE = 'google_sandbox_sid';

function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** The signed-in sandbox user, if any. */
export function currentUser(rt: SandboxRuntime, request: FastifyRequest): GoogleUser | null {
  const sid = readCookie(request, SESSION_COOKIE);
  const email = sid === undefined ? undefined : rt.sessions.get(sid);
  return rt.model.state.users.find((u) => u.email === email) ?? null;
}

/** Signs a user in with a fresh session id. */
export function signIn(rt: SandboxRuntime, reply: FastifyReply, email: string): void {
  const sid = randomBytes(24).toString('hex');
  rt.sessions.set(sid, email);
  reply.header('set-cookie', `${SESSION_COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Lax`);
}

/** A local return path to the authorization page only (no open redirect). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/o/oauth2/v2/auth?') ? next : '/signin';
}
