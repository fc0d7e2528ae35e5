/**
 * Session lifecycle: a 128-bit CSPRNG id in a `__Host-` cookie, only its SHA-256 hash stored,
 * idle and absolute timeouts measured by an injected clock, a fresh id at every sign-in and a
 * server-side delete at sign-out.
 */
import type { Kysely } from 'kysely';
import { generateToken, hashToken } from '../../lib/tokens.ts';
import type { Executor } from '../../store/audit.ts';
import type { Schema } from '../../store/schema.ts';
import {
  deleteSession,
  findSessionUser,
  insertSession,
  touchSession,
  type SessionUser,
} from '../../store/sessions.ts';

/** `__Host-`: Secure, Path=/, no Domain, so no sibling host or plain-http page can set it. */
export const SESSION_COOKIE = '__Host-latchkey_session';

export interface SessionTimeouts {
  /** Ends a session this long after its last request. */
  readonly idleMs: number;
  /** Ends a session this long after sign-in, however active. */
  readonly absoluteMs: number;
}

export const defaultSessionTimeouts: SessionTimeouts = {
  idleMs: 2 * 60 * 60 * 1000,
  absoluteMs: 24 * 60 * 60 * 1000,
};

/** Activity is written at most this often, so reads do not all become writes. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionManager {
  readonly timeouts: SessionTimeouts;
  /** Starts a session (in `tx` when given); returns the cookie value (never stored). */
  start(user: { id: string; agencyId: string }, tx?: Executor): Promise<string>;
  /** The session for a cookie value, or undefined when unknown, timed out or the user left. */
  resolve(cookieValue: string): Promise<SessionUser | undefined>;
  /** Deletes the session server-side (in `tx` when given). */
  end(cookieValue: string, tx?: Executor): Promise<void>;
}

/** Creates the session manager over the database with an injectable clock. */
export function createSessionManager(deps: {
  db: Kysely<Schema>;
  now: () => Date;
  timeouts?: SessionTimeouts;
}): SessionManager {
  const timeouts = deps.timeouts ?? defaultSessionTimeouts;
  return {
    timeouts,
    async start(user, tx) {
      const token = generateToken(16);
      const now = deps.now();
      await insertSession(tx ?? deps.db, {
        idHash: hashToken(token),
        userId: user.id,
        agencyId: user.agencyId,
        now,
        expiresAt: new Date(now.getTime() + timeouts.absoluteMs),
      });
      return token;
    },
    async resolve(cookieValue) {
      if (cookieValue.length < 16 || cookieValue.length > 128) return undefined;
      const idHash = hashToken(cookieValue);
      const session = await findSessionUser(deps.db, idHash);
      if (!session) return undefined;
      const now = deps.now().getTime();
      const idle = now - session.lastSeenAt.getTime() > timeouts.idleMs;
      if (idle || now >= session.expiresAt.getTime()) {
        await deleteSession(deps.db, idHash);
        return undefined;
      }
      if (now - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
        await touchSession(deps.db, idHash, new Date(now));
      }
      return session;
    },
    async end(cookieValue, tx) {
      await deleteSession(tx ?? deps.db, hashToken(cookieValue));
    },
  };
}
