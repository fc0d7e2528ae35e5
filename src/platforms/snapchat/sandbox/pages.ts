// The sandbox's browser pages at "Snapchat": sign-in, OAuth consent (/login/oauth2/authorize) and
// Business Manager's invitations page, where an invited person accepts joining an organization.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actionForm, consolePage, esc, switchAccountLink } from '../../sandbox-kit/html.ts';
import { endSession, sessionSubject, startSession } from '../../sandbox-kit/session.ts';
import type { SnapRuntime } from './api.ts';
import { acceptInvitation, findApp, issueCode } from './model.ts';

const COOKIE = 'snap_sandbox_session';
const CSS = `body{font-family:system-ui,sans-serif;margin:0;background:#fffc00}header{display:flex;gap:1rem;align-items:center;padding:.75rem 1rem;background:#000;color:#fff}header a{color:#fffc00}main{max-width:42rem;margin:1rem auto;background:#fff;padding:1.5rem;border-radius:12px}form.inline{display:inline}button{padding:.5rem 1rem;border-radius:999px;border:0;background:#000;color:#fff;margin:.25rem}button.secondary{background:#eee;color:#000}li{margin:.5rem 0}`;

const page = consolePage({
  product: 'Snapchat (sandbox)',
  brand: 'Snapchat Business (sandbox)',
  css: CSS,
  nav: (base) => `<a href="${base}/business/invitations">Invitations</a>`,
  labels: { signIn: 'Log in', signOut: 'Log out' },
});

const authorizeQuery = z.object({
  client_id: z.string().max(200),
  redirect_uri: z.string().url().max(2000),
  response_type: z.literal('code'),
  scope: z.string().max(200),
  state: z.string().max(2000).optional(),
});

/** Registers sign-in, consent and invitation pages under `base`. */
export function registerPages(app: FastifyInstance, rt: SnapRuntime, base: string): void {
  const cookie = { name: COOKIE, path: base === '' ? '/' : base };
  const who = (request: FastifyRequest) => {
    const email = sessionSubject(rt.sessions, request, COOKIE);
    return rt.model.state.people.find((p) => p.email === email);
  };
  const user = (request: FastifyRequest) => {
    const p = who(request);
    return p ? { name: p.name, email: p.email } : null;
  };
  const safeNext = (next: string | undefined) =>
    next !== undefined && next.startsWith(`${base}/`) && !next.startsWith('//')
      ? next
      : `${base}/business/invitations`;

  app.get('/signin', async (request, reply) => {
    const next = safeNext(
      z.object({ next: z.string().max(4000).optional() }).parse(request.query).next,
    );
    const list = rt.model.state.people
      .map(
        (p) =>
          `<li>${actionForm(`${base}/signin`, { email: p.email, next }, 'Log in', `signin-${p.email}`, false, `Log in as ${p.name}`)} ${esc(p.name)} &lt;${esc(p.email)}&gt;</li>`,
      )
      .join('');
    return reply.type('text/html').send(page(base, 'Log in to Snapchat', `<ul>${list}</ul>`, null));
  });
  app.post('/signin', async (request, reply) => {
    const body = z
      .object({ email: z.string().max(320), next: z.string().max(4000).optional() })
      .safeParse(request.body);
    const person = body.success
      ? rt.model.state.people.find((p) => p.email === body.data.email)
      : undefined;
    if (!body.success || !person) return reply.code(400).type('text/plain').send('Unknown account');
    startSession(rt.sessions, reply, cookie, person.email);
    return reply.redirect(safeNext(body.data.next), 303);
  });
  app.post('/signout', async (request, reply) => {
    endSession(rt.sessions, request, reply, cookie);
    return reply.redirect(`${base}/signin`, 303);
  });

  app.get('/login/oauth2/authorize', async (request, reply) => {
    const q = authorizeQuery.safeParse(request.query);
    const appReg = q.success ? findApp(rt.apps, q.data.client_id, q.data.redirect_uri) : undefined;
    if (!q.success || !appReg)
      return reply
        .code(400)
        .type('text/html')
        .send(
          page(
            base,
            'Invalid request',
            '<p data-testid="oauth-error">Unknown client_id, redirect_uri or response_type.</p>',
            user(request),
          ),
        );
    if (!who(request))
      return reply.redirect(`${base}/signin?next=${encodeURIComponent(request.url)}`, 303);
    const fields = {
      client_id: q.data.client_id,
      redirect_uri: q.data.redirect_uri,
      scope: q.data.scope,
      state: q.data.state ?? '',
    };
    const body = `<p>The app <strong>${esc(q.data.client_id)}</strong> wants to use the Snapchat Marketing API (<code>${esc(q.data.scope)}</code>) as you: it can see and manage what you can in Snap Business Manager.</p>
${actionForm(`${base}/login/oauth2/authorize`, { ...fields, decision: 'allow' }, 'Continue', 'consent-allow')}
${actionForm(`${base}/login/oauth2/authorize`, { ...fields, decision: 'deny' }, 'Cancel', 'consent-deny', true)}
${switchAccountLink(base, request.url, 'Not you? Log in as someone else')}`;
    return reply.type('text/html').send(page(base, 'Allow access?', body, user(request)));
  });
  app.post('/login/oauth2/authorize', async (request, reply) => {
    const b = authorizeQuery
      .omit({ response_type: true })
      .extend({ decision: z.enum(['allow', 'deny']) })
      .safeParse(request.body);
    const person = who(request);
    if (!b.success || !person || !findApp(rt.apps, b.data.client_id, b.data.redirect_uri))
      return reply.code(400).type('text/plain').send('Invalid consent');
    const target = new URL(b.data.redirect_uri);
    if (b.data.decision === 'deny') target.searchParams.set('error', 'access_denied');
    else
      target.searchParams.set(
        'code',
        rt.model.mutate((ctx) => issueCode(ctx, b.data.client_id, person.id, b.data.redirect_uri)),
      );
    if (b.data.state !== undefined && b.data.state !== '')
      target.searchParams.set('state', b.data.state);
    return reply.redirect(target.toString(), 303);
  });

  app.get('/business/invitations', async (request, reply) => {
    const person = who(request);
    if (!person)
      return reply.redirect(
        `${base}/signin?next=${encodeURIComponent(`${base}/business/invitations`)}`,
        303,
      );
    const pending = rt.model.state.members.filter(
      (x) => x.status === 'INVITED' && x.email.toLowerCase() === person.email.toLowerCase(),
    );
    const orgName = (id: string) =>
      rt.model.state.organizations.find((o) => o.id === id)?.name ?? id;
    const body =
      pending.length === 0
        ? '<p data-testid="no-invitations">You have no pending invitations.</p>'
        : `<ul>${pending.map((x) => `<li data-testid="invitation">${esc(orgName(x.organizationId))} invited you to join its Business Manager. ${actionForm(`${base}/business/invitations/accept`, { member_id: x.id }, 'Accept', `accept-${x.organizationId}`, false, `Accept the invitation from ${orgName(x.organizationId)}`)}</li>`).join('')}</ul>`;
    return reply.type('text/html').send(page(base, 'Invitations', body, user(request)));
  });
  app.post('/business/invitations/accept', async (request, reply) => {
    const person = who(request);
    const b = z.object({ member_id: z.string().max(100) }).safeParse(request.body);
    if (!person || !b.success) return reply.code(400).type('text/plain').send('Invalid request');
    rt.model.mutate((ctx) => acceptInvitation(ctx, person.email, b.data.member_id));
    return reply.redirect(`${base}/business/invitations`, 303);
  });
}
