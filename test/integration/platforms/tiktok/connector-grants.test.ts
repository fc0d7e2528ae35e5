// How each TikTok asset type is granted, read back and revoked, against the sandbox.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AgencyIdentity } from '../../../../src/platforms/types.ts';
import type { TikTokWorld } from '../../../../src/platforms/tiktok/sandbox/index.ts';
import { readDefaultWorld } from '../../../../src/platforms/tiktok/sandbox/world.ts';
import { expectPlatformError } from '../connector-contract.ts';
import { startTikTokFixture, W, type TikTokFixture } from './connector-fixture.ts';

let f: TikTokFixture;
let agency: AgencyIdentity;
beforeAll(async () => {
  f = await startTikTokFixture();
});
afterAll(async () => f.close());
beforeEach(async () => {
  await f.reset();
  agency = await f.agency();
});

const partnerAdds = async () =>
  (await f.log()).filter((e) => e.path.endsWith('/bc/partner/add/')).length;
const accept = () =>
  f.control('partners/accept', { bc_id: W.northwindBc, owner_bc_id: W.acmeBc, user_id: W.nora });
const advertiser = (id: string) => ({ type: 'advertiser', id, ownerId: W.acmeBc });
/** Shares one ad account from Dana's BC at ANALYST; Dana's token for more. */
const shareAnalyst = async (id: string) => {
  const clientToken = await f.tokenFor(W.dana);
  await f.platform.grantAccess({ clientToken, agency, asset: advertiser(id), level: 'ANALYST' });
  return clientToken;
};
/** The `filtering` of each read of the agency BC's assets so far (null: every page). */
const adminReadFilters = async () =>
  (await f.log())
    .filter((e) => e.path.endsWith('/bc/asset/admin/get/'))
    .map((e) => e.query.filtering ?? null);

