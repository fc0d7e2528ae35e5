// The sandbox's www.linkedin.com side: sign-in (pick a person, no password), sign-out, the
// OAuth consent page and the Page admin view's "Manage admins" (the guided step for Company
// Pages: the client adds the agency person as an admin, linkedin-api.md §4).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actionForm, documentShell, esc, signInState } from '../../sandbox-kit/html.ts';
import { localPathUnder, prefixSessions } from '../../sandbox-kit/session.ts';
import {
  addPageAdmin,
  isPageAdmin,
  LinkedInRuleError,
  removePageAdmin,
  type Member,
} from './model.ts';
import type { SandboxRuntime } from './runtime.ts';

const sessions = prefixSessions('li_sandbox_session');
type Form = Record<string, string | string[] | undefined>;
export const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const css = `body{font-family:system-ui,sans-serif;margin:0;background:#f4f2ee;color:#191919}
header{display:flex;gap:1rem;align-items:center;padding:.6rem 1.2rem;background:#fff;border-bottom:1px solid #ddd}
header strong{color:#0a66c2}main{max-width:46rem;margin:1.5rem auto;background:#fff;padding:1.2rem 1.5rem;border-radius:8px}
button{background:#0a66c2;color:#fff;border:0;border-radius:16px;padding:.4rem 1rem;cursor:pointer}
button.secondary{background:#fff;color:#0a66c2;border:1px solid #0a66c2}form.inline{display:inline}
table{border-collapse:collapse;width:100%}td,th{padding:.35rem;border-bottom:1px solid #eee;text-align:left}
.error{color:#b00020}`;

/** The signed-in member of a request, if any. */
export function currentMember(rt: SandboxRuntime, request: FastifyRequest): Member | undefined {
  const id = sessions.subjectOf(rt, request);
  return rt.model.state.members.find((m) => m.id === id);
}

/** A page of the sandbox's www side. */
export function linkedInPage(base: string, title: string, body: string, user?: Member): string {
  return documentShell({
    title,
    product: 'LinkedIn (sandbox)',
    css,
    body: `<header><strong>in</strong><span>LinkedIn sandbox</span><span style="flex:1"></span>${signInState(base, user ?? null, { signIn: 'Sign in', signOut: 'Sign out' })}</header>
<main><h1>${esc(title)}</h1>${body}</main>`,
  });
}

/** Sends HTML with no caching. */
export function html(reply: FastifyReply, body: string, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(body);
}

