// Cookie sessions for sandbox sign-in pages: an opaque random id in an HttpOnly cookie, mapped to
// the signed-in user in memory. Each sandbox chooses its cookie name, path and user lookup.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';

/** Where a sandbox's session cookie lives. */
export interface SessionCookie {
  name: string;
  path: string;
}

/** Reads one cookie from the request header (sandboxes parse cookies without a plugin). */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** The subject (user id or email) the request's session cookie points at, if any. */
export function sessionSubject(
  sessions: Map<string, string>,
  request: FastifyRequest,
  cookieName: string,
): string | undefined {
  const sid = readCookie(request, cookieName);
  return sid === undefined ? undefined : sessions.get(sid);
}

/** Starts a session with a fresh unguessable id and sets its cookie. */
export function startSession(
  sessions: Map<string, string>,
  reply: FastifyReply,
  cookie: SessionCookie,
  subject: string,
): void {
  const sid = randomBytes(24).toString('hex');
  sessions.set(sid, subject);
  reply.header('set-cookie', `${cookie.name}=${sid}; Path=${cookie.path}; HttpOnly; SameSite=Lax`);
}

/** Ends the request's session (if any) and clears its cookie. */
export function endSession(
  sessions: Map<string, string>,
  request: FastifyRequest,
  reply: FastifyReply,
  cookie: SessionCookie,
): void {
  const sid = readCookie(request, cookie.name);
  if (sid !== undefined) sessions.delete(sid);
  reply.header(
    'set-cookie',
    `${cookie.name}=; Path=${cookie.path}; HttpOnly; SameSite=Lax; Max-Age=0`,
  );
}

/** `next` when it is a local path under `base`, else `fallback` (no open redirect). */
export function localPathUnder(base: string, next: unknown, fallback: string): string {
  if (typeof next === 'string' && next.startsWith(`${base}/`) && !next.startsWith('//'))
    return next;
  return fallback;
}

/** Anything holding the session map (a sandbox runtime). */
export interface SessionHolder {
  sessions: Map<string, string>;
}

/**
 * Sign-in helpers for a sandbox mounted under a path prefix: the cookie lives on that prefix
 * (`/` at the root), so sandboxes on one origin do not see each other's sessions.
 */
export function prefixSessions(cookieName: string) {
  const cookieAt = (base: string): SessionCookie => ({ name: cookieName, path: base || '/' });
  return {
    /** The subject the request's session points at, if any. */
    subjectOf: (rt: SessionHolder, request: FastifyRequest): string | undefined =>
      sessionSubject(rt.sessions, request, cookieName),
    /** Signs a user in: new session id, cookie on the sandbox path. */
    signIn: (rt: SessionHolder, reply: FastifyReply, base: string, subject: string): void =>
      startSession(rt.sessions, reply, cookieAt(base), subject),
    /** Signs out: forgets the session and clears the cookie. */
    signOut: (
      rt: SessionHolder,
      request: FastifyRequest,
      reply: FastifyReply,
      base: string,
    ): void => endSession(rt.sessions, request, reply, cookieAt(base)),
  };
}
