/** A sandbox world like the default one, with `extra` more ad accounts in the client's BC. */
import { readDefaultWorld, type TikTokWorld } from '../../src/platforms/tiktok/sandbox/world.ts';
import { BCS } from './onboarding.ts';

/** The ids of the extra ad accounts: 19 digits, 7310000000000000001 and up. */
export function extraAdvertiserIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(7_310_000_000_000_000_001n + BigInt(i)));
}

/** The default world plus `count` ad accounts owned by the client's Business Center. */
export function worldWithAdvertisers(count: number): TikTokWorld {
  const world = readDefaultWorld();
  return {
    ...world,
    advertisers: [
      ...(world.advertisers ?? []),
      ...extraAdvertiserIds(count).map((advertiserId, i) => ({
        advertiserId,
        name: `Acme market ${i + 1}`,
        ownerBcId: BCS.acme,
      })),
    ],
  };
}
