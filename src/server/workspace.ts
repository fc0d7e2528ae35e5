/**
 * The workspace services the account, team and API routes share: the database, the clock, the
 * public URL, sessions and template validation. Built once in the runtime (and in tests) and
 * handed to the plugins, so nothing reaches for globals.
 */
import type { Kysely } from 'kysely';
import type { TemplateItemCheck } from '../domain/template-items.ts';
import type { Schema } from '../store/schema.ts';
import type { Keyring } from '../store/secrets.ts';
import {
  createSessionManager,
  type SessionManager,
  type SessionTimeouts,
} from './auth/session-manager.ts';

export interface SignInLimit {
  /** Attempts per IP address per window. */
  readonly max: number;
  readonly windowMs: number;
}

export interface Workspace {
  readonly db: Kysely<Schema>;
  readonly now: () => Date;
  /** Seals stored answers that may hold a one-time secret (Idempotency-Key replays). */
  readonly keyring: Keyring;
  /** Where people reach this server, e.g. `http://127.0.0.1:3000` (no trailing slash). */
  readonly publicUrl: () => string;
  readonly sessions: SessionManager;
  readonly signInLimit: SignInLimit;
  /** Checks one template item against the platform manifests. */
  readonly checkTemplateItem: TemplateItemCheck;
}

export interface WorkspaceOptions {
  readonly db: Kysely<Schema>;
  readonly keyring: Keyring;
  readonly publicUrl: string | (() => string);
  readonly now?: () => Date;
  readonly timeouts?: SessionTimeouts;
  readonly signInLimit?: SignInLimit;
  readonly checkTemplateItem: TemplateItemCheck;
}

/** Creates the workspace services with defaults (real clock, 10 sign-ins a minute per IP). */
export function createWorkspace(options: WorkspaceOptions): Workspace {
  const now = options.now ?? (() => new Date());
  const publicUrl = options.publicUrl;
  return {
    db: options.db,
    keyring: options.keyring,
    now,
    publicUrl: typeof publicUrl === 'string' ? () => publicUrl : publicUrl,
    sessions: createSessionManager({
      db: options.db,
      now,
      ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    }),
    signInLimit: options.signInLimit ?? { max: 10, windowMs: 60_000 },
    checkTemplateItem: options.checkTemplateItem,
  };
}
