/* eslint-disable @typescript-eslint/no-unsafe-call -- loose JSON envelopes in tests */
// Parameter validation and the transport contract (tiktok-api.md §0).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, W, type Harness } from './harness.ts';

let h: Harness;
let dana: string;
beforeAll(async () => {
  h = await startHarness();
  dana = await h.tokenFor(W.dana);
});
afterAll(async () => h.close());

describe('envelope and transport', () => {
  it('answers {code, message, request_id, data} with HTTP 200, errors included', async () => {
    const res = await fetch(`${h.base}/open_api/v1.3/bc/get/`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['code', 'data', 'message', 'request_id']);
    expect(body.code).toBe(40104);
    const okBody = await h.get('bc/get/', {}, dana);
    expect(okBody).toMatchObject({ code: 0, message: 'OK' });
    expect(okBody.request_id).toMatch(/^\d{14}[0-9A-F]{16}$/);
  });

  it('keeps TikTok trailing slashes: the path without one is not a route (40400)', async () => {
    expect((await h.get('bc/get', {}, dana)).code).toBe(40400);
  });

  it('paginates with data.list and data.page_info', async () => {
    const res = await h.get('bc/member/get/', { bc_id: W.acmeBc, page: '1', page_size: '1' }, dana);
    expect(res.data.list).toHaveLength(1);
    expect(res.data.page_info).toEqual({ page: 1, page_size: 1, total_number: 2, total_page: 2 });
    const page2 = await h.get(
      'bc/member/get/',
      { bc_id: W.acmeBc, page: '2', page_size: '1' },
      dana,
    );
    expect(page2.data.list[0].user_id).not.toBe(res.data.list[0].user_id);
  });

  it('takes filtering as one JSON query value', async () => {
    const res = await h.get(
      'bc/member/get/',
      { bc_id: W.acmeBc, filtering: { user_role: 'ADMIN' } },
      dana,
    );
    expect(res.data.list.map((m: { user_id: string }) => m.user_id)).toEqual([W.dana]);
  });
});

describe('parameter errors answer 40002', () => {
  it.each([
    ['an unknown query parameter', 'bc/get/', { bogus: '1' }],
    ['a wrong enum value', 'bc/asset/get/', { bc_id: W.acmeBc, asset_type: 'AD_ACCOUNT' }],
    ['DOMAIN on a list endpoint', 'bc/asset/get/', { bc_id: W.acmeBc, asset_type: 'DOMAIN' }],
    ['page_size over 50 on bc/get/', 'bc/get/', { page_size: '51' }],
    ['page_size over 20 on bc/member/get/', 'bc/member/get/', { bc_id: W.acmeBc, page_size: '21' }],
    [
      'page_size over 20 on bc/asset/member/get/',
      'bc/asset/member/get/',
      { bc_id: W.acmeBc, asset_type: 'ADVERTISER', asset_id: W.ad1, page_size: '21' },
    ],
    ['page 0', 'bc/get/', { page: '0' }],
    ['a non-integer page', 'bc/get/', { page: 'two' }],
    ['a missing required parameter', 'bc/asset/get/', { bc_id: W.acmeBc }],
    ['a non-numeric ID', 'bc/member/get/', { bc_id: 'acme' }],
    ['filtering that is not JSON', 'bc/get/', { filtering: '{nope' }],
    [
      'an unknown filtering key',
      'bc/member/get/',
      { bc_id: W.acmeBc, filtering: { colour: 'red' } },
    ],
    [
      'a wrong filtering enum',
      'bc/member/get/',
      { bc_id: W.acmeBc, filtering: { relation_status: 'ACTIVE' } },
    ],
    [
      'asset_type PIXEL on bc/asset/member/get/',
      'bc/asset/member/get/',
      { bc_id: W.acmeBc, asset_type: 'PIXEL', asset_id: W.pixel },
    ],
    [
      'user_id with user_email',
      'bc/asset/get/',
      {
        bc_id: W.acmeBc,
        asset_type: 'ADVERTISER',
        filtering: { user_id: W.sam, user_email: 'sam@acme-outdoor.example' },
      },
    ],
  ])('GET with %s', async (_name, path, query) => {
    expect((await h.get(path, query, dana)).code).toBe(40002);
  });

  it.each([
    [
      'an unknown body field',
      'bc/member/invite/',
      { bc_id: W.acmeBc, asset_ids: [], emails: ['a@b.example'], colour: 'red' },
    ],
    [
      'a wrong user_role',
      'bc/member/invite/',
      { bc_id: W.acmeBc, asset_ids: [], emails: ['a@b.example'], user_role: 'OWNER' },
    ],
    [
      'more than 50 emails',
      'bc/member/invite/',
      {
        bc_id: W.acmeBc,
        asset_ids: [],
        emails: Array.from({ length: 51 }, (_, i) => `u${i}@b.example`),
      },
    ],
    [
      'an invalid email',
      'bc/member/invite/',
      { bc_id: W.acmeBc, asset_ids: [], emails: ['not-an-email'] },
    ],
    [
      'a numeric ID',
      'bc/asset/assign/',
      {
        bc_id: Number(W.acmeBc),
        user_id: W.sam,
        asset_type: 'ADVERTISER',
        asset_id: W.ad2,
        advertiser_role: 'ANALYST',
      },
    ],
    [
      'asset_type CATALOG on partner add',
      'bc/partner/add/',
      { bc_id: W.acmeBc, partner_id: W.northwindBc, asset_type: 'CATALOG', asset_ids: [W.catalog] },
    ],
    [
      'assign without the role',
      'bc/asset/assign/',
      { bc_id: W.acmeBc, user_id: W.sam, asset_type: 'ADVERTISER', asset_id: W.ad2 },
    ],
    [
      'assign with the wrong role field',
      'bc/asset/assign/',
      {
        bc_id: W.acmeBc,
        user_id: W.sam,
        asset_type: 'ADVERTISER',
        asset_id: W.ad2,
        catalog_role: 'ADMIN',
      },
    ],
    [
      'empty asset_ids on admin delete',
      'bc/asset/admin/delete/',
      { bc_id: W.acmeBc, asset_type: 'ADVERTISER', asset_ids: [] },
    ],
  ])('POST with %s', async (_name, path, body) => {
    expect((await h.post(path, body, dana)).code).toBe(40002);
  });

  it('a malformed JSON body answers 40002', async () => {
    const res = await fetch(`${h.base}/open_api/v1.3/bc/member/invite/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'Access-Token': dana },
      body: '{bad',
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { code: number }).code).toBe(40002);
  });

  it('an unknown BC answers 40007', async () => {
    expect((await h.get('bc/member/get/', { bc_id: '7999999999999999999' }, dana)).code).toBe(
      40007,
    );
  });
});
