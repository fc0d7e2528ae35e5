/**
 * Meta (Facebook/Instagram Business Manager) as pure data: asset types, our three levels mapped to
 * each type's own task list, OAuth and API paths. Facts and sources: ../../../docs/platforms/meta.md
 * and ../shared/platforms/meta-api.md (the wire contract).
 */
import type { AssetTypeManifest, PlatformManifest } from '../types.ts';

export type MetaAssetType = 'ad_account' | 'page' | 'pixel' | 'catalog' | 'instagram_account';

const levels = (full: string, partial: string, view: string): AssetTypeManifest['levels'] => [
  { id: 'view_only', label: 'View only', description: view },
  { id: 'partial', label: 'Partial access', description: partial },
  { id: 'full_control', label: 'Full control', description: full },
];

/** Scopes each asset type needs (meta-api.md §1.5); the flow asks only for the types requested. */
export const metaScopesByType: Record<MetaAssetType, readonly string[]> = {
  ad_account: ['business_management', 'ads_management', 'pages_show_list', 'pages_read_engagement'],
  page: ['business_management', 'pages_show_list', 'pages_manage_metadata'],
  pixel: ['business_management', 'ads_management', 'pages_show_list', 'pages_read_engagement'],
  catalog: ['business_management', 'catalog_management'],
  instagram_account: ['business_management', 'instagram_basic'],
};

/** The minimal scope set for a set of asset types (S11). */
export function metaScopesFor(types: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of types) (metaScopesByType[t as MetaAssetType] ?? []).forEach((s) => out.add(s));
  return [...out];
}

export const metaManifest = {
  id: 'meta',
  name: 'Meta',
  docsPath: 'docs/platforms/meta.md',
  agencyIdentityLabel: 'business portfolio',
  verification: 'api',
  sandbox: 'meta',
  oauth: {
    // Classic Facebook Login code flow with the app secret; the PKCE/OIDC variant is "still in
    // testing" (other-platforms.md §1), so we do not rely on it (docs/platforms/meta.md).
    pkce: false,
    scopes: metaScopesFor(['ad_account', 'page', 'pixel', 'catalog', 'instagram_account']),
    authorizePath: '{version}/dialog/oauth',
    tokenPath: '{version}/oauth/access_token',
  },
  apiPaths: {
    oauthAccessToken: 'oauth/access_token',
    debugToken: 'debug_token',
    meBusinesses: 'me/businesses',
    meAdAccounts: 'me/adaccounts',
    node: '{id}',
    ownedAdAccounts: '{business_id}/owned_ad_accounts',
    ownedPages: '{business_id}/owned_pages',
    ownedPixels: '{business_id}/owned_pixels',
    ownedProductCatalogs: '{business_id}/owned_product_catalogs',
    ownedInstagramAccounts: '{business_id}/owned_instagram_accounts',
    agencies: '{asset_id}/agencies',
  },
  // Graph throttles per app, user and business use case (meta-api.md §5.3) with windows of an hour;
  // a conservative steady rate, and a wait when a throttle carries no estimate.
  rateLimit: { requestsPerSecond: 5, burst: 10, maxConcurrency: 4, defaultRetryAfterMs: 10_000 },
  // The effective-access explainer's words (src/domain/effective-access.ts): people of the
  // agency's business portfolio, by their business role (ADMIN, EMPLOYEE) and asset tasks.
  accessExplainer: {
    reasons: {
      business_admin:
        '{who} is {role} of business portfolio {business}, so reaches every asset shared with it; the portfolio holds it through {relation}{source}; level: {level}.',
      asset_assignment:
        '{who} is {role} in business portfolio {business} and was assigned this asset; the portfolio holds it through {relation}{source}; level: {level}.',
    },
    relations: { partner_share: 'a partner share', owner: 'ownership' },
  },
  assetTypes: [
    {
      id: 'ad_account',
      label: 'Ad account',
      platformKey: 'AdAccount',
      grantMethod: 'api',
      levels: levels(
        'Manage the ad account: campaigns, billing settings and who has access.',
        'Create and edit ads, and see performance.',
        'See ads and performance only.',
      ),
    },
    {
      id: 'page',
      label: 'Facebook Page',
      platformKey: 'Page',
      grantMethod: 'api',
      levels: levels(
        'Everything on the Page, including who has access.',
        'Post, moderate, message and advertise as the Page.',
        'See Page insights only.',
      ),
    },
    {
      id: 'pixel',
      label: 'Dataset (pixel)',
      platformKey: 'AdsPixel',
      grantMethod: 'api',
      levels: levels(
        'Use in ads, see data and upload events (editing is restricted by Meta).',
        'Use in ads and see data.',
        'See data only.',
      ),
    },
    {
      id: 'catalog',
      label: 'Product catalog',
      platformKey: 'ProductCatalog',
      grantMethod: 'api',
      levels: levels(
        'Manage the catalog and advertise with it.',
        'Advertise with the catalog.',
        'See catalog analytics only.',
      ),
    },
    {
      id: 'instagram_account',
      label: 'Instagram account',
      platformKey: 'IGUser',
      // Meta has no API to share an Instagram account with a partner (meta-api.md item 4).
      grantMethod: 'manual',
      levels: [
        {
          id: 'partner',
          label: 'Partner access',
          description:
            'The agency is added as a partner; the client ticks the permissions in Business Settings.',
        },
      ],
    },
  ],
} as const satisfies PlatformManifest;
