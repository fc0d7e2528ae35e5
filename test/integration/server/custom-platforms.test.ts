// Custom platforms ("any tool", issue #13): definitions through /api/v1/custom-platforms (ready-made
// and the agency's own), hostile and invalid definitions refused in the documented error shape with
// nothing changed, roles and tenant isolation, then one link asking for a ready-made tool the agency
// confirms and an own tool the client confirms, through the routes, and the offboarding's manual
// removal step with the definition's own text, confirmed by a person (never "verified").
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOffboarding } from '../../../src/jobs/offboard-plan.ts';
import { runOffboarding } from '../../../src/jobs/offboard.ts';
import { readyMadeDefinitions } from '../../../src/platforms/custom/ready-made/index.ts';
import { listOffboardingSteps } from '../../../src/store/offboardings.ts';
import { createWebhookEndpoint } from '../../../src/store/webhook-endpoints.ts';
import { TEST_PUBLIC_URL, type TestMember } from '../../support/agency.ts';
import { createCustomHarness, type CustomHarness } from '../../support/custom-harness.ts';

let h: CustomHarness;
let manager: TestMember;
let member: TestMember;
let viewer: TestMember;

const PNG_1X1 =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const own = {
  slug: 'looker_studio',
  name: 'Looker Studio report',
  logo: PNG_1X1,
  actionUrl: 'https://lookerstudio.google.com/',
  inviteEmail: 'reports@northwind.example',
  steps: ['Open the report and click Share.', 'Add {email} as {level} for {agency}.'],
  fields: [
    { id: 'report_url', label: 'Report address', kind: 'url', required: true },
    { id: 'owner_email', label: 'Owner email', kind: 'email', required: false },
  ],
  levels: [
    { id: 'viewer', label: 'Viewer', description: 'Sees the report.' },
    { id: 'editor', label: 'Editor', description: 'Edits the report.' },
  ],
  confirmedBy: 'client',
  removal: ['Open the report, click Share, and remove reports@northwind.example.'],
};

const json = (who: { headers: Record<string, string> }) => ({
  ...who.headers,
  'content-type': 'application/json',
  origin: TEST_PUBLIC_URL,
});
const post = (who: { headers: Record<string, string> }) => ({
  ...who.headers,
  origin: TEST_PUBLIC_URL,
});
type ErrorBody = { error: { code: string; message: string; details?: unknown } };
interface Definition {
  id: string;
  slug: string;
  name: string;
  archived: boolean;
  readyMade: string | null;
  steps: string[];
  inviteEmail: string | null;
  confirmedBy: string;
}

