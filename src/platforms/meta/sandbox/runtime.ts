// What the Graph routes, pages and control API share inside one sandbox instance.
import type { RuntimeBase } from '../../sandbox-kit/instance.ts';
import type { SandboxApp, SandboxState } from './model/types.ts';
import type { MetaWorld } from './world.ts';

/** Throttling codes the limiter can answer with (meta-api.md §5.2). */
export type ThrottleCode = 4 | 17 | 32 | 613 | 80001 | 80002 | 80004 | 80009;

export interface MetaFaults {
  /** Added delay before every Graph answer. */
  latencyMs?: number;
  /** 0..1: share of Graph calls answered with a transient error (code 2, `is_transient`). */
  errorRate?: number;
  /**
   * At most `requests` Graph calls per `perMs` window. Beyond it: the use case's code (80004 on an
   * ad account, 80001 on a Page, 80002 on Instagram, 80009 on a catalog, else 4), or `code`.
   */
  rateLimit?: { requests: number; perMs: number; code?: ThrottleCode };
}

export interface RequestLogEntry {
  method: string;
  /** Path under the Graph base, e.g. `/v25.0/act_1/agencies` (no query string). */
  path: string;
  /** Query parameters; secret-bearing names are replaced by `[redacted]`. */
  query: Record<string, string>;
  /** Names of body parameters (values are not logged). */
  bodyParams: string[];
  /** Where the access token came from, if any. */
  tokenIn: 'header' | 'query' | 'body' | null;
  appsecretProof: boolean;
  status: number;
  code: number | null;
  time: string;
}

export type SandboxRuntime = RuntimeBase<SandboxState, MetaWorld, MetaFaults, RequestLogEntry> & {
  apps: SandboxApp[];
  /** Graph versions this sandbox answers (e.g. `v25.0`, `v26.0`). */
  versions: string[];
};

/** Bound of the in-memory request log. */
export const LOG_LIMIT = 2000;
