/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- loose JSON envelopes in tests */
// Partner rules: add by BC or ad-account ID, pending until the partner accepts, primary media agency,
// removal cuts every partner person at once, partner admins cannot change their own access, several
// partners on one ad account, TikTok accounts shared separately with the sharing permission.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  readDefaultWorld,
  type TikTokWorld,
} from '../../../../../src/platforms/tiktok/sandbox/world.ts';
import { startHarness, W, type Harness } from './harness.ts';

const blueBc = '7200000000000000003';
const bo = '7100000000000000005';
const nick = '7100000000000000006';

function worldWithTwoAgencies(): TikTokWorld {
  const w = readDefaultWorld();
  w.users.push(
    { userId: bo, email: 'bo@blueharbor.example', name: 'Bo Hansen' },
    { userId: nick, email: 'nick@northwind-media.example', name: 'Nick Ade' },
  );
  w.businessCenters.push({
    bcId: blueBc,
    name: 'Blue Harbor Agency',
    company: 'Blue Harbor',
    type: 'AGENCY',
  });
  w.members.push(
    { bcId: blueBc, userId: bo, userRole: 'ADMIN' },
    { bcId: W.northwindBc, userId: nick, userRole: 'STANDARD' },
  );
  return w;
}

let h: Harness;
let dana: string;
let nora: string;
beforeEach(async () => {
  await h?.close();
  h = await startHarness({ world: worldWithTwoAgencies() });
  dana = await h.authorize(W.dana);
  nora = await h.authorize(W.nora);
});
afterAll(async () => h.close());

const share = (partner: string, role = 'ANALYST', ids: string[] = [W.ad1]) =>
  h.post(
    'bc/partner/add/',
    {
      bc_id: W.acmeBc,
      partner_id: partner,
      asset_type: 'ADVERTISER',
      asset_ids: ids,
      advertiser_role: role,
    },
    dana,
  );
const noraAds = async () =>
  (await h.get('bc/asset/get/', { bc_id: W.northwindBc, asset_type: 'ADVERTISER' }, nora)).data
    .list as Array<Record<string, unknown>>;

describe('adding a partner', () => {
  it('the partner gets access only once its admin accepts in its own BC', async () => {
    expect((await share(W.northwindBc, 'OPERATOR')).code).toBe(0);
    const pending = await h.get(
      'bc/asset/admin/get/',
      { bc_id: W.northwindBc, asset_type: 'ADVERTISER' },
      nora,
    );
    expect(pending.data.list).toMatchObject([
      { asset_id: W.ad1, relation_status: 'PENDING', relation_type: 'OWNER_PARTNER' },
    ]);
    expect(await noraAds()).toEqual([]);
    expect(
      (
        await h.control('partners/accept', {
          bc_id: W.northwindBc,
          owner_bc_id: W.acmeBc,
          user_id: nick,
        })
      ).code,
    ).toBe(40001);
    expect(
      (
        await h.control('partners/accept', {
          bc_id: W.northwindBc,
          owner_bc_id: W.acmeBc,
          user_id: W.nora,
        })
      ).code,
    ).toBe(0);
    expect(await noraAds()).toMatchObject([
      { asset_id: W.ad1, advertiser_role: 'OPERATOR', owner_bc_name: 'Acme Outdoor' },
    ]);
  });

  it('a read of the BC after a change sees it, every page', async () => {
    // Pages of one read share one pass over the state until a change (readPerVersion).
    const adminPage = async (page: number) =>
      (
        await h.get(
          'bc/asset/admin/get/',
          { bc_id: W.northwindBc, asset_type: 'ADVERTISER', page, page_size: 1 },
          nora,
        )
      ).data as { list: Array<Record<string, unknown>>; page_info: { total_number: number } };
    expect((await adminPage(1)).page_info.total_number).toBe(0);
    expect((await share(W.northwindBc, 'OPERATOR', [W.ad1, W.ad2])).code).toBe(0);
    const pending = [await adminPage(1), await adminPage(2)];
    expect(pending.map((p) => p.page_info.total_number)).toEqual([2, 2]);
    expect(pending.flatMap((p) => p.list)).toMatchObject([
      { asset_id: W.ad1, relation_status: 'PENDING' },
      { asset_id: W.ad2, relation_status: 'PENDING' },
    ]);
    const accepted = await h.control('partners/accept', {
      bc_id: W.northwindBc,
      owner_bc_id: W.acmeBc,
      user_id: W.nora,
    });
    expect(accepted.code).toBe(0);
    // The holdings changed in place: the next read presents them as they are now.
    expect((await adminPage(2)).list).toMatchObject([
      { asset_id: W.ad2, relation_status: 'BOUND' },
    ]);
  });

  it('only an admin adds a partner (standard member: 40001)', async () => {
    const sam = await h.authorize(W.sam);
    const body = {
      bc_id: W.acmeBc,
      partner_id: W.northwindBc,
      asset_type: 'ADVERTISER',
      asset_ids: [W.ad1],
    };
    expect((await h.post('bc/partner/add/', body, sam)).code).toBe(40001);
  });

  it('accepts the partner by one of its ad-account IDs; an unknown ID is 40007', async () => {
    const w = worldWithTwoAgencies();
    w.advertisers!.push({
      advertiserId: '7300000000000000009',
      name: 'Blue Harbor house account',
      ownerBcId: blueBc,
    });
    h.sandbox.loadWorld(w);
    dana = await h.authorize(W.dana);
    expect((await share('7300000000000000009')).code).toBe(0);
    const partners = await h.get('bc/partner/get/', { bc_id: W.acmeBc }, dana);
    expect(partners.data.list).toEqual([{ bc_id: blueBc, bc_name: 'Blue Harbor Agency' }]);
    expect((await share('7399999999999999999')).code).toBe(40007);
  });

  it('the primary-media-agency label shows next to the partner in the console', async () => {
    await h.control('partners/share', {
      bc_id: W.acmeBc,
      partner_id: W.northwindBc,
      asset_type: 'ADVERTISER',
      asset_ids: [W.ad1],
      roles: ['ADMIN'],
      primary_media_agency: true,
      user_id: W.dana,
    });
    const cookie = await h.signIn(W.dana);
    const page = await (
      await fetch(`${h.base}/console?bc_id=${W.acmeBc}&tab=partners`, { headers: { cookie } })
    ).text();
    expect(page).toContain('data-testid="primary-media-agency"');
  });
});

