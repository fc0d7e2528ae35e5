// The X sandbox's browser pages: sign-in (pick a person), the OAuth 1.0a consent page
// (`/oauth/authorize?oauth_token=…`) and ads manager's "Edit access to account" page, where an
// account administrator adds a user by @handle with an access level, or removes one: the manual
// step the client does for the agency (docs/platforms/x-ads-api.md, facts item 2).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  actionForm,
  consolePage,
  esc,
  hiddenInputs,
  switchAccountLink,
} from '../../sandbox-kit/html.ts';
import { localPathUnder, prefixSessions } from '../../sandbox-kit/session.ts';
import type { XRuntime } from './api.ts';
import {
  ACCESS_LEVELS,
  accountsOf,
  addAccess,
  authorizeRequestToken,
  removeAccess,
  XError,
  type AccessLevel,
} from './model.ts';

const sessions = prefixSessions('x_sandbox_session');
const CSS = `body{font-family:system-ui,sans-serif;margin:0;background:#f7f9f9}header{display:flex;gap:1rem;align-items:center;padding:.75rem 1rem;background:#000;color:#fff}header a{color:#1d9bf0}main{max-width:44rem;margin:1rem auto;background:#fff;padding:1.5rem;border-radius:16px}form.inline{display:inline}button{padding:.5rem 1rem;border-radius:999px;border:0;background:#0f1419;color:#fff;margin:.25rem}button.secondary{background:#eff3f4;color:#0f1419}li{margin:.5rem 0}label{display:block;margin:.5rem 0}`;

const LABELS: Readonly<Record<AccessLevel, string>> = {
  ACCOUNT_ADMIN: 'Account administrator',
  AD_MANAGER: 'Ad manager',
  CREATIVE_MANAGER: 'Creative manager',
  CAMPAIGN_ANALYST: 'Campaign analyst',
  ANALYST: 'Organic analyst',
};

const page = consolePage({
  product: 'X (sandbox)',
  brand: 'X Ads (sandbox)',
  css: CSS,
  nav: (base) => `<a href="${base}/ads">Ads accounts</a>`,
  labels: { signIn: 'Log in', signOut: 'Log out' },
});

const AddBody = z.strictObject({
  handle: z.string().max(40),
  permission: z.enum(ACCESS_LEVELS),
});
const RemoveBody = z.strictObject({ user_id: z.string().max(20) });

