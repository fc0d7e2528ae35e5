/**
 * Removing many assets of one type from the agency's BC at once: `bc/asset/admin/delete/` takes a
 * list of `asset_ids` (tiktok-api.md §4b). The contract states no maximum; Latchkey sends at most
 * 50, TikTok's limit wherever one is stated for `asset_ids` (§9a, §8b). Batches go side by side
 * (the rate limiter paces them). The caller has read the BC (the offboarding plan's read) and
 * passes only assets the BC holds, so no read is made per asset.
 *
 * A batch refused as a whole (one asset gone since the read, or one TikTok will not remove) is
 * not retried as a batch: each of its assets is removed alone (revoke.ts, which reads first), so
 * one bad asset fails only its own step. A transient error is retried by `retry` (per call).
 */
import { PlatformError } from '../errors.ts';
import type { AgencyIdentity, RevokeOutcome } from '../types.ts';
import { bcAssetAdminDelete } from './api.ts';
import type { PageRetry } from './client.ts';
import type { TikTokDeps } from './deps.ts';
import { tiktokKeyOf } from './manifest.ts';
import { revokeTikTokAccess } from './revoke.ts';

/** The most asset_ids Latchkey sends in one removal call. */
export const MAX_REVOKE_BATCH = 50;

export type RevokeResult =
  | { readonly assetId: string; readonly outcome: RevokeOutcome }
  | { readonly assetId: string; readonly error: unknown };

/** Removes the agency BC's access to these assets (held, one type); one result per asset. */
export async function revokeTikTokAssets(
  deps: TikTokDeps,
  input: {
    agency: AgencyIdentity;
    assetType: string;
    assetIds: readonly string[];
    retry?: PageRetry;
  },
): Promise<RevokeResult[]> {
  const key = tiktokKeyOf(input.assetType);
  if (key === undefined) {
    const error = new PlatformError(
      'invalid',
      `Unknown TikTok asset type ${input.assetType}`,
      'bad_type',
    );
    return input.assetIds.map((assetId) => ({ assetId, error }));
  }
  const retry: PageRetry = input.retry ?? ((call) => call());
  const ids = [...new Set(input.assetIds)];
  const chunks = Array.from({ length: Math.ceil(ids.length / MAX_REVOKE_BATCH) }, (_, i) =>
    ids.slice(i * MAX_REVOKE_BATCH, (i + 1) * MAX_REVOKE_BATCH),
  );
  const alone = async (assetId: string): Promise<RevokeResult> => {
    try {
      const asset = { type: input.assetType, id: assetId };
      return {
        assetId,
        outcome: await retry(() => revokeTikTokAccess(deps, { agency: input.agency, asset })),
      };
    } catch (error) {
      return { assetId, error };
    }
  };
  const results = await Promise.all(
    chunks.map(async (chunk): Promise<RevokeResult[]> => {
      try {
        await retry(() =>
          bcAssetAdminDelete(deps.client, input.agency.accessToken, {
            bcId: input.agency.businessId,
            assetType: key,
            assetIds: chunk,
          }),
        );
        return chunk.map((assetId) => ({ assetId, outcome: { kind: 'revoked' as const } }));
      } catch (error) {
        const retryable = error instanceof PlatformError && error.retryable;
        if (chunk.length === 1 || retryable) return chunk.map((assetId) => ({ assetId, error }));
        return Promise.all(chunk.map(alone));
      }
    }),
  );
  return results.flat();
}
