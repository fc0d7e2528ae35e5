/**
 * Google Ads as pure data: one asset type (a Google Ads account) reaching the agency through a
 * manager-account link. Facts and sources: docs/platforms/google-ads.md and
 * ../shared/platforms/google-api.md §2 (the wire contract).
 */
import type { PlatformManifest } from '../types.ts';

export const googleAdsManifest = {
  id: 'google_ads',
  name: 'Google Ads',
  docsPath: 'docs/platforms/google-ads.md',
  agencyIdentityLabel: 'manager account',
  verification: 'api',
  sandbox: 'google',
  oauth: {
    // Google supports PKCE (google-api.md §1, [GAL] CodeChallengeMethod).
    pkce: true,
    // adwords for every Ads service; openid + email to learn which user consented (their role).
    scopes: ['https://www.googleapis.com/auth/adwords', 'openid', 'email'],
    authorizePath: 'o/oauth2/v2/auth',
    tokenPath: 'token',
  },
  apiPaths: {
    listAccessibleCustomers: 'customers:listAccessibleCustomers',
    search: 'customers/{customerId}/googleAds:search',
    customerClientLinksMutate: 'customers/{customerId}/customerClientLinks:mutate',
    customerManagerLinksMutate: 'customers/{customerId}/customerManagerLinks:mutate',
    userinfo: 'v1/userinfo',
    revoke: 'revoke',
  },
  // No per-second figure in the sources read; Google Ads throttles with quotaError and a
  // retryDelay (google-api.md §2), so a modest bucket and the delay it names.
  rateLimit: { requestsPerSecond: 5, burst: 10, maxConcurrency: 2, defaultRetryAfterMs: 5000 },
  // The effective-access explainer's words (src/domain/effective-access.ts): the users of the
  // agency's manager account reach every linked client account with their access role.
  accessExplainer: {
    reasons: {
      business_member:
        '{who} is a user of manager account {business} with access role {role}, so reaches every client account linked under it; the manager account holds it through {relation}{source}.',
    },
    relations: { manager_link: 'a manager-account link' },
  },
  assetTypes: [
    {
      id: 'ad_account',
      label: 'Google Ads account',
      platformKey: 'customer',
      grantMethod: 'api',
      levels: [
        {
          id: 'manager_link',
          label: 'Manager link',
          description:
            "The account is linked under the agency's manager account; the agency's people act with the roles they hold in that manager account.",
        },
      ],
    },
  ],
} as const satisfies PlatformManifest;

export const GOOGLE_ADS_LEVEL = 'manager_link';
