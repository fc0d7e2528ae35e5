/**
 * LinkedIn as pure data: ad accounts (the five account roles, lowest privilege first) and Company
 * Pages (admin, a guided step read back through the API). Facts and sources:
 * docs/platforms/linkedin-api.md (the wire contract) and docs/platforms/linkedin.md.
 */
import type { PlatformManifest } from '../types.ts';

export type LinkedInAssetType = 'ad_account' | 'company_page';

/** Our level ids ↔ LinkedIn's ad account roles (linkedin-api.md §3), lowest privilege first. */
export const ACCOUNT_LEVEL_ROLES = {
  viewer: 'VIEWER',
  creative_manager: 'CREATIVE_MANAGER',
  campaign_manager: 'CAMPAIGN_MANAGER',
  account_manager: 'ACCOUNT_MANAGER',
  billing_admin: 'ACCOUNT_BILLING_ADMIN',
} as const;
export type AccountLevel = keyof typeof ACCOUNT_LEVEL_ROLES;
export type AccountRole = (typeof ACCOUNT_LEVEL_ROLES)[AccountLevel];

/**
 * Scopes each asset type needs from the client (linkedin-api.md §1): LinkedIn asks the member to
 * consent to every scope or none, and asks apps for the least. The agency's own connection asks
 * for the manifest's scopes, `openid profile` included, to learn its member id.
 */
export const linkedinScopesByType: Record<LinkedInAssetType, readonly string[]> = {
  ad_account: ['r_ads', 'rw_ads'],
  company_page: ['r_organization_admin'],
};

/** The least scopes for a set of asset types. */
export function linkedinScopesFor(types: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of types)
    (linkedinScopesByType[t as LinkedInAssetType] ?? []).forEach((s) => out.add(s));
  return [...out];
}

/** The one level of a Company Page: ADMINISTRATOR (linkedin-api.md §4). */
export const PAGE_LEVEL = 'admin';

export const linkedinManifest = {
  id: 'linkedin',
  name: 'LinkedIn',
  docsPath: 'docs/platforms/linkedin.md',
  agencyIdentityLabel: 'member',
  verification: 'api',
  sandbox: 'linkedin',
  oauth: {
    // LinkedIn documents PKCE for native apps only; the web code flow uses the client secret
    // (linkedin-api.md item 6).
    pkce: false,
    scopes: ['openid', 'profile', 'r_ads', 'rw_ads', 'r_organization_admin'],
    authorizePath: 'oauth/v2/authorization',
    // On the www host, like the authorize path (linkedin-api.md §1).
    tokenPath: 'oauth/v2/accessToken',
  },
  apiPaths: {
    userinfo: 'v2/userinfo',
    adAccounts: 'rest/adAccounts',
    adAccountUsers: 'rest/adAccountUsers',
    adAccountUser: 'rest/adAccountUsers/(account:{account},user:{user})',
    organizationAcls: 'rest/organizationAcls',
    organization: 'rest/organizations/{id}',
  },
  // LinkedIn limits calls per app and member per day (linkedin-api.md item 5) and sends no wait:
  // a modest steady rate, and a minute's pause after a 429 without Retry-After.
  rateLimit: { requestsPerSecond: 5, burst: 10, maxConcurrency: 4, defaultRetryAfterMs: 60_000 },
  // LinkedIn gives roles to members, not to businesses: the agency's identity is one person.
  accessExplainer: {
    reasons: {
      asset_assignment:
        '{who} holds the {role} role here, given to their LinkedIn member directly ({relation}); level: {level}.',
    },
    relations: { account_role: 'an ad account role', page_role: 'a Page admin role' },
  },
  assetTypes: [
    {
      id: 'ad_account',
      label: 'LinkedIn ad account',
      platformKey: 'sponsoredAccount',
      grantMethod: 'api',
      levels: [
        {
          id: 'viewer',
          label: 'Viewer',
          description: 'See campaigns and reports only; nothing can be created or changed.',
        },
        {
          id: 'creative_manager',
          label: 'Creative manager',
          description: 'See campaigns and reports, and create and edit ads.',
        },
        {
          id: 'campaign_manager',
          label: 'Campaign manager',
          description: 'See reports, and create and edit campaigns and ads.',
        },
        {
          id: 'account_manager',
          label: 'Account manager',
          description:
            'Everything a campaign manager does, plus the account settings and who has access.',
        },
        {
          id: 'billing_admin',
          label: 'Billing admin',
          description:
            'Everything, including billing. LinkedIn allows one billing admin per account: you hand it over yourself in Campaign Manager.',
        },
      ],
    },
    {
      id: 'company_page',
      label: 'LinkedIn Company Page',
      platformKey: 'organization',
      // No documented API lets an app add a Page admin (linkedin-api.md item 1).
      grantMethod: 'manual',
      levels: [
        {
          id: 'admin',
          label: 'Page admin',
          description:
            'Post as the Page, edit it, see its analytics and manage its admins. You add us in the Page admin view.',
        },
      ],
    },
  ],
} as const satisfies PlatformManifest;
