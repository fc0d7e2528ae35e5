// What the API routes, pages and control API share inside one Microsoft Advertising sandbox.
import type { BasicFaults } from '../../sandbox-kit/faults.ts';
import type { RuntimeBase } from '../../sandbox-kit/instance.ts';
import type { SandboxState } from './model.ts';
import type { MicrosoftAdsWorld } from './world.ts';

/** A registered application (Azure app registration): client id, secret, redirect URIs. */
export interface SandboxApp {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  name?: string;
}

export interface MicrosoftAdsFaults extends BasicFaults {
  /**
   * How long the service's own link transitions take (LinkInProgress → Active, UnlinkPending →
   * UnlinkInProgress → Inactive); 0 (default): the next read already sees the end state.
   */
  linkTransitionMs?: number;
}

export interface RequestLogEntry {
  method: string;
  /** Path under the sandbox, e.g. `/CustomerManagement/v13/ClientLinks` (no query string). */
  path: string;
  /** Which credential headers were present (never their values). */
  headers: {
    authorization: boolean;
    developerToken: boolean;
    customerId: string | null;
    customerAccountId: string | null;
  };
  status: number;
  code: number | null;
  time: string;
}

export type SandboxRuntime = RuntimeBase<
  SandboxState,
  MicrosoftAdsWorld,
  MicrosoftAdsFaults,
  RequestLogEntry
> & {
  apps: SandboxApp[];
  developerTokens: string[];
};

/** Bound of the in-memory request log. */
export const LOG_LIMIT = 2000;