/** Registers the sign-in, consent and ads-manager pages under `base`. */
export function registerPages(app: FastifyInstance, rt: XRuntime, base: string): void {
  const who = (request: FastifyRequest) => {
    const id = sessions.subjectOf(rt, request);
    return rt.model.state.users.find((u) => u.id === id);
  };
  const user = (request: FastifyRequest) => {
    const u = who(request);
    return u ? { name: u.name, email: `@${u.handle}` } : null;
  };
  const html = (status: number, title: string, body: string, request: FastifyRequest) =>
    ({ status, text: page(base, title, body, user(request)) }) as const;

  app.get('/signin', async (request, reply) => {
    const next = localPathUnder(base, (request.query as { next?: unknown }).next, `${base}/ads`);
    const list = rt.model.state.users
      .map(
        (u) =>
          `<li>${actionForm(`${base}/signin`, { user_id: u.id, next }, 'Log in', `signin-${u.handle}`, false, `Log in as @${u.handle}`)} ${esc(u.name)} @${esc(u.handle)}</li>`,
      )
      .join('');
    return reply.type('text/html').send(page(base, 'Log in to X', `<ul>${list}</ul>`, null));
  });
  app.post('/signin', async (request, reply) => {
    const body = z
      .object({ user_id: z.string().max(20), next: z.string().max(4000).optional() })
      .safeParse(request.body);
    const found = body.success
      ? rt.model.state.users.find((u) => u.id === body.data.user_id)
      : undefined;
    if (!body.success || !found) return reply.code(400).type('text/plain').send('Unknown account');
    sessions.signIn(rt, reply, base, found.id);
    return reply.redirect(localPathUnder(base, body.data.next, `${base}/ads`), 303);
  });
  app.post('/signout', async (request, reply) => {
    sessions.signOut(rt, request, reply, base);
    return reply.redirect(`${base}/signin`, 303);
  });

  app.get('/oauth/authorize', async (request, reply) => {
    const q = z.object({ oauth_token: z.string().max(200) }).safeParse(request.query);
    const token = q.success
      ? rt.model.state.requestTokens.find((t) => t.token === q.data.oauth_token)
      : undefined;
    if (!token || Date.parse(token.expiresAt) <= rt.model.now().getTime()) {
      const out = html(
        400,
        'Invalid request',
        '<p data-testid="oauth-error">This request token is invalid or expired.</p>',
        request,
      );
      return reply.code(out.status).type('text/html').send(out.text);
    }
    const me = who(request);
    if (!me) return reply.redirect(`${base}/signin?next=${encodeURIComponent(request.url)}`, 303);
    const fields = { oauth_token: token.token };
    const body = `<p>An app wants to access your X account and your ads accounts as @${esc(me.handle)}.</p>
<form method="post" action="${base}/oauth/authorize">${hiddenInputs(fields)}<button data-testid="authorize-app">Authorize app</button></form>
<form method="post" action="${base}/oauth/authorize">${hiddenInputs({ ...fields, cancel: '1' })}<button class="secondary" data-testid="cancel-authorize">Cancel</button></form>
${switchAccountLink(base, request.url)}`;
    return reply.type('text/html').send(page(base, 'Authorize app', body, user(request)));
  });
  app.post('/oauth/authorize', async (request, reply) => {
    const b = z
      .object({ oauth_token: z.string().max(200), cancel: z.string().max(2).optional() })
      .safeParse(request.body);
    const me = who(request);
    const token = b.success
      ? rt.model.state.requestTokens.find((t) => t.token === b.data.oauth_token)
      : undefined;
    if (!b.success || !token || !me) return reply.code(400).type('text/plain').send('Bad request');
    const back = new URL(token.callback);
    if (b.data.cancel) {
      rt.model.mutate((ctx) => {
        ctx.state.requestTokens = ctx.state.requestTokens.filter((t) => t.token !== token.token);
      });
      back.searchParams.set('denied', token.token);
      return reply.redirect(back.toString(), 303);
    }
    const done = rt.model.mutate((ctx) => authorizeRequestToken(ctx.state, token.token, me.id));
    back.searchParams.set('oauth_token', done.token);
    back.searchParams.set('oauth_verifier', done.verifier ?? '');
    return reply.redirect(back.toString(), 303);
  });

  app.get('/ads', async (request, reply) => {
    const me = who(request);
    if (!me) return reply.redirect(`${base}/signin?next=${encodeURIComponent(`${base}/ads`)}`, 303);
    const list = accountsOf(rt.model.state, me.id)
      .map(
        (a) =>
          `<li>${esc(a.name)} (${esc(a.id)}) <a href="${base}/ads/${encodeURIComponent(a.id)}/access" data-testid="edit-access-${esc(a.id)}">Edit access to account</a></li>`,
      )
      .join('');
    return reply
      .type('text/html')
      .send(
        page(
          base,
          'Ads accounts',
          list ? `<ul>${list}</ul>` : '<p>No ads accounts.</p>',
          user(request),
        ),
      );
  });

  const accessPage = (request: FastifyRequest, accountId: string, notice = '') => {
    const me = who(request);
    const account = rt.model.state.accounts.find((a) => a.id === accountId);
    if (!me || !account || !account.users.some((u) => u.userId === me.id))
      return html(404, 'Not found', '<p>No such ads account.</p>', request);
    const path = `${base}/ads/${encodeURIComponent(account.id)}/access`;
    const rows = account.users
      .map((entry) => {
        const u = rt.model.state.users.find((x) => x.id === entry.userId);
        const handle = u?.handle ?? entry.userId;
        return `<li data-testid="access-${esc(handle)}">@${esc(handle)}: ${esc(LABELS[entry.permission])} ${actionForm(`${path}/remove`, { user_id: entry.userId }, 'Remove', `remove-${handle}`, true, `Remove @${handle}`)}</li>`;
      })
      .join('');
    const options = ACCESS_LEVELS.map(
      (l) => `<option value="${l}">${esc(LABELS[l])}</option>`,
    ).join('');
    const body = `${notice ? `<p role="status" data-testid="access-notice">${esc(notice)}</p>` : ''}
<h2>People with access</h2><ul>${rows}</ul>
<h2>Add access</h2>
<form method="post" action="${path}/add">
<label>X username <input name="handle" data-testid="add-access-handle" maxlength="16" required></label>
<label>Access level <select name="permission" data-testid="add-access-permission">${options}</select></label>
<button data-testid="add-access-save">Save</button></form>`;
    return html(200, `Edit access to account: ${account.name}`, body, request);
  };

  app.get('/ads/:id/access', async (request, reply) => {
    const id = z.object({ id: z.string().max(64) }).parse(request.params).id;
    if (!who(request))
      return reply.redirect(`${base}/signin?next=${encodeURIComponent(request.url)}`, 303);
    const out = accessPage(request, id);
    return reply.code(out.status).type('text/html').send(out.text);
  });
  const change =
    (kind: 'add' | 'remove') => async (request: FastifyRequest, reply: FastifyReply) => {
      const id = z.object({ id: z.string().max(64) }).parse(request.params).id;
      const me = who(request);
      if (!me) return reply.code(401).type('text/plain').send('Log in first');
      let notice: string;
      try {
        if (kind === 'add') {
          const b = AddBody.safeParse(request.body);
          if (!b.success)
            throw new XError(400, 'INVALID_PARAMETER', 'Enter a username and an access level');
          const added = rt.model.mutate((ctx) =>
            addAccess(ctx.state, {
              accountId: id,
              actorId: me.id,
              handle: b.data.handle,
              permission: b.data.permission,
            }),
          );
          notice = `@${added.handle} now has ${LABELS[b.data.permission]} access.`;
        } else {
          const b = RemoveBody.safeParse(request.body);
          if (!b.success) throw new XError(400, 'INVALID_PARAMETER', 'Bad request');
          rt.model.mutate((ctx) =>
            removeAccess(ctx.state, { accountId: id, actorId: me.id, userId: b.data.user_id }),
          );
          notice = 'Access removed.';
        }
      } catch (error) {
        if (!(error instanceof XError)) throw error;
        const out = accessPage(request, id, error.message);
        return reply.code(error.status).type('text/html').send(out.text);
      }
      const out = accessPage(request, id, notice);
      return reply.code(out.status).type('text/html').send(out.text);
    };
  app.post('/ads/:id/access/add', change('add'));
  app.post('/ads/:id/access/remove', change('remove'));
}
