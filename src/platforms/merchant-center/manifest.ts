/**
 * Google Merchant Center as pure data: a Merchant Center account shared by adding the agency's
 * Google account as a user with one access right; the user starts pending and the agency's own
 * connection verifies it. Facts and sources: docs/platforms/merchant-center.md and
 * docs/platforms/merchant-center-api.md.
 */
import type { PlatformManifest } from '../types.ts';

export const merchantCenterManifest = {
  id: 'merchant_center',
  name: 'Google Merchant Center',
  docsPath: 'docs/platforms/merchant-center.md',
  agencyIdentityLabel: 'Google account',
  verification: 'api',
  sandbox: 'google',
  oauth: {
    pkce: true,
    // content: the only scope of the Merchant API; openid+email to know the signed-in user.
    scopes: ['https://www.googleapis.com/auth/content', 'openid', 'email'],
    authorizePath: 'o/oauth2/v2/auth',
    tokenPath: 'token',
  },
  apiPaths: {
    accounts: 'accounts/v1/accounts',
    users: 'accounts/v1/accounts/{account}/users',
    user: 'accounts/v1/accounts/{account}/users/{email}',
    verifySelf: 'accounts/v1/accounts/{account}/users/me:verifySelf',
    userinfo: 'v1/userinfo',
  },
  // No figure in the sources read (a choice); Google answers 429 when throttling.
  rateLimit: { requestsPerSecond: 2, burst: 5, maxConcurrency: 2, defaultRetryAfterMs: 5000 },
  assetTypes: [
    {
      id: 'merchant_account',
      label: 'Merchant Center account',
      platformKey: 'accessRights',
      grantMethod: 'api',
      // Lowest first (the order is a choice: docs/platforms/merchant-center-api.md item 4).
      levels: [
        {
          id: 'performance_reporting',
          label: 'Performance and insights',
          description: 'See performance reports and insights only.',
        },
        {
          id: 'read_only',
          label: 'Read only',
          description: 'See everything a standard user sees, and change nothing.',
        },
        {
          id: 'standard',
          label: 'Standard',
          description: 'Manage products, feeds and settings, but not users.',
        },
        {
          id: 'admin',
          label: 'Admin',
          description: 'Standard, plus manage users and linked services.',
        },
      ],
    },
  ],
} as const satisfies PlatformManifest;

/** Latchkey's levels, lowest first, and the Merchant API `AccessRight` each one is. */
export const MERCHANT_LEVELS = ['performance_reporting', 'read_only', 'standard', 'admin'];
export const ACCESS_RIGHT_OF: Readonly<Record<string, string>> = {
  performance_reporting: 'PERFORMANCE_REPORTING',
  read_only: 'READ_ONLY',
  standard: 'STANDARD',
  admin: 'ADMIN',
};
