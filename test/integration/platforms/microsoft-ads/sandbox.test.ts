/**
 * The Microsoft Advertising sandbox against its contract (docs/platforms/microsoft-ads-api.md):
 * headers, OAuth, paths, the client link state machine, every fault code it names, paging and
 * throttling.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  APP,
  authorizeParams,
  call,
  CAST,
  consent,
  CONTROL_TOKEN,
  DEV_TOKEN,
  signIn,
  startSandbox,
  token,
  tokensFor,
  type Running,
} from './helpers.ts';

let sb: Running;
beforeEach(async () => {
  sb = await startSandbox();
});
afterEach(async () => {
  await sb.close();
});

const search = (field: string, value: string, size = 100, index = 0, operator = 'Equals') => ({
  Predicates: [{ Field: field, Operator: operator, Value: value }],
  PageInfo: { Index: index, Size: size },
});
const linkOf = (account: string, managing: string) => ({
  Type: 'AccountLink',
  ClientEntityId: account,
  ManagingCustomerId: managing,
  IsBillToClient: true,
  Name: 'Northwind manages Acme',
  SuppressNotification: true,
});

describe('sign-in (Microsoft identity platform, contract §1)', () => {
  it('shows the consent page to a signed-in person and sends the code back with the state', async () => {
    const cookie = await signIn(sb.url, CAST.dana);
    const page = await fetch(
      `${sb.url}/common/oauth2/v2.0/authorize?${new URLSearchParams(authorizeParams())}`,
      { headers: { cookie } },
    );
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-testid="consent-accept"');
    const back = await consent(sb.url, cookie, 'accept');
    expect(back.origin + back.pathname).toBe(APP.redirectUris[0]);
    expect(back.searchParams.get('state')).toBe('st-123');
    expect(back.searchParams.get('code')).toMatch(/^M\.C5/);
  });

  it('sends an unsigned visitor to the sign-in page first', async () => {
    const res = await fetch(
      `${sb.url}/common/oauth2/v2.0/authorize?${new URLSearchParams(authorizeParams())}`,
      { redirect: 'manual' },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/signin\?next=/);
  });

  it('refuses an unregistered redirect_uri on the page, and answers access_denied on cancel', async () => {
    const bad = await fetch(
      `${sb.url}/common/oauth2/v2.0/authorize?${new URLSearchParams(authorizeParams({ redirect_uri: 'https://evil.example/cb' }))}`,
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('redirect_uri');
    const cookie = await signIn(sb.url, CAST.dana);
    const back = await consent(sb.url, cookie, 'cancel');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('exchanges a code once, checks PKCE and refreshes; errors in the AADSTS shape', async () => {
    const tokens = await tokensFor(sb.url, CAST.nora);
    expect(tokens.access).toMatch(/^EwB/);
    const refreshed = await token(sb.url, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh,
      scope: 'https://ads.microsoft.com/msads.manage offline_access',
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });

    const cookie = await signIn(sb.url, CAST.nora);
    const back = await consent(sb.url, cookie, 'accept', {
      code_challenge: 'x'.repeat(43),
      code_challenge_method: 'S256',
    });
    const code = back.searchParams.get('code') ?? '';
    const wrongVerifier = await token(sb.url, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: APP.redirectUris[0]!,
      code_verifier: 'y'.repeat(43),
    });
    expect(wrongVerifier.status).toBe(400);
    expect(wrongVerifier.body).toMatchObject({ error: 'invalid_grant', error_codes: [501481] });
    const wrongSecret = await token(sb.url, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh,
      client_secret: 'nope',
    });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body.error).toBe('invalid_client');
  });
});

describe('headers and credentials (contract §0)', () => {
  it('answers 116 without DeveloperToken or Authorization, 105 for a wrong one, 109 when expired', async () => {
    const { access } = await tokensFor(sb.url, CAST.dana);
    const noDev = await call(sb.url, access, 'POST', '/User/Query', {}, {});
    expect(noDev.status).toBe(400);
    expect(noDev.body).toMatchObject({
      Type: 'AdApiFaultDetail',
      Errors: [{ Code: 116, ErrorCode: 'RequestMissingHeaders' }],
    });
    expect(noDev.headers.get('trackingid')).toBeTruthy();
    const noAuth = await call(sb.url, null, 'POST', '/User/Query', {});
    expect(noAuth.body.Errors[0]?.Code).toBe(116);
    const wrongDev = await call(sb.url, access, 'POST', '/User/Query', {}, { DeveloperToken: 'x' });
    expect(wrongDev.status).toBe(401);
    expect(wrongDev.body.Errors[0]).toMatchObject({ Code: 105, ErrorCode: 'InvalidCredentials' });
    const wrongToken = await call(sb.url, 'EwBnot-a-token', 'POST', '/User/Query', {});
    expect(wrongToken.body.Errors[0]?.Code).toBe(105);
    sb.clock.now = new Date(sb.clock.now.getTime() + 3601_000);
    const expired = await call(sb.url, access, 'POST', '/User/Query', {});
    expect(expired.status).toBe(401);
    expect(expired.body.Errors[0]).toMatchObject({
      Code: 109,
      ErrorCode: 'AuthenticationTokenExpired',
    });
  });

  it('answers malformed JSON and a hostile body with 400 NullRequest in the ApiFault shape', async () => {
    const { access } = await tokensFor(sb.url, CAST.dana);
    const res = await fetch(`${sb.url}/CustomerManagement/v13/ClientLinks/Search`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        Authorization: `Bearer ${access}`,
        DeveloperToken: DEV_TOKEN,
      },
      body: '{"Predicates":',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ Type: 'ApiFault', OperationErrors: [{ Code: 100 }] });
    const hostile = await call(sb.url, access, 'POST', '/ClientLinks/Search', { Predicates: 'x' });
    expect(hostile.status).toBe(400);
    expect(hostile.body.OperationErrors[0]?.Code).toBe(100);
  });
});

describe('who am I, which accounts (contract §2)', () => {
  it('GetUser gives the roles per customer; GetAccountsInfo and SearchAccounts list the accounts', async () => {
    const nora = await tokensFor(sb.url, CAST.nora);
    const user = await call(sb.url, nora.access, 'POST', '/User/Query', { UserId: null });
    expect(user.status).toBe(200);
    expect(user.body.User).toMatchObject({
      Id: CAST.nora,
      UserName: 'nora@northwind-media.example',
    });
    expect(user.body.CustomerRoles).toEqual([
      expect.objectContaining({
        RoleId: 41,
        CustomerId: CAST.northwind,
        LinkedAccountIds: [CAST.birchAccount],
      }),
    ]);

    const dana = await tokensFor(sb.url, CAST.dana);
    const info = await call(sb.url, dana.access, 'POST', '/AccountsInfo/Query', {
      CustomerId: CAST.acme,
      OnlyParentAccounts: true,
    });
    expect(info.body.AccountsInfo.map((a: { Id: string }) => a.Id)).toEqual([
      CAST.acmeUs,
      CAST.acmeEu,
      CAST.acmePrepaid,
    ]);
    const other = await call(sb.url, dana.access, 'POST', '/AccountsInfo/Query', {
      CustomerId: CAST.northwind,
    });
    expect(other.status).toBe(403);
    expect(other.body.Errors[0]).toMatchObject({ Code: 106, ErrorCode: 'UserIsNotAuthorized' });

    const sam = await tokensFor(sb.url, CAST.sam);
    const samInfo = await call(sb.url, sam.access, 'POST', '/AccountsInfo/Query', {});
    expect(samInfo.body.AccountsInfo.map((a: { Id: string }) => a.Id)).toEqual([CAST.acmeUs]);

    const first = await call(
      sb.url,
      dana.access,
      'POST',
      '/Accounts/Search',
      search('UserId', CAST.dana, 2, 0),
    );
    const second = await call(
      sb.url,
      dana.access,
      'POST',
      '/Accounts/Search',
      search('UserId', CAST.dana, 2, 1),
    );
    expect(first.body.Accounts.map((a: { Id: string }) => a.Id)).toEqual([
      CAST.acmeUs,
      CAST.acmeEu,
    ]);
    expect(second.body.Accounts).toEqual([
      expect.objectContaining({ Id: CAST.acmePrepaid, ParentCustomerId: CAST.acme }),
    ]);
    const tooBig = await call(
      sb.url,
      dana.access,
      'POST',
      '/Accounts/Search',
      search('UserId', CAST.dana, 1001),
    );
    expect(tooBig.status).toBe(400);
  });
});

describe('client links (contract §3)', () => {
  it('runs the whole life cycle: add → LinkPending → accept → Active → unlink → Inactive', async () => {
    const nora = await tokensFor(sb.url, CAST.nora);
    const dana = await tokensFor(sb.url, CAST.dana);
    const added = await call(sb.url, nora.access, 'POST', '/ClientLinks', {
      ClientLinks: [linkOf(CAST.acmeUs, CAST.northwind)],
    });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ OperationErrors: [], PartialErrors: [null] });

    const again = await call(sb.url, nora.access, 'POST', '/ClientLinks', {
      ClientLinks: [linkOf(CAST.acmeUs, CAST.northwind)],
    });
    expect(again.body.PartialErrors[0]).toMatchObject({ Code: 0, Details: 'LinkPending' });

    const seen = await call(sb.url, dana.access, 'POST', '/ClientLinks/Search', {
      ...search('ClientAccountId', CAST.acmeUs),
      Predicates: [
        { Field: 'ClientAccountId', Operator: 'Equals', Value: CAST.acmeUs },
        { Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: CAST.northwind },
      ],
    });
    expect(seen.body.ClientLinks).toHaveLength(1);
    const link = seen.body.ClientLinks[0];
    expect(link).toMatchObject({
      Type: 'AccountLink',
      ClientEntityId: CAST.acmeUs,
      ClientEntityName: 'Acme Outdoor US',
      ManagingCustomerId: CAST.northwind,
      ManagingCustomerName: 'Northwind Media (manager)',
      InviterEmail: 'nora@northwind-media.example',
      Status: 'LinkPending',
      IsBillToClient: true,
    });

    // The agency cannot accept its own request; the client cannot unlink.
    const agencyAccepts = await call(sb.url, nora.access, 'PUT', '/ClientLinks', {
      ClientLinks: [{ ...link, Status: 'LinkAccepted' }],
    });
    expect(agencyAccepts.body.PartialErrors[0]?.Code).toBe(106);

    const stale = await call(sb.url, dana.access, 'PUT', '/ClientLinks', {
      ClientLinks: [{ ...link, Status: 'LinkAccepted', Timestamp: 'old' }],
    });
    expect(stale.body.PartialErrors[0]).toMatchObject({ Code: 0, Details: 'Timestamp' });
    const accepted = await call(sb.url, dana.access, 'PUT', '/ClientLinks', {
      ClientLinks: [{ ...link, Status: 'LinkAccepted' }],
    });
    expect(accepted.body).toEqual({ OperationErrors: [], PartialErrors: [null] });

    const active = await call(
      sb.url,
      nora.access,
      'POST',
      '/ClientLinks/Search',
      search('ClientAccountId', CAST.acmeUs),
    );
    const mine = active.body.ClientLinks.find(
      (l: { ManagingCustomerId: string }) => l.ManagingCustomerId === CAST.northwind,
    );
    expect(mine!.Status).toBe('Active');
    const user = await call(sb.url, nora.access, 'POST', '/User/Query', {});
    expect(user.body.CustomerRoles[0]?.LinkedAccountIds).toEqual([CAST.acmeUs, CAST.birchAccount]);

    const clientUnlinks = await call(sb.url, dana.access, 'PUT', '/ClientLinks', {
      ClientLinks: [{ ...mine, Status: 'UnlinkRequested' }],
    });
    expect(clientUnlinks.body.PartialErrors[0]?.Code).toBe(106);
    const unlinked = await call(sb.url, nora.access, 'PUT', '/ClientLinks', {
      ClientLinks: [{ ...mine, Status: 'UnlinkRequested' }],
    });
    expect(unlinked.body.PartialErrors).toEqual([null]);
    const after = await call(
      sb.url,
      nora.access,
      'POST',
      '/ClientLinks/Search',
      search('DirectManagingCustomerId', CAST.northwind),
    );
    expect(
      after.body.ClientLinks.map((l: { ClientEntityId: string; Status: string }) => [
        l.ClientEntityId,
        l.Status,
      ]),
    ).toEqual([
      [CAST.birchAccount, 'Active'],
      [CAST.acmeUs, 'Inactive'],
    ]);
    // An ended link cannot be updated, but a new request may be sent.
    const revive = await call(sb.url, dana.access, 'PUT', '/ClientLinks', {
      ClientLinks: [{ ...mine, Status: 'LinkAccepted' }],
    });
    expect(revive.body.PartialErrors[0]?.Code).toBe(106);
    const anew = await call(sb.url, nora.access, 'POST', '/ClientLinks', {
      ClientLinks: [linkOf(CAST.acmeUs, CAST.northwind)],
    });
    expect(anew.body.PartialErrors).toEqual([null]);
  });

  it('decline and cancel end a pending link; transitions in progress answer 1472', async () => {
    const nora = await tokensFor(sb.url, CAST.nora);
    const dana = await tokensFor(sb.url, CAST.dana);
    await call(sb.url, nora.access, 'POST', '/ClientLinks', {
      ClientLinks: [linkOf(CAST.acmeUs, CAST.northwind), linkOf(CAST.acmeEu, CAST.northwind)],
    });
    const declined = await call(sb.url, dana.access, 'PUT', '/ClientLinks', {
      ClientLinks: [
        { ClientEntityId: CAST.acmeUs, ManagingCustomerId: CAST.northwind, Status: 'LinkDeclined' },
      ],
    });
    expect(declined.body.PartialErrors).toEqual([null]);
    const canceled = await call(sb.url, nora.access, 'PUT', '/ClientLinks', {
      ClientLinks: [
        { ClientEntityId: CAST.acmeEu, ManagingCustomerId: CAST.northwind, Status: 'LinkCanceled' },
      ],
    });
    expect(canceled.body.PartialErrors).toEqual([null]);
    const links = await call(
      sb.url,
      nora.access,
      'POST',
      '/ClientLinks/Search',
      search('ClientCustomerId', CAST.acme),
    );
    expect(links.body.ClientLinks.map((l: { Status: string }) => l.Status)).toEqual([
      'LinkDeclined',
      'LinkCanceled',
    ]);

    sb.sandbox.setFaults({ linkTransitionMs: 60_000 });
    await call(sb.url, nora.access, 'POST', '/ClientLinks', {
      ClientLinks: [linkOf(CAST.acmeUs, CAST.northwind)],
    });
    await call(sb.url, dana.access, 'PUT', '/ClientLinks', {
      ClientLinks: [
        { ClientEntityId: CAST.acmeUs, ManagingCustomerId: CAST.northwind, Status: 'LinkAccepted' },
      ],
    });
    const inProgress = await call(
      sb.url,
      nora.access,
      'POST',
      '/ClientLinks/Search',
      search('DirectManagingCustomerId', CAST.northwind),
    );
    expect(inProgress.body.ClientLinks.at(-1)?.Status).toBe('LinkInProgress');
    const busy = await call(sb.url, nora.access, 'PUT', '/ClientLinks', {
      ClientLinks: [
        {
          ClientEntityId: CAST.acmeUs,
          ManagingCustomerId: CAST.northwind,
          Status: 'UnlinkRequested',
        },
      ],
    });
    expect(busy.body.PartialErrors[0]).toMatchObject({ Code: 1472, Details: 'LinkInProgress' });
    sb.clock.now = new Date(sb.clock.now.getTime() + 60_000);
    const done = await call(
      sb.url,
      nora.access,
      'POST',
      '/ClientLinks/Search',
      search('DirectManagingCustomerId', CAST.northwind),
    );
    expect(done.body.ClientLinks.at(-1)?.Status).toBe('Active');
  });

  it('expires a pending link after 30 days; refuses prepaid accounts, viewers and strangers', async () => {
    const nora = await tokensFor(sb.url, CAST.nora);
    const prepaid = await call(sb.url, nora.access, 'POST', '/ClientLinks', {
      ClientLinks: [linkOf(CAST.acmePrepaid, CAST.northwind)],
    });
    expect(prepaid.body.PartialErrors[0]).toMatchObject({ Code: 208 });
    const missingBilling = await call(sb.url, nora.access, 'POST', '/ClientLinks', {
      ClientLinks: [{ ClientEntityId: CAST.acmeEu, ManagingCustomerId: CAST.northwind }],
    });
    expect(missingBilling.body.PartialErrors[0]?.Code).toBe(100);
    const omar = await tokensFor(sb.url, CAST.omar);
    const viewer = await call(sb.url, omar.access, 'POST', '/ClientLinks', {
      ClientLinks: [linkOf(CAST.acmeEu, CAST.northwind)],
    });
    expect(viewer.body.PartialErrors[0]?.Code).toBe(106);
    const tooMany = await call(sb.url, nora.access, 'POST', '/ClientLinks', {
      ClientLinks: Array.from({ length: 11 }, () => linkOf(CAST.acmeEu, CAST.northwind)),
    });
    expect(tooMany.body.OperationErrors[0]?.Code).toBe(100);

    // Rita's request to Acme Outdoor US is pending in the default world; Dana sees it, Nora does not.
    const dana = await tokensFor(sb.url, CAST.dana);
    const rival = await call(
      sb.url,
      dana.access,
      'POST',
      '/ClientLinks/Search',
      search('ClientAccountId', CAST.acmeUs),
    );
    expect(rival.body.ClientLinks).toEqual([
      expect.objectContaining({ ManagingCustomerId: CAST.rival, Status: 'LinkPending' }),
    ]);
    const hidden = await call(
      sb.url,
      nora.access,
      'POST',
      '/ClientLinks/Search',
      search('ClientAccountId', CAST.acmeUs),
    );
    expect(hidden.body.ClientLinks).toEqual([]);
    sb.clock.now = new Date(sb.clock.now.getTime() + 30 * 24 * 3600_000);
    const fresh = await tokensFor(sb.url, CAST.dana);
    const expired = await call(
      sb.url,
      fresh.access,
      'POST',
      '/ClientLinks/Search',
      search('ClientAccountId', CAST.acmeUs),
    );
    expect(expired.body.ClientLinks[0]?.Status).toBe('LinkExpired');
  });

  it('pages SearchClientLinks (Size at most 100) and enforces the predicate rules', async () => {
    const nora = await tokensFor(sb.url, CAST.nora);
    await call(sb.url, nora.access, 'POST', '/ClientLinks', {
      ClientLinks: [linkOf(CAST.acmeUs, CAST.northwind), linkOf(CAST.acmeEu, CAST.northwind)],
    });
    const p0 = await call(
      sb.url,
      nora.access,
      'POST',
      '/ClientLinks/Search',
      search('DirectManagingCustomerId', CAST.northwind, 2, 0),
    );
    const p1 = await call(
      sb.url,
      nora.access,
      'POST',
      '/ClientLinks/Search',
      search('DirectManagingCustomerId', CAST.northwind, 2, 1),
    );
    expect(p0.body.ClientLinks.map((l: { ClientEntityId: string }) => l.ClientEntityId)).toEqual([
      CAST.birchAccount,
      CAST.acmeUs,
    ]);
    expect(p1.body.ClientLinks.map((l: { ClientEntityId: string }) => l.ClientEntityId)).toEqual([
      CAST.acmeEu,
    ]);
    const inList = await call(
      sb.url,
      nora.access,
      'POST',
      '/ClientLinks/Search',
      search('ClientAccountId', `${CAST.acmeEu},${CAST.birchAccount}`, 100, 0, 'In'),
    );
    expect(inList.body.ClientLinks).toHaveLength(2);
    const big = await call(
      sb.url,
      nora.access,
      'POST',
      '/ClientLinks/Search',
      search('DirectManagingCustomerId', CAST.northwind, 101),
    );
    expect(big.status).toBe(400);
    const both = await call(sb.url, nora.access, 'POST', '/ClientLinks/Search', {
      Predicates: [
        { Field: 'ClientAccountId', Operator: 'Equals', Value: CAST.acmeUs },
        { Field: 'ClientCustomerId', Operator: 'Equals', Value: CAST.acme },
      ],
      PageInfo: { Index: 0, Size: 10 },
    });
    expect(both.body.OperationErrors[0]?.Code).toBe(100);
  });
});

describe('user invitations (contract §4)', () => {
  it('a Super Admin invites with a role; the invitation is listed until accepted by email', async () => {
    const dana = await tokensFor(sb.url, CAST.dana);
    const sent = await call(sb.url, dana.access, 'POST', '/UserInvitation/Send', {
      UserInvitation: {
        FirstName: 'Nora',
        LastName: 'Lindqvist',
        Email: 'nora@northwind-media.example',
        CustomerId: CAST.acme,
        RoleId: 203,
        AccountIds: [CAST.acmeUs],
        Lcid: 'EnglishUS',
      },
    });
    expect(sent.status).toBe(200);
    const id = sent.body.UserInvitationId;
    const listed = await call(
      sb.url,
      dana.access,
      'POST',
      '/UserInvitations/Search',
      search('CustomerId', CAST.acme),
    );
    expect(listed.body.UserInvitations).toEqual([
      expect.objectContaining({ Id: id, RoleId: 203, AccountIds: [CAST.acmeUs] }),
    ]);
    const sam = await tokensFor(sb.url, CAST.sam);
    const notAdmin = await call(sb.url, sam.access, 'POST', '/UserInvitation/Send', {
      UserInvitation: {
        FirstName: 'A',
        LastName: 'B',
        Email: 'a@b.example',
        CustomerId: CAST.acme,
        RoleId: 100,
      },
    });
    expect(notAdmin.status).toBe(403);
    const badRole = await call(sb.url, dana.access, 'POST', '/UserInvitation/Send', {
      UserInvitation: {
        FirstName: 'A',
        LastName: 'B',
        Email: 'a@b.example',
        CustomerId: CAST.acme,
        RoleId: 7,
      },
    });
    expect(badRole.body.OperationErrors[0]?.Code).toBe(100);

    const accept = await fetch(`${sb.url}/_control/invitations/${id}/accept`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CONTROL_TOKEN}` },
    });
    expect(accept.status).toBe(200);
    const nora = await tokensFor(sb.url, CAST.nora);
    const user = await call(sb.url, nora.access, 'POST', '/User/Query', {});
    expect(user.body.CustomerRoles).toContainEqual(
      expect.objectContaining({ RoleId: 203, CustomerId: CAST.acme, AccountIds: [CAST.acmeUs] }),
    );
    const empty = await call(
      sb.url,
      dana.access,
      'POST',
      '/UserInvitations/Search',
      search('CustomerId', CAST.acme),
    );
    expect(empty.body.UserInvitations).toEqual([]);
  });
});

describe('faults (contract §0, unverified 1 and 2)', () => {
  it('throttles with HTTP 429, code 117 CallRateExceeded and Retry-After; fails with 500 code 0', async () => {
    const dana = await tokensFor(sb.url, CAST.dana);
    sb.sandbox.setFaults({ rateLimit: { requests: 2, perMs: 60_000 } });
    expect((await call(sb.url, dana.access, 'POST', '/User/Query', {})).status).toBe(200);
    expect((await call(sb.url, dana.access, 'POST', '/User/Query', {})).status).toBe(200);
    const throttled = await call(sb.url, dana.access, 'POST', '/User/Query', {});
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('60');
    expect(throttled.body).toMatchObject({
      Type: 'ApiFault',
      OperationErrors: [{ Code: 117, Details: 'CallRateExceeded' }],
    });
    sb.clock.now = new Date(sb.clock.now.getTime() + 60_001);
    expect((await call(sb.url, dana.access, 'POST', '/User/Query', {})).status).toBe(200);

    sb.sandbox.setFaults({ failNext: 1 });
    const failed = await call(sb.url, dana.access, 'POST', '/User/Query', {});
    expect(failed.status).toBe(500);
    expect(failed.body.OperationErrors[0]).toMatchObject({ Code: 0, Details: 'InternalError' });
    expect((await call(sb.url, dana.access, 'POST', '/User/Query', {})).status).toBe(200);
  });

  it('logs which headers came, never a token', async () => {
    const dana = await tokensFor(sb.url, CAST.dana);
    await call(
      sb.url,
      dana.access,
      'POST',
      '/User/Query',
      {},
      { DeveloperToken: DEV_TOKEN, CustomerId: CAST.acme },
    );
    const log = (await (
      await fetch(`${sb.url}/_control/log`, {
        headers: { authorization: `Bearer ${CONTROL_TOKEN}` },
      })
    ).json()) as { entries: unknown[] };
    expect(log.entries.at(-1)).toMatchObject({
      path: '/CustomerManagement/v13/User/Query',
      headers: { authorization: true, developerToken: true, customerId: CAST.acme },
      status: 200,
    });
    expect(JSON.stringify(log)).not.toContain(dana.access);
    const state = await (
      await fetch(`${sb.url}/_control/state`, {
        headers: { authorization: `Bearer ${CONTROL_TOKEN}` },
      })
    ).text();
    expect(state).not.toContain(dana.access);
  });
});
