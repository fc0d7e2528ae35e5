// The Meta connector's effective-access read against its sandbox: who in the agency's business
// portfolio reaches a client asset (admins by their role, employees by assignment within the
// share's tasks), checked against the sandbox's own rule (`userTasksOn`).
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { userTasksOn } from '../../../../src/platforms/meta/sandbox/model/access.ts';
import { startMetaFixture, W, type MetaFixture } from './fixture.ts';

let f: MetaFixture;
beforeAll(async () => {
  f = await startMetaFixture();
});
afterAll(async () => f.close());
beforeEach(async () => f.reset());

const share = async (type: string, id: string, level: string) => {
  const agency = await f.agency();
  await f.platform.grantAccess({
    clientToken: await f.tokenFor(W.dana),
    agency,
    asset: { type, id },
    level,
  });
  return agency;
};
const tasksOf = (userId: string, assetId: string) => {
  const state = f.sandbox.model.state;
  const asset = state.assets.find((a) => a.id === assetId);
  if (!asset) throw new Error(`no asset ${assetId}`);
  return userTasksOn(state, userId, asset).sort();
};

it('lists the portfolio admin at the share and an assigned employee at their tasks', async () => {
  const agency = await share('ad_account', W.adUs, 'partial');
  // The agency's admin assigns Omar (employee) to the ad account, to analyse only.
  const assigned = await f.graph('POST', `${W.adUs}/assigned_users`, agency.accessToken, {
    user: W.omar,
    tasks: '["ANALYZE"]',
    business: W.northwind,
  });
  expect(assigned.status).toBe(200);
  const reading = await f.platform.readAssetAccess!({
    agency,
    asset: { type: 'ad_account', id: W.adUs },
  });
  expect(reading.holding).toEqual({
    relation: 'partner_share',
    status: 'holds',
    levels: ['partial'],
    sourceName: 'Acme Outdoor',
  });
  expect(reading.paths).toEqual([
    {
      person: { id: W.nora, name: 'Nora Lindqvist', email: 'nora@northwind-media.example' },
      business: { id: W.northwind, relation: 'partner_share', sourceName: 'Acme Outdoor' },
      businessRole: 'ADMIN',
      reason: 'business_admin',
      levels: ['partial'],
    },
    {
      person: { id: W.omar, name: 'Omar Haddad', email: 'omar@northwind-media.example' },
      business: { id: W.northwind, relation: 'partner_share', sourceName: 'Acme Outdoor' },
      businessRole: 'EMPLOYEE',
      reason: 'asset_assignment',
      levels: ['view_only'],
    },
  ]);
  // The sandbox's rule agrees: the admin holds the share's tasks, Omar only ANALYZE.
  expect(tasksOf(W.nora, W.adUs.slice(4))).toEqual(['ADVERTISE', 'ANALYZE']);
  expect(tasksOf(W.omar, W.adUs.slice(4))).toEqual(['ANALYZE']);
  // The client's own people (Sam is assigned by Acme) are not the agency's: not listed.
  expect(reading.paths.map((p) => p.person.id)).not.toContain(W.sam);
  expect(reading.limits.join(' ')).toContain("agency's own business portfolio");
});

it('an assignment beyond the share counts only within it; an unassigned employee reaches nothing', async () => {
  const agency = await share('ad_account', W.adUs, 'view_only');
  await f.graph('POST', `${W.adUs}/assigned_users`, agency.accessToken, {
    user: W.omar,
    tasks: '["MANAGE","ADVERTISE","ANALYZE"]',
    business: W.northwind,
  });
  const reading = await f.platform.readAssetAccess!({
    agency,
    asset: { type: 'ad_account', id: W.adUs },
  });
  expect(reading.paths.map((p) => [p.person.id, p.reason, p.levels])).toEqual([
    [W.nora, 'business_admin', ['view_only']],
    [W.omar, 'asset_assignment', ['view_only']],
  ]);
  expect(tasksOf(W.omar, W.adUs.slice(4))).toEqual(['ANALYZE']);

  const other = await share('page', W.page, 'partial');
  const page = await f.platform.readAssetAccess!({
    agency: other,
    asset: { type: 'page', id: W.page },
  });
  expect(page.paths.map((p) => p.person.id)).toEqual([W.nora]);
});

it('an asset not shared with the portfolio: nothing held, nobody listed', async () => {
  const agency = await f.agency();
  const reading = await f.platform.readAssetAccess!({
    agency,
    asset: { type: 'ad_account', id: W.adEu },
  });
  expect(reading).toMatchObject({ holding: null, paths: [] });
});

it('Instagram: the partner holds it, its admins are listed, and the read says what it cannot see', async () => {
  const agency = await f.agency();
  await f.consoleForm(W.dana, 'assign-partner', [
    ['assetId', W.ig],
    ['kind', 'instagram_account'],
    ['partner', W.northwind],
    ['tasks', 'ANALYZE'],
  ]);
  const reading = await f.platform.readAssetAccess!({
    agency,
    asset: { type: 'instagram_account', id: W.ig },
  });
  expect(reading.holding).toMatchObject({ relation: 'partner_share', levels: ['partner'] });
  expect(reading.paths.map((p) => [p.person.id, p.reason])).toEqual([[W.nora, 'business_admin']]);
  expect(reading.limits.join(' ')).toContain('Instagram');
});

it('the sandbox lists a portfolio’s people with their roles, to its people only', async () => {
  const agency = await f.agency();
  const people = await f.graph('GET', `${W.northwind}/business_users`, agency.accessToken, {
    fields: 'id,name,email,role',
  });
  expect(people.status).toBe(200);
  expect(people.body.data).toEqual([
    { id: W.nora, name: 'Nora Lindqvist', email: 'nora@northwind-media.example', role: 'ADMIN' },
    { id: W.omar, name: 'Omar Haddad', email: 'omar@northwind-media.example', role: 'EMPLOYEE' },
  ]);
  const outsider = await f.graph('GET', `${W.acme}/business_users`, agency.accessToken, {});
  expect(outsider.status).toBe(400);
  expect(outsider.body.error.code).toBe(200);
});