const countRows = async () =>
  Number(
    (
      await h.database.db
        .selectFrom('custom_platforms')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const snapshot = async () =>
  JSON.stringify(
    await h.database.db.selectFrom('custom_platforms').selectAll().orderBy('id').execute(),
  );

beforeAll(async () => {
  h = await createCustomHarness();
  manager = await h.agency.addMember('manager');
  member = await h.agency.addMember('member');
  viewer = await h.agency.addMember('viewer');
}, 60_000);
afterAll(async () => h?.close());

let klaviyo: Definition;
let looker: Definition;

describe('custom platform definitions', () => {
  it('lists the nine ready-made tools and adds one as an editable copy, audited', async () => {
    const list = await h.app.inject({
      method: 'GET',
      url: '/api/v1/custom-platforms/ready-made',
      headers: viewer.headers,
    });
    expect(list.statusCode).toBe(200);
    const ready = list.json<{ readyMade: { id: string; added: boolean; source: string }[] }>()
      .readyMade;
    expect(ready.map((r) => r.id).sort()).toEqual(
      [
        'amazon_ads',
        'google_business_profile_manual',
        'hubspot',
        'klaviyo',
        'mailchimp',
        'squarespace',
        'webflow',
        'wix',
        'wordpress',
      ].sort(),
    );
    expect(ready.every((r) => !r.added && r.source.startsWith('https://'))).toBe(true);
    const added = await h.app.inject({
      method: 'POST',
      url: '/api/v1/custom-platforms/ready-made/klaviyo',
      headers: json(manager),
      payload: { inviteEmail: 'team@northwind.example' },
    });
    expect(added.statusCode).toBe(201);
    klaviyo = added.json<{ customPlatform: Definition }>().customPlatform;
    expect(klaviyo).toMatchObject({
      slug: 'klaviyo',
      readyMade: 'klaviyo',
      confirmedBy: 'agency',
      inviteEmail: 'team@northwind.example',
      archived: false,
    });
    const again = await h.app.inject({
      method: 'POST',
      url: '/api/v1/custom-platforms/ready-made/klaviyo',
      headers: post(manager),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorBody>().error.code).toBe('conflict');
    const unknown = await h.app.inject({
      method: 'POST',
      url: '/api/v1/custom-platforms/ready-made/nothing_like_it',
      headers: post(manager),
    });
    expect(unknown.statusCode).toBe(404);
    const audit = await h.database.db
      .selectFrom('audit_events')
      .select(['action', 'agency_id', 'target_id'])
      .where('action', '=', 'custom_platform.created')
      .execute();
    expect(audit).toEqual([
      { action: 'custom_platform.created', agency_id: h.agency.agency.id, target_id: klaviyo.id },
    ]);
  });

  it('creates an own definition with a small PNG data URL as logo', async () => {
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/custom-platforms',
      headers: json(h.agency.owner),
      payload: own,
    });
    expect(created.statusCode).toBe(201);
    looker = created.json<{ customPlatform: Definition }>().customPlatform;
    expect(looker).toMatchObject({ slug: 'looker_studio', confirmedBy: 'client', readyMade: null });
    const listed = await h.app.inject({
      method: 'GET',
      url: '/api/v1/custom-platforms',
      headers: viewer.headers,
    });
    expect(
      listed
        .json<{ customPlatforms: Definition[] }>()
        .customPlatforms.map((d) => d.slug)
        .sort(),
    ).toEqual(['klaviyo', 'looker_studio']);
  });

  const deep = (n: number): unknown => (n === 0 ? 'x' : { a: deep(n - 1) });
  const bad: [string, unknown][] = [
    ['no steps', { ...own, slug: 'a_1', steps: [] }],
    ['javascript: logo', { ...own, slug: 'a_2', logo: 'javascript:alert(1)' }],
    ['http logo', { ...own, slug: 'a_3', logo: 'http://example.com/logo.png' }],
    [
      'SVG data URL',
      { ...own, slug: 'a_4', logo: 'data:image/svg+xml;base64,PHN2Zz48c2NyaXB0Lz48L3N2Zz4=' },
    ],
    [
      'PNG data URL that is not a PNG',
      {
        ...own,
        slug: 'a_5',
        logo: `data:image/png;base64,${Buffer.from('<script>alert(1)</script>').toString('base64')}`,
      },
    ],
    ['huge logo', { ...own, slug: 'a_6', logo: `data:image/png;base64,${'A'.repeat(40_000)}` }],
    ['NUL in the name', { ...own, slug: 'a_7', name: 'Tool\u0000' }],
    ['huge step', { ...own, slug: 'a_8', steps: ['x'.repeat(100_000)] }],
    ['duplicate field ids', { ...own, slug: 'a_9', fields: [own.fields[0], own.fields[0]] }],
    ['reserved field id', { ...own, slug: 'b_1', fields: [{ ...own.fields[0], id: 'kind' }] }],
    ['bad slug', { ...own, slug: '../etc' }],
    ['wrong types', { ...own, slug: 'b_2', steps: 'Open it', confirmedBy: 'nobody' }],
    ['extra key', { ...own, slug: 'b_3', admin: true }],
    ['__proto__', JSON.parse(`{"__proto__":{"admin":true},"slug":"b_4"}`)],
    ['deep nesting', { ...own, slug: 'b_5', fields: [deep(200)] }],
    ['no levels', { ...own, slug: 'b_6', levels: [] }],
    ['bad field kind', { ...own, slug: 'b_7', fields: [{ ...own.fields[0], kind: 'password' }] }],
    ['bad action URL', { ...own, slug: 'b_8', actionUrl: 'ftp://files.example' }],
  ];
  it.each(bad)(
    'refuses a definition with %s: 400 in the error shape, nothing kept',
    async (_, payload) => {
      const before = await snapshot();
      const answer = await h.app.inject({
        method: 'POST',
        url: '/api/v1/custom-platforms',
        headers: json(h.agency.owner),
        payload: JSON.stringify(payload),
      });
      expect(answer.statusCode).toBe(400);
      const body = answer.json<ErrorBody>();
      // A body the JSON parser refuses (__proto__) is bad_request; one zod refuses, invalid_body.
      expect(['invalid_body', 'bad_request']).toContain(body.error.code);
      expect(typeof body.error.message).toBe('string');
      expect(await snapshot()).toBe(before);
    },
  );

  it('says what is wrong with a logo in words', async () => {
    const answer = await h.app.inject({
      method: 'POST',
      url: '/api/v1/custom-platforms',
      headers: json(h.agency.owner),
      payload: { ...own, slug: 'c_1', logo: 'data:image/svg+xml;base64,PHN2Zz4=' },
    });
    expect(JSON.stringify(answer.json<ErrorBody>().error)).toContain(
      'base64 PNG, JPEG, GIF or WebP',
    );
  });

  it('lets only managers and owners write; read-only keys and members are refused', async () => {
    const before = await countRows();
    for (const who of [member, viewer]) {
      const answer = await h.app.inject({
        method: 'POST',
        url: '/api/v1/custom-platforms',
        headers: json(who),
        payload: { ...own, slug: 'by_member' },
      });
      expect(answer.statusCode).toBe(403);
      const patch = await h.app.inject({
        method: 'PATCH',
        url: `/api/v1/custom-platforms/${looker.id}`,
        headers: json(who),
        payload: { name: 'Taken over' },
      });
      expect(patch.statusCode).toBe(403);
    }
    const readOnly = await h.agency.apiKey('read');
    const byKey = await h.app.inject({
      method: 'POST',
      url: '/api/v1/custom-platforms/ready-made/wix',
      headers: { ...readOnly.headers },
    });
    expect(byKey.statusCode).toBe(403);
    const anonymous = await h.app.inject({ method: 'GET', url: '/api/v1/custom-platforms' });
    expect(anonymous.statusCode).toBe(401);
    expect(await countRows()).toBe(before);
  });

  it('never shows one agency’s definitions to another', async () => {
    const list = await h.app.inject({
      method: 'GET',
      url: '/api/v1/custom-platforms',
      headers: h.other.owner.headers,
    });
    expect(list.json<{ customPlatforms: unknown[] }>().customPlatforms).toEqual([]);
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const answer = await h.app.inject({
        method,
        url: `/api/v1/custom-platforms/${looker.id}`,
        headers: method === 'PATCH' ? json(h.other.owner) : post(h.other.owner),
        ...(method === 'PATCH' ? { payload: { name: 'Mine now' } } : {}),
      });
      expect(answer.statusCode).toBe(404);
    }
    // Nor can another agency request or template them.
    const request = await h.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: json(h.other.owner),
      payload: {
        items: [{ platform: 'custom', assetType: 'looker_studio', permissionLevel: 'viewer' }],
      },
    });
    expect(request.statusCode).toBe(422);
    const template = await h.app.inject({
      method: 'POST',
      url: '/api/v1/templates',
      headers: json(h.other.owner),
      payload: {
        name: 'Borrowed',
        items: [{ platform: 'custom', assetType: 'looker_studio', permissionLevel: 'viewer' }],
      },
    });
    expect(template.statusCode).toBe(400);
    const options = await h.app.inject({
      method: 'GET',
      url: '/api/v1/requests/options',
      headers: h.other.owner.headers,
    });
    expect(
      options.json<{ platforms: { id: string }[] }>().platforms.map((p) => p.id),
    ).not.toContain('custom');
  });

  it('edits a definition (whole definition re-checked), archives it, and brings it back', async () => {
    const bad = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/custom-platforms/${looker.id}`,
      headers: json(manager),
      payload: { fields: [own.fields[0], own.fields[0]] },
    });
    expect(bad.statusCode).toBe(400);
    const slug = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/custom-platforms/${looker.id}`,
      headers: json(manager),
      payload: { slug: 'renamed' },
    });
    expect(slug.statusCode).toBe(400);
    const archived = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/custom-platforms/${looker.id}`,
      headers: post(manager),
    });
    expect(archived.statusCode).toBe(200);
    expect(archived.json<{ customPlatform: Definition }>().customPlatform.archived).toBe(true);
    const refused = await h.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: json(h.agency.owner),
      payload: {
        items: [{ platform: 'custom', assetType: 'looker_studio', permissionLevel: 'viewer' }],
      },
    });
    expect(refused.statusCode).toBe(422);
    const back = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/custom-platforms/${looker.id}`,
      headers: json(manager),
      payload: { archived: false, name: 'Looker Studio' },
    });
    expect(back.statusCode).toBe(200);
    expect(back.json<{ customPlatform: Definition }>().customPlatform).toMatchObject({
      archived: false,
      name: 'Looker Studio',
    });
    const actions = await h.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', looker.id)
      .orderBy('created_at')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'custom_platform.created',
      'custom_platform.archived',
      'custom_platform.updated',
    ]);
  });

  it('is in the OpenAPI document', async () => {
    const doc = await h.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    const paths = Object.keys(doc.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/custom-platforms',
        '/api/v1/custom-platforms/{id}',
        '/api/v1/custom-platforms/ready-made',
        '/api/v1/custom-platforms/ready-made/{readyMadeId}',
      ]),
    );
  });

  it('is usable in a template', async () => {
    const template = await h.app.inject({
      method: 'POST',
      url: '/api/v1/templates',
      headers: json(manager),
      payload: {
        name: 'Email and reports',
        items: [
          { platform: 'custom', assetType: 'klaviyo', permissionLevel: 'manager' },
          { platform: 'custom', assetType: 'looker_studio', permissionLevel: 'viewer' },
        ],
      },
    });
    expect(template.statusCode).toBe(201);
    const wrongLevel = await h.app.inject({
      method: 'POST',
      url: '/api/v1/templates',
      headers: json(manager),
      payload: {
        name: 'Wrong',
        items: [{ platform: 'custom', assetType: 'klaviyo', permissionLevel: 'owner' }],
      },
    });
    expect(wrongLevel.statusCode).toBe(400);
  });
});

