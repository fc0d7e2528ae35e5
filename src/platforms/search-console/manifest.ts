/**
 * Google Search Console as pure data: no API adds users (google-api.md §5, item 10), so a property
 * is a guided step (the client adds the agency's Google email in Search Console's settings), then
 * verified through the API with the agency's own token (`sites.get`). Facts and choices:
 * docs/platforms/search-console.md.
 */
import type { PlatformManifest } from '../types.ts';

export const searchConsoleManifest = {
  id: 'search_console',
  name: 'Google Search Console',
  docsPath: 'docs/platforms/search-console.md',
  agencyIdentityLabel: 'Google account',
  verification: 'api',
  sandbox: 'google',
  oauth: {
    pkce: true,
    // webmasters.readonly for sites.get (the read-back); openid+email to name the agency's account.
    scopes: ['https://www.googleapis.com/auth/webmasters.readonly', 'openid', 'email'],
    authorizePath: 'o/oauth2/v2/auth',
    tokenPath: 'token',
  },
  apiPaths: {
    site: 'webmasters/v3/sites/{siteUrl}',
    userinfo: 'v1/userinfo',
  },
  // No figure in the sources read (a choice): only a few reads per property are ever made.
  rateLimit: { requestsPerSecond: 5, burst: 10, maxConcurrency: 2, defaultRetryAfterMs: 5000 },
  assetTypes: [
    {
      id: 'sc_property',
      label: 'Search Console property',
      platformKey: 'sites',
      grantMethod: 'guided',
      clientInput: 'site_url',
      levels: [
        {
          id: 'restricted',
          label: 'Restricted user',
          description: 'See most data; cannot change settings or add users.',
        },
        {
          id: 'full',
          label: 'Full user',
          description: 'See all data and take some actions; cannot add users.',
        },
      ],
    },
  ],
} as const satisfies PlatformManifest;
