// The sandbox's Business Access page: a signed-in business admin sees the partner invites and
// requests their businesses received, and accepts or declines them by hand (what a person does in
// Pinterest's Business settings when a connection may not; docs/platforms/pinterest.md).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actionForm, documentShell, esc } from '../../sandbox-kit/html.ts';
import { prefixSessions } from '../../sandbox-kit/session.ts';
import { PinterestError } from './errors.ts';
import { listInvites, respondInvites } from './invites.ts';
import type { SandboxRuntime } from './runtime.ts';

const sessions = prefixSessions('pinterest_sandbox_session');
const CSS = `body{font-family:system-ui,sans-serif;margin:0;color:#211922}header{background:#e60023;color:#fff;padding:12px 20px}
main{max-width:720px;margin:24px auto;padding:0 16px}button{background:#e60023;color:#fff;border:0;border-radius:20px;padding:6px 14px;cursor:pointer}
button.secondary{background:#efefef;color:#211922}form.inline{display:inline}li{margin:8px 0}`;

/** Registers GET /business-access and POST /business-access/respond. */
export function registerConsolePages(app: FastifyInstance, rt: SandboxRuntime): void {
  const base = app.prefix;
  app.get('/business-access', async (request, reply) => {
    const userId = sessions.subjectOf(rt, request);
    if (userId === undefined)
      return reply.redirect(
        `${base}/signin?next=${encodeURIComponent(`${base}/business-access`)}`,
        303,
      );
    const { state } = rt.model;
    const admin = state.memberships.filter((m) => m.userId === userId && m.role === 'BIZ_ADMIN');
    const sections = admin.map((m) => {
      const business = state.businesses.find((b) => b.id === m.businessId);
      const received = listInvites(rt.model, userId, m.businessId, {
        is_member: false,
        invite_status: ['PENDING'],
      }).filter((i) => i.is_received_invite);
      const rows = received
        .map((i) => {
          const what =
            i.invite_data.invite_type === 'PARTNER_INVITE'
              ? 'invites you as a partner'
              : 'asks to become your partner';
          const assets = i.assets_summary.ad_accounts
            .map((a) => `${a.id} (${a.permissions.join(', ')})`)
            .join('; ');
          return `<li data-testid="invite-${esc(i.id)}">${esc(i.user.username)} ${what}${assets ? `: ${esc(assets)}` : ''}
${actionForm(`${base}/business-access/respond`, { inviteId: i.id, decision: 'accept' }, 'Accept', `accept-${i.id}`)}
${actionForm(`${base}/business-access/respond`, { inviteId: i.id, decision: 'decline' }, 'Decline', `decline-${i.id}`, true)}</li>`;
        })
        .join('');
      return `<h2>${esc(business?.name ?? m.businessId)}</h2>${rows ? `<ul>${rows}</ul>` : '<p>No pending invites.</p>'}`;
    });
    const body = sections.length > 0 ? sections.join('') : '<p>You administer no business.</p>';
    return reply.type('text/html').send(
      documentShell({
        title: 'Business access',
        product: 'Pinterest sandbox',
        css: CSS,
        body: `<header><strong>Pinterest</strong> Business settings</header><main><h1>Partners</h1>${body}</main>`,
      }),
    );
  });
  app.post('/business-access/respond', async (request, reply) => {
    const userId = sessions.subjectOf(rt, request);
    const form = z
      .object({ inviteId: z.string().regex(/^\d{1,25}$/), decision: z.enum(['accept', 'decline']) })
      .safeParse(request.body);
    if (userId === undefined || !form.success)
      return reply.code(400).type('text/html').send('<p>Sign in and choose an invite.</p>');
    let answer;
    try {
      answer = respondInvites(rt.model, userId, [
        {
          invite_id: form.data.inviteId,
          action: { accept_invite: form.data.decision === 'accept' },
        },
      ]);
    } catch (error) {
      if (!(error instanceof PinterestError)) throw error;
      return reply
        .code(error.status)
        .type('text/html')
        .send(`<p>${esc(error.message)}</p>`);
    }
    const first = answer[0];
    if (first && 'exception' in first)
      return reply
        .code(409)
        .type('text/html')
        .send(`<p>${esc(first.exception.message)}</p>`);
    return reply.redirect(`${base}/business-access`, 303);
  });
}
