/**
 * Google Analytics 4 as pure data: accounts and properties shared by an access binding for the
 * agency's Google account, at viewer, analyst, editor or admin. Facts and sources:
 * docs/platforms/ga4.md and ../shared/platforms/google-api.md §3.
 */
import type { PermissionLevelManifest, PlatformManifest } from '../types.ts';

const levels: readonly PermissionLevelManifest[] = [
  { id: 'viewer', label: 'Viewer', description: 'See reports and configuration data.' },
  {
    id: 'analyst',
    label: 'Analyst',
    description: 'Viewer, plus create and share explorations, audiences and comparisons.',
  },
  {
    id: 'editor',
    label: 'Editor',
    description: 'Analyst, plus change the property’s settings and data.',
  },
  {
    id: 'admin',
    label: 'Administrator',
    description: 'Full control, including managing who has access.',
  },
];

export const ga4Manifest = {
  id: 'ga4',
  name: 'Google Analytics 4',
  docsPath: 'docs/platforms/ga4.md',
  agencyIdentityLabel: 'Google account',
  verification: 'api',
  sandbox: 'google',
  oauth: {
    pkce: true,
    // manage.users to create bindings; readonly to list accounts; openid+email to know the user.
    scopes: [
      'https://www.googleapis.com/auth/analytics.manage.users',
      'https://www.googleapis.com/auth/analytics.readonly',
      'openid',
      'email',
    ],
    authorizePath: 'o/oauth2/v2/auth',
    tokenPath: 'token',
  },
  apiPaths: {
    accountSummaries: 'v1alpha/accountSummaries',
    accessBindings: 'v1alpha/{parent}/accessBindings',
    accessBinding: 'v1alpha/{name}',
    userinfo: 'v1/userinfo',
  },
  // No figure in the sources read (a choice; GA Admin answers 429 RESOURCE_EXHAUSTED).
  rateLimit: { requestsPerSecond: 5, burst: 10, maxConcurrency: 2, defaultRetryAfterMs: 5000 },
  // The effective-access explainer's words (src/domain/effective-access.ts): the agency's Google
  // account and its access bindings, on the asset or on the account over a property.
  accessExplainer: {
    reasons: {
      asset_assignment: '{who} has an access binding on it with the {level} role.',
      parent_access:
        '{who} has an access binding on Analytics account {via} with the {level} role, which covers every property in that account.',
    },
    relations: { access_binding: 'an access binding' },
  },
  assetTypes: [
    {
      id: 'ga4_account',
      label: 'Analytics account',
      platformKey: 'accounts',
      grantMethod: 'api',
      levels,
    },
    {
      id: 'ga4_property',
      label: 'GA4 property',
      platformKey: 'properties',
      grantMethod: 'api',
      levels,
    },
  ],
} as const satisfies PlatformManifest;

/** Latchkey level id → GA4 predefined role ([AA] AccessBinding.roles). */
export function ga4Role(level: string): string {
  return `predefinedRoles/${level}`;
}

/** The resource-name parent of an asset: accounts/{id} or properties/{id}. */
export function ga4Parent(type: string, id: string): string | undefined {
  const key = ga4Manifest.assetTypes.find((t) => t.id === type)?.platformKey;
  return key === undefined ? undefined : `${key}/${id}`;
}
