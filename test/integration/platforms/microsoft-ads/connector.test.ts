/**
 * The Microsoft Advertising connector against its sandbox: only the base URLs point at the
 * sandbox. Listing without typing ids, the client-link grant (with idempotent retries), read-back,
 * revoke (unlink), throttling, the user-invitation fallback and the access reading.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../../src/platforms/errors.ts';
import {
  createMicrosoftAdsConnector,
  microsoftAdsSandboxBaseUrls,
  type MicrosoftAdsPlatform,
} from '../../../../src/platforms/microsoft-ads/connector.ts';
import { createPkcePair } from '../../../../src/platforms/pkce.ts';
import {
  APP,
  call,
  CAST,
  CONTROL_TOKEN,
  DEV_TOKEN,
  signIn,
  startSandbox,
  tokensFor,
  type Running,
} from './helpers.ts';

let sb: Running;
let connector: MicrosoftAdsPlatform;
beforeEach(async () => {
  sb = await startSandbox();
  connector = createMicrosoftAdsConnector({
    baseUrls: microsoftAdsSandboxBaseUrls(sb.url),
    clientId: APP.clientId,
    clientSecret: APP.clientSecret,
    developerToken: DEV_TOKEN,
    now: () => sb.clock.now,
  });
});
afterEach(async () => {
  await sb.close();
});

const asset = { type: 'ad_account', id: CAST.acmeUs, ownerId: CAST.acme };
const linksOf = (account: string) =>
  sb.sandbox.model.state.links.filter(
    (l) => l.clientAccountId === account && l.managingCustomerId === CAST.northwind,
  );

describe('sign-in', () => {
  it('builds the authorize URL and exchanges the code with PKCE for tokens that refresh', async () => {
    const pkce = await createPkcePair();
    const url = connector.authorizationUrl({
      state: 'state-1',
      redirectUri: APP.redirectUris[0]!,
      codeChallenge: pkce.codeChallenge,
      scopes: connector.manifest.oauth?.scopes ?? [],
    });
    expect(url.pathname).toBe('/common/oauth2/v2.0/authorize');
    expect(url.searchParams.get('scope')).toBe(
      'https://ads.microsoft.com/msads.manage offline_access',
    );
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    const cookie = await signIn(sb.url, CAST.dana);
    const fields = Object.fromEntries(url.searchParams);
    const res = await fetch(`${sb.url}/consent`, {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams({ ...fields, decision: 'accept' }),
      redirect: 'manual',
    });
    const back = new URL(res.headers.get('location') ?? '');
    expect(back.searchParams.get('state')).toBe('state-1');
    const tokens = await connector.exchangeCode({
      code: back.searchParams.get('code') ?? '',
      redirectUri: APP.redirectUris[0]!,
      codeVerifier: pkce.codeVerifier,
    });
    expect(tokens.refreshToken).toBeDefined();
    expect(tokens.expiresAt?.getTime()).toBe(sb.clock.now.getTime() + 3600_000);
    const again = connector.exchangeCode({
      code: back.searchParams.get('code') ?? '',
      redirectUri: APP.redirectUris[0]!,
      codeVerifier: pkce.codeVerifier,
    });
    await expect(again).rejects.toMatchObject({ kind: 'auth', platformCode: 'invalid_grant' });
    const refreshed = await connector.refreshTokens(tokens.refreshToken ?? '');
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    const listing = await connector.listClientAssets(refreshed.accessToken);
    expect(listing.assets.length).toBe(3);
  });
});

describe('listing the client’s accounts', () => {
  it('lists every account under the client’s customers, with names, without typing ids', async () => {
    const dana = await tokensFor(sb.url, CAST.dana);
    const listing = await connector.listClientAssets(dana.access);
    expect(listing.businesses).toEqual([{ id: CAST.acme, name: 'Acme Outdoor', isAdmin: true }]);
    expect(listing.assets).toEqual([
      {
        type: 'ad_account',
        id: CAST.acmeUs,
        name: 'Acme Outdoor US',
        ownerId: CAST.acme,
        ownerName: 'Acme Outdoor',
      },
      {
        type: 'ad_account',
        id: CAST.acmeEu,
        name: 'Acme Outdoor EU',
        ownerId: CAST.acme,
        ownerName: 'Acme Outdoor',
      },
      {
        type: 'ad_account',
        id: CAST.acmePrepaid,
        name: 'Acme Outdoor Prepaid',
        ownerId: CAST.acme,
        ownerName: 'Acme Outdoor',
      },
    ]);
    expect(listing.notice).toBeUndefined();
  });

  it('blocks accounts whose person cannot accept a link, and explains an empty listing', async () => {
    const omar = await tokensFor(sb.url, CAST.omar);
    const viewer = await connector.listClientAssets(omar.access);
    expect(viewer.assets).toEqual([]);
    const zoe = await tokensFor(sb.url, CAST.zoe);
    const none = await connector.listClientAssets(zoe.access);
    expect(none).toMatchObject({ businesses: [], assets: [], notice: { code: 'no_accounts' } });
    // Sam is a Standard user on one account: that account can be linked.
    const sam = await tokensFor(sb.url, CAST.sam);
    const samList = await connector.listClientAssets(sam.access);
    expect(samList.assets).toEqual([expect.objectContaining({ id: CAST.acmeUs })]);
    expect(samList.assets[0]?.blocked).toBeUndefined();
    expect(samList.businesses[0]?.isAdmin).toBe(false);
  });

  it('marks a Viewer’s accounts as blocked with a code, a message and the role', async () => {
    const { access } = await tokensFor(sb.url, CAST.dana);
    await call(sb.url, access, 'POST', '/UserInvitation/Send', {
      UserInvitation: {
        FirstName: 'Zoe',
        LastName: 'Park',
        Email: 'zoe@example.com',
        CustomerId: CAST.acme,
        RoleId: 100,
      },
    });
    const id = sb.sandbox.model.state.invitations[0]?.id ?? '';
    await fetch(`${sb.url}/_control/invitations/${id}/accept`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CONTROL_TOKEN}` },
    });
    const zoe = await tokensFor(sb.url, CAST.zoe);
    const listing = await connector.listClientAssets(zoe.access);
    expect(listing.assets[0]?.blocked).toEqual({
      code: 'role_cannot_link',
      message: expect.stringContaining('Super Admin') as string,
      values: { role: 'Viewer' },
    });
  });
});

describe('the client-link grant', () => {
  it('proposes as the agency, accepts as the client, reads back Active; a retry is already_granted', async () => {
    const nora = await tokensFor(sb.url, CAST.nora);
    const dana = await tokensFor(sb.url, CAST.dana);
    const agency = { businessId: CAST.northwind, accessToken: nora.access };
    expect(await connector.readAccess({ agency, asset })).toEqual({ kind: 'lost' });
    const outcome = await connector.grantAccess({
      clientToken: dana.access,
      agency,
      asset,
      level: 'client_link',
    });
    expect(outcome).toEqual({ kind: 'granted', level: 'client_link' });
    expect(linksOf(CAST.acmeUs).map((l) => l.status)).toEqual(['Active']);
    expect(linksOf(CAST.acmeUs)[0]).toMatchObject({
      isBillToClient: true,
      suppressNotification: true,
    });
    expect(await connector.readAccess({ agency, asset })).toEqual({
      kind: 'holds',
      level: 'client_link',
    });

    const retry = await connector.grantAccess({
      clientToken: dana.access,
      agency,
      asset,
      level: 'client_link',
    });
    expect(retry).toEqual({ kind: 'already_granted', level: 'client_link' });
    expect(linksOf(CAST.acmeUs)).toHaveLength(1);
    const log = sb.sandbox.log.filter((e) => e.path.endsWith('/ClientLinks'));
    expect(log.map((e) => e.method)).toEqual(['POST', 'PUT']);
    expect(log.every((e) => e.headers.developerToken && e.headers.authorization)).toBe(true);
  });

  it('resumes a grant whose proposal was sent but not accepted (no second proposal)', async () => {
    const nora = await tokensFor(sb.url, CAST.nora);
    const dana = await tokensFor(sb.url, CAST.dana);
    const agency = { businessId: CAST.northwind, accessToken: nora.access };
    await call(sb.url, nora.access, 'POST', '/ClientLinks', {
      ClientLinks: [
        { ClientEntityId: CAST.acmeUs, ManagingCustomerId: CAST.northwind, IsBillToClient: true },
      ],
    });
    expect(await connector.readAccess({ agency, asset })).toEqual({
      kind: 'pending',
      level: 'client_link',
    });
    const outcome = await connector.grantAccess({
      clientToken: dana.access,
      agency,
      asset,
      level: 'client_link',
    });
    expect(outcome.kind).toBe('granted');
    expect(linksOf(CAST.acmeUs).map((l) => l.status)).toEqual(['Active']);
    expect(
      sb.sandbox.log.filter((e) => e.path.endsWith('/ClientLinks') && e.method === 'POST'),
    ).toHaveLength(1);
  });

  it('a lost answer or a transient fault on the proposal is retryable; the retry proposes no second link', async () => {
    const nora = await tokensFor(sb.url, CAST.nora);
    const dana = await tokensFor(sb.url, CAST.dana);
    const agency = { businessId: CAST.northwind, accessToken: nora.access };
    let mode: 'lose' | 'fail' | 'pass' = 'lose';
    const flaky = createMicrosoftAdsConnector({
      baseUrls: microsoftAdsSandboxBaseUrls(sb.url),
      clientId: APP.clientId,
      clientSecret: APP.clientSecret,
      developerToken: DEV_TOKEN,
      fetch: async (url, init) => {
        const proposal = init.method === 'POST' && url.pathname.endsWith('/ClientLinks');
        if (proposal && mode === 'fail') {
          mode = 'pass';
          return new Response(
            JSON.stringify({ Type: 'ApiFault', OperationErrors: [{ Code: 0, Message: 'x' }] }),
            { status: 500 },
          );
        }
        const answer = await fetch(url, init);
        if (proposal && mode === 'lose') {
          mode = 'pass';
          throw new TypeError('socket hang up');
        }
        return answer;
      },
    });
    const input = { clientToken: dana.access, agency, asset, level: 'client_link' };
    await expect(flaky.grantAccess(input)).rejects.toMatchObject({
      kind: 'unavailable',
      retryable: true,
    });
    expect(linksOf(CAST.acmeUs).map((l) => l.status)).toEqual(['LinkPending']);
    expect(await flaky.grantAccess(input)).toEqual({ kind: 'granted', level: 'client_link' });
    expect(linksOf(CAST.acmeUs).map((l) => l.status)).toEqual(['Active']);

    const eu = { type: 'ad_account', id: CAST.acmeEu, ownerId: CAST.acme };
    mode = 'fail';
    await expect(flaky.grantAccess({ ...input, asset: eu })).rejects.toMatchObject({
      kind: 'unavailable',
      platformCode: '0',
    });
    expect(linksOf(CAST.acmeEu)).toEqual([]);
    expect(await flaky.grantAccess({ ...input, asset: eu })).toEqual({
      kind: 'granted',
      level: 'client_link',
    });
    const posts = sb.sandbox.log.filter(
      (e) => e.method === 'POST' && e.path.endsWith('/ClientLinks'),
    );
    expect(posts).toHaveLength(2);
  });

  it('waits for Microsoft while the link is in progress, and says who must accept when the client cannot', async () => {
    const nora = await tokensFor(sb.url, CAST.nora);
    const dana = await tokensFor(sb.url, CAST.dana);
    const agency = { businessId: CAST.northwind, accessToken: nora.access };
    sb.sandbox.setFaults({ linkTransitionMs: 60_000 });
    const slow = await connector.grantAccess({
      clientToken: dana.access,
      agency,
      asset,
      level: 'client_link',
    });
    expect(slow.kind).toBe('pending_acceptance');
    sb.clock.now = new Date(sb.clock.now.getTime() + 60_000);
    expect(await connector.readAccess({ agency, asset })).toEqual({
      kind: 'holds',
      level: 'client_link',
    });

    // Omar is a Viewer of Acme Outdoor (after an invitation): he cannot accept a link.
    const eu = { type: 'ad_account', id: CAST.acmeEu, ownerId: CAST.acme };
    await call(sb.url, dana.access, 'POST', '/UserInvitation/Send', {
      UserInvitation: {
        FirstName: 'Omar',
        LastName: 'Haddad',
        Email: 'omar@northwind-media.example',
        CustomerId: CAST.acme,
        RoleId: 100,
      },
    });
    const id = sb.sandbox.model.state.invitations[0]?.id ?? '';
    await fetch(`${sb.url}/_control/invitations/${id}/accept`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CONTROL_TOKEN}` },
    });
    const omar = await tokensFor(sb.url, CAST.omar);
    const waiting = await connector.grantAccess({
      clientToken: omar.access,
      agency,
      asset: eu,
      level: 'client_link',
    });
    expect(waiting).toMatchObject({
      kind: 'pending_acceptance',
      detail: expect.stringContaining('Super Admin') as string,
    });
  });

  it('refuses a prepaid account with a not_found PlatformError carrying Microsoft’s code', async () => {
    const nora = await tokensFor(sb.url, CAST.nora);
    const dana = await tokensFor(sb.url, CAST.dana);
    const agency = { businessId: CAST.northwind, accessToken: nora.access };
    const prepaid = { type: 'ad_account', id: CAST.acmePrepaid, ownerId: CAST.acme };
    const grant = connector.grantAccess({
      clientToken: dana.access,
      agency,
      asset: prepaid,
      level: 'client_link',
    });
    await expect(grant).rejects.toMatchObject({ kind: 'not_found', platformCode: '208' });
  });

  it('revokes by unlink request (Inactive afterwards); a second revoke finds nothing', async () => {
    const nora = await tokensFor(sb.url, CAST.nora);
    const dana = await tokensFor(sb.url, CAST.dana);
    const agency = { businessId: CAST.northwind, accessToken: nora.access };
    await connector.grantAccess({ clientToken: dana.access, agency, asset, level: 'client_link' });
    expect(await connector.revokeAccess({ agency, asset })).toEqual({ kind: 'revoked' });
    expect(linksOf(CAST.acmeUs).map((l) => l.status)).toEqual(['UnlinkPending']);
    expect(await connector.readAccess({ agency, asset })).toEqual({ kind: 'lost' });
    expect(linksOf(CAST.acmeUs).map((l) => l.status)).toEqual(['Inactive']);
    expect(await connector.revokeAccess({ agency, asset })).toEqual({ kind: 'not_present' });
    // A pending proposal is cancelled.
    await call(sb.url, nora.access, 'POST', '/ClientLinks', {
      ClientLinks: [
        { ClientEntityId: CAST.acmeEu, ManagingCustomerId: CAST.northwind, IsBillToClient: true },
      ],
    });
    const eu = { type: 'ad_account', id: CAST.acmeEu, ownerId: CAST.acme };
    expect(await connector.revokeAccess({ agency, asset: eu })).toEqual({ kind: 'revoked' });
    expect(linksOf(CAST.acmeEu).map((l) => l.status)).toEqual(['LinkCanceled']);
  });

  it('reports throttling as rate_limited with Microsoft’s wait, and succeeds once the window passes', async () => {
    const nora = await tokensFor(sb.url, CAST.nora);
    const agency = { businessId: CAST.northwind, accessToken: nora.access };
    // readAccess with no link reads twice: the link, then the agency person's roles.
    sb.sandbox.setFaults({ rateLimit: { requests: 2, perMs: 60_000 } });
    expect(await connector.readAccess({ agency, asset })).toMatchObject({ kind: 'lost' });
    const throttled = await connector.readAccess({ agency, asset }).catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(PlatformError);
    expect(throttled).toMatchObject({
      kind: 'rate_limited',
      platformCode: '117',
      retryable: true,
      extra: { retryAfterMs: 60_000 },
    });
    sb.clock.now = new Date(sb.clock.now.getTime() + 60_001);
    expect(await connector.readAccess({ agency, asset })).toEqual({ kind: 'lost' });
    sb.sandbox.setFaults({ failNext: 1 });
    await expect(connector.readAccess({ agency, asset })).rejects.toMatchObject({
      kind: 'unavailable',
      platformCode: '0',
    });
  });

  it('reads who reaches the account through the agency’s manager account', async () => {
    const nora = await tokensFor(sb.url, CAST.nora);
    const dana = await tokensFor(sb.url, CAST.dana);
    const agency = { businessId: CAST.northwind, accessToken: nora.access };
    expect(await connector.readAssetAccess!({ agency, asset })).toMatchObject({
      holding: null,
      paths: [],
    });
    await connector.grantAccess({ clientToken: dana.access, agency, asset, level: 'client_link' });
    const reading = await connector.readAssetAccess!({ agency, asset });
    expect(reading.holding).toEqual({
      relation: 'client_link',
      status: 'holds',
      levels: ['client_link'],
      sourceName: null,
    });
    expect(reading.paths).toEqual([
      {
        person: { id: CAST.nora, name: 'Nora Lindqvist', email: 'nora@northwind-media.example' },
        business: { id: CAST.northwind, relation: 'client_link', sourceName: null },
        businessRole: 'Super Admin',
        reason: 'business_member',
        levels: ['Super Admin'],
      },
    ]);
    expect(reading.limits.length).toBeGreaterThan(0);
  });
});

describe('the user-invitation fallback', () => {
  it('invites the agency person once with the level’s role, explains the manual step, then reads the role', async () => {
    const nora = await tokensFor(sb.url, CAST.nora);
    const dana = await tokensFor(sb.url, CAST.dana);
    const agency = { businessId: CAST.northwind, accessToken: nora.access };
    const outcome = await connector.grantAccess({
      clientToken: dana.access,
      agency,
      asset,
      level: 'viewer',
    });
    expect(outcome).toMatchObject({
      kind: 'needs_manual_step',
      step: {
        instructions: expect.arrayContaining([
          expect.stringContaining('nora@northwind-media.example'),
        ]) as string[],
      },
    });
    await connector.grantAccess({ clientToken: dana.access, agency, asset, level: 'viewer' });
    const invitations = sb.sandbox.model.state.invitations;
    expect(invitations).toEqual([
      expect.objectContaining({
        email: 'nora@northwind-media.example',
        roleId: 100,
        accountIds: [CAST.acmeUs],
      }),
    ]);
    expect(await connector.readAccess({ agency, asset })).toEqual({ kind: 'lost' });
    await fetch(`${sb.url}/_control/invitations/${invitations[0]?.id ?? ''}/accept`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CONTROL_TOKEN}` },
    });
    expect(await connector.readAccess({ agency, asset })).toEqual({
      kind: 'holds',
      level: 'viewer',
    });
    const again = await connector.grantAccess({
      clientToken: dana.access,
      agency,
      asset,
      level: 'viewer',
    });
    expect(again).toEqual({ kind: 'already_granted', level: 'viewer' });
    await expect(connector.revokeAccess({ agency, asset })).rejects.toMatchObject({
      kind: 'permission',
      platformCode: 'manual_revoke',
    });
  });
});
