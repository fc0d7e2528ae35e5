// Facebook Login dialog (meta-api.md §1.1): `<prefix>/{version}/dialog/oauth`: consent with a
// choice per permission, then a redirect with `code` + `state`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { switchAccountLink } from '../../../sandbox-kit/html.ts';
import { issueCode } from '../model/oauth.ts';
import type { SandboxApp } from '../model/types.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { esc, page } from './html.ts';
import { currentUser } from './session.ts';

type Form = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const many = (v: string | string[] | undefined) =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

interface DialogParams {
  version: string;
  app: SandboxApp;
  redirectUri: string;
  state: string | undefined;
  scopes: string[];
  codeChallenge: string | null;
}

/** Validates the dialog's parameters; problems that must not redirect give an HTML error page. */
function readDialog(
  rt: SandboxRuntime,
  version: string,
  q: Form,
): DialogParams | { error: string } {
  if (!rt.versions.includes(version)) return { error: `Unsupported version: ${version}` };
  const app = rt.apps.find((a) => a.appId === one(q.client_id));
  if (!app)
    return { error: 'Invalid App ID: the provided app ID does not look like a valid app ID.' };
  const redirectUri = one(q.redirect_uri) ?? '';
  if (!app.redirectUris.includes(redirectUri)) {
    return {
      error:
        "URL Blocked: This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings.",
    };
  }
  const responseType = one(q.response_type) ?? 'code';
  if (responseType !== 'code')
    return {
      error: `response_type ${responseType} is not supported by this sandbox (code flow only)`,
    };
  const challenge = one(q.code_challenge);
  if (challenge !== undefined && one(q.code_challenge_method) !== 'S256') {
    return { error: 'code_challenge_method must be S256' };
  }
  const scopes = (one(q.scope) ?? '').split(/[,\s]+/).filter((s) => s !== '');
  return {
    version,
    app,
    redirectUri,
    state: one(q.state),
    scopes,
    codeChallenge: challenge ?? null,
  };
}

function redirectTo(
  reply: FastifyReply,
  uri: string,
  params: Record<string, string | undefined>,
  fragment = '',
) {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return reply.code(303).header('location', `${url.toString()}${fragment}`).send();
}

/** Registers the versioned OAuth dialog and its confirm action. */
export function registerDialogPages(app: FastifyInstance, rt: SandboxRuntime): void {
  const base = app.prefix;
  const html = (reply: FastifyReply, body: string, status = 200) =>
    reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(body);

  app.get(
    '/:version/dialog/oauth',
    async (request: FastifyRequest<{ Params: { version: string } }>, reply) => {
      const q = request.query as Form;
      const d = readDialog(rt, request.params.version, q);
      if ('error' in d)
        return html(
          reply,
          page(
            base,
            'Error',
            `<section class="error" data-testid="dialog-error">${esc(d.error)}</section>`,
          ),
          400,
        );
      const user = currentUser(rt, request);
      if (!user) {
        const next = `${base}/${d.version}/dialog/oauth?${new URLSearchParams(q as Record<string, string>).toString()}`;
        return reply
          .code(303)
          .header('location', `${base}/signin?next=${encodeURIComponent(next)}`)
          .send();
      }
      const hidden = {
        client_id: d.app.appId,
        redirect_uri: d.redirectUri,
        state: d.state ?? '',
        scope: d.scopes.join(','),
        code_challenge: d.codeChallenge ?? '',
        code_challenge_method: d.codeChallenge ? 'S256' : '',
      };
      const boxes = d.scopes
        .map(
          (s) =>
            `<li><label><input type="checkbox" name="granted" value="${esc(s)}" checked data-testid="consent-scope-${esc(s)}"> ${esc(s)}</label></li>`,
        )
        .join('');
      const inputs = Object.entries(hidden)
        .map(([k, v]) => `<input type="hidden" name="${k}" value="${esc(v)}">`)
        .join('');
      const body = `<section data-testid="consent"><p><strong>${esc(d.app.name ?? 'Latchkey')}</strong> is requesting access to:</p>
<form method="post" action="${base}/${d.version}/dialog/oauth/confirm">${inputs}<ul>${boxes}</ul>
<button name="decision" value="allow" data-testid="consent-allow">Continue as ${esc(user.name)}</button>
<button class="secondary" name="decision" value="cancel" data-testid="consent-cancel">Cancel</button></form>
${switchAccountLink(base, request.url, 'Not you? Log in as someone else')}</section>`;
      return html(reply, page(base, 'Continue with Facebook', body, user));
    },
  );

  app.post(
    '/:version/dialog/oauth/confirm',
    async (request: FastifyRequest<{ Params: { version: string } }>, reply) => {
      const form = (request.body ?? {}) as Form;
      const d = readDialog(rt, request.params.version, {
        ...form,
        code_challenge: one(form.code_challenge) || undefined,
        code_challenge_method: one(form.code_challenge_method) || undefined,
      });
      if ('error' in d)
        return html(
          reply,
          page(
            base,
            'Error',
            `<section class="error" data-testid="dialog-error">${esc(d.error)}</section>`,
          ),
          400,
        );
      const user = currentUser(rt, request);
      if (!user) return reply.code(303).header('location', `${base}/signin`).send();
      if (one(form.decision) !== 'allow') {
        return redirectTo(
          reply,
          d.redirectUri,
          {
            error_reason: 'user_denied',
            error: 'access_denied',
            error_description: 'Permissions error',
            state: d.state,
          },
          '#_=_',
        );
      }
      const granted = many(form.granted).filter((s) => d.scopes.includes(s));
      const code = rt.model.mutate((ctx) =>
        issueCode(ctx, {
          appId: d.app.appId,
          userId: user.id,
          redirectUri: d.redirectUri,
          scopes: granted,
          codeChallenge: d.codeChallenge,
        }),
      );
      return redirectTo(reply, d.redirectUri, { code, state: d.state }, '#_=_');
    },
  );
}
