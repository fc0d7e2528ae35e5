// The Pinterest sandbox against its wire contract (docs/platforms/pinterest-api.md): the error
// envelope, paths, parameters and enums checked with Pinterest's own schemas, every error code the
// contract names, bookmark paging, answers conforming to the description's response schemas,
// throttling and transient faults.
import { Ajv } from 'ajv';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../../../src/platforms/pinterest/sandbox/validate.ts';
import { startPinterestFixture, W, type ApiAnswer, type PinterestFixture } from './fixture.ts';

const ajv = new Ajv({ strict: false });
/** Asserts an answer conforms to the description's 200 schema of the operation. */
function conforms(key: string, answer: ApiAnswer): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  const schema = OPERATIONS[key]?.response200;
  expect(schema, key).toBeTruthy();
  const check = ajv.compile(schema as object);
  expect(check(answer.body), JSON.stringify(check.errors)).toBe(true);
}
function refused(answer: ApiAnswer, status: number, code = status): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.body).toEqual({ code, message: expect.any(String) });
}

let f: PinterestFixture;
let dana: string;
let nora: string;
beforeAll(async () => {
  f = await startPinterestFixture();
});
afterAll(async () => f.close());
beforeEach(async () => {
  await f.reset();
  dana = await f.tokenFor(W.dana);
  nora = await f.tokenFor(W.nora);
});

