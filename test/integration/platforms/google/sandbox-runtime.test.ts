// Sandbox plumbing: persistence to the data file, the control API, latency, the Search Console
// verification helper, and the request log without secrets.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifySearchConsoleAccess } from '../../../../src/platforms/manual/search-console.ts';
import { AGENCY, api, G, OWNER, startSandbox, tokenFor } from './helpers.ts';
import { controlAuth } from '../../../support/sandbox-control.ts';

describe('Google sandbox runtime', () => {
  it('persists state to the data file and reloads it on restart', async () => {
    const dataFile = path.join(mkdtempSync(path.join(tmpdir(), 'gsb-')), 'google.json');
    const first = await startSandbox({ dataFile });
    const token = await tokenFor(first.url, OWNER, [`${G}analytics.manage.users`]);
    const created = await api(
      first.url,
      'POST',
      '/v1alpha/properties/300101/accessBindings',
      token,
      { body: { user: AGENCY, roles: ['predefinedRoles/viewer'] } },
    );
    expect(created.status).toBe(200);
    await first.close();
    const second = await startSandbox({ dataFile });
    expect(
      second.model.state.ga4.bindings.some(
        (b) => b.user === AGENCY && b.parent === 'properties/300101',
      ),
    ).toBe(true);
    // The token survives too (stored hashed), so the same client keeps working.
    expect(
      (await api(second.url, 'GET', '/v1alpha/properties/300101/accessBindings', token)).status,
    ).toBe(200);
    await second.close();
  });

  it('control API: faults with latency, state without hashes, reset, world validation', async () => {
    const sb = await startSandbox();
    const token = await tokenFor(sb.url, OWNER, [`${G}webmasters.readonly`]);
    const put = await fetch(`${sb.url}/_control/faults`, {
      method: 'PUT',
      headers: { ...controlAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 150 }),
    });
    expect(await put.json()).toEqual({ latencyMs: 150 });
    const started = Date.now();
    expect((await api(sb.url, 'GET', '/webmasters/v3/sites', token)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    const state = await (await fetch(`${sb.url}/_control/state`, { headers: controlAuth })).text();
    expect(state).not.toContain('tokenHash');
    expect(state).not.toContain(token);
    expect(
      (
        await fetch(`${sb.url}/_control/world`, {
          method: 'PUT',
          headers: { ...controlAuth, 'content-type': 'application/json' },
          body: '{"users":"nope"}',
        })
      ).status,
    ).toBe(400);
    expect(
      (await fetch(`${sb.url}/_control/reset`, { headers: controlAuth, method: 'POST' })).status,
    ).toBe(200);
    expect(
      (await (
        await fetch(`${sb.url}/_control/faults`, { headers: controlAuth })
      ).json()) as unknown,
    ).toEqual({});
    // Reset returns to the world: tokens issued before it are gone.
    expect((await api(sb.url, 'GET', '/webmasters/v3/sites', token)).status).toBe(401);
    await sb.close();
  });

  it('verifies Search Console access with the agency token once the client added it', async () => {
    const sb = await startSandbox();
    const agencyToken = await tokenFor(sb.url, AGENCY, [`${G}webmasters.readonly`]);
    const input = { rootUrl: sb.url, agencyToken, siteUrl: 'https://www.acme-outdoor.example/' };
    expect(await verifySearchConsoleAccess(input)).toEqual({ kind: 'lost' });
    // The client's manual step, done in Search Console's UI (the API cannot add users).
    sb.model.state.searchConsole.sites.push({
      email: AGENCY,
      siteUrl: input.siteUrl,
      permissionLevel: 'SITE_FULL_USER',
    });
    expect(await verifySearchConsoleAccess(input)).toEqual({ kind: 'holds', level: 'full' });
    await sb.close();
  });
});
