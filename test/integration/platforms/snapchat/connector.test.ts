/* eslint-disable @typescript-eslint/no-unsafe-call -- loose JSON from the control API */
// The Snapchat connector against the Snapchat sandbox: OAuth, listing without typing ids, the
// invitation that waits for the agency person at Snapchat, the ad-account role once they are a
// member (read before write, idempotent retry), read-back, revoke and a throttled call.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../../src/platforms/errors.ts';
import {
  createSnapchatConnector,
  snapchatSandboxBaseUrls,
  type SnapchatPlatform,
} from '../../../../src/platforms/snapchat/connector.ts';
import { IDS } from '../../../../src/platforms/snapchat/sandbox/index.ts';
import type { AgencyIdentity } from '../../../../src/platforms/types.ts';
import { APP, REDIRECT, startHarness, type SnapHarness } from './harness.ts';

let h: SnapHarness;
let snap: SnapchatPlatform;
let calls: string[];
beforeEach(async () => {
  h = await startHarness();
  calls = [];
  snap = createSnapchatConnector({
    baseUrls: snapchatSandboxBaseUrls(h.base),
    clientId: APP.clientId,
    clientSecret: APP.clientSecret,
    fetch: (url, init) => {
      calls.push(`${init.method ?? 'GET'} ${url.pathname.replace(/^.*\/v1\//, '')}`);
      return fetch(url, init);
    },
  });
});
afterEach(async () => h.close());

/** Signs a person in at the sandbox, consents, and exchanges the code through the connector. */
async function connect(email: string) {
  const url = snap.authorizationUrl({ state: 'st-1', redirectUri: REDIRECT, scopes: [] });
  expect(url.searchParams.get('scope')).toBe('snapchat-marketing-api');
  expect(url.searchParams.get('response_type')).toBe('code');
  const cookie = await h.signIn(email);
  const consent = await fetch(`${h.base}/login/oauth2/authorize`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: url.searchParams.get('client_id')!,
      redirect_uri: url.searchParams.get('redirect_uri')!,
      scope: url.searchParams.get('scope')!,
      state: url.searchParams.get('state')!,
      decision: 'allow',
    }).toString(),
    redirect: 'manual',
  });
  const back = new URL(consent.headers.get('location')!);
  expect(back.searchParams.get('state')).toBe('st-1');
  return snap.exchangeCode({ code: back.searchParams.get('code')!, redirectUri: REDIRECT });
}

async function agencyOf(email: string): Promise<AgencyIdentity> {
  const tokens = await connect(email);
  const [business] = await snap.listAgencyBusinesses!(tokens.accessToken);
  return { businessId: business!.id, accessToken: tokens.accessToken };
}

const acmeUs = { type: 'ad_account', id: IDS.adAcmeUs, ownerId: IDS.orgAcme };

async function acceptAtSnapchat(email: string) {
  const state = (await h.control('state')).body;
  const member = state.members.find(
    (m: { email: string; organizationId: string }) =>
      m.email === email && m.organizationId === IDS.orgAcme,
  );
  const cookie = await h.signIn(email);
  const res = await fetch(`${h.base}/business/invitations/accept`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ member_id: member.id }).toString(),
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
}

