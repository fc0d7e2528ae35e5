// What the API routes, pages and control API share inside one LinkedIn sandbox instance.
import type { BasicFaults } from '../../sandbox-kit/faults.ts';
import type { RuntimeBase } from '../../sandbox-kit/instance.ts';
import type { LinkedInState } from './model.ts';
import type { LinkedInWorld } from './world.ts';

/** A developer app the sandbox accepts (client id, secret, registered redirect URLs). */
export interface LinkedInSandboxApp {
  clientId: string;
  clientSecret: string;
  name?: string;
  redirectUris: string[];
}

/** Latency, transient errors (500) and a rate limit answered with LinkedIn's 429. */
export type LinkedInFaults = BasicFaults;

export interface RequestLogEntry {
  method: string;
  /** Path without the query string, e.g. `/rest/adAccountUsers/(account:…,user:…)`. */
  path: string;
  query: Record<string, string>;
  linkedInVersion: string | null;
  restliProtocolVersion: string | null;
  restliMethod: string | null;
  /** Whether a bearer token came in the Authorization header (its value is never logged). */
  bearer: boolean;
  status: number;
  code: string | null;
  time: string;
}

export type SandboxRuntime = RuntimeBase<
  LinkedInState,
  LinkedInWorld,
  LinkedInFaults,
  RequestLogEntry
> & {
  apps: LinkedInSandboxApp[];
  /** `LinkedIn-Version` values answered (YYYYMM). */
  versions: string[];
};

export const LOG_LIMIT = 2000;
