/**
 * Google Tag Manager as pure data: account access (user, admin) and container access (read,
 * edit, approve, publish) for the agency's Google account, through user permissions.
 * Facts and sources: docs/platforms/gtm.md and ../shared/platforms/google-api.md §4.
 */
import type { PlatformManifest } from '../types.ts';

export const gtmManifest = {
  id: 'gtm',
  name: 'Google Tag Manager',
  docsPath: 'docs/platforms/gtm.md',
  agencyIdentityLabel: 'Google account',
  verification: 'api',
  sandbox: 'google',
  oauth: {
    pkce: true,
    scopes: [
      'https://www.googleapis.com/auth/tagmanager.manage.users',
      'https://www.googleapis.com/auth/tagmanager.readonly',
      'openid',
      'email',
    ],
    authorizePath: 'o/oauth2/v2/auth',
    tokenPath: 'token',
  },
  apiPaths: {
    accounts: 'tagmanager/v2/accounts',
    containers: 'tagmanager/v2/{parent}/containers',
    userPermissions: 'tagmanager/v2/{parent}/user_permissions',
    userPermission: 'tagmanager/v2/{path}',
    userinfo: 'v1/userinfo',
  },
  // No figure in the sources read (a choice); Tag Manager answers 429 when throttling.
  rateLimit: { requestsPerSecond: 2, burst: 5, maxConcurrency: 2, defaultRetryAfterMs: 5000 },
  // The effective-access explainer's words (src/domain/effective-access.ts): the agency's Google
  // account and its user permission in the Tag Manager account.
  accessExplainer: {
    reasons: {
      asset_assignment:
        '{who} has a user permission in Tag Manager account {via} (account access: {role}) that gives {level} on it.',
    },
    relations: { user_permission: 'a user permission' },
  },
  assetTypes: [
    {
      id: 'gtm_account',
      label: 'Tag Manager account',
      platformKey: 'accountAccess',
      grantMethod: 'api',
      levels: [
        {
          id: 'user',
          label: 'User',
          description: 'See the account; container access is given per container.',
        },
        {
          id: 'admin',
          label: 'Administrator',
          description: 'Manage the account, its users and its containers.',
        },
      ],
    },
    {
      id: 'gtm_container',
      label: 'Tag Manager container',
      platformKey: 'containerAccess',
      grantMethod: 'api',
      levels: [
        { id: 'read', label: 'Read', description: 'See the tags, triggers and variables.' },
        { id: 'edit', label: 'Edit', description: 'Read, plus create workspaces and change them.' },
        { id: 'approve', label: 'Approve', description: 'Edit, plus create versions.' },
        {
          id: 'publish',
          label: 'Publish',
          description: 'Approve, plus publish versions to the live site.',
        },
      ],
    },
  ],
} as const satisfies PlatformManifest;

export const ACCOUNT_LEVELS = ['user', 'admin'];
export const CONTAINER_LEVELS = ['read', 'edit', 'approve', 'publish'];
