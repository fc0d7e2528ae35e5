// Guided platforms through one link: Search Console (the client names the property, follows the
// step with the agency's Google email, and "I have done this" verifies it with sites.get through
// the Google sandbox), YouTube (recorded as the client's confirmation, never as verified) and
// Shopify (store URL and collaborator code stored for the agency, who marks it done).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOffboardingPlan, startOffboarding } from '../../../src/jobs/offboard-plan.ts';
import { runOffboarding } from '../../../src/jobs/offboard.ts';
import {
  defaultLifecycleSettings,
  type LifecycleDeps,
} from '../../../src/jobs/verify-grants-deps.ts';
import { listOffboardingSteps } from '../../../src/store/offboardings.ts';
import { TEST_PUBLIC_URL } from '../../support/agency.ts';
import {
  connectAgencyOn,
  consentInGoogle,
  createMultiHarness,
  G,
  type MultiHarness,
} from '../../support/multi-platform.ts';
import { controlAuth } from '../../support/sandbox-control.ts';

let h: MultiHarness;
let token: string;
let requestId: string;
/** The offboarding of every guided grant, made by the first offboarding test. */
let allGuidedOffboarding = '';

interface GrantBody {
  id: string;
  platform: string;
  assetId: string;
  status: string;
  verification: string;
  confirmedBy: string | null;
  clientInput: Record<string, string> | null;
  manualStep: { kind: string; title: string | null; instructions: string[] } | null;
  steps: { name: string }[];
}

const api = (path: string) => `/api/v1/onboarding/${token}${path}`;
const agencyPost = () => ({ ...h.agency.owner.headers, origin: TEST_PUBLIC_URL });
const agencyHeaders = () => ({
  ...h.agency.owner.headers,
  'content-type': 'application/json',
  origin: TEST_PUBLIC_URL,
});
const reasonOf = (response: { json: () => unknown }) =>
  (response.json() as { error: { details: { reason: string } } }).error.details.reason;
const good = [
  {
    platform: 'search_console',
    assetType: 'sc_property',
    input: { kind: 'site_url', siteUrl: 'acme-outdoor.example' },
  },
  {
    platform: 'youtube',
    assetType: 'youtube_channel',
    input: { kind: 'channel', channel: 'https://www.youtube.com/@AcmeOutdoor' },
  },
  {
    platform: 'shopify',
    assetType: 'shopify_store',
    input: {
      kind: 'store_and_code',
      storeUrl: 'https://Acme-Outdoor.myshopify.com/admin',
      collaboratorCode: '1234',
    },
  },
];

async function progress(): Promise<GrantBody[]> {
  const answer = await h.app.inject({ method: 'GET', url: api('/progress') });
  expect(answer.statusCode).toBe(200);
  return answer.json<{ grants: GrantBody[] }>().grants;
}
const grantOf = async (platform: string) =>
  (await progress()).find((g) => g.platform === platform)!;

beforeAll(async () => {
  h = await createMultiHarness();
  const created = await h.app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: agencyHeaders(),
    payload: {
      title: 'Search, video and store for Acme',
      items: [
        { platform: 'search_console', assetType: 'sc_property', permissionLevel: 'full' },
        { platform: 'youtube', assetType: 'youtube_channel', permissionLevel: 'manager' },
        { platform: 'shopify', assetType: 'shopify_store', permissionLevel: 'collaborator' },
      ],
    },
  });
  expect(created.statusCode).toBe(201);
  token = created.json<{ link: { url: string } }>().link.url.split('/l/')[1] ?? '';
  requestId = created.json<{ request: { id: string } }>().request.id;
});
afterAll(async () => h?.close());

