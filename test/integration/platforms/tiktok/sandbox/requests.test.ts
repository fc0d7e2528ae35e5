// Requests (ad accounts, TikTok accounts by QR code), approval in Notifications, and transfers.
// None has a public API: they show in the API only as relation_status.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, W, type Harness } from './harness.ts';

let h: Harness;
let nora: string;
beforeEach(async () => {
  await h?.close();
  h = await startHarness();
  nora = await h.authorize(W.nora);
});
afterAll(async () => h.close());

const request = (body: Record<string, unknown>) =>
  h.control('requests', { bc_id: W.northwindBc, user_id: W.nora, ...body });
const relation = async (type = 'ADVERTISER') =>
  (await h.get('bc/asset/admin/get/', { bc_id: W.northwindBc, asset_type: type }, nora)).data
    .list as Array<Record<string, unknown>>;

describe('only ad accounts and TikTok accounts can be requested', () => {
  it.each(['PIXEL', 'CATALOG', 'LEAD'])('a %s request is refused with 40002', async (type) => {
    expect((await request({ asset_type: type, asset_id: W.pixel })).code).toBe(40002);
  });

  it('an ad-account request by 19-digit ID is PENDING until the owner approves by hand', async () => {
    const created = await request({
      asset_type: 'ADVERTISER',
      asset_id: W.ad1,
      advertiser_role: 'OPERATOR',
      primary_media_agency: true,
    });
    expect(created.code).toBe(0);
    expect(await relation()).toMatchObject([{ asset_id: W.ad1, relation_status: 'PENDING' }]);
    const inbox = (await h.control(`notifications?bc_id=${W.acmeBc}`)).data.requests;
    expect(inbox).toHaveLength(1);
    expect(
      (
        await h.control('requests/decide', {
          request_id: created.data.requestId,
          user_id: W.sam,
          approve: true,
        })
      ).code,
    ).toBe(40001);
    expect(
      (
        await h.control('requests/decide', {
          request_id: created.data.requestId,
          user_id: W.nora,
          approve: true,
        })
      ).code,
    ).toBe(40001);
    expect(
      (
        await h.control('requests/decide', {
          request_id: created.data.requestId,
          user_id: W.dana,
          approve: true,
        })
      ).code,
    ).toBe(0);
    expect(await relation()).toMatchObject([
      { asset_id: W.ad1, relation_status: 'BOUND', advertiser_role: 'OPERATOR' },
    ]);
    expect(h.sandbox.model.state.partnerships).toMatchObject([
      { bcId: W.acmeBc, partnerBcId: W.northwindBc, primaryMediaAgency: true },
    ]);
  });

  it('a rejected request shows REJECTED and grants nothing', async () => {
    const created = await request({
      asset_type: 'ADVERTISER',
      asset_id: W.ad2,
      advertiser_role: 'ANALYST',
    });
    await h.control('requests/decide', {
      request_id: created.data.requestId,
      user_id: W.dana,
      approve: false,
    });
    expect(await relation()).toMatchObject([{ asset_id: W.ad2, relation_status: 'REJECTED' }]);
    expect(h.sandbox.model.effectiveAccess(W.ad2).some((p) => p.bcId === W.northwindBc)).toBe(
      false,
    );
  });

  it('an unknown ad account is 40300; Analyst cannot claim primary media agency (40002); standard members cannot request', async () => {
    expect(
      (await request({ asset_type: 'ADVERTISER', asset_id: '7399999999999999999' })).code,
    ).toBe(40300);
    expect(
      (
        await request({
          asset_type: 'ADVERTISER',
          asset_id: W.ad1,
          advertiser_role: 'ANALYST',
          primary_media_agency: true,
        })
      ).code,
    ).toBe(40002);
    expect(
      (
        await h.control('requests', {
          bc_id: W.acmeBc,
          user_id: W.sam,
          asset_type: 'ADVERTISER',
          asset_id: W.ad1,
        })
      ).code,
    ).toBe(40001);
  });
});

