// The TikTok sandbox model on the default world, for the model's unit tests, and the ids of the
// world's people, Business Centers and ad accounts they use.
import {
  createTikTokModel,
  type TikTokModel,
} from '../../../../../src/platforms/tiktok/sandbox/model/model.ts';
import {
  readDefaultWorld,
  stateFromWorld,
} from '../../../../../src/platforms/tiktok/sandbox/world.ts';

export const OWNER_BC = '7200000000000000001';
export const OWNER_ADMIN = '7100000000000000001';
export const OWNER_MEMBER = '7100000000000000002';
export const AGENCY_BC = '7200000000000000002';
export const AGENCY_ADMIN = '7100000000000000003';
export const US = '7300000000000000001';
export const EU = '7300000000000000002';

/** A fresh model of the default world, its clock stopped at 2025-01-01. */
export function defaultTikTokModel(): TikTokModel {
  const at = new Date('2025-01-01T00:00:00Z');
  return createTikTokModel({
    state: stateFromWorld(readDefaultWorld(), at),
    now: () => at,
    random: Math.random,
  });
}
