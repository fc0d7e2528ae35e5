import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deletePartner } from '../../../src/platforms/tiktok/sandbox/model/partners.ts';
import type { App } from '../../../src/server/app.ts';
import { buildAgency } from '../../support/agency.ts';
import { buildLifecycleApp, call } from '../../support/lifecycle-app.ts';
import { AGENCY_BC } from '../../support/lifecycle-world.ts';
import { createLifecycleHarness, type LifecycleHarness } from '../../support/lifecycle.ts';

let h: LifecycleHarness;
let app: App;
beforeAll(async () => {
  h = await createLifecycleHarness({ clients: 2, perClient: 6 });
  app = await buildLifecycleApp(h);
});
afterAll(async () => {
  await app.close();
  await h.close();
});

describe('lifecycle routes', () => {
  it('runs a sweep, alerts on drift, and makes a re-request for exactly the lost assets', async () => {
    const viewer = await h.agency.addMember('viewer');
    expect(
      (await call(app, h, 'POST', '/api/v1/verifications', {}, viewer.headers)).statusCode,
    ).toBe(403);
    const first = await call(app, h, 'POST', '/api/v1/verifications', { wait: true });
    expect(first.statusCode).toBe(200);
    expect(first.json().run.summary).toMatchObject({ holds: 12, lost: 0 });

    h.sandbox.sandbox.model.mutate((ctx) =>
      deletePartner(ctx, h.world.clientAdmins[0] ?? '', {
        bcId: h.world.clientBcs[0] ?? '',
        partnerId: AGENCY_BC,
      }),
    );
    const key = await h.agency.apiKey('write');
    const second = await call(
      app,
      h,
      'POST',
      '/api/v1/verifications',
      { source: 'cli' },
      key.headers,
    );
    expect(second.json().run).toMatchObject({ trigger: 'cli', status: 'completed' });
    expect(second.json().run.summary).toMatchObject({ holds: 7, lost: 5 });

    const checks = (await call(app, h, 'GET', '/api/v1/grant-checks')).json().assets as {
      outcome: string;
      verifiedAt: string | null;
    }[];
    expect(checks.filter((c) => c.outcome === 'lost')).toHaveLength(5);
    expect(checks.every((c) => c.verifiedAt !== null)).toBe(true);

    const alerts = (await call(app, h, 'GET', '/api/v1/drift-alerts')).json().alerts as {
      id: string;
      items: { grantId: string; assetId: string }[];
    }[];
    expect(alerts).toHaveLength(1);
    const alert = alerts[0];
    if (!alert) throw new Error('alert expected');
    const other = await buildAgency(h.database);
    expect(
      (
        await call(
          app,
          h,
          'POST',
          `/api/v1/drift-alerts/${alert.id}/rerequest`,
          undefined,
          other.owner.headers,
        )
      ).statusCode,
    ).toBe(404);
    const made = await call(app, h, 'POST', `/api/v1/drift-alerts/${alert.id}/rerequest`);
    expect(made.statusCode).toBe(201);
    const body = made.json();
    expect(body.link.url).toMatch(/\/l\//);
    const exact = await h.database.db
      .selectFrom('rerequest_assets')
      .select(['asset_id', 'permission_level'])
      .where('request_id', '=', body.request.id)
      .execute();
    expect(exact.map((e) => e.asset_id).sort()).toEqual(alert.items.map((i) => i.assetId).sort());
    const seeds = h.clients[0]?.grants ?? [];
    for (const e of exact) {
      expect(e.permission_level).toBe(seeds.find((g) => g.seed.assetId === e.asset_id)?.seed.level);
    }
    expect(
      (await call(app, h, 'POST', `/api/v1/drift-alerts/${alert.id}/rerequest`)).statusCode,
    ).toBe(409);
    expect(
      (await call(app, h, 'POST', `/api/v1/drift-alerts/${alert.id}/dismiss`)).statusCode,
    ).toBe(200);
    expect((await call(app, h, 'GET', '/api/v1/drift-alerts')).json().alerts).toHaveLength(0);
  });

  it('explains who reaches an asset through the agency business', async () => {
    const grant = h.clients[1]?.grants.find((g) => g.seed.assetType === 'advertiser');
    if (!grant) throw new Error('grant expected');
    const res = await call(app, h, 'GET', `/api/v1/assets/${grant.grantId}/access`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.holding).toMatchObject({
      relation: 'partner_share',
      status: 'holds',
      levels: [grant.seed.level],
    });
    expect(body.paths).toHaveLength(1);
    expect(body.paths[0]).toMatchObject({
      reason: 'business_admin',
      businessRole: 'ADMIN',
      levels: [grant.seed.level],
      person: { id: '7100000000000000003' },
    });
    expect(body.paths[0].why).toMatch(/partner share from Client 2/);
    const byId = await call(
      app,
      h,
      'GET',
      `/api/v1/assets/${grant.seed.assetId}/access?platform=tiktok&type=advertiser`,
    );
    expect(byId.json().paths).toEqual(body.paths);
    expect(
      (await call(app, h, 'GET', `/api/v1/assets/${grant.seed.assetId}/access`)).statusCode,
    ).toBe(400);
  });

  it('plans and runs an offboarding and serves its report as JSON, CSV and HTML', async () => {
    const client = h.clients[1];
    if (!client) throw new Error('client expected');
    const plan = await call(app, h, 'POST', '/api/v1/offboardings/plan', {
      clientId: client.clientId,
    });
    expect(plan.statusCode).toBe(200);
    expect(
      plan
        .json<{ plan: { steps: { action: string }[] } }>()
        .plan.steps.map((s) => s.action)
        .sort(),
    ).toEqual([...Array(6).fill('revoke'), 'keep'].sort());
    const member = await h.agency.addMember('member');
    expect(
      (
        await call(
          app,
          h,
          'POST',
          '/api/v1/offboardings',
          { clientId: client.clientId },
          member.headers,
        )
      ).statusCode,
    ).toBe(403);
    const started = await call(app, h, 'POST', '/api/v1/offboardings', {
      clientId: client.clientId,
      wait: true,
    });
    expect(started.statusCode).toBe(201);
    const report = started.json().offboarding;
    expect(report.status).toBe('completed');
    const csv = await call(app, h, 'GET', `/api/v1/offboardings/${report.id}/report?format=csv`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'platform,assetType,assetId,assetName,level,action,scope,status,verified,doneAt,verifiedAt',
    );
    expect(lines.filter((l) => l.includes(',revoke,asset,revoked,gone,'))).toHaveLength(6);
    expect(lines.filter((l) => l.includes(',keep,none,kept,'))).toHaveLength(1);
    const html = await call(app, h, 'GET', `/api/v1/offboardings/${report.id}/report?format=html`);
    expect(html.body).toContain('<h1>Offboarding report</h1>');
    expect(html.body).toContain('never removes a whole partner');
    // For people: words and dates, not ids and ISO timestamps.
    expect(html.body).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(html.body).toMatch(/started \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC/);
    expect(html.body).toContain('Verified gone');
    expect(html.body).not.toContain('>revoke (asset)<');
    const listed = (await call(app, h, 'GET', '/api/v1/offboardings')).json<{
      offboardings: { id: string }[];
    }>().offboardings;
    expect(listed.map((o) => o.id)).toContain(report.id);
  });

  it('advises the lowest level per asset for the stated tasks and warns about more', async () => {
    const res = await call(app, h, 'POST', '/api/v1/advisor', {
      tasks: ['spark_ads'],
      platforms: ['tiktok'],
      items: [
        { platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'ADMIN' },
        { platform: 'tiktok', assetType: 'tiktok_account', permissionLevel: 'AD_DELIVERY' },
      ],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      proposals: { assetType: string; level: string }[];
      warnings: { kind: string }[];
    }>();
    expect(body.proposals.map((p) => [p.assetType, p.level])).toEqual([
      ['advertiser', 'OPERATOR'],
      ['tiktok_account', 'AD_DELIVERY'],
      ['pixel', 'SHARED'],
    ]);
    expect(body.warnings.map((w) => w.kind).sort()).toEqual(['missing', 'more_than_needed']);
    expect((await call(app, h, 'POST', '/api/v1/advisor', { tasks: ['dance'] })).statusCode).toBe(
      400,
    );
  });
});
