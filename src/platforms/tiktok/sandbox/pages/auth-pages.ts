// Sign-in (pick a sandbox user, no password) and the advertiser OAuth consent page `portal/auth`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { reachableAdvertisers } from '../model/access.ts';
import { TikTokError } from '../model/errors.ts';
import { findAsset } from '../model/indexes.ts';
import { issueAuthCode } from '../model/oauth.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { switchAccountLink } from '../../../sandbox-kit/html.ts';
import { actionForm, esc, page } from './html.ts';
import { currentUser, safeNext, signIn, signOut } from './session.ts';

type Form = Record<string, string | string[] | undefined>;

/** Registers the sign-in and consent pages. */
export function registerAuthPages(app: FastifyInstance, rt: SandboxRuntime, base: string): void {
  app.get('/signin', async (request, reply) => {
    const next = safeNext(base, (request.query as Form).next);
    const rows = rt.model.state.users
      .map(
        (u) =>
          `<tr><td>${esc(u.name)}</td><td>${esc(u.email)}</td><td>${actionForm(`${base}/signin`, { user_id: u.userId, next }, 'Sign in', `sign-in-${u.email}`, false, `Sign in as ${u.name}`)}</td></tr>`,
      )
      .join('');
    const body = `<section><p>Pick a sandbox user. There are no passwords.</p><table data-testid="user-list"><tr><th scope="col">Name</th><th scope="col">Email</th><td></td></tr>${rows}</table></section>`;
    return reply.type('text/html').send(page(base, 'Sign in', body, currentUser(rt, request)));
  });

  app.post('/signin', async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const user = rt.model.state.users.find((u) => u.userId === form.user_id);
    if (!user)
      return reply
        .code(400)
        .type('text/html')
        .send(page(base, 'Unknown user', '<p>Pick a user from the list.</p>'));
    signIn(rt, reply, base, user.userId);
    return reply.redirect(safeNext(base, form.next), 303);
  });

  app.post('/signout', async (request, reply) => {
    signOut(rt, request, reply, base);
    return reply.redirect(`${base}/signin`, 303);
  });

  app.get('/portal/auth', async (request, reply) => consentPage(rt, base, request, reply));
  app.post('/portal/auth', async (request, reply) => consentDecision(rt, base, request, reply));
}

/** Validates app_id and redirect_uri (exact string match); null when invalid. */
function checkClient(
  rt: SandboxRuntime,
  form: Form,
): { appId: string; redirectUri: string; state: string } | null {
  const { app_id: appId, redirect_uri: redirectUri, state } = form;
  if (typeof appId !== 'string' || typeof redirectUri !== 'string') return null;
  const app = rt.apps.find((a) => a.appId === appId);
  if (!app?.redirectUris.includes(redirectUri)) return null;
  return { appId, redirectUri, state: typeof state === 'string' ? state : '' };
}

function badClient(base: string, reply: FastifyReply): FastifyReply {
  const body =
    '<section class="error" data-testid="auth-error"><p>Invalid app_id or redirect_uri: the redirect URI must match one registered for the app exactly.</p></section>';
  return reply
    .code(400)
    .type('text/html')
    .send(page(base, 'Authorization error', body));
}

async function consentPage(
  rt: SandboxRuntime,
  base: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const client = checkClient(rt, request.query as Form);
  if (!client) return badClient(base, reply);
  const user = currentUser(rt, request);
  if (!user) return reply.redirect(`${base}/signin?next=${encodeURIComponent(request.url)}`, 303);
  const boxes = reachableAdvertisers(rt.model, user.userId)
    .map((id) => {
      const name = findAsset(rt.model, id)?.name ?? id;
      return `<div><label><input type="checkbox" name="advertiser_ids" value="${esc(id)}" checked data-testid="advertiser-${esc(id)}"> ${esc(name)} (${esc(id)})</label></div>`;
    })
    .join('');
  const hidden = Object.entries({
    app_id: client.appId,
    redirect_uri: client.redirectUri,
    state: client.state,
  })
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${esc(v)}">`)
    .join('');
  const body = `<section><p>App <strong data-testid="consent-app">${esc(client.appId)}</strong> asks to manage ads and Business Center access for the ad accounts you pick.</p>
<form method="post" action="${base}/portal/auth" data-testid="consent-form">${hidden}
<fieldset><legend>Ad accounts</legend>${boxes || '<p data-testid="no-advertisers">You have no ad accounts to authorize.</p>'}</fieldset>
<p><button name="decision" value="approve" data-testid="consent-approve">Confirm</button>
<button class="secondary" name="decision" value="deny" data-testid="consent-deny">Cancel</button></p></form>
${switchAccountLink(base, request.url)}</section>`;
  return reply.type('text/html').send(page(base, 'Authorize app', body, user));
}

async function consentDecision(
  rt: SandboxRuntime,
  base: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const form = (request.body ?? {}) as Form;
  const client = checkClient(rt, form);
  if (!client) return badClient(base, reply);
  const user = currentUser(rt, request);
  if (!user) return reply.redirect(`${base}/signin`, 303);
  const target = new URL(client.redirectUri);
  if (form.decision !== 'approve') {
    target.searchParams.set('error', 'access_denied');
    target.searchParams.set('state', client.state);
    return reply.redirect(target.toString(), 302);
  }
  const raw = form.advertiser_ids;
  const advertiserIds = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  try {
    const code = rt.model.mutate((ctx) =>
      issueAuthCode(ctx, {
        appId: client.appId,
        userId: user.userId,
        redirectUri: client.redirectUri,
        advertiserIds,
      }),
    );
    target.searchParams.set('auth_code', code);
    target.searchParams.set('code', code);
    target.searchParams.set('state', client.state);
    return reply.redirect(target.toString(), 302);
  } catch (error) {
    if (!(error instanceof TikTokError)) throw error;
    return reply
      .code(403)
      .type('text/html')
      .send(
        page(
          base,
          'Authorization error',
          `<p data-testid="auth-error">${esc(error.message)}</p>`,
          user,
        ),
      );
  }
}
