// The pages a person uses, driven by HTTP forms (the browser test lives elsewhere), and standalone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTikTokSandbox } from '../../../../../src/platforms/tiktok/sandbox/standalone.ts';
import { APP, startHarness, W, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const form = (cookie: string, path: string, body: Record<string, string>) =>
  fetch(`${h.base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body),
  });

describe('console', () => {
  it('scopes the session cookie to the sandbox prefix', async () => {
    const res = await fetch(`${h.base}/signin`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user_id: W.dana, next: 'https://evil.example/' }),
    });
    expect(res.headers.get('set-cookie')).toContain('Path=/sandbox/tiktok;');
    expect(res.headers.get('location')).toBe('/sandbox/tiktok/console');
  });

  it('shows the four tabs with relative links', async () => {
    const cookie = await h.signIn(W.dana);
    const html = await (await fetch(`${h.base}/console`, { headers: { cookie } })).text();
    for (const tab of ['users', 'partners', 'accounts', 'notifications'])
      expect(html).toContain(`data-testid="tab-${tab}"`);
    expect(html).toContain('href="/sandbox/tiktok/console?bc_id=');
    expect(html).not.toMatch(/https?:\/\/(?!127)/);
  });

  it('an agency requests an ad account; the owner approves it in Notifications', async () => {
    const nora = await h.signIn(W.nora);
    const sent = await form(nora, '/console/requests/new', {
      bc_id: W.northwindBc,
      asset_type: 'ADVERTISER',
      asset_id: W.ad1,
      advertiser_role: 'ANALYST',
    });
    expect(sent.status).toBe(303);
    const dana = await h.signIn(W.dana);
    const inbox = await (
      await fetch(`${h.base}/console?bc_id=${W.acmeBc}&tab=notifications`, {
        headers: { cookie: dana },
      })
    ).text();
    const id = /data-testid="approve-request-(\d+)"/.exec(inbox)?.[1];
    expect(id).toBeDefined();
    const approved = await form(dana, '/console/requests/decide', {
      bc_id: W.acmeBc,
      request_id: id!,
      decision: 'approve',
    });
    expect(approved.status).toBe(303);
    expect(h.sandbox.model.effectiveAccess(W.ad1).some((p) => p.userId === W.nora)).toBe(true);
  });

  it("a refused console action shows TikTok's code (pixel request: 40002; standard invite: 40001)", async () => {
    const nora = await h.signIn(W.nora);
    const res = await form(nora, '/console/requests/new', {
      bc_id: W.northwindBc,
      asset_type: 'PIXEL',
      asset_id: W.pixel,
    });
    expect(await res.text()).toContain('data-testid="error-code">40002<');
    const sam = await h.signIn(W.sam);
    const invite = await form(sam, '/console/invite', {
      bc_id: W.acmeBc,
      email: 'x@y.example',
      user_role: 'STANDARD',
    });
    expect(invite.status).toBe(403);
  });

  it("invite from Users, accept from the invitee's console", async () => {
    const dana = await h.signIn(W.dana);
    await form(dana, '/console/invite', {
      bc_id: W.acmeBc,
      email: 'zoe@example.com',
      user_role: 'STANDARD',
      asset_id: W.ad2,
      advertiser_role: 'ANALYST',
    });
    const zoe = await h.signIn(W.zoe);
    const html = await (await fetch(`${h.base}/console`, { headers: { cookie: zoe } })).text();
    expect(html).toContain(`data-testid="accept-invitation-${W.acmeBc}"`);
    await form(zoe, '/console/invitations/accept', { bc_id: W.acmeBc });
    expect(h.sandbox.model.effectiveAccess(W.ad2).some((p) => p.userId === W.zoe)).toBe(true);
  });
});

describe('standalone', () => {
  it('serves the sandbox under /sandbox/tiktok on its own listener', async () => {
    const s = await startTikTokSandbox({ host: '127.0.0.1', port: 0, apps: [APP] });
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sandbox\/tiktok$/);
      const res = (await (await fetch(`${s.url}/open_api/v1.3/bc/get/`)).json()) as {
        code: number;
      };
      expect(res.code).toBe(40104);
    } finally {
      await s.close();
    }
  });
});
