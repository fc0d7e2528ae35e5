/**
 * What the @googleapis clients need from us: a bearer-token auth object and global options
 * (rootUrl pointing at Google or the sandbox root, no built-in retry: the job queue retries with
 * the wait Google names, and an optional fetch for tests).
 */
import type * as AnalyticsAdmin from '@googleapis/analyticsadmin';
import { loadGoogleClient } from './load.ts';
import type { FetchLike } from '../http.ts';

export interface GoogleClientOptions {
  auth: InstanceType<typeof AnalyticsAdmin.auth.OAuth2>;
  rootUrl: string;
  retry: false;
  timeout: number;
  fetchImplementation?: typeof fetch;
}

/** Options for one call as `token`: Authorization: Bearer via an OAuth2 client with no refresh. */
export function clientOptions(input: {
  token: string;
  rootUrl: string;
  timeoutMs: number;
  fetch?: FetchLike | undefined;
}): GoogleClientOptions {
  const { auth } = loadGoogleClient<typeof AnalyticsAdmin>('@googleapis/analyticsadmin');
  const oauth = new auth.OAuth2();
  oauth.setCredentials({ access_token: input.token, token_type: 'Bearer' });
  const options: GoogleClientOptions = {
    auth: oauth,
    rootUrl: input.rootUrl.replace(/\/*$/, '/'),
    retry: false,
    timeout: input.timeoutMs,
  };
  const injected = input.fetch;
  if (injected !== undefined) {
    options.fetchImplementation = (target: string | URL | Request, init?: RequestInit) =>
      injected(new URL(target instanceof Request ? target.url : target), init ?? {});
  }
  return options;
}
