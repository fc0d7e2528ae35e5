/**
 * The LinkedIn connector: the `Platform` interface over LinkedIn's Marketing API through the
 * official `linkedin-api-client`. Configuration is injected, so the same code talks to LinkedIn
 * or to the sandbox; only the base URLs and app credentials change.
 */
import { DEFAULT_TIMEOUT_MS, type FetchLike } from '../http.ts';
import type { Platform } from '../types.ts';
import {
  listLinkedInAgencyHoldings,
  readLinkedInAccess,
  readLinkedInAssetAccess,
  revokeLinkedInAccess,
} from './access.ts';
import { createLinkedInApi, LINKEDIN_API_ORIGIN } from './api.ts';
import type { LinkedInDeps } from './deps.ts';
import { grantLinkedInAccess } from './grant.ts';
import { listLinkedInAgencyMembers, listLinkedInClientAssets } from './listing.ts';
import { linkedinManifest, linkedinScopesFor } from './manifest.ts';
import { buildAuthorizationUrl, exchangeLinkedInCode, refreshLinkedInToken } from './oauth.ts';

export interface LinkedInConnectorConfig {
  readonly baseUrls: {
    /** https://www.linkedin.com (OAuth, Page admin view), or the sandbox's URL. */
    readonly www: string;
    /** https://api.linkedin.com, or the sandbox's URL. */
    readonly api: string;
    /** Campaign Manager; defaults to https://www.linkedin.com/campaignmanager. */
    readonly campaignManager?: string;
  };
  readonly clientId: string;
  readonly clientSecret: string;
  /** `LinkedIn-Version`, e.g. `202601` (linkedin-api.md, Version). */
  readonly apiVersion: string;
  readonly fetch?: FetchLike;
  readonly now?: () => Date;
  readonly timeoutMs?: number;
}

/** LinkedIn's real base URLs (linkedin-api.md §0, §1). */
export const LINKEDIN_BASE_URLS = {
  www: 'https://www.linkedin.com',
  api: LINKEDIN_API_ORIGIN,
  campaignManager: 'https://www.linkedin.com/campaignmanager',
} as const;

/** The sandbox serves both hosts on one origin. */
export function linkedinSandboxBaseUrls(sandboxUrl: string): LinkedInConnectorConfig['baseUrls'] {
  const root = sandboxUrl.replace(/\/+$/, '');
  return { www: root, api: root, campaignManager: `${root}/feed` };
}

/** Creates the LinkedIn connector from injected configuration. */
export function createLinkedInConnector(config: LinkedInConnectorConfig): Platform {
  const fetchLike: FetchLike = config.fetch ?? ((input, init) => fetch(input, init));
  const now = config.now ?? (() => new Date());
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deps: LinkedInDeps = {
    api: createLinkedInApi({
      apiBaseUrl: config.baseUrls.api,
      version: config.apiVersion,
      fetch: fetchLike,
      timeoutMs,
      now,
      defaultRetryAfterMs: linkedinManifest.rateLimit.defaultRetryAfterMs,
    }),
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    wwwBaseUrl: config.baseUrls.www,
    campaignManagerUrl: config.baseUrls.campaignManager ?? LINKEDIN_BASE_URLS.campaignManager,
    fetch: fetchLike,
    timeoutMs,
    now,
  };
  return {
    manifest: linkedinManifest,
    authorizationUrl: (request) => buildAuthorizationUrl(deps, request),
    exchangeCode: (input) => exchangeLinkedInCode(deps, input),
    refreshTokens: (refreshToken) => refreshLinkedInToken(deps, refreshToken),
    listClientAssets: (token) => listLinkedInClientAssets(deps, token),
    listAgencyBusinesses: (token) => listLinkedInAgencyMembers(deps, token),
    scopesFor: (assetTypes) => linkedinScopesFor(assetTypes),
    grantAccess: (input) => grantLinkedInAccess(deps, input),
    readAccess: (input) => readLinkedInAccess(deps, input),
    revokeAccess: (input) => revokeLinkedInAccess(deps, input),
    listAgencyHoldings: (input) => listLinkedInAgencyHoldings(deps, input),
    readAssetAccess: ({ agency, asset }) => readLinkedInAssetAccess(deps, agency, asset),
  };
}