describe('TikTok ad accounts (bc/partner/add/)', () => {
  it('shares from the client BC to the agency BC at the level, pending until accepted', async () => {
    const clientToken = await f.tokenFor(W.dana);
    const outcome = await f.platform.grantAccess({
      clientToken,
      agency,
      asset: advertiser(W.ad1),
      level: 'ADMIN',
    });
    expect(outcome.kind).toBe('pending_acceptance');
    expect(await f.platform.readAccess({ agency, asset: advertiser(W.ad1) })).toEqual({
      kind: 'pending',
      level: 'ADMIN',
    });
    await accept();
    expect(await f.platform.readAccess({ agency, asset: advertiser(W.ad1) })).toEqual({
      kind: 'holds',
      level: 'ADMIN',
    });
    const paths = f.sandbox.model.effectiveAccess(W.ad1);
    expect(paths.some((p) => p.userId === W.nora)).toBe(true);
  });

  it('once the partner is accepted, a further ad account is granted at once', async () => {
    const clientToken = await shareAnalyst(W.ad1);
    await accept();
    const second = await f.platform.grantAccess({
      clientToken,
      agency,
      asset: advertiser(W.ad2),
      level: 'OPERATOR',
    });
    expect(second).toEqual({ kind: 'granted', level: 'OPERATOR' });
  });

  it('reads a shared ad account back by its id as keyword: one small page, not every page', async () => {
    await shareAnalyst(W.ad1);
    // Before sharing: every page (absence proves nothing by keyword); after: by keyword.
    expect(await adminReadFilters()).toEqual([null, JSON.stringify({ keyword: W.ad1 })]);
  });

  it('falls back to every page when the keyword finds nothing (a keyword that matches names only)', async () => {
    await shareAnalyst(W.ad1);
    // A TikTok whose keyword does not match ids: the filtered read comes back empty.
    const namesOnly = f.connectorWith({
      fetch: (url, init) => {
        const filtering = url.searchParams.get('filtering');
        if (filtering?.includes('keyword')) url.searchParams.set('filtering', '{"keyword":"~"}');
        return fetch(url, init);
      },
    });
    await f.control('log/clear', {});
    expect(await namesOnly.readAccess({ agency, asset: advertiser(W.ad1) })).toEqual({
      kind: 'pending',
      level: 'ANALYST',
    });
    expect(await adminReadFilters()).toEqual(['{"keyword":"~"}', null]);
  });

  it('grants started together read the agency BC once and share in one call (merged)', async () => {
    const clientToken = await f.tokenFor(W.dana);
    await f.control('log/clear', {});
    const outcomes = await Promise.all(
      [W.ad1, W.ad2].map((id) =>
        f.platform.grantAccess({ clientToken, agency, asset: advertiser(id), level: 'ANALYST' }),
      ),
    );
    expect(outcomes.map((o) => o.kind)).toEqual(['pending_acceptance', 'pending_acceptance']);
    const log = await f.log();
    // One read before sharing (merged), one share carrying both ad accounts, and one read of the
    // small agency BC after it, shared by both read-backs (no read by keyword).
    expect(await adminReadFilters()).toEqual([null, null]);
    const adds = log.filter((e) => e.path.endsWith('/bc/partner/add/'));
    expect(adds).toHaveLength(1);
    const calls = log.filter((e) => e.path.includes('/open_api/'));
    expect(calls.map((e) => e.path.split('/v1.3/')[1])).toEqual([
      'bc/asset/admin/get/',
      'bc/partner/add/',
      'bc/asset/admin/get/',
    ]);
    for (const id of [W.ad1, W.ad2]) {
      expect(await f.platform.readAccess({ agency, asset: advertiser(id) })).toEqual({
        kind: 'pending',
        level: 'ANALYST',
      });
    }
  });

  it('a large agency BC (more than a page) is read back asset by asset, by keyword', async () => {
    const world = readDefaultWorld();
    const large: TikTokWorld = {
      ...world,
      advertisers: [
        ...(world.advertisers ?? []),
        ...Array.from({ length: 60 }, (_, i) => ({
          advertiserId: String(7_390_000_000_000_000_001n + BigInt(i)),
          name: `Northwind house account ${i + 1}`,
          ownerBcId: W.northwindBc,
        })),
      ],
    };
    await f.reset(large);
    agency = await f.agency();
    const clientToken = await f.tokenFor(W.dana);
    await f.control('log/clear', {});
    const outcomes = await Promise.all(
      [W.ad1, W.ad2].map((id) =>
        f.platform.grantAccess({ clientToken, agency, asset: advertiser(id), level: 'ANALYST' }),
      ),
    );
    expect(outcomes.map((o) => o.kind)).toEqual(['pending_acceptance', 'pending_acceptance']);
    // Before sharing: both pages (merged). After: one small page per ad account.
    const filters = await adminReadFilters();
    expect(filters.slice(0, 2)).toEqual([null, null]);
    expect(filters.slice(2).sort()).toEqual(
      [W.ad1, W.ad2].map((id) => JSON.stringify({ keyword: id })).sort(),
    );
  });

  it('a batch TikTok refuses is retried asset by asset: only the bad ad account fails', async () => {
    const clientToken = await f.tokenFor(W.dana);
    const missing = '7300000000000000999';
    await f.control('log/clear', {});
    const outcomes = await Promise.allSettled(
      [W.ad1, missing, W.ad2].map((id) =>
        f.platform.grantAccess({ clientToken, agency, asset: advertiser(id), level: 'ANALYST' }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(outcomes[0]).toMatchObject({ value: { kind: 'pending_acceptance' } });
    expect(outcomes[2]).toMatchObject({ value: { kind: 'pending_acceptance' } });
    const refused = outcomes[1];
    expect(refused?.status === 'rejected' && refused.reason).toMatchObject({
      name: 'PlatformError',
      kind: 'not_found',
    });
    // One batch of three (refused, nothing applied), then one share per ad account.
    const adds = (await f.log()).filter((e) => e.path.endsWith('/bc/partner/add/'));
    expect(adds).toHaveLength(4);
    expect(await f.platform.readAccess({ agency, asset: advertiser(W.ad2) })).toEqual({
      kind: 'pending',
      level: 'ANALYST',
    });
  });

  it('finds the owning BC when the caller does not pass ownerId', async () => {
    const outcome = await f.platform.grantAccess({
      clientToken: await f.tokenFor(W.dana),
      agency,
      asset: { type: 'advertiser', id: W.ad2 },
      level: 'ANALYST',
    });
    expect(outcome.kind).toBe('pending_acceptance');
    expect(await partnerAdds()).toBe(1);
  });

  it('a client who is not a BC admin gets PlatformError permission with a clear message', async () => {
    const error = await expectPlatformError(
      f.platform.grantAccess({
        clientToken: await f.tokenFor(W.sam),
        agency,
        asset: advertiser(W.ad1),
        level: 'ANALYST',
      }),
    );
    expect(error).toMatchObject({ kind: 'permission', platformCode: 'not_bc_admin' });
    expect(error.message).toMatch(/not an admin of the Business Center "Acme Outdoor"/);
    expect(error.retryable).toBe(false);
  });

  it('a grant created before a read of the agency BC began decides from it: one read per wave', async () => {
    let clientToken = await f.tokenFor(W.dana);
    const grant = (id: string, readsFrom?: Date) =>
      f.platform.grantAccess({
        clientToken,
        agency,
        asset: advertiser(id),
        level: 'ANALYST',
        ...(readsFrom ? { readsFrom } : {}),
      });
    const paths = async () =>
      (await f.log())
        .filter((e) => e.path.includes('/open_api/'))
        .map((e) => e.path.split('/v1.3/')[1]);
    // Both grants were created before the first one read: the second, a moment later, shares
    // that read instead of reading the agency BC again before sharing.
    const created = new Date(Date.now() - 1_000);
    await f.control('log/clear', {});
    await grant(W.ad1, created);
    await grant(W.ad2, created);
    expect(await paths()).toEqual([
      'bc/asset/admin/get/',
      'bc/partner/add/',
      'bc/asset/admin/get/',
      'bc/partner/add/',
      'bc/asset/admin/get/',
    ]);
    // A grant created after that read (or a retry, which passes no moment) reads afresh.
    await f.reset();
    agency = await f.agency();
    clientToken = await f.tokenFor(W.dana);
    await f.control('log/clear', {});
    await grant(W.ad1, new Date());
    await grant(W.ad2, new Date());
    expect((await paths()).filter((p) => p === 'bc/asset/admin/get/')).toHaveLength(4);
  });

  it('prepareGrants reads the agency BC once per type ahead of a wave; the wave decides from it', async () => {
    const clientToken = await f.tokenFor(W.dana);
    const created = new Date(Date.now() - 1_000);
    await f.control('log/clear', {});
    await f.platform.prepareGrants?.({
      agency,
      assetTypes: ['advertiser', 'advertiser', 'not-a-tiktok-type'],
      readsFrom: created,
    });
    expect(await adminReadFilters()).toEqual([null]);
    await Promise.all(
      [W.ad1, W.ad2].map((id) =>
        f.platform.grantAccess({
          clientToken,
          agency,
          asset: advertiser(id),
          level: 'ANALYST',
          readsFrom: created,
        }),
      ),
    );
    // No second read before sharing: one share for both, then one read of the BC back for both.
    expect(await partnerAdds()).toBe(1);
    expect(await adminReadFilters()).toEqual([null, null]);
  });

  it('prepareGrants never rejects: a wave whose read failed reads again for itself', async () => {
    const stranger = { accessToken: 'not-a-token', businessId: agency.businessId };
    await expect(
      f.platform.prepareGrants?.({
        agency: stranger,
        assetTypes: ['advertiser'],
        readsFrom: new Date(),
      }),
    ).resolves.toBeUndefined();
  });

  it('an ad account already shared outside Latchkey is already_granted at its level, untouched', async () => {
    const world: TikTokWorld = {
      ...readDefaultWorld(),
      partners: [
        {
          bcId: W.acmeBc,
          partnerBcId: W.northwindBc,
          shares: [{ assetId: W.ad2, roles: ['ANALYST'] }],
        },
      ],
    };
    await f.reset(world);
    agency = await f.agency();
    const outcome = await f.platform.grantAccess({
      clientToken: await f.tokenFor(W.dana),
      agency,
      asset: advertiser(W.ad2),
      level: 'ADMIN',
    });
    expect(outcome).toEqual({ kind: 'already_granted', level: 'ANALYST' });
    expect(await partnerAdds()).toBe(0);
  });

  it('refuses a level the manifest does not offer before calling TikTok', async () => {
    const error = await expectPlatformError(
      f.platform.grantAccess({
        clientToken: await f.tokenFor(W.dana),
        agency,
        asset: advertiser(W.ad1),
        level: 'OWNER',
      }),
    );
    expect(error.kind).toBe('invalid');
    expect(await partnerAdds()).toBe(0);
  });

  it('revokes one ad account, leaving the partner and its other shares in place', async () => {
    const clientToken = await f.tokenFor(W.dana);
    for (const id of [W.ad1, W.ad2]) {
      await f.platform.grantAccess({
        clientToken,
        agency,
        asset: advertiser(id),
        level: 'ANALYST',
      });
    }
    await accept();
    expect(
      await f.platform.revokeAccess({ agency, clientToken, asset: advertiser(W.ad1) }),
    ).toEqual({
      kind: 'revoked',
    });
    expect(await f.platform.readAccess({ agency, asset: advertiser(W.ad1) })).toEqual({
      kind: 'lost',
    });
    expect(await f.platform.readAccess({ agency, asset: advertiser(W.ad2) })).toEqual({
      kind: 'holds',
      level: 'ANALYST',
    });
    const paths = (await f.log()).map((e) => e.path);
    expect(paths.some((p) => p.endsWith('/bc/partner/asset/delete/'))).toBe(true);
    expect(paths.some((p) => p.endsWith('/bc/partner/delete/'))).toBe(false);
  });

  it('without the client token, the agency gives the asset up from its own BC', async () => {
    const clientToken = await f.tokenFor(W.dana);
    await f.platform.grantAccess({
      clientToken,
      agency,
      asset: advertiser(W.ad1),
      level: 'ANALYST',
    });
    await accept();
    expect(await f.platform.revokeAccess({ agency, asset: advertiser(W.ad1) })).toEqual({
      kind: 'revoked',
    });
    expect(await f.platform.readAccess({ agency, asset: advertiser(W.ad1) })).toEqual({
      kind: 'lost',
    });
    expect((await f.log()).some((e) => e.path.endsWith('/bc/asset/admin/delete/'))).toBe(true);
  });
});

describe('TikTok in batches at scale (issue #16)', () => {
  const many = (count: number) =>
    Array.from({ length: count }, (_, i) => String(7_380_000_000_000_000_001n + BigInt(i)));
  const withAcmeAccounts = (ids: string[]): TikTokWorld => {
    const world = readDefaultWorld();
    return {
      ...world,
      advertisers: [
        ...(world.advertisers ?? []),
        ...ids.map((advertiserId, i) => ({
          advertiserId,
          name: `Acme market ${i + 1}`,
          ownerBcId: W.acmeBc,
        })),
      ],
    };
  };

  it('60 ad accounts shared together: two shares (50 + 10) and one paged read back', async () => {
    const ids = many(60);
    await f.reset(withAcmeAccounts(ids));
    agency = await f.agency();
    const clientToken = await f.tokenFor(W.dana, ids);
    await f.control('log/clear', {});
    const outcomes = await Promise.all(
      ids.map((id) =>
        f.platform.grantAccess({ clientToken, agency, asset: advertiser(id), level: 'ANALYST' }),
      ),
    );
    expect(new Set(outcomes.map((o) => o.kind))).toEqual(new Set(['pending_acceptance']));
    const paths = (await f.log())
      .filter((e) => e.path.includes('/open_api/'))
      .map((e) => e.path.split('/v1.3/')[1]);
    expect(paths.filter((p) => p === 'bc/partner/add/')).toHaveLength(2);
    // One read before (an empty BC: one page), then one read of both pages after: no keyword.
    expect(await adminReadFilters()).toEqual([null, null, null]);
  });

  it('removes held assets in one bc/asset/admin/delete/; a refused batch goes asset by asset', async () => {
    const clientToken = await f.tokenFor(W.dana);
    await Promise.all(
      [W.ad1, W.ad2].map((id) =>
        f.platform.grantAccess({ clientToken, agency, asset: advertiser(id), level: 'ANALYST' }),
      ),
    );
    await accept();
    await f.control('log/clear', {});
    const deletes = async () =>
      (await f.log()).filter((e) => e.path.endsWith('/bc/asset/admin/delete/')).length;
    const removed = await f.platform.revokeAssets?.({
      agency,
      assetType: 'advertiser',
      assetIds: [W.ad1, W.ad2],
    });
    expect(removed).toEqual([
      { assetId: W.ad1, outcome: { kind: 'revoked' } },
      { assetId: W.ad2, outcome: { kind: 'revoked' } },
    ]);
    expect(await deletes()).toBe(1);
    expect(await adminReadFilters()).toEqual([]);

    // ad1 held again, ad2 no longer: TikTok refuses the batch, each is then removed alone.
    await f.platform.grantAccess({
      clientToken,
      agency,
      asset: advertiser(W.ad1),
      level: 'ANALYST',
    });
    await accept();
    await f.control('log/clear', {});
    const mixed = await f.platform.revokeAssets?.({
      agency,
      assetType: 'advertiser',
      assetIds: [W.ad1, W.ad2],
    });
    expect(mixed).toEqual([
      { assetId: W.ad1, outcome: { kind: 'revoked' } },
      { assetId: W.ad2, outcome: { kind: 'not_present' } },
    ]);
    expect(await deletes()).toBe(2);
    for (const id of [W.ad1, W.ad2]) {
      expect(await f.platform.readAccess({ agency, asset: advertiser(id) })).toEqual({
        kind: 'lost',
      });
    }
  });
});

describe('TikTok pixels and catalogs (shared by the owner in Business Center)', () => {
  it('a pixel needs a manual step naming the agency BC, then reads back as granted', async () => {
    const clientToken = await f.tokenFor(W.dana);
    const pixel = { type: 'pixel', id: W.pixel, ownerId: W.acmeBc };
    const first = await f.platform.grantAccess({
      clientToken,
      agency,
      asset: pixel,
      level: 'SHARED',
    });
    expect(first.kind).toBe('needs_manual_step');
    if (first.kind !== 'needs_manual_step') return;
    expect(first.step.instructions.join(' ')).toContain(W.northwindBc);
    expect(first.step.instructions.join(' ')).toContain(W.pixel);
    expect(first.step.actionUrl).toBe(`${f.base}/console`);
    await f.control('partners/share', {
      bc_id: W.acmeBc,
      partner_id: W.northwindBc,
      asset_type: 'PIXEL',
      asset_ids: [W.pixel],
      user_id: W.dana,
    });
    expect(
      await f.platform.grantAccess({ clientToken, agency, asset: pixel, level: 'SHARED' }),
    ).toMatchObject({ kind: 'pending_acceptance' });
    await accept();
    expect(
      await f.platform.grantAccess({ clientToken, agency, asset: pixel, level: 'SHARED' }),
    ).toEqual({
      kind: 'already_granted',
      level: 'SHARED',
    });
    expect(await partnerAdds()).toBe(0);
  });

  it('a catalog needs a manual step with its level, then reads back at that level', async () => {
    const clientToken = await f.tokenFor(W.dana);
    const catalog = { type: 'catalog', id: W.catalog, ownerId: W.acmeBc };
    const first = await f.platform.grantAccess({
      clientToken,
      agency,
      asset: catalog,
      level: 'AD_PROMOTE',
    });
    expect(first.kind).toBe('needs_manual_step');
    if (first.kind === 'needs_manual_step') {
      expect(first.step.instructions.join(' ')).toContain('Ad promote');
    }
    await f.control('partners/share', {
      bc_id: W.acmeBc,
      partner_id: W.northwindBc,
      asset_type: 'CATALOG',
      asset_ids: [W.catalog],
      roles: ['AD_PROMOTE'],
      user_id: W.dana,
    });
    await accept();
    expect(await f.platform.readAccess({ agency, asset: catalog })).toEqual({
      kind: 'holds',
      level: 'AD_PROMOTE',
    });
  });
});

describe('TikTok accounts (authorization QR code)', () => {
  it('returns the QR step; once the owner scans and approves, the account reads as held', async () => {
    const account = { type: 'tiktok_account', id: W.ttAccount };
    const clientToken = await f.tokenFor(W.dana);
    const outcome = await f.platform.grantAccess({
      clientToken,
      agency,
      asset: account,
      level: 'AD_DELIVERY',
    });
    expect(outcome.kind).toBe('needs_manual_step');
    if (outcome.kind !== 'needs_manual_step') return;
    expect(outcome.step.qrCode).toBe(true);
    const qr = new URL(outcome.step.actionUrl ?? '');
    expect(qr.pathname).toBe('/sandbox/tiktok/tiktok-app/link');
    const scanned = await f.control('qr/scan', {
      token: qr.searchParams.get('token'),
      user_id: W.dana,
      asset_id: W.ttAccount,
      approve: true,
    });
    expect(scanned.code).toBe(0);
    expect(await f.platform.readAccess({ agency, asset: account })).toEqual({
      kind: 'holds',
      level: 'AD_DELIVERY',
    });
    expect(
      await f.platform.grantAccess({ clientToken, agency, asset: account, level: 'AD_DELIVERY' }),
    ).toEqual({ kind: 'already_granted', level: 'AD_DELIVERY' });
  });
});
