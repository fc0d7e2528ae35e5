/* eslint-disable @typescript-eslint/no-unsafe-call -- loose JSON envelopes in tests */
// Member rules: admin-only, pending until accepted, resend, 4,000-member limit, removal scopes.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  readDefaultWorld,
  type TikTokWorld,
} from '../../../../../src/platforms/tiktok/sandbox/world.ts';
import { startHarness, W, type Harness } from './harness.ts';

let h: Harness;
let dana: string;
let sam: string;
beforeEach(async () => {
  await h?.close();
  h = await startHarness();
  dana = await h.authorize(W.dana);
  sam = await h.authorize(W.sam);
});
afterAll(async () => h.close());

const members = async (token: string) =>
  (await h.get('bc/member/get/', { bc_id: W.acmeBc, page_size: '20' }, token)).data.list as Array<
    Record<string, unknown>
  >;

describe('admin-only actions', () => {
  it('an admin invites (0); a standard member is refused (40001)', async () => {
    expect(
      (
        await h.post(
          'bc/member/invite/',
          { bc_id: W.acmeBc, asset_ids: [], emails: ['new@acme-outdoor.example'] },
          dana,
        )
      ).code,
    ).toBe(0);
    expect(
      (
        await h.post(
          'bc/member/invite/',
          { bc_id: W.acmeBc, asset_ids: [], emails: ['other@acme-outdoor.example'] },
          sam,
        )
      ).code,
    ).toBe(40001);
  });

  it('an admin changes roles and assigns assets; a standard member cannot', async () => {
    expect(
      (
        await h.post(
          'bc/member/update/',
          { bc_id: W.acmeBc, user_id: W.sam, ext_user_role: { finance_role: 'ANALYST' } },
          dana,
        )
      ).code,
    ).toBe(0);
    expect(
      (
        await h.post(
          'bc/member/update/',
          { bc_id: W.acmeBc, user_id: W.sam, user_role: 'ADMIN' },
          sam,
        )
      ).code,
    ).toBe(40001);
    const assign = {
      bc_id: W.acmeBc,
      user_id: W.sam,
      asset_type: 'ADVERTISER',
      asset_id: W.ad2,
      advertiser_role: 'ADMIN',
    };
    expect((await h.post('bc/asset/assign/', assign, sam)).code).toBe(40001);
    expect((await h.post('bc/asset/assign/', assign, dana)).code).toBe(0);
    const row = (await members(dana)).find((m) => m.user_id === W.sam);
    expect(row?.ext_user_role).toEqual({ finance_role: 'ANALYST' });
  });

  it('a token of another BC reaches nothing here (40001)', async () => {
    const nora = await h.authorize(W.nora);
    expect((await h.get('bc/member/get/', { bc_id: W.acmeBc }, nora)).code).toBe(40001);
    expect((await h.get('bc/get/', { bc_id: W.acmeBc }, nora)).code).toBe(40001);
  });
});

describe('invitations stay pending until accepted', () => {
  it('PENDING with the asset grant deferred, BOUND with it after acceptance', async () => {
    const invite = {
      bc_id: W.acmeBc,
      emails: ['pat@acme-outdoor.example'],
      user_role: 'STANDARD',
      asset_ids: [W.ad2],
      advertiser_role: 'OPERATOR',
    };
    expect((await h.post('bc/member/invite/', invite, dana)).code).toBe(0);
    const pending = (await members(dana)).find((m) => m.user_email === 'pat@acme-outdoor.example');
    expect(pending).toMatchObject({ relation_status: 'PENDING', user_id: null });
    expect(
      h.sandbox.model.effectiveAccess(W.ad2).some((p) => p.reason === 'member_assignment'),
    ).toBe(false);
    expect(
      (
        await h.control('invitations/accept', {
          bc_id: W.acmeBc,
          email: 'pat@acme-outdoor.example',
        })
      ).code,
    ).toBe(0);
    const joined = (await members(dana)).find((m) => m.user_email === 'pat@acme-outdoor.example');
    expect(joined?.relation_status).toBe('BOUND');
    const pat = joined?.user_id as string;
    const assets = await h.get(
      'bc/asset/get/',
      { bc_id: W.acmeBc, asset_type: 'ADVERTISER', filtering: { user_id: pat } },
      dana,
    );
    expect(assets.data.list).toMatchObject([{ asset_id: W.ad2, advertiser_role: 'OPERATOR' }]);
    expect(
      (
        await h.control('invitations/accept', {
          bc_id: W.acmeBc,
          email: 'pat@acme-outdoor.example',
        })
      ).code,
    ).toBe(40007);
  });

  it('an admin resends a pending invitation (still pending); a standard member cannot', async () => {
    await h.post(
      'bc/member/invite/',
      { bc_id: W.acmeBc, asset_ids: [], emails: ['lee@acme-outdoor.example'] },
      dana,
    );
    expect(
      (
        await h.control('invitations/resend', {
          bc_id: W.acmeBc,
          email: 'lee@acme-outdoor.example',
          user_id: W.dana,
        })
      ).data.resendCount,
    ).toBe(1);
    expect(
      (
        await h.control('invitations/resend', {
          bc_id: W.acmeBc,
          email: 'lee@acme-outdoor.example',
          user_id: W.sam,
        })
      ).code,
    ).toBe(40001);
    expect(
      (await members(dana)).find((m) => m.user_email === 'lee@acme-outdoor.example')
        ?.relation_status,
    ).toBe('PENDING');
  });

  it('an admin revokes a pending invitation by email', async () => {
    await h.post(
      'bc/member/invite/',
      { bc_id: W.acmeBc, asset_ids: [], emails: ['kim@acme-outdoor.example'] },
      dana,
    );
    expect(
      (
        await h.post(
          'bc/member/delete/',
          { bc_id: W.acmeBc, user_email: 'kim@acme-outdoor.example' },
          dana,
        )
      ).code,
    ).toBe(0);
    expect((await members(dana)).some((m) => m.user_email === 'kim@acme-outdoor.example')).toBe(
      false,
    );
  });
});

