// The sandbox's www pages: sign-in by picking a person (no passwords) and the consent page of
// `/oauth/` (pinterest-api.md §1), which sends the browser back with `code` and `state`, or with
// `error=access_denied`.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { actionForm, documentShell, esc, switchAccountLink } from '../../sandbox-kit/html.ts';
import { localPathUnder, prefixSessions } from '../../sandbox-kit/session.ts';
import { issueCode } from './oauth.ts';
import type { SandboxRuntime } from './runtime.ts';

const sessions = prefixSessions('pinterest_sandbox_session');
const CSS = `body{font-family:system-ui,sans-serif;margin:0;color:#211922}header{background:#e60023;color:#fff;padding:12px 20px}
main{max-width:640px;margin:24px auto;padding:0 16px}button{background:#e60023;color:#fff;border:0;border-radius:20px;padding:8px 16px;cursor:pointer}
button.secondary{background:#efefef;color:#211922}form.inline{display:inline}li{margin:8px 0}.scopes li{margin:4px 0}`;

const page = (title: string, body: string) =>
  documentShell({
    title,
    product: 'Pinterest sandbox',
    css: CSS,
    body: `<header><strong>Pinterest</strong> sandbox</header><main><h1>${esc(title)}</h1>${body}</main>`,
  });

const AuthorizeQuery = z.object({
  client_id: z.string().min(1).max(200),
  redirect_uri: z.string().url().max(2000),
  response_type: z.literal('code'),
  scope: z.string().max(2000).default(''),
  state: z.string().max(2000).default(''),
});

const SCOPE_WORDS: Record<string, string> = {
  'ads:read': 'See your advertising data, including ads, ad groups and campaigns',
  'ads:write': 'Create, update or delete your ads, ad groups and campaigns',
  'biz_access:read': 'See your business access data',
  'biz_access:write': 'Create, update or delete your business access data',
  'user_accounts:read': 'See your user accounts and followers',
  'catalogs:read': 'See your catalogs',
};

function badRequest(reply: FastifyReply, message: string) {
  return reply
    .code(400)
    .type('text/html')
    .send(page('Something went wrong', `<p>${esc(message)}</p>`));
}

/** Registers /signin, /signout, /oauth/ and its decision. */
export function registerPages(app: FastifyInstance, rt: SandboxRuntime): void {
  const base = app.prefix;
  app.get('/signin', async (request, reply) => {
    const next = localPathUnder(base, (request.query as { next?: unknown }).next, `${base}/`);
    const rows = rt.model.state.users
      .map(
        (u) =>
          `<li>${esc(u.name)} &lt;${esc(u.email)}&gt; ${actionForm(`${base}/signin`, { userId: u.id, next }, 'Sign in', `sign-in-${u.id}`, false, `Sign in as ${u.name}`)}</li>`,
      )
      .join('');
    return reply
      .type('text/html')
      .send(
        page(
          'Log in to see more',
          `<p>Pick a person (no passwords in the sandbox).</p><ul>${rows}</ul>`,
        ),
      );
  });
  app.post('/signin', async (request, reply) => {
    const body = z
      .object({ userId: z.string(), next: z.string().optional() })
      .safeParse(request.body);
    if (!body.success || !rt.model.state.users.some((u) => u.id === body.data.userId))
      return badRequest(reply, 'Unknown person.');
    sessions.signIn(rt, reply, base, body.data.userId);
    return reply.redirect(localPathUnder(base, body.data.next, `${base}/`), 303);
  });
  app.post('/signout', async (request, reply) => {
    sessions.signOut(rt, request, reply, base);
    return reply.redirect(`${base}/signin`, 303);
  });
  app.get('/', async (request, reply) => {
    const user = rt.model.state.users.find((u) => u.id === sessions.subjectOf(rt, request));
    return reply
      .type('text/html')
      .send(
        page(
          'Pinterest sandbox',
          user
            ? `<p data-testid="signed-in-as">Signed in as ${esc(user.name)}.</p>`
            : `<p><a href="${base}/signin">Log in</a></p>`,
        ),
      );
  });
  app.get('/oauth/', async (request, reply) => {
    const query = AuthorizeQuery.safeParse(request.query);
    if (!query.success) return badRequest(reply, 'The authorization request is malformed.');
    const q = query.data;
    const client = rt.apps.find((a) => a.clientId === q.client_id);
    if (!client) return badRequest(reply, 'Unknown app (client_id).');
    if (!client.redirectUris.includes(q.redirect_uri))
      return badRequest(reply, 'The redirect_uri is not registered for this app.');
    const user = rt.model.state.users.find((u) => u.id === sessions.subjectOf(rt, request));
    if (!user) return reply.redirect(`${base}/signin?next=${encodeURIComponent(request.url)}`, 303);
    const scopes = q.scope.split(/[,\s]+/).filter(Boolean);
    const list = scopes
      .map((s) => `<li>${esc(SCOPE_WORDS[s] ?? s)} <code>${esc(s)}</code></li>`)
      .join('');
    const fields = { ...q, scope: scopes.join(',') };
    return reply.type('text/html').send(
      page(
        'Give access to your Pinterest account',
        `<p>Signed in as <strong data-testid="signed-in-as">${esc(user.name)}</strong>. The app asks to:</p>
<ul class="scopes">${list}</ul>
${actionForm(`${base}/oauth/decision`, { ...fields, decision: 'allow' }, 'Give access', 'oauth-allow')}
${actionForm(`${base}/oauth/decision`, { ...fields, decision: 'deny' }, 'Cancel', 'oauth-deny', true)}
${switchAccountLink(base, request.url)}`,
      ),
    );
  });
  app.post('/oauth/decision', async (request, reply) => {
    const parsed = AuthorizeQuery.extend({ decision: z.enum(['allow', 'deny']) }).safeParse(
      request.body,
    );
    if (!parsed.success) return badRequest(reply, 'The decision is malformed.');
    const d = parsed.data;
    const client = rt.apps.find((a) => a.clientId === d.client_id);
    const userId = sessions.subjectOf(rt, request);
    if (!client || !client.redirectUris.includes(d.redirect_uri) || userId === undefined)
      return badRequest(reply, 'The authorization request is no longer valid.');
    const target = new URL(d.redirect_uri);
    if (d.decision === 'deny') target.searchParams.set('error', 'access_denied');
    else {
      const scopes = d.scope.split(',').filter(Boolean);
      target.searchParams.set(
        'code',
        issueCode(rt.model, {
          clientId: client.clientId,
          redirectUri: d.redirect_uri,
          userId,
          scopes,
        }),
      );
    }
    if (d.state !== '') target.searchParams.set('state', d.state);
    return reply.redirect(target.toString(), 303);
  });
}