describe('removing a partner', () => {
  it('cuts every person of the partner BC off every shared asset at once', async () => {
    await share(W.northwindBc, 'ADMIN', [W.ad1, W.ad2]);
    await h.control('partners/share', {
      bc_id: W.acmeBc,
      partner_id: W.northwindBc,
      asset_type: 'CATALOG',
      asset_ids: [W.catalog],
      roles: ['AD_PROMOTE'],
      user_id: W.dana,
    });
    await h.control('partners/accept', {
      bc_id: W.northwindBc,
      owner_bc_id: W.acmeBc,
      user_id: W.nora,
    });
    expect(
      (
        await h.post(
          'bc/asset/assign/',
          {
            bc_id: W.northwindBc,
            user_id: nick,
            asset_type: 'ADVERTISER',
            asset_id: W.ad1,
            advertiser_role: 'OPERATOR',
          },
          nora,
        )
      ).code,
    ).toBe(0);
    const northwindPeople = () =>
      [W.ad1, W.ad2, W.catalog]
        .flatMap((id) => h.sandbox.model.effectiveAccess(id))
        .filter((p) => p.bcId === W.northwindBc);
    expect(new Set(northwindPeople().map((p) => p.userId))).toEqual(new Set([W.nora, nick]));
    expect(
      (await h.post('bc/partner/delete/', { bc_id: W.acmeBc, partner_id: W.northwindBc }, dana))
        .code,
    ).toBe(0);
    expect(northwindPeople()).toEqual([]);
    expect(await noraAds()).toEqual([]);
    expect((await h.get('bc/partner/get/', { bc_id: W.acmeBc }, dana)).data.list).toEqual([]);
    expect(
      (await h.post('bc/partner/delete/', { bc_id: W.acmeBc, partner_id: W.northwindBc }, dana))
        .code,
    ).toBe(40007);
  });

  it('cancelling one shared asset leaves the others (bc/partner/asset/delete/)', async () => {
    await share(W.northwindBc, 'ANALYST', [W.ad1, W.ad2]);
    await h.control('partners/accept', {
      bc_id: W.northwindBc,
      owner_bc_id: W.acmeBc,
      user_id: W.nora,
    });
    expect(
      (
        await h.post(
          'bc/partner/asset/delete/',
          {
            bc_id: W.acmeBc,
            partner_id: W.northwindBc,
            asset_type: 'ADVERTISER',
            asset_ids: [W.ad1],
          },
          dana,
        )
      ).code,
    ).toBe(0);
    expect((await noraAds()).map((a) => a.asset_id)).toEqual([W.ad2]);
  });
});

describe('partner admins cannot change their own access', () => {
  beforeEach(async () => {
    await share(W.northwindBc, 'ANALYST');
    await h.control('partners/accept', {
      bc_id: W.northwindBc,
      owner_bc_id: W.acmeBc,
      user_id: W.nora,
    });
  });

  it('raising the level: refused for the partner admin (40001), allowed for the owner admin', async () => {
    const raise = {
      bc_id: W.acmeBc,
      partner_id: W.northwindBc,
      asset_type: 'ADVERTISER',
      asset_ids: [W.ad1],
      advertiser_role: 'ADMIN',
    };
    expect((await h.post('bc/partner/add/', raise, nora)).code).toBe(40001);
    expect(
      (
        await h.post(
          'bc/partner/add/',
          { ...raise, bc_id: W.northwindBc, partner_id: W.acmeBc },
          nora,
        )
      ).code,
    ).toBe(40001);
    expect(
      (
        await h.post(
          'bc/partner/asset/delete/',
          {
            bc_id: W.acmeBc,
            partner_id: W.northwindBc,
            asset_type: 'ADVERTISER',
            asset_ids: [W.ad1],
          },
          nora,
        )
      ).code,
    ).toBe(40001);
    expect((await noraAds())[0]?.advertiser_role).toBe('ANALYST');
    expect((await h.post('bc/partner/add/', raise, dana)).code).toBe(0);
    expect((await noraAds())[0]?.advertiser_role).toBe('ADMIN');
  });

  it('the partner cannot hand its own people more than it was given (40001)', async () => {
    const assign = {
      bc_id: W.northwindBc,
      user_id: nick,
      asset_type: 'ADVERTISER',
      asset_id: W.ad1,
    };
    expect(
      (await h.post('bc/asset/assign/', { ...assign, advertiser_role: 'OPERATOR' }, nora)).code,
    ).toBe(40001);
    expect(
      (await h.post('bc/asset/assign/', { ...assign, advertiser_role: 'ANALYST' }, nora)).code,
    ).toBe(0);
  });
});

