/**
 * The Meta connector: the `Platform` interface over the Graph API. Configuration is injected, so
 * the same code talks to Meta or to the sandbox; only base URLs, app credentials and the Graph
 * version change. Each operation lives in its own small file beside this one.
 */
import { DEFAULT_TIMEOUT_MS, type FetchLike } from '../http.ts';
import type { Platform } from '../types.ts';
import { readMetaAccess, revokeMetaAccess } from './access.ts';
import { readMetaAssetAccess } from './access-reading.ts';
import { createGraphClient } from './api.ts';
import type { MetaDeps } from './deps.ts';
import { grantMetaAccess } from './grant.ts';
import { listMetaClientAssets } from './listing.ts';
import { metaManifest, metaScopesFor } from './manifest.ts';
import { buildAuthorizationUrl, exchangeMetaCode } from './oauth.ts';

export interface MetaConnectorConfig {
  readonly baseUrls: {
    /** https://www.facebook.com (the login dialog), or `<publicUrl>/sandbox/meta`. */
    readonly auth: string;
    /** https://graph.facebook.com, or `<publicUrl>/sandbox/meta/graph`. */
    readonly graph: string;
    /** Business Settings for manual steps; defaults to https://business.facebook.com/settings. */
    readonly businessSettings?: string;
  };
  readonly appId: string;
  readonly appSecret: string;
  /** e.g. `v25.0` (meta-api.md: v25.0 in the SPEC, v26.0 in the Node SDK). */
  readonly graphVersion: string;
  readonly fetch?: FetchLike;
  readonly now?: () => Date;
  readonly timeoutMs?: number;
}

/** Meta's real base URLs (meta-api.md §0, §1.1). */
export const META_BASE_URLS = {
  auth: 'https://www.facebook.com',
  graph: 'https://graph.facebook.com',
  businessSettings: 'https://business.facebook.com/settings',
} as const;

/**
 * The sandbox's base URLs from its own URL (its origin, e.g. `http://localhost:4102`, plus the
 * path it is mounted under, if any).
 */
export function metaSandboxBaseUrls(sandboxUrl: string): MetaConnectorConfig['baseUrls'] {
  const root = sandboxUrl.replace(/\/+$/, '');
  return { auth: root, graph: `${root}/graph`, businessSettings: `${root}/business-settings` };
}

/** Creates the Meta connector from injected configuration. */
export function createMetaConnector(config: MetaConnectorConfig): Platform {
  if (!/^v\d+\.\d+$/.test(config.graphVersion)) {
    throw new Error(`Meta Graph version must look like v25.0, got ${config.graphVersion}`);
  }
  const deps: MetaDeps = {
    graph: createGraphClient({
      graphBaseUrl: config.baseUrls.graph,
      version: config.graphVersion,
      appId: config.appId,
      appSecret: config.appSecret,
      fetch: config.fetch ?? ((input, init) => fetch(input, init)),
      timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      defaultRetryAfterMs: metaManifest.rateLimit.defaultRetryAfterMs,
    }),
    appId: config.appId,
    appSecret: config.appSecret,
    version: config.graphVersion,
    authBaseUrl: config.baseUrls.auth,
    businessSettingsUrl: config.baseUrls.businessSettings ?? META_BASE_URLS.businessSettings,
    now: config.now ?? (() => new Date()),
  };
  return {
    manifest: metaManifest,
    authorizationUrl: (request) => buildAuthorizationUrl(deps, request),
    exchangeCode: (input) => exchangeMetaCode(deps, input),
    listClientAssets: (clientToken) => listMetaClientAssets(deps, clientToken),
    scopesFor: (assetTypes) => metaScopesFor(assetTypes),
    grantAccess: (input) => grantMetaAccess(deps, input),
    readAccess: (input) => readMetaAccess(deps, input),
    revokeAccess: (input) => revokeMetaAccess(deps, input),
    readAssetAccess: ({ agency, asset }) => readMetaAssetAccess(deps, agency, asset),
  };
}
