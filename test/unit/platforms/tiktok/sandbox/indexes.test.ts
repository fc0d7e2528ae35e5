// The model's keyed lookups (issue #16) answer what a linear scan of the live state answers, also
// after a failed change rolled the state back to a copy, and after the state was replaced.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  assignAsset,
  unassignAsset,
} from '../../../../../src/platforms/tiktok/sandbox/model/assets.ts';
import {
  findAsset,
  findAssignment,
  findBc,
  findHolding,
  holdingsOfAsset,
  holdingsOfBc,
} from '../../../../../src/platforms/tiktok/sandbox/model/indexes.ts';
import type { TikTokModel } from '../../../../../src/platforms/tiktok/sandbox/model/model.ts';
import { addPartner } from '../../../../../src/platforms/tiktok/sandbox/model/partners.ts';
import {
  readDefaultWorld,
  stateFromWorld,
} from '../../../../../src/platforms/tiktok/sandbox/world.ts';
import {
  OWNER_BC,
  OWNER_ADMIN,
  OWNER_MEMBER,
  AGENCY_BC,
  US,
  EU,
  defaultTikTokModel,
} from './default-model.ts';

let m: TikTokModel;
beforeEach(() => {
  m = defaultTikTokModel();
});

const share = (assetIds: string[]) =>
  addPartner(m, OWNER_ADMIN, {
    bcId: OWNER_BC,
    partnerRef: AGENCY_BC,
    assetType: 'ADVERTISER',
    assetIds,
    roles: ['ANALYST'],
  });

/** Every lookup against the linear scan it replaces, on the model's current state. */
function expectLikeScans(assetIds: string[], bcIds: string[]): void {
  const { assets, businessCenters, holdings } = m.state;
  for (const assetId of assetIds) {
    expect(findAsset(m, assetId)).toBe(assets.find((a) => a.assetId === assetId));
    expect(holdingsOfAsset(m, assetId)).toEqual(holdings.filter((h) => h.assetId === assetId));
    for (const bcId of bcIds) {
      expect(findHolding(m, bcId, assetId)).toBe(
        holdings.find((h) => h.bcId === bcId && h.assetId === assetId),
      );
    }
  }
  for (const bcId of bcIds) {
    expect(findBc(m, bcId)).toBe(businessCenters.find((b) => b.bcId === bcId));
    const mine = holdingsOfBc(m, bcId);
    expect(mine).toEqual(holdings.filter((h) => h.bcId === bcId));
    mine.forEach((h, i) => expect(h).toBe(holdings.filter((x) => x.bcId === bcId)[i]));
  }
}

describe('model lookups', () => {
  it('see holdings pushed by a change, and statuses changed in place', () => {
    expect(findHolding(m, AGENCY_BC, US)).toBeUndefined();
    m.mutate(() => share([US]));
    const pending = findHolding(m, AGENCY_BC, US);
    expect(pending?.status).toBe('PENDING');
    expect(findHolding(m, AGENCY_BC, US, (h) => h.status === 'BOUND')).toBeUndefined();
    pending!.status = 'BOUND';
    expect(findHolding(m, AGENCY_BC, US, (h) => h.status === 'BOUND')).toBe(pending);
    expectLikeScans([US, EU, 'nope'], [OWNER_BC, AGENCY_BC, 'nope']);
  });

  it('answer from the rolled-back state after a change that pushed, then threw', () => {
    m.mutate(() => share([US]));
    const before = m.state;
    expect(() =>
      m.mutate(() => {
        share([EU]);
        // Looked up inside the change: the index now knows the pushed holding of the live state.
        expect(findHolding(m, AGENCY_BC, EU)).toBeDefined();
        throw new Error('refused halfway');
      }),
    ).toThrow('refused halfway');
    expect(m.state).not.toBe(before);
    expect(findHolding(m, AGENCY_BC, EU)).toBeUndefined();
    expect(holdingsOfBc(m, AGENCY_BC).map((h) => h.assetId)).toEqual([US]);
    // The holding found is the restored copy's, the one later changes will edit.
    expect(findHolding(m, AGENCY_BC, US)).toBe(
      m.state.holdings.find((h) => h.assetId === US && h.bcId === AGENCY_BC),
    );
    expectLikeScans([US, EU], [OWNER_BC, AGENCY_BC]);
    m.mutate(() => share([EU]));
    expect(findHolding(m, AGENCY_BC, EU)?.status).toBe('PENDING');
    expectLikeScans([US, EU], [OWNER_BC, AGENCY_BC]);
  });

  it('answer from a replaced state (reset, world load)', () => {
    m.mutate(() => share([US, EU]));
    expect(findHolding(m, AGENCY_BC, US)).toBeDefined();
    m.replaceState(stateFromWorld(readDefaultWorld(), new Date(0)));
    expect(findHolding(m, AGENCY_BC, US)).toBeUndefined();
    expectLikeScans([US, EU], [OWNER_BC, AGENCY_BC]);
  });

  it('find assignments pushed, changed in place, and gone with a filtered array', () => {
    const scan = (assetId: string) =>
      m.state.assignments.find(
        (a) => a.bcId === OWNER_BC && a.userId === OWNER_MEMBER && a.assetId === assetId,
      );
    const input = { bcId: OWNER_BC, userId: OWNER_MEMBER, assetType: 'ADVERTISER' as const };
    for (const assetId of [US, EU])
      expect(findAssignment(m, OWNER_BC, OWNER_MEMBER, assetId)).toBe(scan(assetId));
    m.mutate((c) => assignAsset(c, OWNER_ADMIN, { ...input, assetId: EU, roles: ['OPERATOR'] }));
    m.mutate((c) => assignAsset(c, OWNER_ADMIN, { ...input, assetId: US, roles: ['ADMIN'] }));
    expect(findAssignment(m, OWNER_BC, OWNER_MEMBER, US)?.roles).toEqual(['ADMIN']);
    expect(findAssignment(m, OWNER_BC, OWNER_MEMBER, EU)).toBe(scan(EU));
    m.mutate((c) => unassignAsset(c, OWNER_ADMIN, { ...input, assetId: US }));
    expect(findAssignment(m, OWNER_BC, OWNER_MEMBER, US)).toBeUndefined();
    expect(findAssignment(m, OWNER_BC, OWNER_MEMBER, EU)).toBe(scan(EU));
    expect(findAssignment(m, OWNER_BC, null, EU)).toBeUndefined();
  });
});
