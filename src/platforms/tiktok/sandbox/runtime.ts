// What the routes, pages and control API share inside one sandbox instance.
import type { TikTokModel } from './model/model.ts';
import type { SandboxApp } from './model/oauth.ts';
import type { TikTokWorld } from './world.ts';

export interface TikTokFaults {
  /** Added delay before every open_api answer. */
  latencyMs?: number;
  /** 0..1: share of open_api calls answered with a transient error (50000, or 51060 on bc/). */
  errorRate?: number;
  /** The next this many open_api calls answer a transient error, whatever `errorRate` draws. */
  failNext?: number;
  /** At most `requests` open_api calls per `perMs` window; beyond that, code 40100. */
  rateLimit?: { requests: number; perMs: number };
}

export interface RequestLogEntry {
  method: string;
  path: string;
  /** Query parameters; values of secret-looking names are redacted, never logged. */
  query: Record<string, string>;
  hasAccessTokenHeader: boolean;
  time: string;
  code: number | null;
}

export interface SandboxRuntime {
  model: TikTokModel;
  apps: SandboxApp[];
  faults: TikTokFaults;
  /** Timestamps (ms) of recent open_api calls, for the rate limit. */
  recentCalls: number[];
  log: RequestLogEntry[];
  /** Session id (cookie) → signed-in user id. */
  sessions: Map<string, string>;
  reset(world?: TikTokWorld): void;
  loadWorld(world: TikTokWorld): void;
}

/** Bound of the in-memory request log. */
export const LOG_LIMIT = 1000;
