/**
 * Snapchat (Marketing API) as pure data: the client's ad accounts, the levels the agency person
 * can be given on one (Snap's ad-account role types, lowest privilege first), and how access
 * reaches the agency: an invitation to the client's organization that the agency person accepts
 * at Snapchat, then an ad-account role. Facts and sources: docs/platforms/snapchat-api.md.
 */
import type { PlatformManifest } from '../types.ts';

export const snapchatManifest = {
  id: 'snapchat',
  name: 'Snapchat',
  docsPath: 'docs/platforms/snapchat.md',
  agencyIdentityLabel: 'Snapchat account',
  verification: 'api',
  sandbox: 'snapchat',
  oauth: {
    // Snap's Marketing API OAuth takes no PKCE (contract §1); state guards the callback.
    pkce: false,
    scopes: ['snapchat-marketing-api'],
    authorizePath: 'login/oauth2/authorize',
    tokenPath: 'login/oauth2/access_token',
  },
  apiPaths: {
    me: 'me',
    meOrganizations: 'me/organizations',
    organizationAdAccounts: 'organizations/{organization_id}/adaccounts',
    organizationMembers: 'organizations/{organization_id}/members',
    organizationRoles: 'organizations/{organization_id}/roles',
    adAccountRoles: 'adaccounts/{ad_account_id}/roles',
    member: 'members/{member_id}',
    role: 'roles/{role_id}',
  },
  // Snap: 10 requests/second per token, 20 per app; 429 without a wait time (contract §0).
  rateLimit: { requestsPerSecond: 8, burst: 10, maxConcurrency: 4, defaultRetryAfterMs: 1000 },
  // The effective-access explainer's words (src/domain/effective-access.ts).
  accessExplainer: {
    reasons: {
      business_admin:
        "{who} is an admin of the client's Snapchat organization, so reaches every ad account in it; level: {level}.",
      asset_assignment:
        "{who} is a member of the client's Snapchat organization and holds the {level} role on this ad account.",
    },
    relations: { member_role: "a membership of the client's organization" },
  },
  assetTypes: [
    {
      id: 'ad_account',
      label: 'Ad account',
      platformKey: 'adaccount',
      grantMethod: 'api',
      levels: [
        {
          id: 'reports',
          label: 'Reports',
          description: 'See reports and results only; change nothing.',
        },
        {
          id: 'creative',
          label: 'Creative',
          description: 'Upload and manage ads and media; no campaigns or billing.',
        },
        {
          id: 'general',
          label: 'General',
          description: 'Create and manage campaigns, ad sets, ads and media.',
        },
        {
          id: 'admin',
          label: 'Admin',
          description: 'Everything in the ad account, including who has access.',
        },
      ],
    },
  ],
} as const satisfies PlatformManifest;

/** Fills `{name}` slots of an API path. */
export function snapPath(
  key: keyof typeof snapchatManifest.apiPaths,
  ids: Record<string, string> = {},
): string {
  return snapchatManifest.apiPaths[key].replace(/\{(\w+)\}/g, (_m, name: string) =>
    encodeURIComponent(ids[name] ?? ''),
  );
}
