// The Meta connector against its sandbox beyond the shared contract: listing, each asset type's
// task mapping, the Instagram and personal-ad-account manual paths verified afterwards, revoking
// from the agency side, token placement (S7) and the Graph version as configuration.
import { translateReason } from '../../../../web/src/i18n/reasons.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createMetaConnector,
  metaSandboxBaseUrls,
} from '../../../../src/platforms/meta/connector.ts';
import { APP, REDIRECT_URI, startMetaFixture, W, type MetaFixture } from './fixture.ts';

let f: MetaFixture;
beforeAll(async () => {
  f = await startMetaFixture();
});
afterAll(async () => f.close());
beforeEach(async () => f.reset());

const tasksHeld = (assetId: string) =>
  f.sandbox.model.state.shares.find(
    (s) => s.assetId === assetId && s.partnerBusinessId === W.northwind,
  )?.tasks;

describe('listing', () => {
  it("lists the admin's business assets by type and the personal ad accounts separately", async () => {
    const listing = await f.platform.listClientAssets(await f.tokenFor(W.dana));
    expect(listing.businesses).toEqual([{ id: W.acme, name: 'Acme Outdoor', isAdmin: true }]);
    const byType = (t: string) => listing.assets.filter((a) => a.type === t).map((a) => a.id);
    expect(byType('ad_account')).toEqual([W.adUs, W.adEu, W.adOutlet]);
    expect(byType('page')).toEqual([W.page, W.page2]);
    expect(byType('pixel')).toEqual([W.pixel]);
    expect(byType('catalog')).toEqual([W.catalog]);
    expect(listing.assets.find((a) => a.type === 'instagram_account')).toMatchObject({
      id: W.ig,
      name: 'Acme Outdoor',
      ownerId: W.acme,
    });
    expect(listing.assets.every((a) => a.blocked === undefined)).toBe(true);
    const zoe = await f.platform.listClientAssets(await f.tokenFor(W.zoe));
    expect(zoe.assets).toEqual([{ type: 'ad_account', id: W.zoeAd, name: "Zoe's ad account" }]);
  });

  it('an employee sees only assigned assets, blocked because they cannot share them', async () => {
    const listing = await f.platform.listClientAssets(await f.tokenFor(W.sam));
    expect(listing.businesses).toEqual([{ id: W.acme, name: 'Acme Outdoor', isAdmin: false }]);
    expect(listing.assets).toHaveLength(1);
    expect(listing.assets[0]).toMatchObject({
      id: W.adUs,
      blocked: { code: 'not_business_admin' },
    });
    // The client page words it from its code and values: in English, the connector's words.
    const blocked = listing.assets[0]?.blocked;
    expect(blocked && translateReason('en', 'meta', blocked)).toBe(blocked?.message);
    expect(blocked && translateReason('fr', 'meta', blocked)).toMatch(
      /administrateur de Acme Outdoor/,
    );
  });

  it('pages through more assets than one Graph page holds', async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      id: String(310000000000000 + i),
      kind: 'ad_account' as const,
      name: `Account ${i}`,
      ownerBusinessId: W.acme,
    }));
    f.sandbox.reset({
      users: [{ id: W.dana, name: 'Dana', email: 'dana@acme-outdoor.example' }],
      businesses: [{ id: W.acme, name: 'Acme', admins: [W.dana] }],
      assets: many,
    });
    const listing = await f.platform.listClientAssets(await f.tokenFor(W.dana));
    expect(listing.assets).toHaveLength(60);
  });
});

describe('grants per asset type', () => {
  it.each([
    ['ad_account', W.adEu, 'full_control', ['MANAGE', 'ADVERTISE', 'ANALYZE']],
    [
      'page',
      W.page,
      'partial',
      ['CREATE_CONTENT', 'MODERATE', 'MESSAGING', 'ADVERTISE', 'ANALYZE'],
    ],
    ['pixel', W.pixel, 'full_control', ['ADVERTISE', 'ANALYZE', 'UPLOAD']],
    ['catalog', W.catalog, 'view_only', ['AA_ANALYZE']],
  ])('%s at %s sends its own tasks and reads back the level', async (type, id, level, tasks) => {
    const input = {
      clientToken: await f.tokenFor(W.dana),
      agency: await f.agency(),
      asset: { type, id },
      level,
    };
    expect(await f.platform.grantAccess(input)).toEqual({ kind: 'granted', level });
    expect(tasksHeld(id.replace('act_', ''))).toEqual(tasks);
    expect(await f.platform.readAccess(input)).toEqual({ kind: 'holds', level });
    expect(await f.platform.grantAccess(input)).toEqual({ kind: 'already_granted', level });
  });

  it('raising the level re-shares with the larger task list', async () => {
    const base = {
      clientToken: await f.tokenFor(W.dana),
      agency: await f.agency(),
      asset: { type: 'ad_account', id: W.adUs },
    };
    await f.platform.grantAccess({ ...base, level: 'view_only' });
    expect(await f.platform.grantAccess({ ...base, level: 'full_control' })).toEqual({
      kind: 'granted',
      level: 'full_control',
    });
  });

  it('the agency revokes a Page share with its own Page token; then it reads lost', async () => {
    const input = {
      clientToken: await f.tokenFor(W.dana),
      agency: await f.agency(),
      asset: { type: 'page', id: W.page },
      level: 'view_only',
    };
    await f.platform.grantAccess(input);
    expect(await f.platform.revokeAccess({ agency: input.agency, asset: input.asset })).toEqual({
      kind: 'revoked',
    });
    expect(await f.platform.readAccess(input)).toEqual({ kind: 'lost' });
  });

  it('an unknown level or type is PlatformError invalid', async () => {
    const base = { clientToken: await f.tokenFor(W.dana), agency: await f.agency() };
    await expect(
      f.platform.grantAccess({
        ...base,
        asset: { type: 'ad_account', id: W.adUs },
        level: 'owner',
      }),
    ).rejects.toMatchObject({ kind: 'invalid' });
    await expect(
      f.platform.grantAccess({ ...base, asset: { type: 'story', id: '1' }, level: 'partial' }),
    ).rejects.toMatchObject({ kind: 'invalid' });
  });
});

