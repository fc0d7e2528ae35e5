/**
 * TikTok for Business as pure data: what can be asked for, at which levels, and how each asset
 * type reaches the agency. Facts and sources: ../../../docs/platforms/tiktok.md and
 * ../shared/platforms/tiktok-api.md (the wire contract).
 */
import type { PlatformManifest } from '../types.ts';

export const tiktokManifest = {
  id: 'tiktok',
  name: 'TikTok',
  docsPath: 'docs/platforms/tiktok.md',
  agencyIdentityLabel: 'Business Center',
  verification: 'api',
  sandbox: 'tiktok',
  oauth: {
    // portal/auth takes app_id, redirect_uri and state only: no PKCE (tiktok-api.md §1).
    pkce: false,
    // Scopes are chosen on the app in TikTok's developer portal, not in the URL; the token reports
    // numeric scope IDs whose meanings are unpublished (tiktok-api.md unverified item 7).
    scopes: [],
    authorizePath: 'portal/auth',
    tokenPath: 'oauth2/access_token/',
  },
  apiPaths: {
    oauth2AccessToken: 'oauth2/access_token/',
    oauth2AdvertiserGet: 'oauth2/advertiser/get/',
    oauth2RevokeToken: 'oauth2/revoke_token/',
    bcGet: 'bc/get/',
    bcAssetGet: 'bc/asset/get/',
    bcAssetAdminGet: 'bc/asset/admin/get/',
    bcAssetAdminDelete: 'bc/asset/admin/delete/',
    bcAssetMemberGet: 'bc/asset/member/get/',
    bcAssetPartnerGet: 'bc/asset/partner/get/',
    bcPartnerAdd: 'bc/partner/add/',
    bcPartnerAssetGet: 'bc/partner/asset/get/',
    bcPartnerAssetDelete: 'bc/partner/asset/delete/',
    bcPartnerDelete: 'bc/partner/delete/',
    bcAssetAccountAuthorization: 'bc/asset/account/authorization/',
  },
  // TikTok publishes no fixed numbers (limits depend on the app's tier): a conservative default
  // (SECURITY-RELIABILITY.md §4). Throttling answers 40100/40132 without a wait time.
  rateLimit: { requestsPerSecond: 10, burst: 20, maxConcurrency: 4, defaultRetryAfterMs: 1000 },
  // The effective-access explainer's words (src/domain/effective-access.ts).
  accessExplainer: {
    reasons: {
      business_admin:
        '{who} is {role} of Business Center {business}, so reaches every asset it holds; the Business Center holds it through {relation}{source}; level: {level}.',
      asset_assignment:
        '{who} is {role} in Business Center {business} and was assigned this asset; the Business Center holds it through {relation}{source}; level: {level}.',
    },
    relations: {
      partner_share: 'a partner share',
      individual_link: "a link from the account owner's TikTok account",
      owner: 'ownership',
    },
  },
  assetTypes: [
    {
      id: 'advertiser',
      label: 'Ad account',
      platformKey: 'ADVERTISER',
      grantMethod: 'api',
      levels: [
        { id: 'ANALYST', label: 'Analyst', description: 'Can only view ads and data.' },
        {
          id: 'OPERATOR',
          label: 'Operator',
          description: 'Can create and edit campaigns and view data.',
        },
        {
          id: 'ADMIN',
          label: 'Admin',
          description:
            "Manages the account's finance, settings and permissions, and can create and edit campaigns.",
        },
      ],
    },
    {
      id: 'tiktok_account',
      label: 'TikTok account',
      platformKey: 'TT_ACCOUNT',
      grantMethod: 'qr_code',
      levels: [
        {
          id: 'AD_DELIVERY',
          label: 'Deliver ads',
          description:
            "Advertise with the account's posts (Spark Ads) without managing the profile.",
        },
      ],
    },
    {
      id: 'pixel',
      label: 'Pixel',
      platformKey: 'PIXEL',
      grantMethod: 'manual',
      levels: [
        {
          id: 'SHARED',
          label: 'Shared',
          description: 'Use the pixel for conversion tracking (TikTok has no pixel roles).',
        },
      ],
    },
    {
      id: 'catalog',
      label: 'Catalog',
      platformKey: 'CATALOG',
      grantMethod: 'manual',
      levels: [
        { id: 'AD_PROMOTE', label: 'Ad promote', description: 'Use the catalog in ads.' },
        { id: 'ADMIN', label: 'Admin', description: 'Manage the catalog and its products.' },
      ],
    },
  ],
} as const satisfies PlatformManifest;

export type TikTokAssetTypeId = (typeof tiktokManifest.assetTypes)[number]['id'];
export type TikTokAssetKey = (typeof tiktokManifest.assetTypes)[number]['platformKey'];

/** TikTok's BCAsset key for one of our asset type ids (undefined for an unknown id). */
export function tiktokKeyOf(typeId: string): TikTokAssetKey | undefined {
  return tiktokManifest.assetTypes.find((t) => t.id === typeId)?.platformKey;
}

/** Our asset type id for a TikTok BCAsset key (undefined for types Latchkey does not model). */
export function tiktokTypeOf(key: string): TikTokAssetTypeId | undefined {
  return tiktokManifest.assetTypes.find((t) => t.platformKey === key)?.id;
}
