/**
 * Pinterest (business access, API v5) as pure data: asset types, our levels in plain words mapped
 * to Pinterest's permission names, OAuth and API paths (relative to the base URLs). Facts and
 * sources: ../../../docs/platforms/pinterest.md and docs/platforms/pinterest-api.md (the contract).
 */
import type { PlatformManifest } from '../types.ts';

export type PinterestAssetType = 'ad_account' | 'catalog';

/**
 * Each level's Pinterest permissions (pinterest-api.md §4, [SPEC] components.schemas.Permissions),
 * lowest privilege first. A grant sets exactly these on the asset for the agency's business.
 */
export const pinterestPermissionsByLevel: Record<
  PinterestAssetType,
  Readonly<Record<string, readonly string[]>>
> = {
  ad_account: {
    analyst: ['ANALYST'],
    campaign_manager: ['CAMPAIGN_MANAGER'],
    admin: ['ADMIN'],
  },
  catalog: {
    catalogs_viewer: ['CATALOGS_VIEWER'],
    catalogs_manager: ['CATALOGS_MANAGER'],
  },
};

export const pinterestManifest = {
  id: 'pinterest',
  name: 'Pinterest',
  docsPath: 'docs/platforms/pinterest.md',
  agencyIdentityLabel: 'business',
  verification: 'api',
  sandbox: 'pinterest',
  oauth: {
    // [SPEC] describes a plain authorization-code flow; PKCE is not documented (unverified item 3).
    pkce: false,
    scopes: ['ads:read', 'biz_access:read', 'biz_access:write', 'user_accounts:read'],
    authorizePath: 'oauth/',
    tokenPath: 'oauth/token',
  },
  apiPaths: {
    oauthToken: 'oauth/token',
    userAccount: 'user_account',
    adAccounts: 'ad_accounts',
    employers: 'businesses/employers',
    businessAssets: 'businesses/{business_id}/assets',
    assetPartners: 'businesses/{business_id}/assets/{asset_id}/partners',
    assetMembers: 'businesses/{business_id}/assets/{asset_id}/members',
    partners: 'businesses/{business_id}/partners',
    partnerAssets: 'businesses/{business_id}/partners/{partner_id}/assets',
    partnersAssetsAccess: 'businesses/{business_id}/partners/assets',
    invites: 'businesses/{business_id}/invites',
    invitesAssetsAccess: 'businesses/{business_id}/invites/assets/access',
    respondInvites: 'businesses/invites',
  },
  // Standard access: 100 calls per second per user and app, `ads_read` 1,000 per minute
  // (pinterest-api.md §6): a steady pace well under both, and a wait when a 429 has no Retry-After.
  rateLimit: { requestsPerSecond: 5, burst: 10, maxConcurrency: 4, defaultRetryAfterMs: 10_000 },
  accessExplainer: {
    reasons: {
      asset_assignment:
        '{who} is a {role} of business {business} and was given this asset; the business holds it through {relation}{source}; permissions: {level}.',
    },
    relations: { partner_share: 'a partnership' },
  },
  assetTypes: [
    {
      id: 'ad_account',
      label: 'Ad account',
      platformKey: 'AD_ACCOUNT',
      grantMethod: 'api',
      levels: [
        {
          id: 'analyst',
          label: 'Analyst',
          description: 'See campaigns, results and reports; change nothing.',
        },
        {
          id: 'campaign_manager',
          label: 'Campaign manager',
          description: 'Create and edit campaigns, ad groups and ads, and see results.',
        },
        {
          id: 'admin',
          label: 'Admin',
          description: 'Everything in the ad account, including billing and who has access.',
        },
      ],
    },
    {
      id: 'catalog',
      label: 'Catalog',
      platformKey: 'CATALOG',
      grantMethod: 'api',
      levels: [
        {
          id: 'catalogs_viewer',
          label: 'Catalog viewer',
          description: 'See the catalog and its product feeds.',
        },
        {
          id: 'catalogs_manager',
          label: 'Catalog manager',
          description: 'Manage the catalog: feeds, product groups and settings.',
        },
      ],
    },
  ],
} as const satisfies PlatformManifest;

/** The Pinterest asset type of one of ours, or undefined. */
export function platformTypeOf(type: string): 'AD_ACCOUNT' | 'CATALOG' | undefined {
  return type === 'ad_account' ? 'AD_ACCOUNT' : type === 'catalog' ? 'CATALOG' : undefined;
}

/** The highest of our levels whose permissions are all among `held`, or undefined. */
export function levelOf(type: string, held: readonly string[]): string | undefined {
  const levels = pinterestPermissionsByLevel[type as PinterestAssetType];
  if (levels === undefined) return undefined;
  let found: string | undefined;
  for (const [level, permissions] of Object.entries(levels)) {
    if (permissions.every((p) => held.includes(p))) found = level;
  }
  return found;
}

/** The rank of a level (0 lowest), or -1. */
export function rankOf(type: string, level: string | undefined): number {
  const levels = pinterestPermissionsByLevel[type as PinterestAssetType];
  return levels === undefined || level === undefined ? -1 : Object.keys(levels).indexOf(level);
}
