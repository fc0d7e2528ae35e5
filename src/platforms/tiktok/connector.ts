/**
 * The TikTok connector: the `Platform` interface over TikTok Business API v1.3. Configuration is
 * injected, so the same code talks to real TikTok or to the sandbox; only the base URLs and the
 * app credentials change (STYLE.md 3). Each operation lives in its own small file beside this one.
 */
import { recentReads } from '../../lib/recent-reads.ts';
import { DEFAULT_TIMEOUT_MS, type FetchLike } from '../http.ts';
import type { Platform } from '../types.ts';
import { listTikTokAgencyHoldings, readTikTokAssetAccess } from './access-reading.ts';
import { readAgencyAccess } from './agency-side.ts';
import { createTikTokClient } from './client.ts';
import type { TikTokDeps } from './deps.ts';
import { grantTikTokAccess, prepareTikTokGrants } from './grant.ts';
import { listTikTokClientAssets } from './listing.ts';
import { tiktokKeyOf, tiktokManifest } from './manifest.ts';
import { buildAuthorizationUrl, exchangeAuthCode, revokeTikTokToken } from './oauth.ts';
import { revokeTikTokAccess } from './revoke.ts';
import { revokeTikTokAssets } from './revoke-batch.ts';
import { batchedReadBacks } from './read-back-batching.ts';
import { batchedAdvertiserShares } from './share-batching.ts';
import { PlatformError } from '../errors.ts';

export interface TikTokConnectorConfig {
  readonly baseUrls: {
    /** https://business-api.tiktok.com (portal/auth lives here), or `<publicUrl>/sandbox/tiktok`. */
    readonly auth: string;
    /** https://business-api.tiktok.com/open_api/v1.3, or `<publicUrl>/sandbox/tiktok/open_api/v1.3`. */
    readonly api: string;
    /** Where people do manual steps; defaults to https://business.tiktok.com/. */
    readonly businessCenter?: string;
  };
  readonly appId: string;
  readonly appSecret: string;
  readonly fetch?: FetchLike;
  readonly now?: () => Date;
  readonly timeoutMs?: number;
}

/** Real TikTok's base URLs (tiktok-api.md "Base URL"; §1 authorisation URL). */
export const TIKTOK_BASE_URLS = {
  auth: 'https://business-api.tiktok.com',
  api: 'https://business-api.tiktok.com/open_api/v1.3',
  businessCenter: 'https://business.tiktok.com/',
} as const;

/**
 * The sandbox's base URLs from its own URL (its origin, e.g. `http://localhost:4101`, plus the
 * path it is mounted under, if any).
 */
export function sandboxBaseUrls(sandboxUrl: string): TikTokConnectorConfig['baseUrls'] {
  const root = sandboxUrl.replace(/\/+$/, '');
  return { auth: root, api: `${root}/open_api/v1.3`, businessCenter: `${root}/console` };
}

/**
 * How long a read of the agency BC before sharing serves later grants created before it began
 * (recent-reads.ts): the grants of approvals that reach TikTok over several seconds, one wave.
 */
const AGENCY_READ_KEEP_MS = 60_000;

/** Creates the TikTok connector from injected configuration. */
export function createTikTokConnector(config: TikTokConnectorConfig): Platform {
  const now = config.now ?? (() => new Date());
  const client = createTikTokClient({
    apiBaseUrl: config.baseUrls.api,
    fetch: config.fetch ?? ((input, init) => fetch(input, init)),
    now,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    defaultRetryAfterMs: tiktokManifest.rateLimit.defaultRetryAfterMs,
  });
  const shareAdvertiser = batchedAdvertiserShares(client);
  const deps: TikTokDeps = {
    client,
    shareAdvertiser,
    readBacks: batchedReadBacks(client, shareAdvertiser),
    agencyReads: recentReads({ now, keepMs: AGENCY_READ_KEEP_MS }),
    app: { appId: config.appId, appSecret: config.appSecret },
    authBaseUrl: config.baseUrls.auth,
    businessCenterUrl: config.baseUrls.businessCenter ?? TIKTOK_BASE_URLS.businessCenter,
  };
  return {
    manifest: tiktokManifest,
    authorizationUrl: (request) => buildAuthorizationUrl(deps, request),
    // TikTok's exchange takes neither redirect_uri nor a PKCE verifier (tiktok-api.md §1).
    exchangeCode: (input) => exchangeAuthCode(deps, input.code),
    revokeToken: (token) => revokeTikTokToken(deps, token),
    listClientAssets: (clientToken) => listTikTokClientAssets(deps, clientToken),
    grantAccess: (input) => grantTikTokAccess(deps, input),
    prepareGrants: (input) => prepareTikTokGrants(deps, input),
    readAccess: async ({ agency, asset }) => {
      const key = tiktokKeyOf(asset.type);
      if (key === undefined) {
        throw new PlatformError('invalid', `Unknown TikTok asset type ${asset.type}`, 'bad_type');
      }
      return readAgencyAccess(deps, agency, key, asset.id);
    },
    revokeAccess: (input) => revokeTikTokAccess(deps, input),
    revokeAssets: (input) => revokeTikTokAssets(deps, input),
    listAgencyHoldings: ({ agency, assetTypes, retryPage }) =>
      listTikTokAgencyHoldings(deps.client, agency, assetTypes, retryPage),
    readAssetAccess: ({ agency, asset }) => readTikTokAssetAccess(deps.client, agency, asset),
  };
}
