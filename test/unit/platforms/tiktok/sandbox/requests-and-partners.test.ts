// The sequence the invariant property test found (red CI, 2026-12-05): an owner BC deletes an ad
// account, a partner BC asks for it, then accepts the owner's partnership. No step may leave the
// partner holding an ad account its source no longer holds.
import { beforeEach, describe, expect, it } from 'vitest';
import { adminDeleteAssets } from '../../../../../src/platforms/tiktok/sandbox/model/assets.ts';
import { TikTokError } from '../../../../../src/platforms/tiktok/sandbox/model/errors.ts';
import type { TikTokModel } from '../../../../../src/platforms/tiktok/sandbox/model/model.ts';
import {
  acceptPartner,
  addPartner,
} from '../../../../../src/platforms/tiktok/sandbox/model/partners.ts';
import {
  createAccessRequest,
  decideAdAccountRequest,
} from '../../../../../src/platforms/tiktok/sandbox/model/requests.ts';
import {
  OWNER_BC,
  OWNER_ADMIN,
  AGENCY_BC,
  AGENCY_ADMIN,
  US,
  EU,
  defaultTikTokModel,
} from './default-model.ts';

let m: TikTokModel;
beforeEach(() => {
  m = defaultTikTokModel();
});

const holding = (bcId: string, assetId: string) =>
  m.state.holdings.find((h) => h.bcId === bcId && h.assetId === assetId);

describe('ad-account requests and partner invitations', () => {
  it('refuses a request for an ad account its owner BC no longer holds (40002), changing nothing', () => {
    m.mutate((c) =>
      adminDeleteAssets(c, OWNER_ADMIN, {
        bcId: OWNER_BC,
        assetType: 'ADVERTISER',
        assetIds: [US],
      }),
    );
    const before = JSON.stringify(m.state);
    let error: unknown;
    try {
      m.mutate((c) =>
        createAccessRequest(c, AGENCY_ADMIN, {
          bcId: AGENCY_BC,
          assetType: 'ADVERTISER',
          assetId: US,
          advertiserRole: 'OPERATOR',
        }),
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TikTokError);
    expect((error as TikTokError).code).toBe(40002);
    expect(JSON.stringify(m.state)).toBe(before);
  });

  it("accepting a partnership leaves a requested ad account to the owner's decision", () => {
    m.mutate((c) =>
      createAccessRequest(c, AGENCY_ADMIN, {
        bcId: AGENCY_BC,
        assetType: 'ADVERTISER',
        assetId: US,
        advertiserRole: 'OPERATOR',
      }),
    );
    m.mutate((c) =>
      addPartner(c, OWNER_ADMIN, {
        bcId: OWNER_BC,
        partnerRef: AGENCY_BC,
        assetType: 'ADVERTISER',
        assetIds: [EU],
        roles: ['ANALYST'],
      }),
    );
    m.mutate((c) => acceptPartner(c, AGENCY_ADMIN, { bcId: AGENCY_BC, ownerBcId: OWNER_BC }));
    expect(holding(AGENCY_BC, EU)?.status).toBe('BOUND');
    expect(holding(AGENCY_BC, US)?.status).toBe('PENDING');

    const request = m.state.requests.find((r) => r.assetId === US)!;
    m.mutate((c) => decideAdAccountRequest(c, OWNER_ADMIN, request.requestId, true));
    expect(holding(AGENCY_BC, US)).toMatchObject({ status: 'BOUND', roles: ['OPERATOR'] });
  });

  // Deleting an asset ends its pending shares too (unbindHolding), so acceptance finds none to bind.
  it('accepting a partnership does not bind a share of an ad account the owner has since deleted', () => {
    m.mutate((c) =>
      addPartner(c, OWNER_ADMIN, {
        bcId: OWNER_BC,
        partnerRef: AGENCY_BC,
        assetType: 'ADVERTISER',
        assetIds: [US, EU],
        roles: ['ANALYST'],
      }),
    );
    m.mutate((c) =>
      adminDeleteAssets(c, OWNER_ADMIN, {
        bcId: OWNER_BC,
        assetType: 'ADVERTISER',
        assetIds: [US],
      }),
    );
    m.mutate((c) => acceptPartner(c, AGENCY_ADMIN, { bcId: AGENCY_BC, ownerBcId: OWNER_BC }));
    expect(holding(AGENCY_BC, EU)?.status).toBe('BOUND');
    expect(holding(AGENCY_BC, US)?.status).not.toBe('BOUND');
  });
});
