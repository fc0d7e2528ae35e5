/**
 * Reading back, in waves, the ad accounts just shared. After a batched share (share-batching.ts)
 * each grant reads back its own ad account. Read by keyword, that is one `bc/asset/admin/get/`
 * per grant (1,000 grants, 1,000 calls: 100 s of TikTok's default 10 calls/s); one read of every
 * page of the agency's BC answers them all in ceil(size / 50) calls.
 *
 * So read-backs wait for a wave to end: until every share to the agency's BC that was waiting or
 * in flight in this process when the wave began has been answered (`settled`; shares made later
 * belong to the next wave, so a steady stream of them cannot starve it, and shares held back by
 * the rate limiter do not split a wave into many), and until the wave's read in flight, if any,
 * is over. Then one read serves every grant waiting, unless reading by keyword is fewer calls (a
 * few grants in a big BC).
 *
 * Sharing one read is safe here, unlike joining a read already in flight (singleflight): the read
 * starts after every grant that waits for it has asked, and each asks only once its own share
 * was answered, so the read sees every write it is asked about.
 *
 * The BC's size is known from the last time this connector read all of it (the read before
 * sharing does: `noteSize`), plus the ad accounts this process shared to it since (`shared`):
 * other waves' shares land in the BC too, and a read that expects too few pages reads page 1,
 * learns the count, and reads the rest in a second round trip. The size only picks the strategy
 * and the pages asked for at once: the read still goes to the last page.
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

/** What the share batcher tells the read-backs (share-batching.ts). */
export interface ShareLedger {
  /** Resolves when the shares to the BC pending here when it was called are answered. */
  settled(partnerId: string): Promise<void>;
  /** Ad accounts shared to the BC by this process so far. */
  shared(partnerId: string): number;
}

interface Wave {
  readonly agency: AgencyIdentity;
  readonly key: BcAssetKey;
  readonly waiting: Waiting[];
}

/**
 * Read-backs in waves, per agency token, BC and type, told by the share batcher when the shares
 * of a wave are answered and how many went through; without it a wave is one turn of the event
 * loop and expects only its own ad accounts beyond the BC's known size.
 */
export function batchedReadBacks(
  client: TikTokClient,
  shares: ShareLedger = { settled: () => Promise.resolve(), shared: () => 0 },
): ReadBacks {
  /** Per BC and type: its size at the last read of every page, and `shared` at that moment. */
  const sizes = new Map<string, { count: number; sharedThen: number }>();
  const gathering = new Map<string, Wave>();
  const reading = new Map<string, Promise<void>>();
  const sizeKey = (bcId: string, key: BcAssetKey) => `${bcId} ${key}`;
  // Only ad accounts are shared through the batcher (`bc/partner/add/` with ADVERTISER).
  const sharedTo = (bcId: string, key: BcAssetKey) =>
    key === 'ADVERTISER' ? shares.shared(bcId) : 0;
  const noteSize = (bcId: string, key: BcAssetKey, count: number) =>
    sizes.set(sizeKey(bcId, key), { count, sharedThen: sharedTo(bcId, key) });
  /**
   * The BC's expected size now: its size when last read whole, plus what this process shared
   * to it since, and never less than that size plus the wave's own ad accounts (a share that
   * failed may still have gone through). Undefined when the BC was never read whole here.
   */
  const expectedSize = (bcId: string, key: BcAssetKey, waveSize: number) => {
    const known = sizes.get(sizeKey(bcId, key));
    if (!known) return undefined;
    const sharedSince = sharedTo(bcId, key) - known.sharedThen;
    return known.count + Math.max(sharedSince, waveSize);
  };

  const alone = (wave: Wave, w: Waiting) =>
    findAgencyHolding({ client }, wave.agency, wave.key, w.assetId, { expected: true }).then(
      w.resolve,
      w.reject,
    );

  const read = async (wave: Wave): Promise<void> => {
    const { agency, key, waiting } = wave;
    const known = expectedSize(agency.businessId, key, waiting.length);
    const pages = known === undefined ? Infinity : Math.ceil(known / PAGE_SIZE);
    if (waiting.length < 2 || pages >= waiting.length) {
      await Promise.all(waiting.map((w) => alone(wave, w)));
      return;
    }
    try {
      // The wave knows how many pages to expect (the BC's size and every share since), so it
      // reads them side by side at once: one round trip, not one for page 1 and one for the rest.
      const items = await readAgencyBc(client, agency, key, { expectedPages: pages });
      noteSize(agency.businessId, key, items.length);
      for (const w of waiting) w.resolve(holdingOf(items, w.assetId, key));
    } catch (error) {
      for (const w of waiting) w.reject(error);
    }
  };

  const start = (id: string, wave: Wave) => {
    void (async () => {
      await shares.settled(wave.agency.businessId);
      await reading.get(id);
      // Read-backs that arrive from here on wait for the next wave.
      if (gathering.get(id) === wave) gathering.delete(id);
      const done = read(wave);
      reading.set(id, done);
      await done;
      if (reading.get(id) === done) reading.delete(id);
    })();
  };

  return {
    noteSize,
    readBack: (agency, key, assetId) =>
      new Promise((resolve, reject) => {
        const id = JSON.stringify([agency.accessToken, agency.businessId, key]);
        let wave = gathering.get(id);
        if (!wave) {
          wave = { agency, key, waiting: [] };
          gathering.set(id, wave);
          // One turn later, so read-backs asked in the same turn join before the wait starts.
          const created = wave;
          setImmediate(() => start(id, created));
        }
        wave.waiting.push({ assetId, resolve, reject });
      }),
  };
}
