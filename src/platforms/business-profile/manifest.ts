/**
 * Google Business Profile as pure data: a location, or a business account (a location group),
 * shared by inviting the agency's Google account as an admin with a role; the agency's own
 * connection accepts the invitation. Facts and sources: docs/platforms/business-profile-api.md.
 */
import type { PermissionLevelManifest, PlatformManifest } from '../types.ts';

const manager: PermissionLevelManifest = {
  id: 'manager',
  label: 'Manager',
  description: 'Edit the profile, reply to reviews and post updates; cannot manage who has access.',
};
const owner: PermissionLevelManifest = {
  id: 'owner',
  label: 'Owner',
  description: 'Everything a manager can do, plus add and remove people.',
};
const siteManager: PermissionLevelManifest = {
  id: 'site_manager',
  label: 'Site manager',
  description:
    'The narrowest role Google still offers on a location (listed by the API as SITE_MANAGER).',
};

export const businessProfileManifest = {
  id: 'business_profile',
  name: 'Google Business Profile',
  docsPath: 'docs/platforms/business-profile.md',
  agencyIdentityLabel: 'Google account',
  verification: 'api',
  sandbox: 'google',
  oauth: {
    pkce: true,
    // business.manage covers every Account Management and Business Information method;
    // openid+email name the Google account behind the token.
    scopes: ['https://www.googleapis.com/auth/business.manage', 'openid', 'email'],
    authorizePath: 'o/oauth2/v2/auth',
    tokenPath: 'token',
  },
  apiPaths: {
    accounts: 'v1/accounts',
    admins: 'v1/{parent}/admins',
    admin: 'v1/{name}',
    invitations: 'v1/{parent}/invitations',
    acceptInvitation: 'v1/{name}:accept',
    locations: 'v1/{parent}/locations',
    location: 'v1/{name}',
    userinfo: 'v1/userinfo',
  },
  // No per-second figure in the sources read (a choice); the API starts at a quota of 0 until
  // Google approves the project.
  rateLimit: { requestsPerSecond: 2, burst: 5, maxConcurrency: 2, defaultRetryAfterMs: 10_000 },
  assetTypes: [
    {
      id: 'business_location',
      label: 'Business Profile location',
      platformKey: 'locations',
      grantMethod: 'api',
      levels: [siteManager, manager, owner],
    },
    {
      id: 'business_account',
      label: 'Business Profile business group',
      platformKey: 'accounts',
      grantMethod: 'api',
      // The API refuses SITE_MANAGER for an account admin ([REF] AdminRole).
      levels: [manager, owner],
    },
  ],
} as const satisfies PlatformManifest;

/** Latchkey level id → AdminRole. */
export const ROLE_BY_LEVEL: Readonly<Record<string, string>> = {
  site_manager: 'SITE_MANAGER',
  manager: 'MANAGER',
  owner: 'OWNER',
};

/** AdminRole → Latchkey level id (a primary owner holds at least `owner`). */
export function levelOfRole(role: string | null | undefined): string | undefined {
  switch (role) {
    case 'PRIMARY_OWNER':
    case 'OWNER':
      return 'owner';
    case 'MANAGER':
      return 'manager';
    case 'SITE_MANAGER':
      return 'site_manager';
    default:
      return undefined;
  }
}

/** Levels lowest first, for comparing. */
export const LEVEL_ORDER = ['site_manager', 'manager', 'owner'];
