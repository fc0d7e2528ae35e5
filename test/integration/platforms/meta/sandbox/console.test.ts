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
    const admin = await html(W.ada);
    expect(admin).toContain(`data-testid="business-${W.acme}"`);
    expect(admin).toContain(`data-testid="assign-partner-form-${W.ig.replace('act_', '')}"`);
    expect(admin).toContain(`data-testid="assign-task-${W.ig}-CONTENT"`);
    const employee = await html(W.cleo);
    expect(employee).not.toContain('assign-partner-form-');
  });

  it('assigns and removes a partner by hand; a refused action shows Graph’s message', async () => {
    const assign = await f.consoleForm(W.ada, 'assign-partner', [
      ['assetId', W.catalog],
      ['kind', 'catalog'],
      ['partner', W.northwind],
      ['tasks', 'ADVERTISE'],
    ]);
    expect(assign.status).toBe(303);
    expect(await html(W.ada)).toContain(`data-testid="partner-${W.catalog}-${W.northwind}"`);
    const refused = await f.consoleForm(W.cleo, 'assign-partner', [
      ['assetId', W.catalog],
      ['kind', 'catalog'],
      ['partner', W.northwind],
      ['tasks', 'ADVERTISE'],
    ]);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('data-testid="console-error"');
    const remove = await f.consoleForm(W.ada, 'remove-partner', [
      ['assetId', W.catalog],
      ['kind', 'catalog'],
      ['partner', W.northwind],
    ]);
    expect(remove.status).toBe(303);
    expect(f.sandbox.model.state.shares.some((s) => s.assetId === W.catalog)).toBe(false);
  });

  it('removes a whole partner relationship from the business', async () => {
    await f.consoleForm(W.ada, 'assign-partner', [
      ['assetId', W.pixel],
      ['kind', 'pixel'],
      ['partner', W.northwind],
      ['tasks', 'ANALYZE'],
    ]);
    const res = await f.consoleForm(W.ada, 'remove-relationship', [
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
