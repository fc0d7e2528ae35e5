// OAuth 2.0 on the sandbox's www side (linkedin-api.md §1): the authorization page (sign-in,
// then consent), the decision, and `POST /oauth/v2/accessToken` (form body, client secret).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { actionForm, esc, switchAccountLink } from '../../sandbox-kit/html.ts';
import { REFRESH_TOKEN_LIFETIME_S, secret, TOKEN_LIFETIME_S } from './model.ts';
import { currentMember, html, linkedInPage, one } from './pages.ts';
import type { SandboxRuntime } from './runtime.ts';

type Form = Record<string, string | string[] | undefined>;

/** Scopes the sandbox knows, with the words its consent page shows. */
export const SCOPE_WORDS: Record<string, string> = {
  openid: 'Use your name and photo to identify you',
  profile: 'Use your name and photo',
  email: 'Use the primary email address of your account',
  r_ads: 'Retrieve your advertising accounts',
  rw_ads: 'Manage your advertising accounts',
  r_organization_admin: "Retrieve your organization's pages and their reporting data",
  rw_organization_admin: "Manage your organization's pages and retrieve reporting data",
};

/** Authorization codes live 30 minutes (linkedin-api.md §1). */
const CODE_LIFETIME_MS = 30 * 60 * 1000;

