// LinkedIn through the whole lifecycle, over the real routes and the LinkedIn sandbox: the agency
// connects its member once, the client signs in and picks an ad account and a Company Page without
// typing an id, the ad account role is granted through the API, the Page is a guided step the
// client does in the Page admin view and Latchkey reads back, the explainer names the agency
// member's role, and offboarding removes the ad account role and reads it back gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeGrant } from '../../../src/jobs/execute-grant.ts';
import { agencyIdentityFor } from '../../../src/jobs/grant-deps.ts';
import { deleteAccountUser } from '../../../src/platforms/linkedin/sandbox/model.ts';
import { TEST_PUBLIC_URL } from '../../support/agency.ts';
import {
  connectAgencyOn,
  consentInLinkedIn,
  createMultiHarness,
  type MultiHarness,
} from '../../support/multi-platform.ts';
import { browserCookieOf } from '../../support/onboarding.ts';

const DANA = 'dAnAr3y3s01';
const NORA = 'n0raL1ndq10';
const AD_US = '507000001';
const AD_EU = '507000002';
const ACME_PAGE = '10001001';

let h: MultiHarness;
let link: string;
let requestId: string;
const json = { 'content-type': 'application/json', origin: TEST_PUBLIC_URL };

beforeAll(async () => {
  h = await createMultiHarness();
});
afterAll(async () => h?.close());

const grantsNow = () =>
  h.database.db
    .selectFrom('grants')
    .selectAll()
    .where('platform', '=', 'linkedin')
    .orderBy('asset_type')
    .execute();