/** Registers sign-in, sign-out and the Page admin view. */
export function registerPages(app: FastifyInstance, rt: SandboxRuntime): void {
  const base = app.prefix;
  const signinUrl = (next: string) => `${base}/signin?next=${encodeURIComponent(next)}`;

  app.get('/signin', async (request, reply) => {
    const next = localPathUnder(base, one((request.query as Form).next), `${base}/feed`);
    const rows = rt.model.state.members
      .map(
        (m) =>
          `<tr><td>${esc(m.name)}</td><td>${esc(m.email)}</td><td>${actionForm(`${base}/signin`, { member: m.id, next }, 'Sign in', `signin-member-${m.id}`, false, `Sign in as ${m.name}`)}</td></tr>`,
      )
      .join('');
    return html(
      reply,
      linkedInPage(
        base,
        'Sign in to LinkedIn',
        `<p>Sandbox: pick a person (no password).</p><table data-testid="signin-members">${rows}</table>`,
        currentMember(rt, request),
      ),
    );
  });
  app.post('/signin', async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const m = rt.model.state.members.find((x) => x.id === one(form.member));
    if (!m)
      return html(reply, linkedInPage(base, 'Sign in', '<p class="error">Unknown person</p>'), 400);
    sessions.signIn(rt, reply, base, m.id);
    return reply
      .code(303)
      .header('location', localPathUnder(base, one(form.next), `${base}/feed`))
      .send();
  });
  app.post('/signout', async (request, reply) => {
    sessions.signOut(rt, request, reply, base);
    return reply.code(303).header('location', `${base}/signin`).send();
  });
  app.get('/feed', async (request, reply) => {
    const me = currentMember(rt, request);
    if (!me)
      return reply
        .code(303)
        .header('location', signinUrl(`${base}/feed`))
        .send();
    const pages = rt.model.state.organizations
      .filter((o) => isPageAdmin(rt.model.state, o.id, me.id))
      .map(
        (o) =>
          `<li><a data-testid="admin-page-${o.id}" href="${base}/company/${o.id}/admin/settings/manage-admins">${esc(o.name)}</a></li>`,
      )
      .join('');
    return html(
      reply,
      linkedInPage(base, 'Pages you manage', pages ? `<ul>${pages}</ul>` : '<p>None.</p>', me),
    );
  });

  const adminsPath = (id: number) => `${base}/company/${id}/admin/settings/manage-admins`;
  app.get('/company/:id/admin/settings/manage-admins', async (request, reply) => {
    const id = Number((request.params as { id: string }).id);
    const org = rt.model.state.organizations.find((o) => o.id === id);
    if (!org)
      return html(
        reply,
        linkedInPage(base, 'Page not found', '<p class="error">No such Page.</p>'),
        404,
      );
    const me = currentMember(rt, request);
    if (!me)
      return reply
        .code(303)
        .header('location', signinUrl(adminsPath(id)))
        .send();
    if (!isPageAdmin(rt.model.state, id, me.id))
      return html(
        reply,
        linkedInPage(
          base,
          org.name,
          '<p class="error" data-testid="not-admin">You are not an admin of this Page.</p>',
          me,
        ),
        403,
      );
    const admins = rt.model.state.organizationAcls
      .filter((a) => a.organization === id && a.state === 'APPROVED')
      .map((a) => {
        const who = rt.model.state.members.find((m) => m.id === a.member);
        return `<tr><td>${esc(who?.name)}</td><td>${esc(who?.email)}</td><td>${esc(a.role)}</td><td>${actionForm(`${adminsPath(id)}/remove`, { member: a.member }, 'Remove', `remove-admin-${a.member}`, true, `Remove ${who?.name ?? a.member}`)}</td></tr>`;
      })
      .join('');
    const notice = one((request.query as Form).notice);
    return html(
      reply,
      linkedInPage(
        base,
        `${org.name}: Manage admins`,
        `${notice ? `<p data-testid="admin-notice">${esc(notice)}</p>` : ''}
<table data-testid="page-admins"><tr><th>Name</th><th>Email</th><th>Role</th><th></th></tr>${admins}</table>
<h2>Add admin</h2><form method="post" action="${adminsPath(id)}/add">
<label>Name or email <input name="person" data-testid="add-admin-person" required></label>
<button data-testid="add-admin-submit">Add admin</button></form>`,
        me,
      ),
    );
  });
  const adminChange =
    (kind: 'add' | 'remove') => async (request: FastifyRequest, reply: FastifyReply) => {
      const id = Number((request.params as { id: string }).id);
      const me = currentMember(rt, request);
      if (!me)
        return reply
          .code(303)
          .header('location', signinUrl(adminsPath(id)))
          .send();
      const form = (request.body ?? {}) as Form;
      const wanted = (one(kind === 'add' ? form.person : form.member) ?? '').trim().toLowerCase();
      const target = rt.model.state.members.find(
        (m) =>
          m.id.toLowerCase() === wanted ||
          m.email.toLowerCase() === wanted ||
          m.name.toLowerCase() === wanted,
      );
      let notice: string;
      try {
        if (!target) throw new LinkedInRuleError(404, 'NOT_FOUND', `No member matches "${wanted}"`);
        if (kind === 'add')
          addPageAdmin(rt.model, { actor: me.id, organization: id, member: target.id });
        else removePageAdmin(rt.model, { actor: me.id, organization: id, member: target.id });
        notice = kind === 'add' ? `${target.name} is now an admin.` : `${target.name} was removed.`;
      } catch (error) {
        if (!(error instanceof LinkedInRuleError)) throw error;
        notice = error.message;
      }
      return reply
        .code(303)
        .header('location', `${adminsPath(id)}?notice=${encodeURIComponent(notice)}`)
        .send();
    };
  app.post('/company/:id/admin/settings/manage-admins/add', adminChange('add'));
  app.post('/company/:id/admin/settings/manage-admins/remove', adminChange('remove'));
}
