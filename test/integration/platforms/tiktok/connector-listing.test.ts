// What the client sees to tick: BCs with the admin flag, assets, and blocked ones with a reason.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClientAsset } from '../../../../src/platforms/types.ts';
import type { TikTokWorld } from '../../../../src/platforms/tiktok/sandbox/index.ts';
import { readDefaultWorld } from '../../../../src/platforms/tiktok/sandbox/world.ts';
import { translateReason } from '../../../../web/src/i18n/reasons.ts';
import { startTikTokFixture, W, type TikTokFixture } from './connector-fixture.ts';

let f: TikTokFixture;
beforeAll(async () => {
  f = await startTikTokFixture();
});
afterAll(async () => f.close());
beforeEach(async () => f.reset());

const byId = (assets: readonly ClientAsset[], id: string) => assets.find((a) => a.id === id);

/** The client page words the reason from its code and values: in English, the connector's words. */
function expectWorded(reason: ClientAsset['blocked']) {
  expect(reason).toBeDefined();
  if (reason) expect(translateReason('en', 'tiktok', reason)).toBe(reason.message);
  if (reason) expect(translateReason('de', 'tiktok', reason)).not.toBe(reason.message);
}

describe('TikTok listClientAssets', () => {
  it("lists a BC admin's BC and every asset type, shareable, with the owning BC", async () => {
    const listing = await f.platform.listClientAssets(await f.tokenFor(W.dana));
    expect(listing.businesses).toEqual([{ id: W.acmeBc, name: 'Acme Outdoor', isAdmin: true }]);
    expect(listing.notice).toBeUndefined();
    const types = Object.fromEntries(listing.assets.map((a) => [a.id, a.type]));
    expect(types).toEqual({
      [W.ad1]: 'advertiser',
      [W.ad2]: 'advertiser',
      [W.ttAccount]: 'tiktok_account',
      [W.pixel]: 'pixel',
      [W.catalog]: 'catalog',
    });
    for (const asset of listing.assets) {
      expect(asset.blocked).toBeUndefined();
      expect(asset.ownerId).toBe(W.acmeBc);
    }
    expect(byId(listing.assets, W.ad1)).toMatchObject({ name: 'Acme Outdoor US' });
  });

  it('shows an advertiser the client did not authorize as blocked, with the way forward', async () => {
    const listing = await f.platform.listClientAssets(await f.tokenFor(W.dana, [W.ad1]));
    expect(byId(listing.assets, W.ad1)?.blocked).toBeUndefined();
    expect(byId(listing.assets, W.ad2)?.blocked).toMatchObject({
      code: 'advertiser_not_authorized',
    });
    expect(byId(listing.assets, W.ad2)?.blocked?.message).toMatch(/Connect TikTok again/);
    expectWorded(byId(listing.assets, W.ad2)?.blocked);
  });

  it('a client who is not a BC admin sees the BC as not admin and its assets blocked', async () => {
    const listing = await f.platform.listClientAssets(await f.tokenFor(W.sam));
    expect(listing.businesses).toEqual([{ id: W.acmeBc, name: 'Acme Outdoor', isAdmin: false }]);
    const ad1 = byId(listing.assets, W.ad1);
    expect(ad1?.blocked?.code).toBe('not_bc_admin');
    expect(ad1?.blocked?.message).toMatch(/not an admin of the Business Center "Acme Outdoor"/);
    expectWorded(ad1?.blocked);
    expect(byId(listing.assets, W.ad2)).toBeUndefined();
  });

  it('zero authorized advertisers: no assets and a notice, but the BCs are still listed', async () => {
    const zoe = await f.platform.listClientAssets(await f.tokenFor(W.zoe));
    expect(zoe).toMatchObject({ businesses: [], assets: [] });
    expect(zoe.notice?.code).toBe('no_authorized_advertisers');
    expectWorded(zoe.notice);
    const dana = await f.platform.listClientAssets(await f.tokenFor(W.dana, []));
    expect(dana.assets).toEqual([]);
    expect(dana.notice?.code).toBe('no_authorized_advertisers');
    expect(dana.businesses).toEqual([{ id: W.acmeBc, name: 'Acme Outdoor', isAdmin: true }]);
    // The agency's own connection has no ad accounts; settings still picks its BC from here.
    const nora = await f.platform.listClientAssets(await f.tokenFor(W.nora));
    expect(nora.businesses).toEqual([
      { id: W.northwindBc, name: 'Northwind Media', isAdmin: true },
    ]);
  });

  it('an asset a partner shared with the BC is blocked: it cannot be shared on', async () => {
    const shared = await f.control('partners/share', {
      bc_id: W.acmeBc,
      partner_id: W.northwindBc,
      asset_type: 'ADVERTISER',
      asset_ids: [W.ad1],
      roles: ['ANALYST'],
      user_id: W.dana,
    });
    expect(shared.code).toBe(0);
    await f.control('partners/accept', {
      bc_id: W.northwindBc,
      owner_bc_id: W.acmeBc,
      user_id: W.nora,
    });
    // Nora authorizes ad1 (now reachable through the partner share) and lists Northwind's assets.
    const listing = await f.platform.listClientAssets(await f.tokenFor(W.nora, [W.ad1]));
    expect(listing.businesses).toEqual([
      { id: W.northwindBc, name: 'Northwind Media', isAdmin: true },
    ]);
    expect(byId(listing.assets, W.ad1)?.blocked).toMatchObject({ code: 'shared_by_partner' });
    expect(byId(listing.assets, W.ad1)?.blocked?.message).toMatch(/Ask Acme Outdoor/);
    expectWorded(byId(listing.assets, W.ad1)?.blocked);
  });

  it('reads every page of a long list', async () => {
    await f.reset(defaultWorldWithAdvertisers(60));
    const listing = await f.platform.listClientAssets(await f.tokenFor(W.dana));
    expect(listing.assets.filter((a) => a.type === 'advertiser')).toHaveLength(62);
    const pages = (await f.log()).filter((e) => e.path.endsWith('/bc/asset/admin/get/'));
    expect(pages.some((e) => e.query.page === '2')).toBe(true);
  });
});

function defaultWorldWithAdvertisers(extra: number): TikTokWorld {
  const world = structuredClone(readDefaultWorld());
  for (let i = 0; i < extra; i += 1) {
    (world.advertisers ??= []).push({
      advertiserId: `73100000000000${String(i).padStart(5, '0')}`,
      name: `Extra ${i}`,
      ownerBcId: W.acmeBc,
    });
  }
  return world;
}
