import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { executeGrant } from '../../../src/jobs/execute-grant.ts';
import { recheckGrant } from '../../../src/jobs/recheck-grant.ts';
import type { Platform } from '../../../src/platforms/types.ts';
import { findAuditEvents } from '../../../src/store/audit.ts';
import { buildAgency } from '../../support/agency.ts';
import {
  ADVERTISERS,
  BCS,
  connectAgency,
  connectClient,
  control,
  createHarness,
  createRequest,
  USERS,
  type Harness,
} from '../../support/onboarding.ts';

const PIXEL = '7500000000000000001';
const TT_ACCOUNT = '7400000000000000001';

interface GrantView {
  id: string;
  assetType: string;
  assetId: string;
  status: string;
  alreadyShared: boolean;
  manualStep: {
    kind: string;
    instructions: string[];
    actionUrl: string | null;
    qrCodeDataUrl: string | null;
  } | null;
}

let h: Harness;
let link: { id: string; token: string };
const api = (path: string) => `/api/v1/onboarding/${link.token}${path}`;
const progress = async () =>
  (await h.app.inject({ method: 'GET', url: api('/progress') })).json<{
    grants: GrantView[];
    onboarding: { status: string };
  }>();

beforeAll(async () => {
  h = await createHarness();
  link = await createRequest(h, [
    { assetType: 'advertiser', permissionLevel: 'OPERATOR' },
    { assetType: 'pixel', permissionLevel: 'SHARED' },
    { assetType: 'tiktok_account', permissionLevel: 'AD_DELIVERY' },
  ]);
});
afterAll(async () => h.close());

const selections = [
  { platform: 'tiktok', assetType: 'advertiser', assetId: ADVERTISERS.us },
  { platform: 'tiktok', assetType: 'pixel', assetId: PIXEL },
  { platform: 'tiktok', assetType: 'tiktok_account', assetId: TT_ACCOUNT },
];

