/**
 * The Snapchat connector: the `Platform` interface over the Snap Marketing API v1. Configuration
 * is injected, so the same code talks to real Snapchat or to the sandbox; only the base URLs and
 * the app credentials change.
 */
import { DEFAULT_TIMEOUT_MS, type FetchLike } from '../http.ts';
import type { Platform, PlatformTokens } from '../types.ts';
import {
  grantSnapAccess,
  readSnapAccess,
  readSnapAssetAccess,
  revokeSnapAccess,
} from './access.ts';
import { getMe } from './api.ts';
import { createSnapClient } from './client.ts';
import { listSnapClientAssets } from './listing.ts';
import { snapchatManifest } from './manifest.ts';
import {
  buildAuthorizationUrl,
  exchangeSnapCode,
  refreshSnapToken,
  type SnapOAuthDeps,
} from './oauth.ts';

export interface SnapchatConnectorConfig {
  readonly baseUrls: {
    /** https://accounts.snapchat.com, or the sandbox's URL. */
    readonly auth: string;
    /** https://adsapi.snapchat.com/v1, or `<sandbox>/v1`. */
    readonly api: string;
  };
  readonly clientId: string;
  readonly clientSecret: string;
  readonly fetch?: FetchLike;
  readonly now?: () => Date;
  readonly timeoutMs?: number;
}

export const SNAPCHAT_BASE_URLS = {
  auth: 'https://accounts.snapchat.com',
  api: 'https://adsapi.snapchat.com/v1',
} as const;

/** The sandbox's base URLs from its own URL (e.g. `http://localhost:4107/sandbox/snapchat`). */
export function snapchatSandboxBaseUrls(sandboxUrl: string): SnapchatConnectorConfig['baseUrls'] {
  const root = sandboxUrl.replace(/\/+$/, '');
  return { auth: root, api: `${root}/v1` };
}

export interface SnapchatPlatform extends Platform {
  refreshTokens(refreshToken: string): Promise<PlatformTokens>;
}

export function createSnapchatConnector(config: SnapchatConnectorConfig): SnapchatPlatform {
  const now = config.now ?? (() => new Date());
  const fetchFn = config.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = createSnapClient({
    apiBaseUrl: config.baseUrls.api,
    fetch: fetchFn,
    now,
    timeoutMs,
    defaultRetryAfterMs: snapchatManifest.rateLimit.defaultRetryAfterMs,
  });
  const oauth: SnapOAuthDeps = {
    authBaseUrl: config.baseUrls.auth,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    fetch: fetchFn,
    now,
    timeoutMs,
  };
  return {
    manifest: snapchatManifest,
    authorizationUrl: (request) => buildAuthorizationUrl(oauth, request),
    exchangeCode: (input) => exchangeSnapCode(oauth, input.code, input.redirectUri),
    refreshTokens: (refreshToken) => refreshSnapToken(oauth, refreshToken),
    listClientAssets: (token) => listSnapClientAssets(client, token),
    // Where grants go: the agency person's own Snapchat sign-in, by its email (contract §2).
    listAgencyBusinesses: async (token) => {
      const me = await getMe(client, token);
      return [{ id: me.email, name: me.display_name ?? me.email, isAdmin: true }];
    },
    grantAccess: (input) => grantSnapAccess(client, input),
    readAccess: (input) => readSnapAccess(client, input),
    continueGrant: (input) => grantSnapAccess(client, input),
    readAssetAccess: (input) => readSnapAssetAccess(client, input),
    revokeAccess: (input) => revokeSnapAccess(client, input),
  };
}
