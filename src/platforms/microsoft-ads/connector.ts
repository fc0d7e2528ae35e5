/**
 * The Microsoft Advertising connector: the `Platform` interface over Customer Management v13 REST
 * (docs/platforms/microsoft-ads-api.md). The agency's identity is its manager account
 * (businessId = customer id) and the agency's own Microsoft token; the client's token accepts
 * the link. Levels `viewer`/`standard` take the user-invitation fallback.
 */
import { PlatformError } from '../errors.ts';
import { DEFAULT_TIMEOUT_MS, type FetchLike, type HttpOptions } from '../http.ts';
import type { AssetRef, Platform, PlatformTokens } from '../types.ts';
import { readMsAssetAccess } from './access-reading.ts';
import type { MsApiDeps } from './api.ts';
import { inviteAgencyUser, readUserRole } from './invitations.ts';
import { endClientLink, grantClientLink, readClientLink } from './links.ts';
import { listMsAccounts } from './listing.ts';
import { CLIENT_LINK_LEVEL, MICROSOFT_ADS_SCOPES, microsoftAdsManifest } from './manifest.ts';
import {
  buildAuthorizationUrl,
  exchangeMsCode,
  refreshMsToken,
  type MsOAuthDeps,
} from './oauth.ts';

export interface MicrosoftAdsConnectorConfig {
  readonly baseUrls: {
    /** https://login.microsoftonline.com/common/oauth2/v2.0, or the sandbox's. */
    readonly auth: string;
    /** https://clientcenter.api.bingads.microsoft.com/CustomerManagement/v13, or the sandbox's. */
    readonly api: string;
  };
  readonly clientId: string;
  readonly clientSecret: string;
  readonly developerToken: string;
  readonly fetch?: FetchLike;
  readonly now?: () => Date;
  readonly timeoutMs?: number;
}

export const MICROSOFT_ADS_BASE_URLS = {
  auth: 'https://login.microsoftonline.com/common/oauth2/v2.0',
  api: 'https://clientcenter.api.bingads.microsoft.com/CustomerManagement/v13',
} as const;

/** The base URLs of a sandbox at `url` (only these change between sandbox and production). */
export function microsoftAdsSandboxBaseUrls(url: string): MicrosoftAdsConnectorConfig['baseUrls'] {
  return { auth: `${url}/common/oauth2/v2.0`, api: `${url}/CustomerManagement/v13` };
}

function accountOf(asset: AssetRef): string {
  if (asset.type !== 'ad_account')
    throw new PlatformError(
      'invalid',
      `Unknown Microsoft Advertising asset type ${asset.type}`,
      'bad_type',
    );
  return asset.id;
}

export interface MicrosoftAdsPlatform extends Platform {
  refreshTokens(refreshToken: string): Promise<PlatformTokens>;
}

/** Creates the Microsoft Advertising connector from injected configuration. */
export function createMicrosoftAdsConnector(
  config: MicrosoftAdsConnectorConfig,
): MicrosoftAdsPlatform {
  const http: HttpOptions = {
    fetch: config.fetch ?? ((input, init) => fetch(input, init)),
    now: config.now ?? (() => new Date()),
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    defaultRetryAfterMs: microsoftAdsManifest.rateLimit.defaultRetryAfterMs,
  };
  const oauth: MsOAuthDeps = {
    http,
    authBaseUrl: config.baseUrls.auth,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
  };
  const deps: MsApiDeps = {
    http,
    baseUrl: config.baseUrls.api,
    developerToken: config.developerToken,
  };
  return {
    manifest: microsoftAdsManifest,
    authorizationUrl: (request) => buildAuthorizationUrl(oauth, request),
    exchangeCode: (input) => exchangeMsCode(oauth, MICROSOFT_ADS_SCOPES, input),
    refreshTokens: (refreshToken) => refreshMsToken(oauth, MICROSOFT_ADS_SCOPES, refreshToken),
    listClientAssets: (clientToken) => listMsAccounts(deps, clientToken),
    grantAccess: (input) => {
      const accountId = accountOf(input.asset);
      if (input.level === CLIENT_LINK_LEVEL)
        return grantClientLink(deps, {
          clientToken: input.clientToken,
          agency: input.agency,
          accountId,
        });
      return inviteAgencyUser(deps, input);
    },
    readAccess: async (input) => {
      const link = await readClientLink(deps, input.agency, accountOf(input.asset));
      if (link.kind !== 'lost') return link;
      return readUserRole(deps, input.agency, input.asset);
    },
    revokeAccess: async (input) => {
      const outcome = await endClientLink(deps, input.agency, accountOf(input.asset));
      if (outcome.kind === 'revoked') return outcome;
      // A role from an invitation is removed by the client in Microsoft Advertising, not by API.
      const role = await readUserRole(deps, input.agency, input.asset);
      if (role.kind === 'holds')
        throw new PlatformError(
          'permission',
          'The agency holds this account through a user role; the client removes the user in Microsoft Advertising › Settings › Users.',
          'manual_revoke',
        );
      return outcome;
    },
    readAssetAccess: (input) => readMsAssetAccess(deps, input.agency, accountOf(input.asset)),
  };
}
