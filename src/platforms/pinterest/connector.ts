/**
 * The Pinterest connector: the `Platform` interface over API v5 business access. Configuration is
 * injected, so the same code talks to Pinterest or to the sandbox; only the base URLs and the app
 * credentials change. Each operation lives in its own small file beside this one.
 */
import { DEFAULT_TIMEOUT_MS, type FetchLike } from '../http.ts';
import type { Platform } from '../types.ts';
import { readPinterestAccess, revokePinterestAccess } from './access.ts';
import { readPinterestAssetAccess } from './access-reading.ts';
import { createPinterestClient } from './api.ts';
import type { PinterestDeps } from './deps.ts';
import { grantPinterestAccess } from './grant.ts';
import { listPinterestAgencyHoldings } from './holdings.ts';
import { listPinterestClientAssets } from './listing.ts';
import { pinterestManifest } from './manifest.ts';
import { buildAuthorizationUrl, exchangePinterestCode } from './oauth.ts';
import { refreshPinterestToken } from './refresh.ts';
import { revokePinterestAssets } from './revoke-batch.ts';

export interface PinterestConnectorConfig {
  readonly baseUrls: {
    /** https://www.pinterest.com (the consent page), or the sandbox's URL. */
    readonly auth: string;
    /** https://api.pinterest.com/v5, or `<sandbox url>/v5`. */
    readonly api: string;
  };
  readonly clientId: string;
  readonly clientSecret: string;
  readonly fetch?: FetchLike;
  readonly now?: () => Date;
  readonly timeoutMs?: number;
}

/** Pinterest's real base URLs (pinterest-api.md §1). */
export const PINTEREST_BASE_URLS = {
  auth: 'https://www.pinterest.com',
  api: 'https://api.pinterest.com/v5',
} as const;

/** The sandbox's base URLs from its own URL (its origin, plus a mount path if any). */
export function pinterestSandboxBaseUrls(sandboxUrl: string): PinterestConnectorConfig['baseUrls'] {
  const root = sandboxUrl.replace(/\/+$/, '');
  return { auth: root, api: `${root}/v5` };
}

/** Creates the Pinterest connector from injected configuration. */
export function createPinterestConnector(config: PinterestConnectorConfig): Platform {
  const fetchFn: FetchLike = config.fetch ?? ((input, init) => fetch(input, init));
  const now = config.now ?? (() => new Date());
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deps: PinterestDeps = {
    api: createPinterestClient({
      apiBaseUrl: config.baseUrls.api,
      fetch: fetchFn,
      timeoutMs,
      now,
      defaultRetryAfterMs: pinterestManifest.rateLimit.defaultRetryAfterMs,
    }),
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authBaseUrl: config.baseUrls.auth,
    apiBaseUrl: config.baseUrls.api,
    fetch: fetchFn,
    timeoutMs,
    now,
  };
  return {
    manifest: pinterestManifest,
    authorizationUrl: (request) => buildAuthorizationUrl(deps, request),
    exchangeCode: (input) => exchangePinterestCode(deps, input),
    refreshTokens: (refreshToken) => refreshPinterestToken(deps, refreshToken),
    listClientAssets: (clientToken) => listPinterestClientAssets(deps, clientToken),
    grantAccess: (input) => grantPinterestAccess(deps, input),
    readAccess: (input) => readPinterestAccess(deps, input),
    revokeAccess: (input) => revokePinterestAccess(deps, input),
    revokeAssets: (input) => revokePinterestAssets(deps, input),
    listAgencyHoldings: (input) => listPinterestAgencyHoldings(deps, input),
    readAssetAccess: ({ agency, asset }) => readPinterestAssetAccess(deps, agency, asset),
  };
}