describe('guided platforms in one link', () => {
  it('shows them as guided, with no sign-in for the client and Shopify needing no agency connection', async () => {
    const page = await h.app.inject({ method: 'GET', url: api('') });
    const platforms = page.json<{
      platforms: { id: string; guided: boolean; agencyReady: boolean; verification: string }[];
    }>().platforms;
    expect([...platforms].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      expect.objectContaining({
        id: 'search_console',
        guided: true,
        agencyReady: false,
        verification: 'api',
      }),
      expect.objectContaining({
        id: 'shopify',
        guided: true,
        agencyReady: true,
        verification: 'agency_confirmation',
      }),
      expect.objectContaining({
        id: 'youtube',
        guided: true,
        agencyReady: false,
        verification: 'client_confirmation',
      }),
    ]);
    // Shopify has nothing for the agency to connect: it is not offered in Settings.
    const connections = await h.app.inject({
      method: 'GET',
      url: '/api/v1/agency/connections',
      headers: h.agency.owner.headers,
    });
    const listed = connections.json<{ connections: { platform: string }[] }>().connections;
    expect(listed.map((c) => c.platform)).toEqual(
      expect.arrayContaining(['search_console', 'youtube']),
    );
    expect(listed.map((c) => c.platform)).not.toContain('shopify');
    const start = await h.app.inject({ method: 'POST', url: api('/oauth/search_console/start') });
    expect(start.statusCode).toBe(409);
    expect(reasonOf(start)).toBe('guided');
  });

  it('refuses approval until the agency has connected its Google account', async () => {
    const answer = await h.app.inject({
      method: 'POST',
      url: api('/approve'),
      payload: { selections: good },
    });
    expect(answer.statusCode).toBe(409);
    expect(reasonOf(answer)).toBe('agency_not_connected');
  });

  it('names every wrong input', async () => {
    await connectAgencyOn(h, 'search_console', consentInGoogle, G.agency, G.agency);
    await connectAgencyOn(h, 'youtube', consentInGoogle, G.agency, G.agency);
    const answer = await h.app.inject({
      method: 'POST',
      url: api('/approve'),
      payload: {
        selections: [
          { ...good[0], input: { kind: 'site_url', siteUrl: 'https://acme-outdoor.example/?q=1' } },
          { ...good[1], input: { kind: 'channel', channel: 'not a channel' } },
          {
            ...good[2],
            input: {
              kind: 'store_and_code',
              storeUrl: 'acme-outdoor.example',
              collaboratorCode: '1234',
            },
          },
          {
            ...good[2],
            input: {
              kind: 'store_and_code',
              storeUrl: 'acme-outdoor.myshopify.com',
              collaboratorCode: '12a4',
            },
          },
        ],
      },
    });
    expect(answer.statusCode).toBe(422);
    const problems = answer.json<{ error: { details: { index: number; message: string }[] } }>()
      .error.details;
    expect(problems.map((p) => p.index)).toEqual([0, 1, 2, 3]);
    expect(problems[3]?.message).toMatch(/4 digits/);
  });

  it('starts each guided step at approval, with the exact words and no job', async () => {
    const answer = await h.app.inject({
      method: 'POST',
      url: api('/approve'),
      payload: { selections: good },
    });
    expect(answer.statusCode).toBe(202);
    const grants = (await progress()).sort((a, b) => a.platform.localeCompare(b.platform));
    expect(grants.map((g) => [g.platform, g.assetId, g.status])).toEqual([
      ['search_console', 'sc-domain:acme-outdoor.example', 'needs_manual_step'],
      ['shopify', 'acme-outdoor.myshopify.com', 'needs_manual_step'],
      ['youtube', '@acmeoutdoor', 'needs_manual_step'],
    ]);
    const sc = grants[0]!;
    expect(sc.manualStep?.kind).toBe('guided');
    expect(sc.manualStep?.instructions.join(' ')).toContain(
      `Enter ${G.agency} and choose the permission Full.`,
    );
    expect(sc.steps.map((s) => s.name)).toEqual(['guided_step']);
    expect(grants[2]!.manualStep?.instructions.join(' ')).toContain('role Manager');
    expect(grants[1]!.manualStep?.instructions.join(' ')).toContain('code is 1234');
  });

  it('Search Console: explains it is not there yet, then verifies it through sites.get', async () => {
    const sc = await grantOf('search_console');
    const first = await h.app.inject({ method: 'POST', url: api(`/grants/${sc.id}/check`) });
    expect(first.statusCode).toBe(200);
    expect(first.json<{ grant: GrantBody }>().grant.status).toBe('needs_manual_step');
    // The client adds the agency's email in Search Console (the sandbox stands in for the UI).
    const added = await fetch(`${h.google.url}/_control/search-console/users`, {
      method: 'POST',
      headers: { ...controlAuth, 'content-type': 'application/json' },
      body: JSON.stringify({
        siteUrl: 'sc-domain:acme-outdoor.example',
        email: G.agency,
        permissionLevel: 'SITE_RESTRICTED_USER',
      }),
    });
    expect(added.status).toBe(200);
    // Restricted is below the Full asked for: still not enough.
    const low = await h.app.inject({ method: 'POST', url: api(`/grants/${sc.id}/check`) });
    expect(low.json<{ grant: GrantBody }>().grant.status).toBe('needs_manual_step');
    await fetch(`${h.google.url}/_control/search-console/users`, {
      method: 'POST',
      headers: { ...controlAuth, 'content-type': 'application/json' },
      body: JSON.stringify({
        siteUrl: 'sc-domain:acme-outdoor.example',
        email: G.agency,
        permissionLevel: 'SITE_FULL_USER',
      }),
    });
    const done = await h.app.inject({ method: 'POST', url: api(`/grants/${sc.id}/check`) });
    const grant = done.json<{ grant: GrantBody }>().grant;
    expect(grant.status).toBe('granted');
    expect(grant.confirmedBy).toBeNull();
    expect(grant.steps.map((s) => s.name)).toContain('verified');
    const log = (await (
      await fetch(`${h.google.url}/_control/log`, { headers: controlAuth })
    ).json()) as unknown;
    expect(JSON.stringify(log)).toContain('/webmasters/v3/sites/sc-domain%3Aacme-outdoor.example');
  });

  it('YouTube: the check asks no API; the client’s confirmation is recorded as such, not verified', async () => {
    const yt = await grantOf('youtube');
    const check = await h.app.inject({ method: 'POST', url: api(`/grants/${yt.id}/check`) });
    expect(check.json<{ grant: GrantBody }>().grant.status).toBe('needs_manual_step');
    const confirm = await h.app.inject({ method: 'POST', url: api(`/grants/${yt.id}/confirm`) });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json<{ grant: GrantBody }>().grant).toMatchObject({
      status: 'granted',
      confirmedBy: 'client',
    });
    const row = await h.database.db
      .selectFrom('grants')
      .select(['verified_at'])
      .where('id', '=', yt.id)
      .executeTakeFirstOrThrow();
    expect(row.verified_at).toBeNull();
    const sc = await grantOf('search_console');
    const refused = await h.app.inject({ method: 'POST', url: api(`/grants/${sc.id}/confirm`) });
    expect(refused.statusCode).toBe(409);
  });

  it('Shopify: the agency sees the store and code, and marks it done', async () => {
    const shop = await grantOf('shopify');
    const byClient = await h.app.inject({ method: 'POST', url: api(`/grants/${shop.id}/confirm`) });
    expect(byClient.statusCode).toBe(409);
    const detail = await h.app.inject({
      method: 'GET',
      url: `/api/v1/requests/${requestId}`,
      headers: agencyHeaders(),
    });
    const seen = detail
      .json<{ request: { grants: GrantBody[] } }>()
      .request.grants.find((g) => g.platform === 'shopify');
    expect(seen?.clientInput).toEqual({
      kind: 'store_and_code',
      storeUrl: 'acme-outdoor.myshopify.com',
      collaboratorCode: '1234',
    });
    const done = await h.app.inject({
      method: 'POST',
      url: `/api/v1/requests/${requestId}/grants/${shop.id}/confirm`,
      headers: agencyPost(),
    });
    expect(done.statusCode).toBe(200);
    const after = done.json<{ request: { grants: GrantBody[]; onboarding: { status: string } } }>()
      .request;
    expect(after.grants.find((g) => g.platform === 'shopify')).toMatchObject({
      status: 'granted',
      confirmedBy: 'agency',
    });
    expect(after.onboarding.status).toBe('completed');
    const again = await h.app.inject({
      method: 'POST',
      url: `/api/v1/requests/${requestId}/grants/${shop.id}/confirm`,
      headers: agencyPost(),
    });
    expect(again.statusCode).toBe(409);
  });

  it('offboarding: a person removes guided access; only Search Console is read back', async () => {
    const deps: LifecycleDeps = {
      ...h.grantDeps,
      lifecycle: { ...defaultLifecycleSettings, backoff: { baseMs: 5, capMs: 20, maxAttempts: 2 } },
      publicUrl: () => TEST_PUBLIC_URL,
    };
    const target = { agencyId: h.agency.agency.id, requestId };
    const { plan } = await buildOffboardingPlan(deps, target);
    expect(plan.steps.map((s) => [s.platform, s.action]).sort()).toEqual([
      ['search_console', 'manual'],
      ['shopify', 'manual'],
      ['youtube', 'manual'],
    ]);
    const { offboarding } = await startOffboarding(deps, {
      ...target,
      reason: 'manual',
      actor: { kind: 'system', id: null },
      createdBy: null,
    });
    await runOffboarding(deps, offboarding.id);
    const steps = await listOffboardingSteps(h.database.db, offboarding.id);
    expect(steps.map((s) => [s.platform, s.status, s.verified]).sort()).toEqual([
      ['search_console', 'manual_pending', 'still_present'],
      ['shopify', 'manual_pending', 'unknown'],
      ['youtube', 'manual_pending', 'unknown'],
    ]);
    allGuidedOffboarding = offboarding.id;
  });

  it('offboarding: a manager confirms what no API can check; it says confirmed, not verified', async () => {
    const deps: LifecycleDeps = {
      ...h.grantDeps,
      lifecycle: { ...defaultLifecycleSettings, backoff: { baseMs: 5, capMs: 20, maxAttempts: 2 } },
      publicUrl: () => TEST_PUBLIC_URL,
    };
    type Report = {
      status: string;
      steps: { id: string; platform: string; status: string; verified: string; detail: string }[];
    };
    const confirm = (offboardingId: string, stepId: string) =>
      h.app.inject({
        method: 'POST',
        url: `/api/v1/offboardings/${offboardingId}/steps/${stepId}/confirm`,
        headers: agencyPost(),
      });
    const stepOf = async (offboardingId: string, platform: string) => {
      const steps = await listOffboardingSteps(h.database.db, offboardingId);
      return steps.find((s) => s.platform === platform)?.id ?? '';
    };

    // YouTube alone: the only removal is confirmed by a manager, so the offboarding completes.
    const { offboarding } = await startOffboarding(deps, {
      agencyId: h.agency.agency.id,
      requestId,
      platform: 'youtube',
      reason: 'manual',
      actor: { kind: 'system', id: null },
      createdBy: null,
    });
    await runOffboarding(deps, offboarding.id);
    const youtube = await stepOf(offboarding.id, 'youtube');
    const done = await confirm(offboarding.id, youtube);
    expect(done.statusCode).toBe(200);
    const report = done.json<{ offboarding: Report }>().offboarding;
    expect(report.status).toBe('completed');
    expect(report.steps).toEqual([
      expect.objectContaining({ platform: 'youtube', status: 'revoked', verified: 'confirmed' }),
    ]);
    expect(report.steps[0]?.detail).toMatch(/confirmed by .+, not verified/);
    expect((await grantOf('youtube')).status).toBe('revoked');
    const audit = await h.database.db
      .selectFrom('audit_events')
      .select(['action', 'actor_kind'])
      .where('action', '=', 'offboarding.removal_confirmed')
      .execute();
    expect(audit).toEqual([{ action: 'offboarding.removal_confirmed', actor_kind: 'user' }]);
    expect((await confirm(offboarding.id, youtube)).statusCode).toBe(409);
    expect((await confirm(offboarding.id, randomUUID())).statusCode).toBe(404);

    // All three: Search Console is verified by reading it back, so it cannot be confirmed; once
    // Shopify is confirmed, the offboarding still needs attention for Search Console, and a
    // "check again" leaves the confirmed removal as it was.
    const all = allGuidedOffboarding;
    const refused = await confirm(all, await stepOf(all, 'search_console'));
    expect(refused.statusCode).toBe(409);
    expect(reasonOf(refused)).toBe('verified_by_api');
    const shop = await confirm(all, await stepOf(all, 'shopify'));
    expect(shop.json<{ offboarding: Report }>().offboarding.status).toBe('needs_attention');
    await runOffboarding(deps, all);
    const after = await listOffboardingSteps(h.database.db, all);
    expect(after.map((s) => [s.platform, s.status, s.verified]).sort()).toEqual([
      ['search_console', 'manual_pending', 'still_present'],
      ['shopify', 'revoked', 'confirmed'],
      ['youtube', 'manual_pending', 'unknown'],
    ]);
  });
});