describe('the client journey', () => {
  it('shows who asks for what, with the agency not ready yet', async () => {
    const page = await h.app.inject({ method: 'GET', url: api('') });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const body = page.json<{
      agency: { name: string };
      request: { items: { assetTypeLabel: string }[] };
      platforms: unknown[];
    }>();
    expect(body.agency.name).toBe('Northwind Media');
    expect(body.request.items.map((i) => i.assetTypeLabel)).toEqual([
      'Ad account',
      'Pixel',
      'TikTok account',
    ]);
    expect(body.platforms).toEqual([
      {
        id: 'tiktok',
        name: 'TikTok',
        connected: false,
        agencyReady: false,
        guided: false,
        verification: 'api',
        agencyIdentity: null,
      },
    ]);
  });

  it('lists the client assets to tick after connecting', async () => {
    expect((await connectClient(h, link.token)).statusCode).toBe(303);
    const assets = await h.app.inject({ method: 'POST', url: api('/assets/tiktok') });
    expect(assets.statusCode).toBe(200);
    const ids = assets.json<{ assets: { id: string }[] }>().assets.map((a) => a.id);
    expect(ids).toEqual(
      expect.arrayContaining([ADVERTISERS.us, ADVERTISERS.eu, PIXEL, TT_ACCOUNT]),
    );
    expect(ids).not.toContain('7600000000000000001');
  });

  it('refuses approval until the agency has connected its Business Center', async () => {
    const answer = await h.app.inject({
      method: 'POST',
      url: api('/approve'),
      payload: { selections },
    });
    expect(answer.statusCode).toBe(409);
    expect(answer.json().error.details.reason).toBe('agency_not_connected');
    expect(await h.database.db.selectFrom('grants').select('id').execute()).toHaveLength(0);
  });

  it('approves once under a double submit, one wave job for its grants', async () => {
    await connectAgency(h);
    // The same approval sent twice at once (a double click): whichever takes the lock first
    // creates the grants, the other is answered with them.
    const [first, second] = await Promise.all([
      h.app.inject({ method: 'POST', url: api('/approve'), payload: { selections } }),
      h.app.inject({ method: 'POST', url: api('/approve'), payload: { selections } }),
    ]);
    const codes = [first.statusCode, second.statusCode].sort();
    expect(codes).toEqual([200, 202]);
    // Both answers list the same grants in the same order (the first from its insert, the
    // second read back).
    const ids = (answer: typeof first) =>
      answer.json<{ grants: { id: string }[] }>().grants.map((g) => g.id);
    expect(ids(first)).toHaveLength(3);
    expect(ids(first)).toEqual(ids(second));
    const grants = await h.database.db.selectFrom('grants').selectAll().execute();
    expect(grants).toHaveLength(3);
    const jobs = await h.queue.boss.findJobs('grants.execute');
    expect(jobs).toHaveLength(1);
    expect(new Set((jobs[0]?.data as { grantIds: string[] }).grantIds)).toEqual(
      new Set(grants.map((g) => g.id)),
    );
  });

  it('runs the grants to pending acceptance and manual steps, then drops the client token', async () => {
    const grants = await h.database.db.selectFrom('grants').select('id').execute();
    for (const grant of grants) await executeGrant(h.grantDeps, grant.id);
    const view = await progress();
    const byType = Object.fromEntries(view.grants.map((g) => [g.assetType, g]));
    expect(byType.advertiser?.status).toBe('pending_acceptance');
    expect(byType.pixel?.status).toBe('needs_manual_step');
    expect(byType.pixel?.manualStep?.instructions.join(' ')).toContain(BCS.northwind);
    expect(byType.tiktok_account?.status).toBe('needs_manual_step');
    expect(byType.tiktok_account?.manualStep?.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const tokens = await h.database.db
      .selectFrom('platform_connections')
      .select('id')
      .where('owner_kind', '=', 'onboarding')
      .execute();
    expect(tokens).toHaveLength(0);
    // ...and revoked at TikTok (oauth2/revoke_token/), while the agency's own token still works.
    const issued = h.sandbox.sandbox.model.state.tokens;
    const clients = issued.filter((t) => t.userId === USERS.dana);
    expect(clients.length).toBeGreaterThan(0);
    expect(clients.every((t) => t.revoked)).toBe(true);
    expect(issued.filter((t) => t.userId === USERS.nora).some((t) => !t.revoked)).toBe(true);
    const actions = (await findAuditEvents(h.database.db, h.agency.agency.id)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'request.created',
        'request.link_opened',
        'onboarding.approved',
        'grant.pending_acceptance',
        'grant.needs_manual_step',
        'onboarding.client_token_deleted',
      ]),
    );
  });

  it('picks up the acceptance, the shared pixel and the scanned QR code', async () => {
    const ids = Object.fromEntries((await progress()).grants.map((g) => [g.assetType, g]));
    await control(h.sandbox, 'partners/share', {
      bc_id: BCS.acme,
      partner_id: BCS.northwind,
      asset_type: 'PIXEL',
      asset_ids: [PIXEL],
      user_id: USERS.dana,
    });
    await control(h.sandbox, 'partners/accept', {
      bc_id: BCS.northwind,
      owner_bc_id: BCS.acme,
      user_id: USERS.nora,
    });
    const qr = new URL(ids.tiktok_account?.manualStep?.actionUrl ?? '');
    await control(h.sandbox, 'qr/scan', {
      token: qr.searchParams.get('token'),
      user_id: USERS.dana,
      asset_id: TT_ACCOUNT,
      approve: true,
    });
    // The agency's "Check again" on its request card picks up the acceptance it just made;
    // another agency, a viewer and a wrong id get nothing, and nothing changes.
    const advertiser = ids.advertiser!;
    const agencyCheck = (grantId: string, headers: Record<string, string>) =>
      h.app.inject({
        method: 'POST',
        url: `/api/v1/requests/${link.id}/grants/${grantId}/check`,
        headers,
      });
    const other = await buildAgency(h.database);
    expect((await agencyCheck(advertiser.id, other.owner.headers)).statusCode).toBe(404);
    const viewer = await h.agency.addMember('viewer');
    expect((await agencyCheck(advertiser.id, viewer.headers)).statusCode).toBe(403);
    const wrong = await agencyCheck('not-a-uuid', h.agency.owner.headers);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ error: { code: expect.any(String) as unknown } });
    expect((await progress()).grants.find((g) => g.id === advertiser.id)?.status).toBe(
      'pending_acceptance',
    );
    // Latchkey's own re-check of the grant is under way when the agency clicks: the click waits
    // for it and shares its answer (one read of the platform), not a second acceptance racing it.
    const platforms = h.grantDeps.platforms as Record<string, Platform>;
    const tiktok = platforms.tiktok!;
    let reads = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    platforms.tiktok = {
      ...tiktok,
      readAccess: async (input) => {
        reads += 1;
        await gate;
        return tiktok.readAccess(input);
      },
    };
    let checkedByAgency;
    try {
      const background = recheckGrant(h.grantDeps, advertiser.id);
      await vi.waitFor(() => expect(reads).toBe(1));
      const clicked = agencyCheck(advertiser.id, h.agency.owner.headers);
      await new Promise((resolve) => setTimeout(resolve, 200));
      release();
      checkedByAgency = await clicked;
      expect((await background)?.status).toBe('granted');
      expect(reads).toBe(1);
    } finally {
      release();
      platforms.tiktok = tiktok;
    }
    expect(checkedByAgency.statusCode).toBe(200);
    const card = checkedByAgency.json<{
      request: { grants: { id: string; status: string }[] };
    }>();
    expect(card.request.grants.find((g) => g.id === advertiser.id)?.status).toBe('granted');
    // A click just after the grant was granted answers with the card as it stands.
    const again = await agencyCheck(advertiser.id, h.agency.owner.headers);
    expect(again.statusCode).toBe(200);
    expect(
      again
        .json<{ request: { grants: { id: string; status: string }[] } }>()
        .request.grants.find((g) => g.id === advertiser.id)?.status,
    ).toBe('granted');
    for (const grant of [ids.pixel!, ids.tiktok_account!]) {
      const checked = await h.app.inject({ method: 'POST', url: api(`/grants/${grant.id}/check`) });
      expect(checked.statusCode).toBe(200);
    }
    const view = await progress();
    expect(view.grants.map((g) => g.status)).toEqual(['granted', 'granted', 'granted']);
    expect(view.onboarding.status).toBe('completed');
    const request = await h.app.inject({
      method: 'GET',
      url: `/api/v1/requests/${link.id}`,
      headers: h.agency.owner.headers,
    });
    expect(request.json().request.status).toBe('completed');
  });
});

