/**
 * Shopify as pure data: no public API creates collaborator requests or can read them for every
 * store (other-platforms.md §10). The client types the store URL and optional 4-digit collaborator
 * request code; the agency requests access from its Partner Dashboard and marks it done. Latchkey
 * calls no Shopify API. Facts and choices: docs/platforms/shopify.md.
 */
import type { PlatformManifest } from '../types.ts';

export const shopifyManifest = {
  id: 'shopify',
  name: 'Shopify',
  docsPath: 'docs/platforms/shopify.md',
  agencyIdentityLabel: 'Partner organization',
  verification: 'agency_confirmation',
  sandbox: null,
  oauth: null,
  apiPaths: {},
  // Never used (no calls); the limiter's data must still be valid.
  rateLimit: { requestsPerSecond: 1, burst: 1, maxConcurrency: 1, defaultRetryAfterMs: 5000 },
  assetTypes: [
    {
      id: 'shopify_store',
      label: 'Shopify store (collaborator access)',
      platformKey: 'collaborator',
      grantMethod: 'guided',
      clientInput: 'store_and_code',
      levels: [
        {
          id: 'collaborator',
          label: 'Collaborator',
          description:
            'The permissions the agency asks for in its collaborator request; you review them before accepting.',
        },
      ],
    },
  ],
} as const satisfies PlatformManifest;
