/**
 * What every part of the TikTok connector receives from `createTikTokConnector`: the transport,
 * the app credentials and the URLs, all injected (STYLE.md 3), never read from the environment.
 */
import type { App } from './api.ts';
import type { TikTokClient } from './client.ts';
import type { RecentReads } from '../../lib/recent-reads.ts';
import type { ReadBacks } from './read-back-batching.ts';
import type { AssetItem } from './schemas.ts';
import type { ShareAdvertiser } from './share-batching.ts';

export interface TikTokDeps {
  readonly client: TikTokClient;
  /** `bc/partner/add/` for one ad account, batched with the shares made at the same moment. */
  readonly shareAdvertiser: ShareAdvertiser;
  /** Read-backs after a write, sharing one read of a small BC when they come together. */
  readonly readBacks: ReadBacks;
  /** The latest read of each agency BC before sharing, shared by grants it is recent enough for. */
  readonly agencyReads: RecentReads<AssetItem[]>;
  readonly app: App;
  /** Base of `portal/auth` (https://business-api.tiktok.com, or the sandbox prefix). */
  readonly authBaseUrl: string;
  /** Where a person does a manual step (TikTok Business Center, or the sandbox console). */
  readonly businessCenterUrl: string;
}
