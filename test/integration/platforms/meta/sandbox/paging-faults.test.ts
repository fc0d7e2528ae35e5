// Cursor pagination, the throttling codes with their usage headers, transient errors, the control
// API, and persistence of the JSON data file across a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { idsOf, startMetaFixture, W, type MetaFixture } from '../fixture.ts';
import { controlAuth } from '../../../../support/sandbox-control.ts';

let f: MetaFixture;
let dana: string;
beforeAll(async () => {
  f = await startMetaFixture();
});
afterAll(async () => f.close());
beforeEach(async () => {
  await f.reset();
  dana = await f.tokenFor(W.dana);
});

describe('pagination', () => {
  it('walks owned_ad_accounts one by one with after cursors; next only while more exist', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 5; i += 1) {
      const res = await f.graph('GET', `${W.acme}/owned_ad_accounts`, dana, {
        fields: 'id,name',
        limit: '1',
        ...(after === undefined ? {} : { after }),
      });
      expect(res.status).toBe(200);
      seen.push(...idsOf(res));
      expect(res.body.paging.cursors.after).toEqual(expect.any(String));
      if (res.body.paging.next === undefined) break;
      expect(res.body.paging.next).not.toContain('access_token');
      after = res.body.paging.cursors.after;
    }
    expect(seen).toEqual([W.adUs, W.adEu, W.adOutlet]);
  });

  it('before goes back; summary=true adds total_count; a bad cursor is (#100)', async () => {
    const last = await f.graph('GET', `${W.acme}/owned_ad_accounts`, dana, {
      limit: '2',
      summary: 'true',
    });
    expect(last.body.summary).toEqual({ total_count: 3 });
    const second = await f.graph('GET', `${W.acme}/owned_ad_accounts`, dana, {
      limit: '2',
      after: last.body.paging.cursors.after,
    });
    expect(second.body.data).toHaveLength(1);
    expect(second.body.paging.next).toBeUndefined();
    expect(second.body.paging.previous).toEqual(expect.any(String));
    const back = await f.graph('GET', `${W.acme}/owned_ad_accounts`, dana, {
      limit: '2',
      before: second.body.paging.cursors.before,
    });
    expect(idsOf(back)).toEqual([W.adUs, W.adEu]);
    expect(
      (await f.graph('GET', `${W.acme}/owned_ad_accounts`, dana, { after: '!!' })).body.error.code,
    ).toBe(100);
  });

  it('an empty edge has data [] and no next', async () => {
    const res = await f.graph('GET', `${W.adUs}/agencies`, dana);
    expect(res.body).toEqual({ data: [], paging: { cursors: {} } });
  });
});

