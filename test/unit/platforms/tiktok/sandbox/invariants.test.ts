// Property test: 1,000 random operations on the model keep the invariants (tiktok.md):
// nobody reaches an asset without a member assignment, BC admin role or partner share; a removed
// partner reaches nothing; no BC exceeds 4,000 members.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adminDeleteAssets,
  assignAsset,
  unassignAsset,
} from '../../../../../src/platforms/tiktok/sandbox/model/assets.ts';
import { TikTokError } from '../../../../../src/platforms/tiktok/sandbox/model/errors.ts';
import {
  acceptInvitation,
  countSeats,
  deleteMember,
  inviteMembers,
  MEMBER_LIMIT,
  updateMember,
} from '../../../../../src/platforms/tiktok/sandbox/model/members.ts';
import {
  createTikTokModel,
  type TikTokModel,
} from '../../../../../src/platforms/tiktok/sandbox/model/model.ts';
import {
  acceptPartner,
  addPartner,
  deletePartner,
  deletePartnerAssets,
  shareTikTokAccount,
} from '../../../../../src/platforms/tiktok/sandbox/model/partners.ts';
import {
  createAccessRequest,
  decideAdAccountRequest,
  scanQrCode,
} from '../../../../../src/platforms/tiktok/sandbox/model/requests.ts';
import {
  decideTransfer,
  requestTransfer,
} from '../../../../../src/platforms/tiktok/sandbox/model/transfers.ts';
import type { ModelContext } from '../../../../../src/platforms/tiktok/sandbox/model/types.ts';
import {
  readDefaultWorld,
  stateFromWorld,
} from '../../../../../src/platforms/tiktok/sandbox/world.ts';

const BCS = ['7200000000000000001', '7200000000000000002'];
const ASSETS = [
  '7300000000000000001',
  '7300000000000000002',
  '7400000000000000001',
  '7500000000000000001',
  '7600000000000000001',
];
const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

type Op = { kind: number; a: number; b: number; c: number; n: number; flag: boolean };
const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.nat(15),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  n: fc.integer({ min: 1, max: 50 }),
  flag: fc.boolean(),
});

function users(ctx: ModelContext): string[] {
  return ctx.state.users.map((u) => u.userId);
}

/** Applies one random operation as a random actor; refusals (TikTokError) are part of the game. */
function apply(m: TikTokModel, op: Op, removed: Set<string>): void {
  const actor = pick(users(m), op.a);
  const bc = pick(BCS, op.b);
  const other = pick(BCS, op.b + 1);
  const asset = pick(ASSETS, op.c);
  const type = m.state.assets.find((x) => x.assetId === asset)!.assetType;
  const role =
    type === 'ADVERTISER'
      ? pick(['ADMIN', 'OPERATOR', 'ANALYST'], op.n)
      : type === 'CATALOG'
        ? pick(['ADMIN', 'AD_PROMOTE'], op.n)
        : type === 'TT_ACCOUNT'
          ? pick(['POST', 'LIVE', 'AD_DELIVERY'], op.n)
          : null;
  const roles = role === null ? [] : [role];
  const target = pick(users(m), op.c);
  const run = (f: (c: ModelContext) => unknown) => {
    try {
      m.mutate(f);
    } catch (e) {
      if (!(e instanceof TikTokError)) throw e;
    }
  };
  switch (op.kind) {
    case 0:
      return run((c) =>
        inviteMembers(c, actor, {
          bcId: bc,
          emails: Array.from({ length: op.n }, (_, i) => `p${(op.c + i) % 120}@x.example`),
          userRole: op.flag ? 'ADMIN' : 'STANDARD',
          financeRole: null,
          assetIds: [],
          advertiserRole: 'ANALYST',
        }),
      );
    case 1: {
      const pending = m.state.members.filter((x) => x.status === 'PENDING');
      if (pending.length === 0) return;
      const p = pick(pending, op.c);
      return run((c) => acceptInvitation(c, p.bcId, p.email));
    }
    case 2:
      return run((c) =>
        assignAsset(c, actor, {
          bcId: bc,
          userId: target,
          assetType: type,
          assetId: asset,
          roles: type === 'TT_ACCOUNT' && roles.includes('AD_DELIVERY') ? ['POST'] : roles,
        }),
      );
    case 3:
      return run((c) =>
        unassignAsset(c, actor, { bcId: bc, userId: target, assetType: type, assetId: asset }),
      );
    case 4:
      return run((c) => deleteMember(c, actor, { bcId: bc, userId: target }));
    case 5:
      return run((c) =>
        updateMember(c, actor, {
          bcId: bc,
          userId: target,
          userRole: op.flag ? 'ADMIN' : 'STANDARD',
        }),
      );
    case 6:
      return run((c) =>
        addPartner(c, actor, {
          bcId: bc,
          partnerRef: other,
          assetType: type === 'TT_ACCOUNT' ? 'ADVERTISER' : type,
          assetIds: type === 'TT_ACCOUNT' ? [] : [asset],
          roles,
        }),
      );
    case 7:
      return run((c) => {
        acceptPartner(c, actor, { bcId: bc, ownerBcId: other });
        removed.delete(`${other}>${bc}`);
        removed.delete(`${bc}>${other}`);
      });
    case 8:
      return run((c) => {
        deletePartner(c, actor, { bcId: bc, partnerId: other });
        removed.add(`${bc}>${other}`);
        removed.add(`${other}>${bc}`);
      });
    case 9:
      return run((c) =>
        deletePartnerAssets(c, actor, {
          bcId: bc,
          partnerId: other,
          assetType: type,
          assetIds: [asset],
        }),
      );
    case 10:
      return run((c) =>
        shareTikTokAccount(c, actor, {
          bcId: bc,
          partnerBcId: other,
          assetId: asset,
          roles: ['AD_DELIVERY'],
        }),
      );
    case 11:
      return run((c) =>
        createAccessRequest(c, actor, {
          bcId: bc,
          assetType: op.flag ? 'ADVERTISER' : 'TT_ACCOUNT',
          assetId: asset,
          advertiserRole: pick(['ADMIN', 'OPERATOR', 'ANALYST'], op.n),
        }),
      );
    case 12: {
      const open = m.state.requests.filter((r) => r.status === 'PENDING');
      if (open.length === 0) return;
      const r = pick(open, op.c);
      if (r.qrToken !== null)
        return run((c) =>
          scanQrCode(c, actor, { qrToken: r.qrToken!, assetId: asset, approve: op.flag }),
        );
      return run((c) => decideAdAccountRequest(c, actor, r.requestId, op.flag));
    }
    case 13:
      return run((c) =>
        requestTransfer(c, actor, { advertiserId: asset, fromBcId: bc, toBcId: other }),
      );
    case 14: {
      const open = m.state.transfers.filter((t) => t.status === 'PENDING');
      if (open.length === 0) return;
      return run((c) => decideTransfer(c, actor, pick(open, op.c).transferId, op.flag));
    }
    default:
      return run((c) =>
        adminDeleteAssets(c, actor, { bcId: bc, assetType: type, assetIds: [asset] }),
      );
  }
}

