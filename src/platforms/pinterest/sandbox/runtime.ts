// What the API routes, pages and control API share inside one Pinterest sandbox instance.
import type { BasicFaults } from '../../sandbox-kit/faults.ts';
import type { RuntimeBase } from '../../sandbox-kit/instance.ts';
import type { SandboxApp, SandboxState } from './state.ts';
import type { PinterestWorld } from './world.ts';

/** Faults: latency, transient errors, and throttling (HTTP 429 with Retry-After). */
export type PinterestFaults = BasicFaults;

export interface RequestLogEntry {
  method: string;
  /** Path without the query string, e.g. `/v5/businesses/1/partners`. */
  path: string;
  query: Record<string, string>;
  /** Top-level body field names (values are not logged). */
  bodyFields: string[];
  /** Whether a Bearer token came in the Authorization header (never its value). */
  bearer: boolean;
  status: number;
  code: number | null;
  time: string;
}

export type SandboxRuntime = RuntimeBase<
  SandboxState,
  PinterestWorld,
  PinterestFaults,
  RequestLogEntry
> & {
  apps: SandboxApp[];
};

/** Bound of the in-memory request log. */
export const LOG_LIMIT = 2000;
