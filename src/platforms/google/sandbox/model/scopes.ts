// Which OAuth scopes each API accepts (google-api.md §1 "Scopes"; [AA], [TM-D], [SC-D], Ads protos).

const G = 'https://www.googleapis.com/auth/';

export const SCOPES = {
  adwords: [`${G}adwords`],
  analyticsUsersWrite: [`${G}analytics.manage.users`],
  analyticsUsersRead: [`${G}analytics.manage.users`, `${G}analytics.manage.users.readonly`],
  analyticsRead: [
    `${G}analytics.readonly`,
    `${G}analytics.edit`,
    `${G}analytics.manage.users`,
    `${G}analytics.manage.users.readonly`,
  ],
  tagmanagerUsers: [`${G}tagmanager.manage.users`],
  tagmanagerAccounts: [
    `${G}tagmanager.readonly`,
    `${G}tagmanager.edit.containers`,
    `${G}tagmanager.manage.accounts`,
  ],
  tagmanagerContainers: [`${G}tagmanager.readonly`, `${G}tagmanager.edit.containers`],
  userinfo: ['openid', 'email', `${G}userinfo.email`],
  businessManage: [`${G}business.manage`],
  webmastersRead: [`${G}webmasters.readonly`, `${G}webmasters`],
  content: [`${G}content`],
} as const;

/** Every scope the sandbox's consent screen knows, with the text shown to the user. */
export const SCOPE_LABELS: Record<string, string> = {
  [`${G}adwords`]: 'See, edit, create and delete your Google Ads accounts and data.',
  [`${G}analytics.manage.users`]: 'Manage Google Analytics account users by email address',
  [`${G}analytics.manage.users.readonly`]: 'View Google Analytics user permissions',
  [`${G}analytics.readonly`]: 'See and download your Google Analytics data',
  [`${G}analytics.edit`]: 'Edit Google Analytics management entities',
  [`${G}tagmanager.manage.users`]:
    'Manage user permissions of your Google Tag Manager account and container',
  [`${G}tagmanager.readonly`]: 'View your Google Tag Manager container and its subcomponents',
  [`${G}tagmanager.edit.containers`]:
    'Manage your Google Tag Manager container and its subcomponents',
  [`${G}tagmanager.manage.accounts`]: 'View and manage your Google Tag Manager accounts',
  [`${G}webmasters.readonly`]: 'View Search Console data for your verified sites',
  [`${G}webmasters`]: 'View and manage Search Console data for your verified sites',
  [`${G}business.manage`]: 'See, edit, create and delete your Google business listings',
  [`${G}content`]: 'Manage your product listings and accounts for Google Shopping',
  openid: 'Associate you with your personal info on Google',
  email: 'See your primary Google Account email address',
  [`${G}userinfo.email`]: 'See your primary Google Account email address',
};
