/**
 * PUBLIC_URL as written (a proxy on another port than the listener): links, the setup link and
 * OAuth redirect URIs keep its port; on https the answers carry HSTS and the browser-binding and
 * session cookies are `__Host-` and Secure. Answers holding a key or a link are never cached.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/server/app.ts';
import { buildAgency, type TestAgency } from '../../support/agency.ts';
import { startTestRuntime, type TestRuntime } from '../../support/runtime.ts';

const PUBLIC = 'https://latchkey.example:8443';
let https: TestRuntime;
let plain: TestRuntime;
let app: App;
let agency: TestAgency;

beforeAll(async () => {
  https = await startTestRuntime({ env: { PUBLIC_URL: PUBLIC } });
  plain = await startTestRuntime();
  app = https.runtime.app!;
  agency = await buildAgency(https.runtime.database);
}, 120_000);

afterAll(async () => {
  await https?.stop();
  await plain?.stop();
});

const post = (url: string, payload?: object) =>
  app.inject({
    method: 'POST',
    url,
    headers: agency.owner.headers,
    ...(payload ? { payload } : {}),
  });

describe('a configured PUBLIC_URL keeps its port', () => {
  it('is the runtime URL, and the setup link starts with it', () => {
    expect(https.runtime.url).toBe(PUBLIC);
    expect(https.runtime.listenUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(https.runtime.listenUrl).not.toContain(':8443');
    expect(https.setupLinks[0]).toMatch(/^https:\/\/latchkey\.example:8443\/app\/setup#token=/);
  });

  it("writes the client's link and the invitation link with it", async () => {
    const client = await post('/api/v1/clients', { name: 'Port Client' });
    const template = await post('/api/v1/templates', {
      name: 'Port Template',
      items: [{ platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'ANALYST' }],
    });
    const request = await post('/api/v1/requests', {
      clientId: client.json<{ client: { id: string } }>().client.id,
      templateId: template.json<{ template: { id: string } }>().template.id,
    });
    expect(request.statusCode, request.body).toBe(201);
    const link = request.json<{ link: { url: string } }>().link.url;
    expect(link.startsWith(`${PUBLIC}/l/`)).toBe(true);
    expect(request.headers['cache-control']).toBe('no-store');
    const opened = await app.inject({
      method: 'GET',
      url: `/api/v1/onboarding/${link.split('/l/')[1]}`,
    });
    expect(opened.statusCode).toBe(200);

    const invitation = await post('/api/v1/team/invitations', {
      email: 'port@invitee.example',
      role: 'member',
    });
    expect(
      invitation.json<{ acceptUrl: string }>().acceptUrl.startsWith(`${PUBLIC}/app/invite#`),
    ).toBe(true);
    expect(invitation.headers['cache-control']).toBe('no-store');
  });

  it('sends the OAuth redirect URI with it, and a __Host- Secure browser cookie', async () => {
    const started = await post('/api/v1/agency/connections/tiktok/start');
    expect(started.statusCode, started.body).toBe(200);
    expect(started.headers['cache-control']).toBe('no-store');
    const consent = new URL(started.json<{ authorizationUrl: string }>().authorizationUrl);
    expect(consent.searchParams.get('redirect_uri')).toBe(`${PUBLIC}/oauth/callback/tiktok`);
    const cookie = String(started.headers['set-cookie']);
    expect(cookie).toMatch(
      /^__Host-latchkey_oauth_browser=[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/,
    );
    expect(cookie).not.toMatch(/Domain=/i);
  });
});

describe('https and http', () => {
  it('sends HSTS on https only', async () => {
    const secure = await app.inject({ method: 'GET', url: '/healthz' });
    expect(secure.headers['strict-transport-security']).toBe('max-age=31536000');
    const local = await plain.runtime.app!.inject({ method: 'GET', url: '/healthz' });
    expect(local.headers['strict-transport-security']).toBeUndefined();
  });

  it('names the browser cookie without __Host- or Secure on plain http (local use)', async () => {
    const local = await buildAgency(plain.runtime.database);
    const started = await plain.runtime.app!.inject({
      method: 'POST',
      url: '/api/v1/agency/connections/tiktok/start',
      headers: local.owner.headers,
    });
    expect(started.statusCode, started.body).toBe(200);
    const cookie = String(started.headers['set-cookie']);
    expect(cookie).toMatch(/^latchkey_oauth_browser=/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('sets the session cookie __Host- and Secure, never cached, at sign-in', async () => {
    const signedIn = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: agency.owner.user.email, password: agency.owner.password },
    });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(String(signedIn.headers['set-cookie'])).toMatch(/^__Host-latchkey_session=.*; Secure/);
    expect(signedIn.headers['cache-control']).toBe('no-store');
  });

  it('marks API key and webhook creation answers, and their replays, no-store', async () => {
    for (const [url, payload] of [
      ['/api/v1/api-keys', { name: 'cache test', scope: 'read' }],
      ['/api/v1/webhooks', { url: 'https://hooks.example.com/c', eventTypes: ['grant.granted'] }],
    ] as const) {
      const headers = { ...agency.owner.headers, 'idempotency-key': `nostore-${url}` };
      const first = await app.inject({ method: 'POST', url, headers, payload });
      const replay = await app.inject({ method: 'POST', url, headers, payload });
      expect(first.statusCode, first.body).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['cache-control']).toBe('no-store');
      expect(replay.headers['cache-control']).toBe('no-store');
    }
  });
});
