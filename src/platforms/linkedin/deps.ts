/**
 * What every part of the LinkedIn connector receives from `createLinkedInConnector`: the API
 * client, the app credentials and URLs, all injected, never read from the environment.
 */
import type { FetchLike } from '../http.ts';
import type { LinkedInApi } from './api.ts';

export interface LinkedInDeps {
  readonly api: LinkedInApi;
  readonly clientId: string;
  readonly clientSecret: string;
  /** https://www.linkedin.com (OAuth, Page admin view), or the sandbox's URL. */
  readonly wwwBaseUrl: string;
  /** Campaign Manager, where a billing admin is handed over by hand. */
  readonly campaignManagerUrl: string;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly now: () => Date;
}