describe('several partners on one ad account', () => {
  it('each holds it at its own level', async () => {
    await share(W.northwindBc, 'OPERATOR');
    await share(blueBc, 'ANALYST');
    await h.control('partners/accept', {
      bc_id: W.northwindBc,
      owner_bc_id: W.acmeBc,
      user_id: W.nora,
    });
    await h.control('partners/accept', { bc_id: blueBc, owner_bc_id: W.acmeBc, user_id: bo });
    const partners = await h.get(
      'bc/asset/partner/get/',
      { bc_id: W.acmeBc, asset_type: 'ADVERTISER', asset_id: W.ad1 },
      dana,
    );
    expect(partners.data.list.map((p: { bc_id: string }) => p.bc_id).sort()).toEqual(
      [W.northwindBc, blueBc].sort(),
    );
    const level = async (partner: string) =>
      (
        await h.get(
          'bc/partner/asset/get/',
          { bc_id: W.acmeBc, partner_id: partner, asset_type: 'ADVERTISER', share_type: 'SHARING' },
          dana,
        )
      ).data.list[0].advertiser_role;
    expect([await level(W.northwindBc), await level(blueBc)]).toEqual(['OPERATOR', 'ANALYST']);
    const shared = await h.get(
      'bc/partner/asset/get/',
      {
        bc_id: W.northwindBc,
        partner_id: W.acmeBc,
        asset_type: 'ADVERTISER',
        share_type: 'SHARED',
      },
      nora,
    );
    expect(shared.data.list).toMatchObject([{ asset_id: W.ad1, advertiser_role: 'OPERATOR' }]);
  });
});

describe('TikTok accounts are shared separately', () => {
  it('needs the partner added first (40001), then works with the sharing permission', async () => {
    const tt = {
      bc_id: W.acmeBc,
      partner_bc_id: W.northwindBc,
      asset_id: W.ttAccount,
      roles: ['AD_DELIVERY'],
      user_id: W.dana,
    };
    expect((await h.control('partners/share-tiktok-account', tt)).code).toBe(40001);
    await share(W.northwindBc);
    await h.control('partners/accept', {
      bc_id: W.northwindBc,
      owner_bc_id: W.acmeBc,
      user_id: W.nora,
    });
    expect((await h.control('partners/share-tiktok-account', tt)).code).toBe(0);
    const listed = await h.get(
      'bc/asset/admin/get/',
      { bc_id: W.northwindBc, asset_type: 'TT_ACCOUNT' },
      nora,
    );
    expect(listed.data.list).toMatchObject([
      { asset_id: W.ttAccount, relation_status: 'BOUND', tt_account_roles: [] },
    ]);
    // Northwind holds it without the sharing permission: it cannot pass it on.
    await h.post(
      'bc/partner/add/',
      { bc_id: W.northwindBc, partner_id: blueBc, asset_type: 'ADVERTISER', asset_ids: [] },
      nora,
    );
    await h.control('partners/accept', { bc_id: blueBc, owner_bc_id: W.northwindBc, user_id: bo });
    expect(
      (
        await h.control('partners/share-tiktok-account', {
          ...tt,
          bc_id: W.northwindBc,
          partner_bc_id: blueBc,
          user_id: W.nora,
        })
      ).code,
    ).toBe(40001);
  });

  it('pixels and catalogs are shared from the BC (console), not via bc/partner/add/', async () => {
    await share(W.northwindBc);
    await h.control('partners/accept', {
      bc_id: W.northwindBc,
      owner_bc_id: W.acmeBc,
      user_id: W.nora,
    });
    expect(
      (
        await h.control('partners/share', {
          bc_id: W.acmeBc,
          partner_id: W.northwindBc,
          asset_type: 'PIXEL',
          asset_ids: [W.pixel],
          user_id: W.dana,
        })
      ).code,
    ).toBe(0);
    const pixels = await h.get(
      'bc/asset/get/',
      { bc_id: W.northwindBc, asset_type: 'PIXEL' },
      nora,
    );
    expect(pixels.data.list).toMatchObject([{ asset_id: W.pixel, asset_type: 'PIXEL' }]);
  });
});
