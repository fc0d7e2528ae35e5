/**
 * What every part of the Pinterest connector receives from `createPinterestConnector`: the API
 * client, app credentials and URLs, all injected, never read from the environment.
 */
import type { FetchLike } from '../http.ts';
import type { PinterestClient } from './api.ts';

export interface PinterestDeps {
  readonly api: PinterestClient;
  readonly clientId: string;
  readonly clientSecret: string;
  /** https://www.pinterest.com, or the sandbox's URL (the `/oauth/` consent page). */
  readonly authBaseUrl: string;
  /** https://api.pinterest.com/v5, or the sandbox's `<url>/v5`. */
  readonly apiBaseUrl: string;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly now: () => Date;
}
