import { afterAll, beforeAll, expect, it } from 'vitest';
import { runApiCommand } from '../../../src/cli/commands/run-api-command.ts';
import type { CommandIo } from '../../../src/cli/output.ts';
import type { App } from '../../../src/server/app.ts';
import { buildLifecycleApp } from '../../support/lifecycle-app.ts';
import { createLifecycleHarness, type LifecycleHarness } from '../../support/lifecycle.ts';

let h: LifecycleHarness;
let app: App;
let url: string;
let key: string;
beforeAll(async () => {
  h = await createLifecycleHarness({ clients: 1, perClient: 6 });
  app = await buildLifecycleApp(h);
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  key = (await h.agency.apiKey('write')).token;
});
afterAll(async () => {
  await app.close();
  await h.close();
});

async function cli(group: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: {} };
  const code = await runApiCommand(group, [...args, '--url', url, '--api-key', key], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

it('verifies, explains, advises and offboards from the command line', async () => {
  const verified = await cli('verify', 'run', '--wait');
  expect(verified).toMatchObject({ code: 0 });
  expect(verified.out).toMatch(/holds 6, downgraded 0, lost 0, unknown 0/);
  const status = await cli('verify', 'status', '--json');
  expect((JSON.parse(status.out) as { assets: unknown[] }).assets).toHaveLength(6);

  const grant = h.clients[0]?.grants[0];
  const explained = await cli('access', 'explain', '--grant', grant?.grantId ?? '');
  expect(explained.out).toMatch(/partner_share from Client 1/);
  expect(explained.out).toMatch(/Nora Lindqvist is ADMIN of Business Center 7200000000000000002/);
  const advice = await cli('access', 'advise', '--task', 'spark_ads', '--platform', 'tiktok');
  expect(advice.out).toMatch(/tiktok_account\s+AD_DELIVERY/);

  const clientId = h.clients[0]?.clientId ?? '';
  expect((await cli('offboard', 'plan')).code).toBe(2);
  const plan = await cli('offboard', 'plan', '--client', clientId);
  expect(plan.out).toMatch(/never removes a whole partner/);
  const done = await cli('offboard', 'start', '--client', clientId, '--wait');
  expect(done.out).toMatch(/: completed/);
  expect(done.out.match(/revoke\s+asset\s+revoked\s+gone/g)).toHaveLength(6);
});
