// Google's authorization endpoint /o/oauth2/v2/auth (google-api.md §1): sign-in (pick a sandbox
// user, no password), then the consent screen; Allow redirects with code, scope and state.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { issueCode } from '../model/oauth.ts';
import { SCOPE_LABELS } from '../model/scopes.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { switchAccountLink } from '../../../sandbox-kit/html.ts';
import { esc, hidden, page } from './html.ts';
import { currentUser, safeNext, signIn } from './session.ts';

type Form = Record<string, unknown>;
const PARAMS = [
  'client_id',
  'redirect_uri',
  'response_type',
  'scope',
  'state',
  'access_type',
  'prompt',
  'include_granted_scopes',
  'login_hint',
  'code_challenge',
  'code_challenge_method',
];

interface AuthRequest {
  fields: Record<string, string>;
  scopes: string[];
}

/** Validates an authorization request; returns the error text to show, or the request. */
function check(rt: SandboxRuntime, form: Form): AuthRequest | { error: string; detail: string } {
  const fields: Record<string, string> = {};
  for (const k of PARAMS) if (typeof form[k] === 'string') fields[k] = form[k];
  const app = rt.apps.find((a) => a.clientId === fields.client_id);
  if (!app) return { error: 'invalid_client', detail: 'The OAuth client was not found.' };
  // Exact string match, as RFC 9700 §4.1.3 asks: scheme, case, trailing slash and query all count.
  if (!app.redirectUris.includes(fields.redirect_uri ?? ''))
    return {
      error: 'redirect_uri_mismatch',
      detail:
        "You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy.",
    };
  if (fields.response_type !== 'code')
    return { error: 'unsupported_response_type', detail: 'response_type must be code.' };
  const scopes = (fields.scope ?? '').split(' ').filter((s) => s !== '');
  if (scopes.length === 0)
    return { error: 'invalid_request', detail: 'Missing required parameter: scope' };
  const unknown = scopes.find((s) => !(s in SCOPE_LABELS));
  if (unknown !== undefined)
    return { error: 'invalid_scope', detail: `Some requested scopes were invalid: ${unknown}` };
  const method = fields.code_challenge_method;
  if (method !== undefined && method !== 'S256' && method !== 'plain')
    return { error: 'invalid_request', detail: 'Invalid code_challenge_method.' };
  if (method !== undefined && !fields.code_challenge)
    return { error: 'invalid_request', detail: 'Missing code_challenge.' };
  if (
    fields.code_challenge !== undefined &&
    !/^[A-Za-z0-9._~-]{43,128}$/.test(fields.code_challenge)
  )
    return { error: 'invalid_request', detail: 'Invalid code_challenge.' };
  return { fields, scopes };
}

function errorPage(reply: FastifyReply, error: string, detail: string): FastifyReply {
  const body = `<p class="error" data-testid="auth-error">Error 400: <span data-testid="auth-error-code">${esc(error)}</span></p><p>${esc(detail)}</p>`;
  return reply.code(400).type('text/html').send(page('Access blocked: authorization error', body));
}

/** Registers /signin and the authorization endpoint (GET shows consent, POST decides). */
export function registerAuthPages(app: FastifyInstance, rt: SandboxRuntime): void {
  app.get('/signin', async (request, reply) => {
    const next = safeNext((request.query as Form).next);
    const rows = rt.model.state.users
      .map(
        (u) =>
          `<form class="user" method="post" action="/signin">${hidden({ email: u.email, next })}<span>${esc(u.name)} &lt;${esc(u.email)}&gt;</span><button aria-label="Continue as ${esc(u.name)}" data-testid="sign-in-${esc(u.email)}">Continue</button></form>`,
      )
      .join('');
    return reply
      .type('text/html')
      .send(
        page(
          'Choose an account',
          `<p>Pick a sandbox user. There are no passwords.</p><div data-testid="user-list">${rows}</div>`,
        ),
      );
  });

  app.post('/signin', async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const user = rt.model.state.users.find((u) => u.email === form.email);
    if (!user)
      return reply
        .code(400)
        .type('text/html')
        .send(page('Unknown user', '<p>Pick a user from the list.</p>'));
    signIn(rt, reply, user.email);
    return reply.redirect(safeNext(form.next), 303);
  });

  app.get('/o/oauth2/v2/auth', async (request, reply) => {
    const checked = check(rt, request.query as Form);
    if ('error' in checked) return errorPage(reply, checked.error, checked.detail);
    const user = currentUser(rt, request);
    if (!user || checked.fields.prompt?.includes('select_account')) {
      const prompt = (checked.fields.prompt ?? '').replace('select_account', '').trim();
      const { prompt: _p, ...rest } = checked.fields;
      const fields = prompt === '' ? rest : { ...rest, prompt };
      const url = `/o/oauth2/v2/auth?${new URLSearchParams(fields).toString()}`;
      return reply.redirect(`/signin?next=${encodeURIComponent(url)}`, 303);
    }
    const list = checked.scopes
      .map((s) => `<li data-testid="consent-scope">${esc(SCOPE_LABELS[s])}</li>`)
      .join('');
    const body = `<p data-testid="signed-in-as">${esc(user.name)} &lt;${esc(user.email)}&gt;</p>
<p><strong data-testid="consent-app">${esc(checked.fields.client_id)}</strong> wants to access your Google Account. This will allow it to:</p><ul>${list}</ul>
<form method="post" action="/o/oauth2/v2/auth" data-testid="consent-form">${hidden(checked.fields)}
<button name="decision" value="allow" data-testid="consent-allow">Allow</button> <button class="secondary" name="decision" value="deny" data-testid="consent-deny">Cancel</button></form>
${switchAccountLink('', request.url)}`;
    return reply
      .header('referrer-policy', 'no-referrer')
      .type('text/html')
      .send(page('Sign in with Google', body));
  });

  app.post('/o/oauth2/v2/auth', async (request: FastifyRequest, reply) => {
    const form = (request.body ?? {}) as Form;
    const checked = check(rt, form);
    if ('error' in checked) return errorPage(reply, checked.error, checked.detail);
    const user = currentUser(rt, request);
    if (!user) return reply.redirect('/signin', 303);
    const { fields } = checked;
    const target = new URL(fields.redirect_uri ?? '');
    if (form.decision !== 'allow') {
      target.searchParams.set('error', 'access_denied');
    } else {
      const method = fields.code_challenge_method ?? (fields.code_challenge ? 'plain' : null);
      const code = rt.model.mutate((ctx) =>
        issueCode(ctx, {
          clientId: fields.client_id ?? '',
          email: user.email,
          redirectUri: fields.redirect_uri ?? '',
          scopes: checked.scopes,
          codeChallenge: fields.code_challenge ?? null,
          codeChallengeMethod: method as 'S256' | 'plain' | null,
          offline: fields.access_type === 'offline',
        }),
      );
      target.searchParams.set('code', code);
      target.searchParams.set('scope', checked.scopes.join(' '));
    }
    if (fields.state !== undefined) target.searchParams.set('state', fields.state);
    return reply.redirect(target.toString(), 302);
  });
}