describe('links', () => {
  it('stores only the hash and answers 404 for a wrong secret', async () => {
    const row = await h.database.db
      .selectFrom('access_requests')
      .selectAll()
      .where('id', '=', link.id)
      .executeTakeFirstOrThrow();
    const secret = link.token.split('.')[1] ?? '';
    expect(JSON.stringify(row)).not.toContain(secret);
    const wrong = `${link.token.split('.')[0]}.${'A'.repeat(22)}`;
    expect(
      (await h.app.inject({ method: 'GET', url: `/api/v1/onboarding/${wrong}` })).statusCode,
    ).toBe(404);
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/v1/onboarding/garbage' })).statusCode,
    ).toBe(404);
  });

  it('answers 410 for a revoked or an expired link', async () => {
    const revoked = await createRequest(h, [
      { assetType: 'advertiser', permissionLevel: 'ANALYST' },
    ]);
    const answer = await h.app.inject({
      method: 'POST',
      url: `/api/v1/requests/${revoked.id}/revoke`,
      headers: { ...h.agency.owner.headers, origin: 'http://127.0.0.1:3000' },
    });
    expect(answer.statusCode).toBe(200);
    expect(
      (await h.app.inject({ method: 'GET', url: `/api/v1/onboarding/${revoked.token}` }))
        .statusCode,
    ).toBe(410);
    const expired = await createRequest(h, [
      { assetType: 'advertiser', permissionLevel: 'ANALYST' },
    ]);
    await h.database.db
      .updateTable('access_requests')
      .set({ link_expires_at: new Date(Date.now() - 1) })
      .where('id', '=', expired.id)
      .execute();
    const gone = await h.app.inject({ method: 'GET', url: `/api/v1/onboarding/${expired.token}` });
    expect(gone.statusCode).toBe(410);
    expect(gone.json().error.details.reason).toBe('expired');
  });

  it('keeps requests to their agency (another agency gets 404)', async () => {
    const { buildAgency } = await import('../../support/agency.ts');
    const other = await buildAgency(h.database);
    for (const [method, url] of [
      ['GET', `/api/v1/requests/${link.id}`],
      ['POST', `/api/v1/requests/${link.id}/revoke`],
    ] as const) {
      const answer = await h.app.inject({
        method,
        url,
        headers: { ...other.owner.headers, origin: 'http://127.0.0.1:3000' },
      });
      expect(answer.statusCode).toBe(404);
    }
    const list = await h.app.inject({
      method: 'GET',
      url: '/api/v1/requests',
      headers: other.owner.headers,
    });
    expect(list.json().requests).toEqual([]);
  });
});