describe('manual paths', () => {
  it('Instagram: a guided step, the client assigns the partner in Business Settings, then it verifies', async () => {
    const input = {
      clientToken: await f.tokenFor(W.dana),
      agency: await f.agency(),
      asset: { type: 'instagram_account', id: W.ig },
      level: 'partner',
    };
    const outcome = await f.platform.grantAccess(input);
    expect(outcome.kind).toBe('needs_manual_step');
    if (outcome.kind !== 'needs_manual_step') return;
    expect(outcome.step.actionUrl).toBe(`${f.base}/business-settings`);
    expect(outcome.step.instructions.join(' ')).toContain(W.northwind);
    expect(await f.platform.readAccess(input)).toEqual({ kind: 'lost' });
    const res = await f.consoleForm(W.dana, 'assign-partner', [
      ['assetId', W.ig],
      ['kind', 'instagram_account'],
      ['partner', W.northwind],
      ['tasks', 'CONTENT'],
      ['tasks', 'ANALYZE'],
    ]);
    expect(res.status).toBe(303);
    expect(await f.platform.readAccess(input)).toEqual({ kind: 'holds', level: 'partner' });
    expect(await f.platform.grantAccess(input)).toEqual({
      kind: 'already_granted',
      level: 'partner',
    });
    await expect(f.platform.revokeAccess(input)).rejects.toMatchObject({
      kind: 'invalid',
      platformCode: 'manual_only',
    });
  });

  it('a personal ad account: a guided step; after moving it into a business and sharing, it verifies', async () => {
    const input = {
      clientToken: await f.tokenFor(W.zoe),
      agency: await f.agency(),
      asset: { type: 'ad_account', id: W.zoeAd },
      level: 'partial',
    };
    const outcome = await f.platform.grantAccess(input);
    expect(outcome.kind).toBe('needs_manual_step');
    f.sandbox.model.mutate((ctx) => {
      ctx.state.businesses.push({
        id: '200000000000020',
        name: 'Zoe Co',
        verificationStatus: 'verified',
        createdTime: '2025-01-01T00:00:00Z',
      });
      ctx.state.businessUsers.push({ businessId: '200000000000020', userId: W.zoe, role: 'ADMIN' });
    });
    expect(
      (
        await f.consoleForm(W.zoe, 'claim-ad-account', [
          ['assetId', '300000000000020'],
          ['businessId', '200000000000020'],
        ])
      ).status,
    ).toBe(303);
    expect(
      (
        await f.consoleForm(W.zoe, 'assign-partner', [
          ['assetId', '300000000000020'],
          ['kind', 'ad_account'],
          ['partner', W.northwind],
          ['tasks', 'ADVERTISE'],
          ['tasks', 'ANALYZE'],
        ])
      ).status,
    ).toBe(303);
    expect(await f.platform.readAccess(input)).toEqual({ kind: 'holds', level: 'partial' });
  });
});

describe('transport', () => {
  it('never puts a token in a URL and always signs with appsecret_proof (S7)', async () => {
    const input = {
      clientToken: await f.tokenFor(W.dana),
      agency: await f.agency(),
      asset: { type: 'page', id: W.page },
      level: 'partial',
    };
    await f.platform.listClientAssets(input.clientToken);
    await f.platform.grantAccess(input);
    await f.platform.revokeAccess(input);
    const log = f.log();
    expect(log.length).toBeGreaterThan(10);
    for (const entry of log) {
      expect(entry.query.access_token).toBeUndefined();
      expect(entry.query.client_secret).toBeUndefined();
      expect(entry.query.code).toBeUndefined();
      if (entry.tokenIn !== null)
        expect([entry.tokenIn, entry.appsecretProof]).toEqual(['header', true]);
    }
  });

  it('the Graph version is configuration: v26.0 works, a malformed one is refused at construction', async () => {
    const v26 = createMetaConnector({
      baseUrls: metaSandboxBaseUrls(f.base),
      appId: APP.appId,
      appSecret: APP.secret,
      graphVersion: 'v26.0',
    });
    expect(
      v26.authorizationUrl({
        state: 's',
        redirectUri: REDIRECT_URI,
        scopes: ['business_management'],
      }).pathname,
    ).toBe('/sandbox/meta/v26.0/dialog/oauth');
    const tokens = await v26.exchangeCode({
      code: await f.consent(W.dana),
      redirectUri: REDIRECT_URI,
    });
    expect(tokens.scopes).toContain('business_management');
    expect(f.log().at(-1)!.path.startsWith('/v26.0/')).toBe(true);
    expect(() =>
      createMetaConnector({
        baseUrls: metaSandboxBaseUrls(f.base),
        appId: APP.appId,
        appSecret: APP.secret,
        graphVersion: '25',
      }),
    ).toThrow(/v25\.0/);
  });

  it('a version the platform does not serve is a PlatformError, not a crash', async () => {
    const v99 = createMetaConnector({
      baseUrls: metaSandboxBaseUrls(f.base),
      appId: APP.appId,
      appSecret: APP.secret,
      graphVersion: 'v99.0',
    });
    await expect(v99.listClientAssets(await f.tokenFor(W.dana))).rejects.toMatchObject({
      name: 'PlatformError',
      platformCode: '2500',
    });
  });
});
