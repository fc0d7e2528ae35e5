/**
 * Sharing ad accounts in batches. `bc/partner/add/` takes up to 50 `asset_ids` per call
 * (tiktok-api.md §9a), and the grants of one approval reach it in the same moment: the same
 * client token, owner BC, agency BC and role. Shares made together go in one call, which spares
 * TikTok's rate limit (20 grants: 1 write instead of 20) and lets the read-backs start together.
 *
 * A batch that fails is never retried here as a batch:
 * - a retryable error (throttled, unavailable) reaches every grant of the batch, and each job
 *   retries with its own backoff, re-reading TikTok before it shares again (execute-grant.ts);
 * - any other error (a refusal, or a partial success: TikTok's 20001 PARTIAL_OK, whose split is
 *   unverified) reaches each grant as `ShareBatchRefused`, and each grant finds out alone whether
 *   its asset went through and shares it alone if not, so one bad asset fails only its own grant.
 */
import { PlatformError } from '../errors.ts';
import { bcPartnerAdd } from './api.ts';
import type { TikTokClient } from './client.ts';

export interface AdvertiserShare {
  /** The token of an admin of the owner BC. */
  readonly token: string;
  readonly bcId: string;
  readonly partnerId: string;
  readonly assetId: string;
  readonly advertiserRole: string;
}

/** Shares one ad account; resolves once TikTok accepted the call that carried it. */
export interface ShareAdvertiser {
  (share: AdvertiserShare): Promise<void>;
  /**
   * Resolves once every share to this partner BC that is waiting or in flight here now has been
   * answered (or refused): the moment one read of the partner's BC can read back every share of
   * the wave (read-back-batching.ts). Shares made after the call are not waited for, so a steady
   * stream of approvals cannot hold a wave back, however slowly the rate limit lets shares out.
   */
  settled(this: void, partnerId: string): Promise<void>;
  /**
   * Announces a share to this partner BC that is on its way (the grant is still reading the
   * agency's BC before sharing): until the returned release is called, or the share is made, it
   * counts as pending for `settled`, so the read-back wave of the shares answered meanwhile waits
   * for it instead of reading the whole BC once for them and again for it. Release it before
   * reading back (the read-back waits for `settled`); releasing twice is harmless.
   */
  announce(this: void, partnerId: string): () => void;
  /**
   * How many ad accounts this process has shared to the partner BC so far (calls TikTok
   * accepted): what a read of that BC finds beyond its last known size, so the read-back of a
   * wave can ask for every page at once (read-back-batching.ts).
   */
  shared(this: void, partnerId: string): number;
}

/** The batch this share went in was refused as a whole: retry it alone to get its own answer. */
export class ShareBatchRefused extends Error {
  override readonly name = 'ShareBatchRefused';

  constructor(readonly refusal: unknown) {
    super('TikTok refused a batch of ad-account shares; each is retried alone');
  }
}

/** TikTok's maximum `asset_ids` per `bc/partner/add/` call (tiktok-api.md §9a). */
export const MAX_SHARE_BATCH = 50;

interface Waiting {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

interface Batch {
  readonly first: AdvertiserShare;
  readonly assetIds: Set<string>;
  readonly waiting: Waiting[];
}

/**
 * A share function that sends the shares made in the same turn of the event loop (up to 50 with
 * the same token, owner BC, partner and role) as one `bc/partner/add/` call. A share made alone is
 * sent alone and fails with TikTok's own error, exactly as an unbatched call would.
 */
export function batchedAdvertiserShares(client: TikTokClient): ShareAdvertiser {
  const open = new Map<string, Batch>();
  /** The shares to each partner BC not yet answered, each settling when its call is answered. */
  const pending = new Map<string, Set<Promise<void>>>();
  const track = (partnerId: string, answered: Promise<void>) => {
    const shares = pending.get(partnerId) ?? new Set();
    pending.set(partnerId, shares);
    shares.add(answered);
    const untrack = () => {
      shares.delete(answered);
      if (shares.size === 0 && pending.get(partnerId) === shares) pending.delete(partnerId);
    };
    answered.then(untrack, untrack);
  };

  const sharedTo = new Map<string, number>();

  const send = async (batch: Batch): Promise<void> => {
    const assetIds = [...batch.assetIds];
    const { partnerId } = batch.first;
    try {
      await bcPartnerAdd(client, batch.first.token, {
        bcId: batch.first.bcId,
        partnerId,
        assetIds,
        advertiserRole: batch.first.advertiserRole,
      });
      sharedTo.set(partnerId, (sharedTo.get(partnerId) ?? 0) + assetIds.length);
      for (const w of batch.waiting) w.resolve();
    } catch (error) {
      const alone = assetIds.length === 1;
      const retryable = error instanceof PlatformError && error.retryable;
      const answer = alone || retryable ? error : new ShareBatchRefused(error);
      for (const w of batch.waiting) w.reject(answer);
    }
  };

  const share = (share: AdvertiserShare) => {
    const answered = new Promise<void>((resolve, reject) => {
      const key = JSON.stringify([share.token, share.bcId, share.partnerId, share.advertiserRole]);
      let batch = open.get(key);
      if (!batch) {
        const created: Batch = { first: share, assetIds: new Set(), waiting: [] };
        batch = created;
        open.set(key, created);
        setImmediate(() => {
          if (open.get(key) !== created) return;
          open.delete(key);
          void send(created);
        });
      }
      batch.assetIds.add(share.assetId);
      batch.waiting.push({ resolve, reject });
      if (batch.assetIds.size >= MAX_SHARE_BATCH) {
        open.delete(key);
        void send(batch);
      }
    });
    track(share.partnerId, answered);
    return answered;
  };
  const settled = async (partnerId: string) => {
    await Promise.allSettled([...(pending.get(partnerId) ?? [])]);
  };
  const announce = (partnerId: string) => {
    let release = () => {};
    track(partnerId, new Promise<void>((resolve) => (release = resolve)));
    return release;
  };
  const shared = (partnerId: string) => sharedTo.get(partnerId) ?? 0;
  return Object.assign(share, { settled, announce, shared });
}