describe('the 4,000-member limit', () => {
  it('fills the BC to 4,000 seats (0) and refuses the 4,001st (40002)', async () => {
    const world = readDefaultWorld() as TikTokWorld & {
      users: TikTokWorld['users'];
      members: TikTokWorld['members'];
    };
    for (let i = 0; i < 3997; i += 1) {
      const userId = (7_180_000_000_000_000_000n + BigInt(i)).toString();
      world.users.push({ userId, email: `bulk${i}@acme-outdoor.example`, name: `Bulk ${i}` });
      world.members.push({ bcId: W.acmeBc, userId, userRole: 'STANDARD' });
    }
    h.sandbox.loadWorld(world);
    const token = await h.authorize(W.dana);
    expect(
      (
        await h.post(
          'bc/member/invite/',
          { bc_id: W.acmeBc, asset_ids: [], emails: ['seat4000@acme-outdoor.example'] },
          token,
        )
      ).code,
    ).toBe(0);
    const over = await h.post(
      'bc/member/invite/',
      { bc_id: W.acmeBc, asset_ids: [], emails: ['seat4001@acme-outdoor.example'] },
      token,
    );
    expect(over.code).toBe(40002);
    expect(over.message).toContain('4000');
    // Declining frees a seat.
    await h.control('invitations/decline', {
      bc_id: W.acmeBc,
      email: 'seat4000@acme-outdoor.example',
    });
    expect(
      (
        await h.post(
          'bc/member/invite/',
          { bc_id: W.acmeBc, asset_ids: [], emails: ['seat4001@acme-outdoor.example'] },
          token,
        )
      ).code,
    ).toBe(0);
  });
});

describe('removal scopes', () => {
  it('removing a member from one asset leaves their other assets; removing from Users removes all', async () => {
    await h.post(
      'bc/asset/assign/',
      {
        bc_id: W.acmeBc,
        user_id: W.sam,
        asset_type: 'ADVERTISER',
        asset_id: W.ad2,
        advertiser_role: 'OPERATOR',
      },
      dana,
    );
    await h.post(
      'bc/asset/assign/',
      {
        bc_id: W.acmeBc,
        user_id: W.sam,
        asset_type: 'CATALOG',
        asset_id: W.catalog,
        catalog_role: 'AD_PROMOTE',
      },
      dana,
    );
    expect(
      (
        await h.post(
          'bc/asset/unassign/',
          { bc_id: W.acmeBc, user_id: W.sam, asset_type: 'ADVERTISER', asset_id: W.ad1 },
          dana,
        )
      ).code,
    ).toBe(0);
    const reach = (id: string) =>
      h.sandbox.model.effectiveAccess(id).some((p) => p.userId === W.sam);
    expect([reach(W.ad1), reach(W.ad2), reach(W.catalog)]).toEqual([false, true, true]);
    const left = await h.get('bc/asset/get/', { bc_id: W.acmeBc, asset_type: 'ADVERTISER' }, sam);
    expect(left.data.list.map((a: { asset_id: string }) => a.asset_id)).toEqual([W.ad2]);
    expect(
      (await h.post('bc/member/delete/', { bc_id: W.acmeBc, user_id: W.sam }, dana)).code,
    ).toBe(0);
    expect([reach(W.ad1), reach(W.ad2), reach(W.catalog)]).toEqual([false, false, false]);
    expect(
      (await h.get('bc/asset/get/', { bc_id: W.acmeBc, asset_type: 'ADVERTISER' }, sam)).code,
    ).toBe(40001);
  });

  it('the last admin cannot be removed or demoted (40001)', async () => {
    expect(
      (await h.post('bc/member/delete/', { bc_id: W.acmeBc, user_id: W.dana }, dana)).code,
    ).toBe(40001);
    expect(
      (
        await h.post(
          'bc/member/update/',
          { bc_id: W.acmeBc, user_id: W.dana, user_role: 'STANDARD' },
          dana,
        )
      ).code,
    ).toBe(40001);
  });

  it('bc/asset/member/get/ lists who reaches an ad account, with their role', async () => {
    const res = await h.get(
      'bc/asset/member/get/',
      { bc_id: W.acmeBc, asset_type: 'ADVERTISER', asset_id: W.ad1 },
      dana,
    );
    const rows = res.data.list.map((m: Record<string, unknown>) => [m.user_id, m.advertiser_role]);
    expect(rows).toEqual([
      [W.dana, 'ADMIN'],
      [W.sam, 'ANALYST'],
    ]);
  });
});