describe('faults and throttling', () => {
  it('an ad account over its limit is 80004 with X-Business-Use-Case-Usage estimated_time_to_regain_access', async () => {
    f.sandbox.setFaults({ rateLimit: { requests: 1, perMs: 120_000 } });
    expect((await f.graph('GET', `${W.adUs}/agencies`, dana)).status).toBe(200);
    const res = await f.graph('GET', `${W.adUs}/agencies`, dana);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 80004,
      error_subcode: 2446079,
      type: 'OAuthException',
    });
    expect(res.body.error.message).toMatch(/^\(#80004\)/);
    const buc = JSON.parse(res.headers.get('x-business-use-case-usage')!);
    expect(buc['300000000000001'][0]).toMatchObject({
      type: 'ads_management',
      call_count: 100,
      estimated_time_to_regain_access: 2,
    });
    expect(JSON.parse(res.headers.get('x-app-usage')!)).toMatchObject({ call_count: 100 });
    const adUsage = JSON.parse(res.headers.get('x-ad-account-usage')!);
    expect(adUsage).toMatchObject({ acc_id_util_pct: 100, ads_api_access_tier: 'standard_access' });
    expect(adUsage.reset_time_duration).toBeGreaterThan(100);
  });

  it('a Page is 80001; an app-level call is 4; a configured code wins; the window reopens', async () => {
    f.sandbox.setFaults({ rateLimit: { requests: 0, perMs: 1000 } });
    expect((await f.graph('GET', `${W.page}/agencies`, dana)).body.error.code).toBe(80001);
    expect((await f.graph('GET', 'me/businesses', dana)).body.error.code).toBe(4);
    f.sandbox.setFaults({ rateLimit: { requests: 0, perMs: 1000, code: 613 } });
    expect((await f.graph('GET', 'me', dana)).body.error.code).toBe(613);
    f.sandbox.setFaults({ rateLimit: { requests: 1, perMs: 1000 } });
    expect((await f.graph('GET', 'me', dana)).status).toBe(200);
    expect((await f.graph('GET', 'me', dana)).status).toBe(400);
    f.clock.t += 1001;
    expect((await f.graph('GET', 'me', dana)).status).toBe(200);
  });

  it('a transient error is HTTP 500, code 2, is_transient', async () => {
    f.sandbox.setFaults({ errorRate: 1 });
    const res = await f.graph('GET', 'me', dana);
    expect(res.status).toBe(500);
    expect(res.body.error).toMatchObject({
      code: 2,
      is_transient: true,
      fbtrace_id: expect.any(String),
    });
  });

  it('latency delays the answer', async () => {
    f.sandbox.setFaults({ latencyMs: 120 });
    const started = Date.now();
    await f.graph('GET', 'me', dana);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });
});

describe('control API', () => {
  it('sets faults, reads the log without token values, resets, loads a world', async () => {
    const put = await fetch(`${f.base}/_control/faults`, {
      method: 'PUT',
      headers: { ...controlAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 1 }),
    });
    expect(await put.json()).toEqual({ errorRate: 1 });
    expect((await f.graph('GET', 'me', dana)).status).toBe(500);
    const bad = await fetch(`${f.base}/_control/faults`, {
      method: 'PUT',
      headers: { ...controlAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ nope: 1 }),
    });
    expect(bad.status).toBe(400);
    const log = (await (
      await fetch(`${f.base}/_control/log`, { headers: controlAuth })
    ).json()) as { entries: unknown[] };
    expect(log.entries.length).toBeGreaterThan(0);
    expect(JSON.stringify(log)).not.toContain(dana);
    const world = {
      users: [{ id: '111111', name: 'Solo', email: 'solo@example.com' }],
      businesses: [{ id: '222222', name: 'Solo Biz', admins: ['111111'] }],
      assets: [],
    };
    const loaded = await fetch(`${f.base}/_control/world`, {
      method: 'POST',
      headers: { ...controlAuth, 'content-type': 'application/json' },
      body: JSON.stringify(world),
    });
    expect(loaded.status).toBe(200);
    const state = (await (
      await fetch(`${f.base}/_control/state`, { headers: controlAuth })
    ).json()) as {
      businesses: unknown[];
      tokenCount: number;
    };
    expect(state.businesses).toHaveLength(1);
    expect(state.tokenCount).toBe(0);
    expect(
      (await fetch(`${f.base}/_control/reset`, { headers: controlAuth, method: 'POST' })).status,
    ).toBe(200);
  });
});

describe('persistence', () => {
  it('shares and tokens survive a restart from the same data file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'meta-sandbox-'));
    const dataFile = path.join(dir, 'meta.json');
    try {
      const first = await startMetaFixture({ dataFile });
      const token = await first.tokenFor(W.dana);
      await first.graph('POST', `${W.adUs}/agencies`, token, {
        business: W.northwind,
        permitted_tasks: '["ANALYZE"]',
      });
      await first.close();
      const second = await startMetaFixture({ dataFile });
      const read = await second.graph('GET', `${W.adUs}/agencies`, token, {
        fields: 'id,permitted_tasks',
      });
      expect(read.body.data).toEqual([{ id: W.northwind, permitted_tasks: ['ANALYZE'] }]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
