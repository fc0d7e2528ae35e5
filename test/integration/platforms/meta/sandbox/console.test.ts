// The Business Settings console (what a person does by hand) and the standalone listener.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMetaSandbox } from '../../../../../src/platforms/meta/sandbox/index.ts';
import { APP, startMetaFixture, W, type MetaFixture } from '../fixture.ts';

let f: MetaFixture;
beforeAll(async () => {
  f = await startMetaFixture();
});
afterAll(async () => f.close());
beforeEach(async () => f.reset());

const html = async (userId: string) =>
  (
    await fetch(`${f.base}/business-settings`, { headers: { cookie: await f.signIn(userId) } })
  ).text();

describe('Business Settings console', () => {
  it('asks a signed-out visitor to log in', async () => {
    const res = await fetch(`${f.base}/business-settings`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/sandbox/meta/signin');
  });

  it('shows an admin the assets with assign forms, and an employee none', async () => {
    const admin = await html(W.dana);
    expect(admin).toContain(`data-testid="business-${W.acme}"`);
    expect(admin).toContain(`data-testid="assign-partner-form-${W.ig.replace('act_', '')}"`);
    expect(admin).toContain(`data-testid="assign-task-${W.ig}-CONTENT"`);
    const employee = await html(W.sam);
    expect(employee).not.toContain('assign-partner-form-');
  });

  it('assigns and removes a partner by hand; a refused action shows Graph’s message', async () => {
    const assign = await f.consoleForm(W.dana, 'assign-partner', [
      ['assetId', W.catalog],
      ['kind', 'catalog'],
      ['partner', W.northwind],
      ['tasks', 'ADVERTISE'],
    ]);
    expect(assign.status).toBe(303);
    expect(await html(W.dana)).toContain(`data-testid="partner-${W.catalog}-${W.northwind}"`);
    const refused = await f.consoleForm(W.sam, 'assign-partner', [
      ['assetId', W.catalog],
      ['kind', 'catalog'],
      ['partner', W.northwind],
      ['tasks', 'ADVERTISE'],
    ]);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('data-testid="console-error"');
    const remove = await f.consoleForm(W.dana, 'remove-partner', [
      ['assetId', W.catalog],
      ['kind', 'catalog'],
      ['partner', W.northwind],
    ]);
    expect(remove.status).toBe(303);
    expect(f.sandbox.model.state.shares.some((s) => s.assetId === W.catalog)).toBe(false);
  });

  it('removes a whole partner relationship from the business', async () => {
    await f.consoleForm(W.dana, 'assign-partner', [
      ['assetId', W.pixel],
      ['kind', 'pixel'],
      ['partner', W.northwind],
      ['tasks', 'ANALYZE'],
    ]);
    const res = await f.consoleForm(W.dana, 'remove-relationship', [
      ['businessId', W.acme],
      ['other', W.northwind],
      ['side', 'agencies'],
    ]);
    expect(res.status).toBe(303);
    expect(
      f.sandbox.model.state.shares.filter((s) => s.partnerBusinessId === W.northwind),
    ).toHaveLength(1);
  });
});

describe('standalone listener', () => {
  it('serves the dialog and Graph on its own port', async () => {
    const s = await startMetaSandbox({ apps: [APP], port: 0 });
    try {
      const res = await fetch(`${s.graphBaseUrl}/v25.0/me`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: number } }).error.code).toBe(104);
      const dialog = await fetch(`${s.authBaseUrl}/v25.0/dialog/oauth?client_id=nope`);
      expect(dialog.status).toBe(400);
    } finally {
      await s.close();
    }
  });
});

describe('agency-initiated Page request (client_pages) and approval', () => {
  it('is PENDING until a Page admin approves in Business Settings; the connector reads pending then holds', async () => {
    const nora = await f.tokenFor(W.nora);
    const ask = await f.graph('POST', `${W.northwind}/client_pages`, nora, {
      page_id: W.page2,
      permitted_tasks: '["ANALYZE"]',
    });
    expect(ask.body).toEqual({ access_status: 'PENDING' });
    const pending = await f.graph('GET', `${W.northwind}/pending_client_pages`, nora);
    expect(pending.body.data).toEqual([
      { id: `${W.page2}_${W.northwind}`, page: { id: W.page2, name: 'Acme Trail Club' } },
    ]);
    const agency = { businessId: W.northwind, accessToken: nora };
    const asset = { type: 'page', id: W.page2 };
    expect(await f.platform.readAccess({ agency, asset })).toEqual({ kind: 'lost' });
    const dana = await f.tokenFor(W.dana);
    const read = await f.graph('GET', `${W.page2}/agencies`, dana, { fields: 'id,access_status' });
    expect(read.body.data).toEqual([{ id: W.northwind, access_status: 'PENDING' }]);
    expect(await html(W.dana)).toContain(`data-testid="approve-request-${W.page2}-${W.northwind}"`);
    const refused = await f.consoleForm(W.sam, 'decide-request', [
      ['assetId', W.page2],
      ['kind', 'page'],
      ['partner', W.northwind],
      ['decision', 'approve'],
    ]);
    expect(refused.status).toBe(400);
    const approve = await f.consoleForm(W.dana, 'decide-request', [
      ['assetId', W.page2],
      ['kind', 'page'],
      ['partner', W.northwind],
      ['decision', 'approve'],
    ]);
    expect(approve.status).toBe(303);
    expect(await f.platform.readAccess({ agency, asset })).toEqual({
      kind: 'holds',
      level: 'view_only',
    });
  });

  it('a person outside the agency business cannot ask (#200); a bad page_id is (#100)', async () => {
    const bea = await f.tokenFor(W.bea);
    const res = await f.graph('POST', `${W.northwind}/client_pages`, bea, {
      page_id: W.page,
      permitted_tasks: '["ANALYZE"]',
    });
    expect(res.body.error.code).toBe(200);
    const nora = await f.tokenFor(W.nora);
    const bad = await f.graph('POST', `${W.northwind}/client_pages`, nora, {
      page_id: '1',
      permitted_tasks: '["ANALYZE"]',
    });
    expect(bad.body.error.code).toBe(100);
  });
});