describe('TikTok account by QR code', () => {
  it('only the account owner approves by scanning; the BC then holds it for ad delivery', async () => {
    const created = await request({ asset_type: 'TT_ACCOUNT', asset_id: W.ttAccount });
    expect(created.data.qrUrl).toContain('/sandbox/tiktok/tiktok-app/link?token=');
    const token = new URL(created.data.qrUrl as string).searchParams.get('token')!;
    expect((await h.control('qr/scan', { token, user_id: W.sam, approve: true })).code).toBe(40001);
    expect((await h.control('qr/scan', { token, user_id: W.dana, approve: true })).code).toBe(0);
    expect(await relation('TT_ACCOUNT')).toMatchObject([
      { asset_id: W.ttAccount, relation_status: 'BOUND', relation_type: 'OWNER_INDIVIDUAL' },
    ]);
    expect(
      h.sandbox.model.effectiveAccess(W.ttAccount).find((p) => p.bcId === W.northwindBc)?.roles,
    ).toEqual(['AD_DELIVERY']);
    expect((await h.control('qr/scan', { token, user_id: W.dana, approve: true })).code).toBe(
      40002,
    );
  });

  it('the TikTok app page shows the request and approves it by form', async () => {
    const created = await request({ asset_type: 'TT_ACCOUNT' });
    const url = new URL(created.data.qrUrl as string);
    const cookie = await h.signIn(W.dana);
    const page = await (await fetch(url, { headers: { cookie } })).text();
    expect(page).toContain('data-testid="link-approve"');
    const form = new URLSearchParams({
      token: url.searchParams.get('token')!,
      asset_id: W.ttAccount,
      decision: 'approve',
    });
    const res = await fetch(`${h.base}/tiktok-app/link`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(res.status).toBe(303);
    expect(await relation('TT_ACCOUNT')).toMatchObject([{ relation_status: 'BOUND' }]);
  });

  it('bc/asset/account/authorization/ returns a QR URL (admin only)', async () => {
    const dana = await h.authorize(W.dana);
    const res = await h.get('bc/asset/account/authorization/', { bc_id: W.acmeBc }, dana);
    expect(res.data.bc_auth_qr_code).toContain('/tiktok-app/link?token=');
    const sam = await h.authorize(W.sam);
    expect((await h.get('bc/asset/account/authorization/', { bc_id: W.acmeBc }, sam)).code).toBe(
      40001,
    );
  });
});

describe('ad-account transfers', () => {
  it('happen only when the receiving BC accepts; the sender cannot accept for it', async () => {
    const offer = await h.control('transfers', {
      advertiser_id: W.ad2,
      from_bc_id: W.acmeBc,
      to_bc_id: W.northwindBc,
      user_id: W.dana,
    });
    expect(offer.code).toBe(0);
    const id = offer.data.transferId as string;
    expect(
      (await h.control('transfers/decide', { transfer_id: id, user_id: W.dana, accept: true }))
        .code,
    ).toBe(40001);
    expect(h.sandbox.model.state.assets.find((a) => a.assetId === W.ad2)?.ownerBcId).toBe(W.acmeBc);
    expect(
      (await h.control('transfers/decide', { transfer_id: id, user_id: W.nora, accept: true }))
        .code,
    ).toBe(0);
    expect(await relation()).toMatchObject([
      { asset_id: W.ad2, relation_status: 'BOUND', relation_type: 'OWNER_BC' },
    ]);
    expect(h.sandbox.model.effectiveAccess(W.ad2).map((p) => p.userId)).toEqual([W.nora]);
  });

  it('only admins of the owning BC offer a transfer (40001)', async () => {
    expect(
      (
        await h.control('transfers', {
          advertiser_id: W.ad1,
          from_bc_id: W.acmeBc,
          to_bc_id: W.northwindBc,
          user_id: W.sam,
        })
      ).code,
    ).toBe(40001);
    expect(
      (
        await h.control('transfers', {
          advertiser_id: W.ad1,
          from_bc_id: W.northwindBc,
          to_bc_id: W.acmeBc,
          user_id: W.nora,
        })
      ).code,
    ).toBe(40002);
  });
});
