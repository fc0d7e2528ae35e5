/** Every platform the lifecycle benchmark covers: each reads and revokes access by API. */
import type { PlatformBench } from './core.ts';
import { googleAdsBench } from './google-ads.ts';
import { linkedinBench } from './linkedin.ts';
import { metaBench } from './meta.ts';
import { microsoftAdsBench } from './microsoft-ads.ts';
import { pinterestBench } from './pinterest.ts';
import { snapchatBench } from './snapchat.ts';
import { tiktokBench } from './tiktok.ts';

export const platformBenches: readonly PlatformBench[] = [
  tiktokBench,
  metaBench,
  googleAdsBench,
  linkedinBench,
  pinterestBench,
  microsoftAdsBench,
  snapchatBench,
];
