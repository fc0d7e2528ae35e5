/**
 * The custom platform ("any tool") as data: one registered platform whose asset types are each
 * agency's own definitions, added per agency by `withCustomPlatforms` (manifests.ts). Latchkey
 * calls no API for it: the client follows the agency's steps and a person confirms.
 * Design: docs/platforms/custom.md.
 */
import type { PlatformManifest } from '../types.ts';

export const customManifest = {
  id: 'custom',
  name: 'Other tools',
  docsPath: 'docs/platforms/custom.md',
  agencyIdentityLabel: 'Agency',
  // Each definition says who confirms (its asset type's `verification`); this is the default.
  verification: 'client_confirmation',
  sandbox: null,
  oauth: null,
  apiPaths: {},
  // Never used (no calls); the limiter's data must still be valid.
  rateLimit: { requestsPerSecond: 1, burst: 1, maxConcurrency: 1, defaultRetryAfterMs: 5000 },
  assetTypes: [],
} as const satisfies PlatformManifest;