describe('LinkedIn lifecycle', () => {
  it('the agency connects its LinkedIn member once; a request then names LinkedIn', async () => {
    const list = await h.app.inject({
      method: 'GET',
      url: '/api/v1/agency/connections',
      headers: h.agency.owner.headers,
    });
    expect(
      list.json<{ connections: { platform: string }[] }>().connections.map((c) => c.platform),
    ).toContain('linkedin');
    await connectAgencyOn(h, 'linkedin', consentInLinkedIn, NORA, NORA);
    const identity = await agencyIdentityFor(h.grantDeps, h.agency.agency.id, 'linkedin');
    expect(identity.businessId).toBe(NORA);
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: { ...h.agency.owner.headers, ...json },
      payload: {
        title: 'LinkedIn for Acme',
        items: [
          { platform: 'linkedin', assetType: 'ad_account', permissionLevel: 'campaign_manager' },
          { platform: 'linkedin', assetType: 'company_page', permissionLevel: 'admin' },
        ],
      },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json<{ request: { id: string }; link: { url: string } }>();
    requestId = body.request.id;
    link = body.link.url.split('/l/')[1] ?? '';
  });

  it('the client signs in, sees its accounts and Pages by name, and approves', async () => {
    const start = await h.app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${link}/oauth/linkedin/start`,
    });
    expect(start.statusCode).toBe(200);
    const authorizationUrl = new URL(start.json<{ authorizationUrl: string }>().authorizationUrl);
    expect(`${authorizationUrl.origin}${authorizationUrl.pathname}`).toBe(
      `${h.linkedinBase}/oauth/v2/authorization`,
    );
    // The least scopes for an ad account and a Page; no sign-in identity is asked of the client.
    expect(authorizationUrl.searchParams.get('scope')).toBe('r_ads rw_ads r_organization_admin');
    const back = await consentInLinkedIn(h, authorizationUrl.toString(), DANA);
    const done = await h.app.inject({
      method: 'GET',
      url: `${back.pathname}${back.search}`,
      headers: { cookie: browserCookieOf(start.headers['set-cookie']) },
    });
    expect(done.statusCode).toBe(303);
    const listed = await h.app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${link}/assets/linkedin`,
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).toContain('Acme Outdoor US');
    expect(listed.body).toContain('Acme Outdoor Careers');
    const approve = await h.app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${link}/approve`,
      payload: {
        selections: [
          { platform: 'linkedin', assetType: 'ad_account', assetId: AD_US },
          { platform: 'linkedin', assetType: 'company_page', assetId: ACME_PAGE },
        ],
      },
    });
    expect(approve.statusCode).toBe(202);
  });

  it('grants the ad account role by API and turns the Page into a guided step', async () => {
    for (const grant of await grantsNow()) await executeGrant(h.grantDeps, grant.id);
    const grants = await grantsNow();
    expect(grants.map((g) => [g.asset_type, g.status])).toEqual([
      ['ad_account', 'granted'],
      ['company_page', 'needs_manual_step'],
    ]);
    // Re-running the finished grant job writes nothing more.
    const puts = () => h.linkedin.log.filter((e) => e.method === 'PUT').length;
    expect(puts()).toBe(1);
    await executeGrant(h.grantDeps, grants[0]!.id);
    expect(puts()).toBe(1);
    const identity = await agencyIdentityFor(h.grantDeps, h.agency.agency.id, 'linkedin');
    expect(
      await h.services.platforms.linkedin?.readAccess({
        agency: identity,
        asset: { type: 'ad_account', id: AD_US },
      }),
    ).toEqual({ kind: 'holds', level: 'campaign_manager' });
  });

  it('after the client adds the agency member in the Page admin view, "Check again" reads it back', async () => {
    const page = (await grantsNow()).find((g) => g.asset_type === 'company_page')!;
    const early = await h.app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${link}/grants/${page.id}/check`,
    });
    expect(early.statusCode).toBe(200);
    expect(early.json<{ grant: { status: string } }>().grant.status).toBe('needs_manual_step');
    const signIn = await fetch(`${h.linkedinBase}/signin`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ member: DANA, next: '/feed' }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const added = await fetch(
      `${h.linkedinBase}/company/${ACME_PAGE}/admin/settings/manage-admins/add`,
      {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie },
        body: new URLSearchParams({ person: 'Nora Lindqvist' }),
      },
    );
    expect(added.status).toBe(303);
    const checked = await h.app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${link}/grants/${page.id}/check`,
    });
    expect(checked.json<{ grant: { status: string } }>().grant.status).toBe('granted');
  });

  it('explains who reaches the ad account: the agency member, by its own role', async () => {
    const adGrant = (await grantsNow()).find((g) => g.asset_type === 'ad_account')!;
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/v1/assets/${adGrant.id}/access`,
      headers: h.agency.owner.headers,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ holdingSentence: string; paths: { why: string }[] }>();
    expect(body.holdingSentence).toContain(NORA);
    expect(body.paths[0]?.why).toMatch(/^Nora Lindqvist holds the CAMPAIGN_MANAGER role here/);
  });

  it('offboarding removes the ad account role and reads it back gone; the Page needs a person', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/offboardings',
      headers: { ...h.agency.owner.headers, ...json },
      payload: { requestId, wait: true },
    });
    expect(res.statusCode).toBe(201);
    const identity = await agencyIdentityFor(h.grantDeps, h.agency.agency.id, 'linkedin');
    expect(
      await h.services.platforms.linkedin?.readAccess({
        agency: identity,
        asset: { type: 'ad_account', id: AD_US },
      }),
    ).toEqual({ kind: 'lost' });
    const grants = await grantsNow();
    expect(grants.find((g) => g.asset_type === 'ad_account')?.status).toBe('revoked');
    expect(h.linkedin.log.some((e) => e.method === 'DELETE' && e.status === 204)).toBe(true);
    // No API removes a Page admin: the Page stays with the agency until a person removes it.
    expect(
      await h.services.platforms.linkedin?.readAccess({
        agency: identity,
        asset: { type: 'company_page', id: ACME_PAGE },
      }),
    ).toEqual({ kind: 'holds', level: 'admin' });
    type Step = { assetType: string; status: string; verified: string };
    const report = res.json<{ offboarding: { id: string; status: string; steps: Step[] } }>();
    expect(report.offboarding.status).toBe('needs_attention');
    expect(report.offboarding.steps.map((s) => [s.assetType, s.status, s.verified]).sort()).toEqual(
      [
        ['ad_account', 'revoked', 'gone'],
        ['company_page', 'manual_pending', 'still_present'],
      ],
    );
    // The agency member leaves the Page in the Page admin view; the rerun reads it back gone.
    const signIn = await fetch(`${h.linkedinBase}/signin`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ member: NORA, next: '/feed' }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    await fetch(`${h.linkedinBase}/company/${ACME_PAGE}/admin/settings/manage-admins/remove`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie },
      body: new URLSearchParams({ member: NORA }),
    });
    const rerun = await h.app.inject({
      method: 'POST',
      url: `/api/v1/offboardings/${report.offboarding.id}/rerun`,
      headers: { ...h.agency.owner.headers, ...json },
      payload: {},
    });
    expect(rerun.statusCode).toBeLessThan(300);
    const after = await h.app.inject({
      method: 'GET',
      url: `/api/v1/offboardings/${report.offboarding.id}`,
      headers: h.agency.owner.headers,
    });
    const final = after.json<{ offboarding: { status: string; steps: Step[] } }>().offboarding;
    expect(final.steps.map((s) => [s.assetType, s.verified]).sort()).toEqual([
      ['ad_account', 'gone'],
      ['company_page', 'gone'],
    ]);
    expect(final.status).toBe('completed');
  });

  it('a verification sweep reads the role back, and a role removed at LinkedIn is drift', async () => {
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: { ...h.agency.owner.headers, ...json },
      payload: {
        title: 'LinkedIn EU for Acme',
        items: [{ platform: 'linkedin', assetType: 'ad_account', permissionLevel: 'viewer' }],
      },
    });
    const euLink = created.json<{ link: { url: string } }>().link.url.split('/l/')[1] ?? '';
    const start = await h.app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${euLink}/oauth/linkedin/start`,
    });
    const back = await consentInLinkedIn(
      h,
      start.json<{ authorizationUrl: string }>().authorizationUrl,
      DANA,
    );
    await h.app.inject({
      method: 'GET',
      url: `${back.pathname}${back.search}`,
      headers: { cookie: browserCookieOf(start.headers['set-cookie']) },
    });
    await h.app.inject({ method: 'POST', url: `/api/v1/onboarding/${euLink}/assets/linkedin` });
    const approve = await h.app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${euLink}/approve`,
      payload: { selections: [{ platform: 'linkedin', assetType: 'ad_account', assetId: AD_EU }] },
    });
    expect(approve.statusCode).toBe(202);
    const eu = (await grantsNow()).find((g) => g.asset_id === AD_EU)!;
    await executeGrant(h.grantDeps, eu.id);
    const sweep = () =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/verifications',
        headers: { ...h.agency.owner.headers, ...json },
        payload: { wait: true },
      });
    const first = await sweep();
    expect(first.statusCode).toBe(200);
    expect(first.json<{ run: { summary: object } }>().run.summary).toMatchObject({
      holds: 1,
      lost: 0,
    });
    // The client removes the agency member from the ad account at LinkedIn.
    deleteAccountUser(h.linkedin.model, { actor: DANA, account: Number(AD_EU), user: NORA });
    const second = await sweep();
    expect(second.json<{ run: { summary: object } }>().run.summary).toMatchObject({
      holds: 0,
      lost: 1,
    });
    const alerts = await h.app.inject({
      method: 'GET',
      url: '/api/v1/drift-alerts',
      headers: h.agency.owner.headers,
    });
    expect(JSON.stringify(alerts.json())).toContain(AD_EU);
  });
});
