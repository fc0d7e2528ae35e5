// The Business Center console: GET /console (tabs), GET /console/qr, and its POST actions (303).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { listUserBcs } from '../model/queries.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { registerConsoleActions } from './console-actions.ts';
import {
  renderAccounts,
  renderMyInvitations,
  renderNotifications,
  renderPartners,
  renderUsers,
} from './console-tabs.ts';
import { esc, page } from './html.ts';
import { currentUser } from './session.ts';

type Query = Record<string, string | undefined>;
const tabs = ['users', 'partners', 'accounts', 'notifications'] as const;

/** Registers the console pages and actions. */
export function registerConsolePages(
  app: FastifyInstance,
  rt: SandboxRuntime,
  base: string,
  qrUrl: (request: FastifyRequest, token: string) => string,
): void {
  app.get('/console', async (request, reply) => {
    const user = currentUser(rt, request);
    if (!user) return reply.redirect(`${base}/signin?next=${encodeURIComponent(request.url)}`, 303);
    const q = request.query as Query;
    const bcs = listUserBcs(rt.model, user.userId);
    const chosen = bcs.find((x) => x.bc.bcId === q.bc_id) ?? bcs[0];
    const invitations = renderMyInvitations(rt.model, base, user.email);
    if (!chosen) {
      const body = `${invitations}<section data-testid="no-bc"><p>You are not a member of any Business Center.</p></section>`;
      return html(reply, page(base, 'Business Center', body, user));
    }
    const bcId = chosen.bc.bcId;
    const tab = tabs.find((t) => t === q.tab) ?? 'users';
    const switcher = bcs
      .map(
        (x) =>
          `<a href="${base}/console?bc_id=${x.bc.bcId}&tab=${tab}" data-testid="bc-${x.bc.bcId}">${esc(x.bc.name)}</a>`,
      )
      .join(' · ');
    const nav = tabs
      .map(
        (t) =>
          `<a href="${base}/console?bc_id=${bcId}&tab=${t}" data-testid="tab-${t}">${t[0]?.toUpperCase()}${t.slice(1)}</a>`,
      )
      .join('');
    const notice = q.notice
      ? `<section data-testid="notice"><p>${esc(q.notice)}</p></section>`
      : '';
    const render = {
      users: renderUsers,
      partners: renderPartners,
      accounts: renderAccounts,
      notifications: renderNotifications,
    }[tab];
    const body = `<p>Business Centers: ${switcher}</p><p>Your role here: <strong data-testid="my-role">${chosen.member.userRole}</strong> · BC ID <code data-testid="bc-id">${bcId}</code></p>
<nav>${nav}</nav>${notice}${invitations}${render(rt.model, base, bcId)}`;
    return html(reply, page(base, chosen.bc.name, body, user));
  });

  app.get('/console/qr', async (request, reply) => {
    const user = currentUser(rt, request);
    if (!user) return reply.redirect(`${base}/signin`, 303);
    const q = request.query as Query;
    const link = rt.model.state.requests.find(
      (r) => r.requestId === q.request_id && r.requesterUserId === user.userId,
    );
    if (!link?.qrToken)
      return html(reply.code(404), page(base, 'Not found', '<p>No such QR code.</p>', user));
    const url = qrUrl(request, link.qrToken);
    const svg = await QRCode.toString(url, { type: 'svg', width: 220 });
    const body = `<section><p>Ask the TikTok account owner to scan this code in the TikTok app (status: <strong data-testid="qr-status">${link.status}</strong>).</p>
<div data-testid="qr-code" style="width:220px">${svg}</div><p>Or open: <a href="${esc(url)}" data-testid="qr-link">${esc(url)}</a></p></section>`;
    return html(reply, page(base, 'Link a TikTok account', body, user));
  });

  registerConsoleActions(app, rt, base);
}

function html(reply: FastifyReply, body: string): FastifyReply {
  return reply.type('text/html').send(body);
}