describe('pinterest sandbox: envelope, auth and scopes', () => {
  it('answers 401 {code, message} without or with an unknown token', async () => {
    refused(await f.api('GET', '/user_account'), 401);
    refused(await f.api('GET', '/ad_accounts', 'pina_nope'), 401);
  });

  it('answers 403 when the token lacks the operation scope', async () => {
    const token = await f.tokenFor(W.dana, ['user_accounts:read']);
    conforms('GET /user_account', await f.api('GET', '/user_account', token));
    refused(await f.api('GET', '/ad_accounts', token), 403);
  });

  it('answers 404 in Pinterest shape for an unknown business, 403 for a non-member', async () => {
    refused(await f.api('GET', '/businesses/1299999999999999/partners', dana), 404);
    refused(await f.api('GET', `/businesses/${W.rival}/partners`, dana), 403);
  });

  it('the token endpoint needs HTTP Basic client authentication', async () => {
    const res = await fetch(`${f.url}/v5/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'x', redirect_uri: 'y' }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 401, message: expect.any(String) });
  });
});

describe('pinterest sandbox: reads conform to the description', () => {
  it('user_account, ad_accounts, employers, assets, partners, invites', async () => {
    conforms('GET /user_account', await f.api('GET', '/user_account', dana));
    const accounts = await f.api('GET', '/ad_accounts', dana);
    conforms('GET /ad_accounts', accounts);
    expect((accounts.body.items as { name: string }[]).map((a) => a.name)).toEqual([
      'Acme Outdoor US',
      'Acme Outdoor EU',
    ]);
    conforms('GET /businesses/employers', await f.api('GET', '/businesses/employers', dana));
    const catalogs = await f.api('GET', `/businesses/${W.acme}/assets?asset_type=CATALOG`, dana);
    conforms('GET /businesses/{business_id}/assets', catalogs);
    expect(catalogs.body.items[0].catalog_info.name).toBe('Acme product catalog');
    conforms(
      'GET /businesses/{business_id}/partners',
      await f.api(
        'GET',
        `/businesses/${W.birch}/partners?assets_summary=true`,
        await f.tokenFor(W.bea),
      ),
    );
    const invites = await f.api('GET', `/businesses/${W.acme}/invites?is_member=false`, dana);
    conforms('GET /businesses/{business_id}/invites', invites);
    expect(invites.body.items[0]).toMatchObject({
      id: W.pendingRequest,
      is_received_invite: true,
      invite_data: { invite_status: 'PENDING', invite_type: 'PARTNER_REQUEST' },
    });
    // is_member defaults to true: partner invites are not member invites.
    expect((await f.api('GET', `/businesses/${W.acme}/invites`, dana)).body.items).toEqual([]);
  });

  it('pages with bookmark until it is null; a malformed bookmark is 400', async () => {
    const first = await f.api('GET', '/ad_accounts?page_size=1', dana);
    expect(first.body.items).toHaveLength(1);
    expect(typeof first.body.bookmark).toBe('string');
    const second = await f.api(
      'GET',
      `/ad_accounts?page_size=1&bookmark=${first.body.bookmark}`,
      dana,
    );
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect(second.body.bookmark).toBeNull();
    refused(await f.api('GET', '/ad_accounts?bookmark=garbage', dana), 400);
  });
});

describe("pinterest sandbox: refuses what Pinterest's schemas refuse", () => {
  const patch = (accesses: unknown) =>
    f.api('PATCH', `/businesses/${W.birch}/partners/assets`, nora, { accesses });

  it('path and query parameters: pattern, bounds, enums', async () => {
    refused(await f.api('GET', '/businesses/abc/partners', dana), 400);
    refused(await f.api('GET', '/ad_accounts?page_size=251', dana), 400);
    refused(await f.api('GET', '/ad_accounts?page_size=0', dana), 400);
    refused(await f.api('GET', `/businesses/${W.acme}/assets?asset_type=BOARD`, dana), 400);
    refused(await f.api('GET', `/businesses/${W.acme}/partners?partner_type=BOTH`, dana), 400);
    refused(
      await f.api(
        'GET',
        `/businesses/${W.acme}/invites?is_member=false&invite_status=ACCEPTED`,
        dana,
      ),
      400,
    );
  });

  it('bodies: required fields, enums, item bounds, id patterns', async () => {
    const row = { partner_id: W.northwind, asset_id: W.birchAd, permissions: ['ADMIN'] };
    refused(await patch([{ ...row, permissions: ['OWNER'] }]), 400);
    refused(await patch([{ ...row, permissions: [] }]), 400);
    refused(await patch([{ partner_id: W.northwind, asset_id: W.birchAd }]), 400);
    refused(await patch([{ ...row, asset_id: 'act_1' }]), 400);
    refused(await patch([]), 400);
    refused(await patch(Array.from({ length: 51 }, () => row)), 400);
    refused(
      await f.api('PATCH', `/businesses/${W.birch}/partners/assets`, nora, '{"accesses":'),
      400,
    );
    refused(
      await f.api('POST', `/businesses/${W.acme}/invites`, dana, {
        invite_type: 'FRIEND',
        business_role: 'PARTNER',
      }),
      400,
    );
    refused(
      await f.api('PATCH', '/businesses/invites', nora, { invites: [{ invite_id: '1' }] }),
      400,
    );
    refused(await f.api('DELETE', `/businesses/${W.acme}/invites`, dana, { invite_ids: [] }), 400);
    // Nothing changed.
    const bea = await f.tokenFor(W.bea);
    const partners = await f.api('GET', `/businesses/${W.birch}/assets/${W.birchAd}/partners`, bea);
    expect(partners.body.items[0].permissions).toEqual(['CAMPAIGN_MANAGER']);
  });
});

describe('pinterest sandbox: business rules and their codes', () => {
  it('invite, attach assets, accept: partnership and access; 4302 once answered', async () => {
    const created = await f.api('POST', `/businesses/${W.acme}/invites`, dana, {
      invite_type: 'PARTNER_INVITE',
      business_role: 'PARTNER',
      partners: [W.northwind],
    });
    conforms('POST /businesses/{business_id}/invites', created);
    const id = created.body.items[0].invite.id as string;
    const attached = await f.api('POST', `/businesses/${W.acme}/invites/assets/access`, dana, {
      invites: [
        {
          invite_id: id,
          invite_type: 'PARTNER_INVITE',
          asset_id_to_permissions: { [W.adUs]: ['ANALYST'] },
        },
      ],
    });
    conforms('POST /businesses/{business_id}/invites/assets/access', attached);
    // 4303: the sender cannot accept its own invite.
    const self = await f.api('PATCH', '/businesses/invites', dana, {
      invites: [{ invite_id: id, action: { accept_invite: true } }],
    });
    expect(self.body.items[0].exception.code).toBe(4303);
    const accepted = await f.api('PATCH', '/businesses/invites', nora, {
      invites: [{ invite_id: id, action: { accept_invite: true } }],
    });
    conforms('PATCH /businesses/invites', accepted);
    expect(accepted.body.items[0].invite.invite_data.invite_status).toBe('ACCEPTED');
    const again = await f.api('PATCH', '/businesses/invites', nora, {
      invites: [{ invite_id: id, action: { accept_invite: true } }],
    });
    expect(again.body.items[0].exception.code).toBe(4302);
    const seen = await f.api('GET', `/businesses/${W.acme}/assets/${W.adUs}/partners`, dana);
    conforms('GET /businesses/{business_id}/assets/{asset_id}/partners', seen);
    expect(seen.body.items).toEqual([
      {
        user: { id: W.northwind, username: 'northwindmedia', email: null },
        permissions: ['ANALYST'],
      },
    ]);
    const external = await f.api(
      'GET',
      `/businesses/${W.northwind}/partners/${W.acme}/assets?partner_type=EXTERNAL`,
      nora,
    );
    conforms('GET /businesses/{business_id}/partners/{partner_id}/assets', external);
    expect(external.body.items[0]).toMatchObject({ asset_id: W.adUs, permissions: ['ANALYST'] });
    // 4301: a second invite to an existing partner.
    const dup = await f.api('POST', `/businesses/${W.acme}/invites`, dana, {
      invite_type: 'PARTNER_INVITE',
      business_role: 'PARTNER',
      partners: [W.northwind],
    });
    expect(dup.body.items[0].exception.code).toBe(4301);
  });

  it('4307 pending invite, 4306 unknown partner, 4308 member invites, 4304 foreign asset', async () => {
    const body = {
      invite_type: 'PARTNER_INVITE',
      business_role: 'PARTNER',
      partners: [W.northwind],
    };
    const first = await f.api('POST', `/businesses/${W.acme}/invites`, dana, body);
    const second = await f.api('POST', `/businesses/${W.acme}/invites`, dana, body);
    expect(second.body.items[0].exception).toMatchObject({
      code: 4307,
      invite_or_request_id: first.body.items[0].invite.id,
    });
    const unknown = await f.api('POST', `/businesses/${W.acme}/invites`, dana, {
      ...body,
      partners: ['1299999999999999'],
    });
    expect(unknown.body.items[0].exception.code).toBe(4306);
    const member = await f.api('POST', `/businesses/${W.acme}/invites`, dana, {
      invite_type: 'MEMBER_INVITE',
      business_role: 'EMPLOYEE',
      members: ['someone@example.com'],
    });
    expect(member.body.items[0].exception.code).toBe(4308);
    const foreign = await f.api('POST', `/businesses/${W.acme}/invites/assets/access`, dana, {
      invites: [
        {
          invite_id: first.body.items[0].invite.id,
          invite_type: 'PARTNER_INVITE',
          asset_id_to_permissions: { [W.birchAd]: ['ANALYST'] },
        },
      ],
    });
    expect(foreign.body.items[0].exception.code).toBe(4304);
  });

  it('partner asset updates: 4306 not a partner, 4304 not owned, 4305 permission not for the type', async () => {
    const bea = await f.tokenFor(W.bea);
    const patch = (row: object) =>
      f.api('PATCH', `/businesses/${W.birch}/partners/assets`, bea, { accesses: [row] });
    refused(
      await patch({ partner_id: W.rival, asset_id: W.birchAd, permissions: ['ADMIN'] }),
      404,
      4306,
    );
    refused(
      await patch({ partner_id: W.northwind, asset_id: W.adUs, permissions: ['ADMIN'] }),
      403,
      4304,
    );
    refused(
      await patch({
        partner_id: W.northwind,
        asset_id: W.birchAd,
        permissions: ['PROFILE_PUBLISHER'],
      }),
      400,
      4305,
    );
    const ok = await patch({
      partner_id: W.northwind,
      asset_id: W.birchAd,
      permissions: ['ADMIN'],
    });
    conforms('PATCH /businesses/{business_id}/partners/assets', ok);
    expect(ok.body.items[0]).toMatchObject({ asset_type: 'AD_ACCOUNT', permissions: ['ADMIN'] });
    // Only an admin writes.
    refused(
      await f.api('PATCH', `/businesses/${W.acme}/partners/assets`, await f.tokenFor(W.sam), {
        accesses: [{ partner_id: W.northwind, asset_id: W.adUs, permissions: ['ADMIN'] }],
      }),
      403,
    );
  });

  it('a partner request is accepted by the owner with asset permissions; partnerships end with 404 for unknown ones', async () => {
    const accepted = await f.api('PATCH', '/businesses/invites', dana, {
      invites: [
        {
          invite_id: W.pendingRequest,
          action: { accept_invite: true, asset_id_to_permissions: { [W.adEu]: ['ANALYST'] } },
        },
      ],
    });
    expect(accepted.body.items[0].invite.invite_data.invite_status).toBe('ACCEPTED');
    const seen = await f.api('GET', `/businesses/${W.acme}/assets/${W.adEu}/partners`, dana);
    expect(seen.body.items[0].user.id).toBe(W.rival);
    refused(
      await f.api('DELETE', `/businesses/${W.acme}/partners`, dana, { partner_ids: [W.northwind] }),
      404,
    );
    const ended = await f.api('DELETE', `/businesses/${W.acme}/partners`, dana, {
      partner_ids: [W.rival],
    });
    conforms('DELETE /businesses/{business_id}/partners', ended);
    expect(
      (await f.api('GET', `/businesses/${W.acme}/assets/${W.adEu}/partners`, dana)).body.items,
    ).toEqual([]);
  });

  it('member asset access: update, list, delete', async () => {
    const updated = await f.api('PATCH', `/businesses/${W.acme}/members/assets/access`, dana, {
      accesses: [{ member_id: W.sam, asset_id: W.adEu, permissions: ['CAMPAIGN_MANAGER'] }],
    });
    conforms('PATCH /businesses/{business_id}/members/assets/access', updated);
    const members = await f.api('GET', `/businesses/${W.acme}/assets/${W.adEu}/members`, dana);
    conforms('GET /businesses/{business_id}/assets/{asset_id}/members', members);
    expect(members.body.items[0].permissions).toEqual(['CAMPAIGN_MANAGER']);
    const deleted = await f.api('DELETE', `/businesses/${W.acme}/members/assets/access`, dana, {
      accesses: [{ member_id: W.sam, asset_id: W.adEu }],
    });
    conforms('DELETE /businesses/{business_id}/members/assets/access', deleted);
    expect(deleted.body.items).toEqual([{ member_id: W.sam, asset_id: W.adEu }]);
  });
});

describe('pinterest sandbox: faults', () => {
  it('throttles with 429, Retry-After and rate-limit headers', async () => {
    f.sandbox.setFaults({ rateLimit: { requests: 1, perMs: 60_000 } });
    expect((await f.api('GET', '/user_account', dana)).status).toBe(200);
    const throttled = await f.api('GET', '/user_account', dana);
    refused(throttled, 429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(throttled.headers.get('x-userendpoint-ratelimit-remaining')).toBe('0');
  });

  it('answers a transient 500 for failNext calls, then recovers; logs never hold a token', async () => {
    f.sandbox.setFaults({ failNext: 1 });
    refused(await f.api('GET', '/user_account', dana), 500);
    expect((await f.api('GET', '/user_account', dana)).status).toBe(200);
    expect(JSON.stringify(f.sandbox.log)).not.toContain(dana);
  });
});
