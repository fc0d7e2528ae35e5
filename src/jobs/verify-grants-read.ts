/**
 * Reading every granted asset of one agency on one platform: one `listAgencyHoldings` read per
 * asset type when the connector offers it (each page retried on its own), else one `readAccess`
 * per asset. Every read goes through the retry loop; a read that still fails gives `failed`
 * results (unknown), never lost.
 */
import type { Reading } from '../domain/drift.ts';
import type { Platform } from '../platforms/types.ts';
import type { LifecycleGrant } from '../store/verifications-grants.ts';
import { agencyIdentityFor } from './grant-deps.ts';
import { describeError, withPlatformRetry, type LifecycleDeps } from './verify-grants-deps.ts';
import { ownValue } from '../lib/own.ts';

export type ReadResult =
  | { readonly kind: 'read'; readonly reading: Reading }
  | { readonly kind: 'failed'; readonly error: string };

/** Reads the agency's current access to each grant's asset; results by grant id. */
export async function readGrantedAssets(
  deps: LifecycleDeps,
  agencyId: string,
  platformId: string,
  grants: readonly LifecycleGrant[],
): Promise<Map<string, ReadResult>> {
  const results = new Map<string, ReadResult>();
  const failAll = (error: string) => {
    for (const grant of grants) results.set(grant.id, { kind: 'failed', error });
    return results;
  };
  const platform: Platform | undefined = ownValue(deps.platforms, platformId);
  if (!platform) return failAll(`Latchkey has no connector for ${platformId}`);
  let agency;
  try {
    agency = await agencyIdentityFor(deps, agencyId, platformId);
  } catch (error) {
    return failAll(describeError(error));
  }
  const retry = <T>(operation: () => Promise<T>) => withPlatformRetry(deps, platformId, operation);
  if (platform.listAgencyHoldings) {
    const list = platform.listAgencyHoldings.bind(platform);
    const types = [...new Set(grants.map((g) => g.assetType))];
    for (const type of types) {
      const ofType = grants.filter((g) => g.assetType === type);
      try {
        // Each page is retried on its own: a list of 20 pages with 10% transient errors would
        // rarely succeed as a whole (0.9^20), so retrying the list left most of it unknown.
        const held = await list({ agency, assetTypes: [type], retryPage: retry });
        for (const grant of ofType) {
          const found = held.find((h) => h.id === grant.assetId);
          results.set(grant.id, { kind: 'read', reading: found?.reading ?? { kind: 'lost' } });
        }
      } catch (error) {
        for (const grant of ofType) {
          results.set(grant.id, { kind: 'failed', error: describeError(error) });
        }
      }
    }
    return results;
  }
  for (const grant of grants) {
    const asset = {
      type: grant.assetType,
      id: grant.assetId,
      ...(grant.ownerId ? { ownerId: grant.ownerId } : {}),
    };
    try {
      const reading = await retry(() => platform.readAccess({ agency, asset }));
      results.set(grant.id, { kind: 'read', reading });
    } catch (error) {
      results.set(grant.id, { kind: 'failed', error: describeError(error) });
    }
  }
  return results;
}