/** Registers the OAuth routes. */
export function registerOAuthRoutes(app: FastifyInstance, rt: SandboxRuntime): void {
  const base = app.prefix;
  const redirectWith = (reply: FastifyReply, uri: string, params: Record<string, string>) => {
    const url = new URL(uri);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return reply.code(302).header('location', url.toString()).send();
  };

  app.get('/oauth/v2/authorization', async (request, reply) => {
    const q = request.query as Form;
    const app_ = rt.apps.find((a) => a.clientId === one(q.client_id));
    const redirectUri = one(q.redirect_uri) ?? '';
    if (!app_ || !app_.redirectUris.includes(redirectUri))
      return html(
        reply,
        linkedInPage(
          base,
          'Bummer, something went wrong',
          '<p class="error" data-testid="oauth-error">The redirect_uri does not match the registered value, or the client_id is unknown.</p>',
        ),
        400,
      );
    const state = one(q.state) ?? '';
    const scopes = (one(q.scope) ?? '').split(/[ ,]+/).filter(Boolean);
    if (one(q.response_type) !== 'code')
      return redirectWith(reply, redirectUri, {
        error: 'invalid_request',
        error_description: 'response_type must be code',
        state,
      });
    const unknown = scopes.filter((s) => SCOPE_WORDS[s] === undefined);
    if (scopes.length === 0 || unknown.length > 0)
      return redirectWith(reply, redirectUri, {
        error: 'invalid_scope',
        error_description: `Scope "${unknown.join(' ')}" is not authorized for your application`,
        state,
      });
    const me = currentMember(rt, request);
    const self = `${base}/oauth/v2/authorization?${new URLSearchParams(q as Record<string, string>).toString()}`;
    if (!me)
      return reply
        .code(303)
        .header('location', `${base}/signin?next=${encodeURIComponent(self)}`)
        .send();
    const fields = {
      client_id: app_.clientId,
      redirect_uri: redirectUri,
      state,
      scope: scopes.join(' '),
    };
    const list = scopes
      .map((s) => `<li data-testid="scope-${esc(s)}">${esc(SCOPE_WORDS[s])}</li>`)
      .join('');
    return html(
      reply,
      linkedInPage(
        base,
        `${app_.name ?? 'Latchkey'} would like to:`,
        `<p>Signed in as <strong>${esc(me.name)}</strong>.</p><ul>${list}</ul>
${actionForm(`${base}/oauth/v2/authorization/decision`, { ...fields, decision: 'allow' }, 'Allow', 'consent-allow')}
${actionForm(`${base}/oauth/v2/authorization/decision`, { ...fields, decision: 'cancel' }, 'Cancel', 'consent-cancel', true)}
${switchAccountLink(base, self, 'Not you? Sign in as someone else')}`,
        me,
      ),
    );
  });

  app.post('/oauth/v2/authorization/decision', async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const app_ = rt.apps.find((a) => a.clientId === one(form.client_id));
    const redirectUri = one(form.redirect_uri) ?? '';
    if (!app_ || !app_.redirectUris.includes(redirectUri))
      return html(
        reply,
        linkedInPage(base, 'Bummer', '<p class="error">Unknown application.</p>'),
        400,
      );
    const state = one(form.state) ?? '';
    const me = currentMember(rt, request);
    if (!me) return reply.code(303).header('location', `${base}/signin`).send();
    if (one(form.decision) !== 'allow')
      return redirectWith(reply, redirectUri, {
        error: 'user_cancelled_authorize',
        error_description: 'The user cancelled the authorization',
        state,
      });
    const code = secret();
    const scopes = (one(form.scope) ?? '').split(' ').filter((s) => SCOPE_WORDS[s] !== undefined);
    rt.model.mutate(({ state: s, now }) => {
      s.codes.push({
        code,
        clientId: app_.clientId,
        member: me.id,
        redirectUri,
        scopes,
        expiresAt: now().getTime() + CODE_LIFETIME_MS,
        used: false,
      });
    });
    return redirectWith(reply, redirectUri, { code, state });
  });

  app.post('/oauth/v2/accessToken', async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const fail = (status: number, error: string, description: string) =>
      reply
        .code(status)
        .header('cache-control', 'no-store')
        .send({ error, error_description: description });
    const client = rt.apps.find((a) => a.clientId === one(form.client_id));
    if (!client || client.clientSecret !== one(form.client_secret))
      return fail(401, 'invalid_client', 'Client authentication failed');
    const now = rt.model.now().getTime();
    if (one(form.grant_type) === 'refresh_token') {
      // A new access token; the same refresh token comes back with what is left of its year.
      const held = rt.model.state.refreshTokens?.find(
        (r) => r.token === one(form.refresh_token) && r.clientId === client.clientId,
      );
      if (!held || held.expiresAt <= now)
        return fail(400, 'invalid_grant', 'The provided refresh token is invalid or expired');
      const token = secret(32);
      rt.model.mutate(({ state }) => {
        state.tokens.push({ ...held, token, expiresAt: now + TOKEN_LIFETIME_S * 1000 });
      });
      return reply.header('cache-control', 'no-store').send({
        access_token: token,
        expires_in: TOKEN_LIFETIME_S,
        refresh_token: held.token,
        refresh_token_expires_in: Math.floor((held.expiresAt - now) / 1000),
        scope: held.scopes.join(','),
        token_type: 'Bearer',
      });
    }
    if (one(form.grant_type) !== 'authorization_code')
      return fail(
        400,
        'unsupported_grant_type',
        'grant_type must be authorization_code or refresh_token',
      );
    const code = rt.model.state.codes.find(
      (c) => c.code === one(form.code) && c.clientId === client.clientId,
    );
    if (!code || code.used || code.expiresAt <= now)
      return fail(
        400,
        'invalid_request',
        'Unable to retrieve access token: authorization code not found, used or expired',
      );
    if (code.redirectUri !== one(form.redirect_uri))
      return fail(
        400,
        'invalid_request',
        'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code',
      );
    const token = secret(32);
    const refresh = secret(32);
    rt.model.mutate(({ state }) => {
      const c = state.codes.find((x) => x.code === code.code);
      if (c) c.used = true;
      const held = { clientId: client.clientId, member: code.member, scopes: code.scopes };
      state.tokens.push({ ...held, token, expiresAt: now + TOKEN_LIFETIME_S * 1000 });
      (state.refreshTokens ??= []).push({
        ...held,
        token: refresh,
        expiresAt: now + REFRESH_TOKEN_LIFETIME_S * 1000,
      });
    });
    return reply.header('cache-control', 'no-store').send({
      access_token: token,
      expires_in: TOKEN_LIFETIME_S,
      refresh_token: refresh,
      refresh_token_expires_in: REFRESH_TOKEN_LIFETIME_S,
      scope: code.scopes.join(','),
      token_type: 'Bearer',
    });
  });
}
