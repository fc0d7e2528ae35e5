// What the routes, pages and control API share inside one Google sandbox instance.
import type { GoogleModel } from './model/model.ts';
import type { GoogleSandboxApp } from './model/oauth.ts';
import type { GoogleWorld } from './world.ts';

export interface GoogleFaults {
  /** Added delay before every API answer (not OAuth, pages or control). */
  latencyMs?: number;
  /** 0..1: share of API calls answered 503 UNAVAILABLE. */
  errorRate?: number;
  /** At most `requests` API calls per `perMs` window; beyond, 429 RESOURCE_EXHAUSTED. */
  rateLimit?: { requests: number; perMs: number };
}

export interface RequestLogEntry {
  method: string;
  /** Path only; query values are never logged (revoke carries the token in its query). */
  path: string;
  queryKeys: string[];
  hasBearer: boolean;
  hasDeveloperToken: boolean;
  loginCustomerId: string | null;
  status: number;
  time: string;
}

export interface SandboxRuntime {
  model: GoogleModel;
  apps: GoogleSandboxApp[];
  developerTokens: string[];
  faults: GoogleFaults;
  recentCalls: number[];
  log: RequestLogEntry[];
  /** Session id (cookie) → signed-in user email. */
  sessions: Map<string, string>;
  /** Back to the world's state (or a new world); sessions, faults and the rate window cleared. */
  reset(world?: GoogleWorld): void;
}

/** Bound of the in-memory request log. */
export const LOG_LIMIT = 1000;