describe('the Snapchat connector against the sandbox', () => {
  it('exchanges the code for tokens with an expiry and a refresh token, and refreshes', async () => {
    const tokens = await connect('dana@acme-outdoor.example');
    expect(tokens.scopes).toEqual(['snapchat-marketing-api']);
    expect(tokens.expiresAt).toBeInstanceOf(Date);
    const refreshed = await snap.refreshTokens(tokens.refreshToken!);
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    expect(refreshed.refreshToken).toBe(tokens.refreshToken);
    await expect(snap.refreshTokens('nope')).rejects.toMatchObject({ kind: 'auth' });
  });

  it("lists the client's organizations and ad accounts; a non-admin's are blocked with a reason", async () => {
    const dana = await connect('dana@acme-outdoor.example');
    const listing = await snap.listClientAssets(dana.accessToken);
    expect(listing.businesses).toEqual([{ id: IDS.orgAcme, name: 'Acme Outdoor', isAdmin: true }]);
    expect(listing.assets.map((a) => [a.name, a.ownerName, a.blocked])).toEqual([
      ['Acme Outdoor US', 'Acme Outdoor', undefined],
      ['Acme Outdoor EU', 'Acme Outdoor', undefined],
    ]);
    const sam = await connect('sam@acme-outdoor.example');
    const samList = await snap.listClientAssets(sam.accessToken);
    expect(samList.assets).toHaveLength(1);
    expect(samList.assets[0]!.blocked).toMatchObject({
      code: 'not_org_admin',
      values: { organization: 'Acme Outdoor' },
    });
  });

  it('invites, waits for acceptance at Snapchat, then gives the role once; reads back; revokes', async () => {
    const dana = (await connect('dana@acme-outdoor.example')).accessToken;
    const agency = await agencyOf('nora@northwind-media.example');
    expect(agency.businessId).toBe('nora@northwind-media.example');
    const grant = () =>
      snap.grantAccess({ clientToken: dana, agency, asset: acmeUs, level: 'general' });

    const first = await grant();
    expect(first.kind).toBe('pending_acceptance');
    expect(first.kind === 'pending_acceptance' && first.detail).toContain(
      'nora@northwind-media.example',
    );
    // A retry while the invitation waits invites no one again.
    calls = [];
    expect((await grant()).kind).toBe('pending_acceptance');
    expect(calls.filter((c) => c.startsWith('POST'))).toEqual([]);
    expect(await snap.readAccess({ agency, asset: acmeUs })).toEqual({ kind: 'lost' });

    await acceptAtSnapchat('nora@northwind-media.example');
    calls = [];
    expect(await grant()).toEqual({ kind: 'granted', level: 'general' });
    expect(calls.filter((c) => c.startsWith('POST'))).toEqual([
      `POST organizations/${IDS.orgAcme}/roles`,
      `POST organizations/${IDS.orgAcme}/roles`,
    ]);
    // Idempotent retry: read first, nothing written.
    calls = [];
    expect(await grant()).toEqual({ kind: 'already_granted', level: 'general' });
    expect(calls.filter((c) => !c.startsWith('GET'))).toEqual([]);
    expect(await snap.readAccess({ agency, asset: acmeUs })).toEqual({
      kind: 'holds',
      level: 'general',
    });
    const who = await snap.readAssetAccess!({ agency, asset: acmeUs });
    expect(who.holding).toMatchObject({
      status: 'holds',
      levels: ['general'],
      sourceName: 'Acme Outdoor',
    });
    expect(who.paths).toEqual([
      expect.objectContaining({
        person: expect.objectContaining({
          email: 'nora@northwind-media.example',
          name: 'Nora Lindqvist',
        }),
        reason: 'asset_assignment',
        businessRole: 'member',
        levels: ['general'],
      }),
    ]);
    expect(
      await snap.readAccess({
        agency,
        asset: { type: 'ad_account', id: IDS.adAcmeEu, ownerId: IDS.orgAcme },
      }),
    ).toEqual({ kind: 'lost' });

    expect(await snap.revokeAccess({ agency, clientToken: dana, asset: acmeUs })).toEqual({
      kind: 'revoked',
    });
    expect(await snap.readAccess({ agency, asset: acmeUs })).toEqual({ kind: 'lost' });
    const members = (await h.control('state')).body.members.filter(
      (m: { email: string; organizationId: string }) =>
        m.email === agency.businessId && m.organizationId === IDS.orgAcme,
    );
    expect(members).toEqual([]);
    expect(await snap.revokeAccess({ agency, clientToken: dana, asset: acmeUs })).toEqual({
      kind: 'not_present',
    });
  });

  it('refuses a level the manifest does not offer, and a non-admin client with words to act on', async () => {
    const agency = await agencyOf('nora@northwind-media.example');
    const dana = (await connect('dana@acme-outdoor.example')).accessToken;
    await expect(
      snap.grantAccess({ clientToken: dana, agency, asset: acmeUs, level: 'owner' }),
    ).rejects.toMatchObject({ kind: 'invalid', platformCode: 'bad_level' });
    const sam = (await connect('sam@acme-outdoor.example')).accessToken;
    await expect(
      snap.grantAccess({ clientToken: sam, agency, asset: acmeUs, level: 'reports' }),
    ).rejects.toMatchObject({ kind: 'permission', platformCode: 'not_org_admin' });
  });

  it("offboarding without the client's connection is a person's step, named in words", async () => {
    const agency = await agencyOf('nora@northwind-media.example');
    await expect(snap.revokeAccess({ agency, asset: acmeUs })).rejects.toMatchObject({
      kind: 'permission',
      platformCode: 'client_token_needed',
      message: expect.stringContaining('Snap Business Manager › Members') as unknown,
    });
  });

  it('a throttled call is a retryable rate_limited error; the retry goes through', async () => {
    const dana = (await connect('dana@acme-outdoor.example')).accessToken;
    h.sandbox.setFaults({ rateLimit: { requests: 1, perMs: 60_000 } });
    await snap.listClientAssets(dana).catch(() => undefined);
    const error = await snap.listClientAssets(dana).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      extra: { retryAfterMs: 1000 },
    });
    h.clock.t += 61_000;
    h.sandbox.setFaults({});
    expect((await snap.listClientAssets(dana)).assets).toHaveLength(2);
  });

  it('follows paging to the end', async () => {
    const { defaultWorld } = await import('../../../../src/platforms/snapchat/sandbox/index.ts');
    const world = defaultWorld();
    for (let i = 0; i < 1205; i++)
      world.members.push({
        id: `bbbbbbbb-0000-4000-8000-${String(i).padStart(12, '0')}`,
        organizationId: IDS.orgAcme,
        email: `x${i}@acme-outdoor.example`,
        displayName: `X${i}`,
        status: 'INVITED',
      });
    await h.control('world', { world });
    const dana = (await connect('dana@acme-outdoor.example')).accessToken;
    const agency = await agencyOf('nora@northwind-media.example');
    calls = [];
    expect(
      (await snap.grantAccess({ clientToken: dana, agency, asset: acmeUs, level: 'reports' })).kind,
    ).toBe('pending_acceptance');
    expect(calls.filter((c) => c === `GET organizations/${IDS.orgAcme}/members`)).toHaveLength(2);
  });
});
