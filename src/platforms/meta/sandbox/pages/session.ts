// Sign-in state: an opaque session id in an HttpOnly cookie scoped to the sandbox's path.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { User } from '../model/types.ts';
import type { SandboxRuntime } from '../runtime.ts';

export const SESSION_COOKIE = 'meta_sandbox_session';

function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** The signed-in sandbox user, if any. */
export function currentUser(rt: SandboxRuntime, request: FastifyRequest): User | null {
  const sid = readCookie(request, SESSION_COOKIE);
  const userId = sid === undefined ? undefined : rt.sessions.get(sid);
  return rt.model.state.users.find((u) => u.id === userId) ?? null;
}

/** Signs a user in: new session id, cookie on the sandbox path. */
export function signIn(
  rt: SandboxRuntime,
  reply: FastifyReply,
  base: string,
  userId: string,
): void {
  const sid = randomBytes(24).toString('hex');
  rt.sessions.set(sid, userId);
  reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=${sid}; Path=${base || '/'}; HttpOnly; SameSite=Lax`,
  );
}

/** Signs out: forgets the session and clears the cookie. */
export function signOut(
  rt: SandboxRuntime,
  request: FastifyRequest,
  reply: FastifyReply,
  base: string,
): void {
  const sid = readCookie(request, SESSION_COOKIE);
  if (sid !== undefined) rt.sessions.delete(sid);
  reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=; Path=${base || '/'}; HttpOnly; SameSite=Lax; Max-Age=0`,
  );
}

/** A local return path under the sandbox, or Business Settings (no open redirect). */
export function safeNext(base: string, next: unknown): string {
  if (typeof next === 'string' && next.startsWith(`${base}/`) && !next.startsWith('//'))
    return next;
  return `${base}/business-settings`;
}
