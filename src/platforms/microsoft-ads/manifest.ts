/**
 * Microsoft Advertising as pure data: one asset type (an ad account) reaching the agency through a
 * client link to its manager account, or, as the fallback, through a user invitation the agency's
 * person accepts by email. Facts and sources: docs/platforms/microsoft-ads.md and
 * docs/platforms/microsoft-ads-api.md (the wire contract).
 */
import type { PlatformManifest } from '../types.ts';

export const MICROSOFT_ADS_SCOPES = ['https://ads.microsoft.com/msads.manage', 'offline_access'];

export const microsoftAdsManifest = {
  id: 'microsoft_ads',
  name: 'Microsoft Advertising',
  docsPath: 'docs/platforms/microsoft-ads.md',
  agencyIdentityLabel: 'manager account',
  verification: 'api',
  sandbox: 'microsoft-ads',
  oauth: {
    // The identity platform supports PKCE for web apps with a secret too (contract §1).
    pkce: true,
    scopes: MICROSOFT_ADS_SCOPES,
    authorizePath: 'authorize',
    tokenPath: 'token',
  },
  apiPaths: {
    getUser: 'User/Query',
    getCustomer: 'Customer/Query',
    getAccountsInfo: 'AccountsInfo/Query',
    addClientLinks: 'ClientLinks',
    updateClientLinks: 'ClientLinks',
    searchClientLinks: 'ClientLinks/Search',
    sendUserInvitation: 'UserInvitation/Send',
    searchUserInvitations: 'UserInvitations/Search',
  },
  // Customer Management publishes no call rate (contract unverified 1); the documented CallRate
  // advice elsewhere is "wait 60 seconds", so a modest bucket and 60 s when no Retry-After comes.
  rateLimit: { requestsPerSecond: 2, burst: 5, maxConcurrency: 2, defaultRetryAfterMs: 60_000 },
  accessExplainer: {
    reasons: {
      business_member:
        '{who} is a user of manager account {business} with role {role}, so reaches every client account linked to it; the manager account holds it through {relation}{source}.',
    },
    relations: { client_link: 'a client link', user_role: 'a user role' },
  },
  assetTypes: [
    {
      id: 'ad_account',
      label: 'Microsoft Advertising account',
      platformKey: 'AdvertiserAccount',
      grantMethod: 'api',
      levels: [
        {
          id: 'viewer',
          label: 'Viewer (invitation)',
          description:
            "A person at the agency is invited as a Viewer of the account: they can see campaigns and reports but change nothing. They accept the invitation from Microsoft's email.",
        },
        {
          id: 'standard',
          label: 'Standard user (invitation)',
          description:
            "A person at the agency is invited as a Standard user of the account: they can manage campaigns but not payment methods or users. They accept the invitation from Microsoft's email.",
        },
        {
          id: 'client_link',
          label: 'Agency link (manager account)',
          description:
            "The account is linked to the agency's manager account: the agency's people manage it with the roles they hold in that manager account, and you keep paying for it.",
        },
      ],
    },
  ],
} as const satisfies PlatformManifest;

export const CLIENT_LINK_LEVEL = 'client_link';
/** The invitation levels and their RoleId (contract §2). */
export const INVITATION_ROLES: Readonly<Record<string, number>> = { viewer: 100, standard: 203 };
