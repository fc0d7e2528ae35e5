/**
 * X Ads as pure data: no API grants ads-account access (x-ads-api.md, facts item 1), so an ads
 * account is a guided step (the client adds the agency's @handle in ads manager with an access
 * level), then verified through the Ads API with the agency's own token
 * (`authenticated_user_access`). Sign-in is OAuth 1.0a. Facts and choices: docs/platforms/x-ads.md.
 */
import type { PlatformManifest } from '../types.ts';

export const xAdsManifest = {
  id: 'x_ads',
  name: 'X Ads',
  docsPath: 'docs/platforms/x-ads.md',
  agencyIdentityLabel: 'X account',
  verification: 'api',
  sandbox: 'x-ads',
  oauth: {
    // OAuth 1.0a: no PKCE and no scopes (the app's permissions are set in X's developer portal).
    pkce: false,
    scopes: [],
    authorizePath: 'oauth/authorize',
    tokenPath: 'oauth/access_token',
  },
  apiPaths: {
    requestToken: 'oauth/request_token',
    accounts: '12/accounts',
    authenticatedUserAccess: '12/accounts/{account_id}/authenticated_user_access',
  },
  // X publishes no fixed figure (limits come in headers, x-ads-api.md "Rate limits"): a choice.
  rateLimit: { requestsPerSecond: 5, burst: 10, maxConcurrency: 2, defaultRetryAfterMs: 60_000 },
  assetTypes: [
    {
      id: 'x_ads_account',
      label: 'X ads account',
      platformKey: 'account',
      grantMethod: 'guided',
      clientInput: 'ads_account_id',
      levels: [
        {
          id: 'analyst',
          label: 'Organic analyst',
          description: 'See organic analytics and audience insights; no campaigns.',
        },
        {
          id: 'campaign_analyst',
          label: 'Campaign analyst',
          description: 'See campaigns and their statistics; change nothing.',
        },
        {
          id: 'creative_manager',
          label: 'Creative manager',
          description: 'Change creatives and see previews; no campaigns.',
        },
        {
          id: 'ad_manager',
          label: 'Ad manager',
          description: 'Create and change campaigns and see statistics; cannot manage users.',
        },
        {
          id: 'account_admin',
          label: 'Account administrator',
          description: 'Full access, including adding and removing users and changing settings.',
        },
      ],
    },
  ],
} as const satisfies PlatformManifest;

/** Our level id → X's permission name (authenticated_user_access) and ads manager's label. */
export const X_PERMISSIONS = {
  analyst: { permission: 'ANALYST', label: 'Organic analyst' },
  campaign_analyst: { permission: 'CAMPAIGN_ANALYST', label: 'Campaign analyst' },
  creative_manager: { permission: 'CREATIVE_MANAGER', label: 'Creative manager' },
  ad_manager: { permission: 'AD_MANAGER', label: 'Ad manager' },
  account_admin: { permission: 'ACCOUNT_ADMIN', label: 'Account administrator' },
} as const;
export type XLevel = keyof typeof X_PERMISSIONS;