/** Checks every invariant against the state, independently of effectiveAccess's own logic. */
function checkInvariants(m: TikTokModel, removed: Set<string>): void {
  const s = m.state;
  for (const bc of BCS) expect(countSeats(m, bc)).toBeLessThanOrEqual(MEMBER_LIMIT);
  for (const assetId of ASSETS) {
    for (const path of m.effectiveAccess(assetId)) {
      const member = s.members.find(
        (x) => x.bcId === path.bcId && x.userId === path.userId && x.status === 'BOUND',
      );
      expect(member).toBeDefined();
      const holding = s.holdings.find(
        (x) => x.bcId === path.bcId && x.assetId === assetId && x.status === 'BOUND',
      );
      expect(holding).toBeDefined();
      const assigned = s.assignments.some(
        (x) => x.bcId === path.bcId && x.userId === path.userId && x.assetId === assetId,
      );
      expect(member!.userRole === 'ADMIN' || assigned).toBe(true);
      if (holding!.relationType === 'OWNER_PARTNER') {
        const link = s.partnerships.find(
          (p) =>
            p.bcId === holding!.sourceBcId && p.partnerBcId === path.bcId && p.status === 'BOUND',
        );
        expect(link).toBeDefined();
        expect(
          s.holdings.some(
            (x) => x.bcId === holding!.sourceBcId && x.assetId === assetId && x.status === 'BOUND',
          ),
        ).toBe(true);
        expect(removed.has(`${holding!.sourceBcId}>${path.bcId}`) && !link).toBe(false);
      }
      if (holding!.relationType === 'OWNER_BC') {
        expect(s.assets.find((a) => a.assetId === assetId)?.ownerBcId).toBe(path.bcId);
      }
    }
  }
  // A removed partner reaches nothing: no BOUND share between BCs whose partnership is gone.
  for (const h of s.holdings) {
    if (h.relationType !== 'OWNER_PARTNER' || h.status !== 'BOUND') continue;
    expect(
      s.partnerships.some(
        (p) => p.bcId === h.sourceBcId && p.partnerBcId === h.bcId && p.status === 'BOUND',
      ),
    ).toBe(true);
  }
  // No assignment survives on an asset its BC no longer holds.
  for (const a of s.assignments) {
    expect(
      s.holdings.some((h) => h.bcId === a.bcId && h.assetId === a.assetId && h.status === 'BOUND'),
    ).toBe(true);
  }
}

describe('TikTok model invariants', () => {
  it('1,000 random operations keep every invariant', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 1000, maxLength: 1000 }),
        fc.integer(),
        (ops, seed) => {
          let x = seed >>> 0;
          const m = createTikTokModel({
            state: stateFromWorld(readDefaultWorld(), new Date('2025-01-01T00:00:00Z')),
            now: () => new Date('2025-01-01T00:00:00Z'),
            random: () => (x = (x * 1664525 + 1013904223) >>> 0) / 2 ** 32,
          });
          const removed = new Set<string>();
          for (const op of ops) {
            apply(m, op, removed);
            checkInvariants(m, removed);
          }
        },
      ),
      { numRuns: Number(process.env.TT_PROPERTY_RUNS ?? 5), endOnFailure: true },
    );
  }, 180_000);

  it('the member limit holds under bulk invitations', () => {
    const m = createTikTokModel({
      state: stateFromWorld(readDefaultWorld(), new Date()),
      now: () => new Date(),
      random: Math.random,
    });
    let refused = 0;
    for (let i = 0; i < 100; i += 1) {
      try {
        m.mutate((c) =>
          inviteMembers(c, '7100000000000000001', {
            bcId: BCS[0]!,
            emails: Array.from({ length: 50 }, (_, j) => `b${i}-${j}@x.example`),
            userRole: 'STANDARD',
            financeRole: null,
            assetIds: [],
            advertiserRole: 'ANALYST',
          }),
        );
      } catch (e) {
        expect((e as TikTokError).code).toBe(40002);
        refused += 1;
      }
    }
    expect(countSeats(m, BCS[0]!)).toBeLessThanOrEqual(MEMBER_LIMIT);
    expect(countSeats(m, BCS[0]!)).toBeGreaterThan(3900);
    expect(refused).toBeGreaterThan(0);
  });
});
