/**
 * Reading back, in one call, the ad accounts just shared in one call. After a batched share
 * (share-batching.ts) the grants of one approval each read back their own ad account at the same
 * moment: by keyword, that is one `bc/asset/admin/get/` each (20 grants, 20 calls, 2 s of TikTok's
 * default 10 calls/s). When the agency's Business Center is small enough for one page to hold it
 * all, one read of every page answers them all.
 *
 * Sharing one read is safe here, unlike joining a read already in flight (singleflight): the read
 * starts after every grant that waits for it has asked, and each asks only once its own share
 * was answered, so the read sees every write it is asked about.
 *
 * Whether the BC is small is known from the last time this connector read all of it (the read
 * before sharing does: `noteSize`). That number only picks the strategy: a BC that grew since is
 * still read to its last page, and an unknown or large BC is read back asset by asset as before.
 */
import type { AgencyIdentity } from '../types.ts';
import { findAgencyHolding, holdingOf, readAgencyBc, type AgencyHolding } from './agency-side.ts';
import type { BcAssetKey } from './api.ts';
import type { TikTokClient } from './client.ts';

/** One page of `bc/asset/admin/get/` (its page_size maximum, tiktok-api.md §4a). */
const PAGE_SIZE = 50;

export interface ReadBacks {
  /** Records how many relations of a type a read of every page found in a BC. */
  noteSize(bcId: string, key: BcAssetKey, count: number): void;
  /** The agency's holding of an asset it was just given (a read-back after a write). */
  readBack(
    agency: AgencyIdentity,
    key: BcAssetKey,
    assetId: string,
  ): Promise<AgencyHolding | undefined>;
}

interface Waiting {
  readonly assetId: string;
  readonly resolve: (holding: AgencyHolding | undefined) => void;
  readonly reject: (error: unknown) => void;
}

interface Batch {
  readonly agency: AgencyIdentity;
  readonly key: BcAssetKey;
  readonly waiting: Waiting[];
}

/** Read-backs asked for in the same turn of the event loop, per agency token, BC and type. */
export function batchedReadBacks(client: TikTokClient): ReadBacks {
  const sizes = new Map<string, number>();
  const open = new Map<string, Batch>();
  const sizeKey = (bcId: string, key: BcAssetKey) => `${bcId} ${key}`;

  const alone = (batch: Batch, w: Waiting) =>
    findAgencyHolding({ client }, batch.agency, batch.key, w.assetId, { expected: true }).then(
      w.resolve,
      w.reject,
    );

  const flush = async (batch: Batch): Promise<void> => {
    const { agency, key, waiting } = batch;
    const known = sizes.get(sizeKey(agency.businessId, key));
    const fits = known !== undefined && known + waiting.length <= PAGE_SIZE;
    if (waiting.length < 2 || !fits) {
      await Promise.all(waiting.map((w) => alone(batch, w)));
      return;
    }
    try {
      const items = await readAgencyBc(client, agency, key);
      sizes.set(sizeKey(agency.businessId, key), items.length);
      for (const w of waiting) w.resolve(holdingOf(items, w.assetId, key));
    } catch (error) {
      for (const w of waiting) w.reject(error);
    }
  };

  return {
    noteSize: (bcId, key, count) => sizes.set(sizeKey(bcId, key), count),
    readBack: (agency, key, assetId) =>
      new Promise((resolve, reject) => {
        const id = JSON.stringify([agency.accessToken, agency.businessId, key]);
        let batch = open.get(id);
        if (!batch) {
          const created: Batch = { agency, key, waiting: [] };
          batch = created;
          open.set(id, created);
          setImmediate(() => {
            open.delete(id);
            void flush(created);
          });
        }
        batch.waiting.push({ assetId, resolve, reject });
      }),
  };
}