interface GrantBody {
  id: string;
  platform: string;
  assetType: string;
  assetId: string;
  assetName: string;
  status: string;
  verification: string;
  confirmedBy: string | null;
  clientInput: Record<string, string> | null;
  manualStep: {
    kind: string;
    title: string | null;
    instructions: string[];
    actionUrl: string | null;
  } | null;
}

describe('a link asking for a ready-made tool and an own tool', () => {
  let token = '';
  let requestId = '';
  const api = (path: string) => `/api/v1/onboarding/${token}${path}`;
  const progress = async () =>
    (await h.app.inject({ method: 'GET', url: api('/progress') })).json<{ grants: GrantBody[] }>()
      .grants;
  const grantOf = async (assetType: string) =>
    (await progress()).find((g) => g.assetType === assetType)!;

  it('creates the request with both tools', async () => {
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: json(h.agency.owner),
      payload: {
        title: 'Email and reports for Acme',
        items: [
          { platform: 'custom', assetType: 'klaviyo', permissionLevel: 'manager' },
          { platform: 'custom', assetType: 'looker_studio', permissionLevel: 'viewer' },
        ],
      },
    });
    expect(created.statusCode).toBe(201);
    token = created.json<{ link: { url: string } }>().link.url.split('/l/')[1] ?? '';
    requestId = created.json<{ request: { id: string } }>().request.id;
    const items = created.json<{
      request: { items: { assetTypeLabel: string; verification: string }[] };
    }>().request.items;
    expect(items.map((i) => [i.assetTypeLabel, i.verification])).toEqual([
      ['Klaviyo', 'agency_confirmation'],
      ['Looker Studio', 'client_confirmation'],
    ]);
  });

  it('shows the client the steps (agency name and level filled in) and the fields', async () => {
    const page = await h.app.inject({ method: 'GET', url: api('') });
    expect(page.statusCode).toBe(200);
    const view = page.json<{
      platforms: { id: string; guided: boolean; agencyReady: boolean }[];
      request: {
        items: {
          assetType: string;
          clientInput: string;
          custom: { steps: string[]; fields: { id: string }[]; logo: string | null };
        }[];
      };
    }>();
    expect(view.platforms).toEqual([
      expect.objectContaining({ id: 'custom', guided: true, agencyReady: true }),
    ]);
    const lookerItem = view.request.items.find((i) => i.assetType === 'looker_studio')!;
    expect(lookerItem.clientInput).toBe('custom_fields');
    expect(lookerItem.custom.logo).toBe(PNG_1X1);
    expect(lookerItem.custom.fields.map((f) => f.id)).toEqual(['report_url', 'owner_email']);
    expect(lookerItem.custom.steps).toContain(
      'Add reports@northwind.example as Viewer for Northwind Media.',
    );
    const klaviyoItem = view.request.items.find((i) => i.assetType === 'klaviyo')!;
    expect(klaviyoItem.custom.steps.join(' ')).toContain('enter team@northwind.example');
    expect(klaviyoItem.custom.steps.join(' ')).toContain('choose Manager');
    const start = await h.app.inject({ method: 'POST', url: api('/oauth/custom/start') });
    expect(start.statusCode).toBe(409);
  });

  const good = [
    {
      platform: 'custom',
      assetType: 'klaviyo',
      input: { kind: 'custom_fields', fields: { account_name: 'Acme Outdoor' } },
    },
    {
      platform: 'custom',
      assetType: 'looker_studio',
      input: {
        kind: 'custom_fields',
        fields: { report_url: 'https://lookerstudio.google.com/reporting/abc', owner_email: '' },
      },
    },
  ];

  it('names every wrong field and keeps nothing', async () => {
    const answer = await h.app.inject({
      method: 'POST',
      url: api('/approve'),
      payload: {
        selections: [
          { ...good[0], input: { kind: 'custom_fields', fields: {} } },
          {
            ...good[1],
            input: {
              kind: 'custom_fields',
              fields: { report_url: 'not a url', owner_email: 'x@y.example' },
            },
          },
          {
            ...good[1],
            input: {
              kind: 'custom_fields',
              fields: { report_url: 'https://a.example/r', owner_email: 'not-an-email' },
            },
          },
          {
            ...good[1],
            input: {
              kind: 'custom_fields',
              fields: { report_url: 'https://a.example/r', injected: 'x' },
            },
          },
        ],
      },
    });
    expect(answer.statusCode).toBe(422);
    const problems = answer.json<{ error: { details: { index: number; message: string }[] } }>()
      .error.details;
    expect(problems.map((p) => p.index)).toEqual([0, 1, 2, 3]);
    expect(problems[0]?.message).toContain('Klaviyo account name');
    const grants = await h.database.db.selectFrom('grants').select('id').execute();
    expect(grants).toEqual([]);
    const hostile = await h.app.inject({
      method: 'POST',
      url: api('/approve'),
      payload: {
        selections: [
          {
            ...good[0],
            input: { kind: 'custom_fields', fields: { account_name: 'x'.repeat(5000) } },
          },
        ],
      },
    });
    expect(hostile.statusCode).toBe(400);
  });

  it('starts each tool’s step at approval with the definition’s words; no job runs', async () => {
    const answer = await h.app.inject({
      method: 'POST',
      url: api('/approve'),
      payload: { selections: good },
    });
    expect(answer.statusCode).toBe(202);
    const grants = (await progress()).sort((a, b) => a.assetType.localeCompare(b.assetType));
    expect(grants.map((g) => [g.assetType, g.assetId, g.status, g.verification])).toEqual([
      ['klaviyo', 'Acme Outdoor', 'needs_manual_step', 'agency_confirmation'],
      [
        'looker_studio',
        'https://lookerstudio.google.com/reporting/abc',
        'needs_manual_step',
        'client_confirmation',
      ],
    ]);
    expect(grants[0]!.manualStep).toMatchObject({
      kind: 'guided',
      actionUrl: 'https://www.klaviyo.com/settings/account/users',
    });
    expect(grants[0]!.manualStep!.instructions.join(' ')).toContain(
      'Northwind Media marks this done',
    );
    expect(grants[1]!.manualStep!.instructions).toContain(
      'Add reports@northwind.example as Viewer for Northwind Media.',
    );
    expect(grants[0]!.clientInput).toEqual({ kind: 'custom_fields', account_name: 'Acme Outdoor' });
  });

  it('keeps the approved steps when the definition is edited afterwards', async () => {
    const edited = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/custom-platforms/${looker.id}`,
      headers: json(manager),
      payload: { steps: ['A different step.'] },
    });
    expect(edited.statusCode).toBe(200);
    const grant = await grantOf('looker_studio');
    expect(grant.manualStep!.instructions).toContain(
      'Add reports@northwind.example as Viewer for Northwind Media.',
    );
  });

  it('the client confirms its own tool (recorded as such, not verified), not the agency’s', async () => {
    const klaviyoGrant = await grantOf('klaviyo');
    const lookerGrant = await grantOf('looker_studio');
    const refused = await h.app.inject({
      method: 'POST',
      url: api(`/grants/${klaviyoGrant.id}/confirm`),
    });
    expect(refused.statusCode).toBe(409);
    const confirmed = await h.app.inject({
      method: 'POST',
      url: api(`/grants/${lookerGrant.id}/confirm`),
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json<{ grant: GrantBody }>().grant).toMatchObject({
      status: 'granted',
      confirmedBy: 'client',
    });
    const row = await h.database.db
      .selectFrom('grants')
      .select(['verified_at'])
      .where('id', '=', lookerGrant.id)
      .executeTakeFirstOrThrow();
    expect(row.verified_at).toBeNull();
  });

  it('the agency confirms the ready-made tool; the request completes', async () => {
    const klaviyoGrant = await grantOf('klaviyo');
    const lookerGrant = await grantOf('looker_studio');
    const notTheirs = await h.app.inject({
      method: 'POST',
      url: `/api/v1/requests/${requestId}/grants/${lookerGrant.id}/confirm`,
      headers: post(h.agency.owner),
    });
    expect(notTheirs.statusCode).toBe(409);
    const otherAgency = await h.app.inject({
      method: 'POST',
      url: `/api/v1/requests/${requestId}/grants/${klaviyoGrant.id}/confirm`,
      headers: post(h.other.owner),
    });
    expect(otherAgency.statusCode).toBe(404);
    const done = await h.app.inject({
      method: 'POST',
      url: `/api/v1/requests/${requestId}/grants/${klaviyoGrant.id}/confirm`,
      headers: post(h.agency.owner),
    });
    expect(done.statusCode).toBe(200);
    const request = done.json<{
      request: { grants: GrantBody[]; onboarding: { status: string } };
    }>().request;
    expect(request.onboarding.status).toBe('completed');
    expect(request.grants.find((g) => g.assetType === 'klaviyo')).toMatchObject({
      status: 'granted',
      confirmedBy: 'agency',
      verification: 'agency_confirmation',
    });
    // The audit log records both grants, each with who confirmed it (client or agency member).
    const events = await h.database.db
      .selectFrom('audit_events')
      .select(['action', 'actor_kind', 'data'])
      .where('target_id', 'in', [klaviyoGrant.id, lookerGrant.id])
      .where('action', '=', 'grant.granted')
      .execute();
    expect(events.map((e) => [e.data.asset_type, e.actor_kind]).sort()).toEqual([
      ['klaviyo', 'user'],
      ['looker_studio', 'client'],
    ]);
  });

  it('the lifecycle list says who confirmed each tool, never that it was verified', async () => {
    const answer = await h.app.inject({
      method: 'GET',
      url: '/api/v1/grant-checks',
      headers: viewer.headers,
    });
    expect(answer.statusCode).toBe(200);
    const assets = answer.json<{
      assets: { assetType: string; confirmedBy: string | null; verifiedAt: string | null }[];
    }>().assets;
    expect(assets.map((a) => [a.assetType, a.confirmedBy, a.verifiedAt]).sort()).toEqual([
      ['klaviyo', 'agency', null],
      ['looker_studio', 'client', null],
    ]);
  });

  it('offboarding: a manual removal step with the definition’s own text, confirmed by a person', async () => {
    const target = { agencyId: h.agency.agency.id, requestId };
    const { offboarding } = await startOffboarding(h.lifecycle, {
      ...target,
      reason: 'manual',
      actor: { kind: 'system', id: null },
      createdBy: null,
    });
    await runOffboarding(h.lifecycle, offboarding.id);
    const steps = await listOffboardingSteps(h.database.db, offboarding.id);
    expect(steps.map((s) => [s.assetType, s.action, s.status, s.verified]).sort()).toEqual([
      ['klaviyo', 'manual', 'manual_pending', 'unknown'],
      ['looker_studio', 'manual', 'manual_pending', 'unknown'],
    ]);
    const lookerStep = steps.find((s) => s.assetType === 'looker_studio')!;
    expect(JSON.stringify(lookerStep.manualStep)).toContain(
      'Open the report, click Share, and remove reports@northwind.example.',
    );
    const klaviyoStep = steps.find((s) => s.assetType === 'klaviyo')!;
    expect(JSON.stringify(klaviyoStep.manualStep)).toContain('Settings › Users');
    for (const step of steps) {
      const answer = await h.app.inject({
        method: 'POST',
        url: `/api/v1/offboardings/${offboarding.id}/steps/${step.id}/confirm`,
        headers: post(h.agency.owner),
      });
      expect(answer.statusCode).toBe(200);
    }
    const after = await listOffboardingSteps(h.database.db, offboarding.id);
    expect(after.map((s) => [s.status, s.verified])).toEqual([
      ['revoked', 'confirmed'],
      ['revoked', 'confirmed'],
    ]);
    const wrong = await h.app.inject({
      method: 'POST',
      url: `/api/v1/offboardings/${offboarding.id}/steps/${randomUUID()}/confirm`,
      headers: post(h.agency.owner),
    });
    expect(wrong.statusCode).toBe(404);
    // The printable report names each tool as the agency named it, not by its slug.
    const page = await h.app.inject({
      method: 'GET',
      url: `/api/v1/offboardings/${offboarding.id}/report?format=html`,
      headers: h.agency.owner.headers,
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<small>Looker Studio · Looker Studio · ID ');
    expect(page.body).not.toMatch(/looker_studio ·|· looker_studio/);
    const grants = await progress();
    expect(grants.map((g) => g.status)).toEqual(['revoked', 'revoked']);
  });
});

describe('every ready-made tool, in one link of another agency', () => {
  const sample = {
    text: 'Acme Outdoor',
    email: 'dana@acme-outdoor.example',
    url: 'https://acme.example/',
  };

  it('adds all nine, asks for each at its lowest level, and each is confirmed by its confirmer', async () => {
    const agency = h.other;
    for (const tool of readyMadeDefinitions) {
      const added = await h.app.inject({
        method: 'POST',
        url: `/api/v1/custom-platforms/ready-made/${tool.id}`,
        headers: post(agency.owner),
      });
      expect(added.statusCode, tool.id).toBe(201);
    }
    // This harness serves no webhook routes: the endpoint is made as its route makes it.
    await createWebhookEndpoint(h.database.db, h.lifecycle.keyring, agency.agency.id, null, {
      url: 'https://hooks.acme-outdoor.example/latchkey',
      eventTypes: ['grant.granted'],
    });
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: json(agency.owner),
      payload: {
        title: 'Every tool for Acme',
        items: readyMadeDefinitions.map((tool) => ({
          platform: 'custom',
          assetType: tool.slug,
          permissionLevel: tool.definition.levels[0]!.id,
        })),
      },
    });
    expect(created.statusCode).toBe(201);
    const token = created.json<{ link: { url: string } }>().link.url.split('/l/')[1] ?? '';
    const requestId = created.json<{ request: { id: string } }>().request.id;
    const api = (path: string) => `/api/v1/onboarding/${token}${path}`;
    const approved = await h.app.inject({
      method: 'POST',
      url: api('/approve'),
      payload: {
        selections: readyMadeDefinitions.map((tool) => ({
          platform: 'custom',
          assetType: tool.slug,
          input: {
            kind: 'custom_fields',
            fields: Object.fromEntries(
              tool.definition.fields.map((field) => [field.id, sample[field.kind]]),
            ),
          },
        })),
      },
    });
    expect(approved.statusCode, approved.body).toBe(202);
    const grants = (await h.app.inject({ method: 'GET', url: api('/progress') })).json<{
      grants: GrantBody[];
    }>().grants;
    expect(grants.map((g) => g.assetType).sort()).toEqual(
      readyMadeDefinitions.map((tool) => tool.slug).sort(),
    );
    for (const grant of grants) {
      const tool = readyMadeDefinitions.find((t) => t.slug === grant.assetType)!;
      expect(grant.status).toBe('needs_manual_step');
      expect(grant.manualStep!.instructions.join(' ')).not.toMatch(/\{(agency|email|level)\}/);
      const answer =
        tool.definition.confirmedBy === 'client'
          ? await h.app.inject({ method: 'POST', url: api(`/grants/${grant.id}/confirm`) })
          : await h.app.inject({
              method: 'POST',
              url: `/api/v1/requests/${requestId}/grants/${grant.id}/confirm`,
              headers: post(agency.owner),
            });
      expect(answer.statusCode, tool.id).toBe(200);
    }
    const request = (
      await h.app.inject({
        method: 'GET',
        url: `/api/v1/requests/${requestId}`,
        headers: agency.owner.headers,
      })
    ).json<{ request: { grants: GrantBody[]; onboarding: { status: string } } }>().request;
    expect(request.onboarding.status).toBe('completed');
    for (const grant of request.grants) {
      const tool = readyMadeDefinitions.find((t) => t.slug === grant.assetType)!;
      expect(grant).toMatchObject({ status: 'granted', confirmedBy: tool.definition.confirmedBy });
    }
    // Each grant.granted webhook says it was a person's word, not a verification.
    const deliveries = await h.database.db
      .selectFrom('webhook_deliveries')
      .select('body')
      .where('agency_id', '=', agency.agency.id)
      .where('event_type', '=', 'grant.granted')
      .execute();
    const said = deliveries
      .map((d) => (JSON.parse(d.body) as { data: Record<string, unknown> }).data)
      .map((data) => [data.asset_type, data.verified, data.confirmed_by])
      .sort();
    expect(said).toEqual(
      readyMadeDefinitions.map((tool) => [tool.slug, false, tool.definition.confirmedBy]).sort(),
    );
  });
});
