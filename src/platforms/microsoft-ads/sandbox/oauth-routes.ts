// The Microsoft identity platform as the sandbox simulates it (contract §1):
// `<prefix>/{tenant}/oauth2/v2.0/authorize` (sign-in, then consent) and `.../token`, plus the
// sign-in page (pick a person, no password) and a client-side "Accounts & Billing" page where a
// signed-in client accepts or declines pending link requests, as the web UI lets them.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { actionForm, consolePage, esc, switchAccountLink } from '../../sandbox-kit/html.ts';
import { localPathUnder, prefixSessions } from '../../sandbox-kit/session.ts';
import {
  hasAccountRole,
  issueCode,
  issueTokens,
  presentLink,
  sha256,
  STANDARD_USER,
  SUPER_ADMIN,
  updateLink,
  ACCESS_TTL_S,
  type SandboxUser,
} from './model.ts';
import type { SandboxApp, SandboxRuntime } from './runtime.ts';

export const ADS_SCOPE = 'https://ads.microsoft.com/msads.manage';
const sessions = prefixSessions('msads_sandbox_sid');

const css = `body{font:15px/1.45 "Segoe UI",system-ui,sans-serif;margin:0;color:#1b1b1b;background:#f2f2f2}
header{background:#fff;border-bottom:1px solid #ddd;padding:10px 24px;display:flex;gap:12px;align-items:center}
main{max-width:760px;margin:24px auto;padding:0 24px}section{background:#fff;border:1px solid #ddd;padding:16px 20px;margin-bottom:16px}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:6px 8px;border-bottom:1px solid #eee}
button{background:#0067b8;color:#fff;border:0;padding:6px 14px;cursor:pointer}button.secondary{background:#666}
form.inline{display:inline}.error{border-color:#c00;color:#a00}`;

const page = consolePage({
  product: 'Microsoft Advertising sandbox',
  brand: 'Microsoft (sandbox)',
  css,
  nav: (base) =>
    `<a href="${base}/accounts/links" data-testid="links-page-link">Accounts &amp; Billing</a>`,
  labels: { signIn: 'Sign in', signOut: 'Sign out' },
});

const html = (reply: FastifyReply, body: string, status = 200) =>
  reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(body);

const Authorize = z.object({
  client_id: z.string().min(1).max(200),
  redirect_uri: z.string().min(1).max(2000),
  response_type: z.string().max(50),
  scope: z.string().max(2000),
  state: z.string().max(2000).optional(),
  response_mode: z.string().max(20).optional(),
  prompt: z.string().max(30).optional(),
  code_challenge: z.string().max(200).optional(),
  code_challenge_method: z.string().max(10).optional(),
});

const Token = z.object({
  grant_type: z.string().max(50),
  client_id: z.string().max(200).optional(),
  client_secret: z.string().max(500).optional(),
  code: z.string().max(500).optional(),
  redirect_uri: z.string().max(2000).optional(),
  refresh_token: z.string().max(500).optional(),
  scope: z.string().max(2000).optional(),
  code_verifier: z.string().max(200).optional(),
});

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(sha256(a));
  const y = Buffer.from(sha256(b));
  return timingSafeEqual(x, y);
}

/** The identity platform's token-endpoint error body (contract §1 "Token error"). */
function tokenError(
  reply: FastifyReply,
  status: number,
  error: string,
  aadsts: number,
  description: string,
) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .send({
      error,
      error_description: `AADSTS${aadsts}: ${description}`,
      error_codes: [aadsts],
      timestamp: new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z',
      trace_id: randomUUID(),
      correlation_id: randomUUID(),
    });
}

/** Registers the sign-in, authorize/consent, token and client links pages. */
export function registerOauthRoutes(app: FastifyInstance, rt: SandboxRuntime): void {
  const base = app.prefix;
  const currentUser = (request: FastifyRequest): SandboxUser | undefined => {
    const id = sessions.subjectOf(rt, request);
    return rt.model.state.users.find((u) => u.id === id);
  };

  app.get('/signin', async (request, reply) => {
    const next = localPathUnder(
      base,
      (request.query as Record<string, unknown>).next,
      `${base}/accounts/links`,
    );
    const rows = rt.model.state.users
      .map(
        (u) =>
          `<tr><td>${esc(u.name)}</td><td>${esc(u.email)}</td><td>${actionForm(`${base}/signin`, { userId: u.id, next }, `Sign in as ${u.name}`, `signin-user-${u.id}`)}</td></tr>`,
      )
      .join('');
    return html(
      reply,
      page(
        base,
        'Sign in',
        `<section><p>Sandbox: pick a person (no password).</p><table>${rows}</table></section>`,
        currentUser(request),
      ),
    );
  });
  app.post('/signin', async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, unknown>;
    const user = rt.model.state.users.find((u) => u.id === form.userId);
    if (!user)
      return html(
        reply,
        page(
          base,
          'Sign in',
          '<section class="error" data-testid="signin-error">Unknown person</section>',
        ),
        400,
      );
    sessions.signIn(rt, reply, base, user.id);
    return reply
      .code(303)
      .header('location', localPathUnder(base, form.next, `${base}/accounts/links`))
      .send();
  });
  app.post('/signout', async (request, reply) => {
    sessions.signOut(rt, request, reply, base);
    return reply.code(303).header('location', `${base}/signin`).send();
  });

  const checkAuthorize = (
    query: unknown,
  ): { app: SandboxApp; q: z.output<typeof Authorize> } | string => {
    const parsed = Authorize.safeParse(query);
    if (!parsed.success)
      return `invalid_request: ${parsed.error.issues[0]?.message ?? 'bad request'}`;
    const q = parsed.data;
    const client = rt.apps.find((a) => a.clientId === q.client_id);
    if (!client)
      return `unauthorized_client: The client does not exist or is not enabled for consumers.`;
    if (!client.redirectUris.includes(q.redirect_uri))
      return "invalid_request: The provided value for the input parameter 'redirect_uri' is not valid. The expected value is a URI which matches a redirect URI registered for this client application.";
    if (q.response_type !== 'code') return 'unsupported_response_type: only code is supported.';
    if (q.code_challenge !== undefined && q.code_challenge_method !== 'S256')
      return 'invalid_request: code_challenge_method must be S256.';
    return { app: client, q };
  };
  const back = (q: z.output<typeof Authorize>, params: Record<string, string>) => {
    const url = new URL(q.redirect_uri);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    if (q.state !== undefined) url.searchParams.set('state', q.state);
    return url.toString();
  };

  app.get('/:tenant/oauth2/v2.0/authorize', async (request, reply) => {
    const checked = checkAuthorize(request.query);
    if (typeof checked === 'string')
      return html(
        reply,
        page(
          base,
          'Sign in',
          `<section class="error" data-testid="authorize-error">${esc(checked)}</section>`,
        ),
        400,
      );
    const { app: client, q } = checked;
    if (!q.scope.split(' ').includes(ADS_SCOPE))
      return reply
        .code(303)
        .header(
          'location',
          back(q, {
            error: 'invalid_scope',
            error_description: `The scope must include ${ADS_SCOPE}`,
          }),
        )
        .send();
    const user = currentUser(request);
    if (!user || q.prompt === 'login')
      return reply
        .code(303)
        .header(
          'location',
          `${base}/signin?next=${encodeURIComponent(request.url.replace('prompt=login', 'prompt=consent'))}`,
        )
        .send();
    const fields = Object.fromEntries(
      Object.entries(q).filter(([, v]) => v !== undefined),
    ) as Record<string, string>;
    return html(
      reply,
      page(
        base,
        'Permissions requested',
        `<section><p><strong>${esc(client.name ?? client.clientId)}</strong> wants to:</p>
<ul><li>Access your Microsoft Advertising accounts (msads.manage)</li>${q.scope.includes('offline_access') ? '<li>Maintain access to data you have given it access to</li>' : ''}</ul>
<p>Signed in as ${esc(user.email)}.</p>
${actionForm(`${base}/consent`, { ...fields, decision: 'accept' }, 'Accept', 'consent-accept')}
${actionForm(`${base}/consent`, { ...fields, decision: 'cancel' }, 'Cancel', 'consent-cancel', true)}
${switchAccountLink(base, request.url, 'Use another account')}</section>`,
        user,
      ),
    );
  });
  app.post('/consent', async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, unknown>;
    const checked = checkAuthorize(form);
    const user = currentUser(request);
    if (typeof checked === 'string' || !user)
      return html(
        reply,
        page(base, 'Sign in', '<section class="error">The sign-in request is not valid.</section>'),
        400,
      );
    const { app: client, q } = checked;
    if (form.decision !== 'accept')
      return reply
        .code(303)
        .header(
          'location',
          back(q, {
            error: 'access_denied',
            error_description:
              'The user has denied access to the scope requested by the client application.',
          }),
        )
        .send();
    const code = rt.model.mutate((ctx) =>
      issueCode(ctx, {
        clientId: client.clientId,
        userId: user.id,
        redirectUri: q.redirect_uri,
        scope: q.scope,
        codeChallenge: q.code_challenge ?? null,
      }),
    );
    return reply.code(303).header('location', back(q, { code })).send();
  });

  app.post('/:tenant/oauth2/v2.0/token', async (request, reply) => {
    const parsed = Token.safeParse(request.body ?? {});
    if (!parsed.success)
      return tokenError(reply, 400, 'invalid_request', 900144, 'The request body is not valid.');
    const t = parsed.data;
    let clientId = t.client_id;
    let secret = t.client_secret;
    const basic = request.headers.authorization;
    if (basic?.startsWith('Basic ')) {
      const [u, p] = Buffer.from(basic.slice(6), 'base64').toString().split(':');
      clientId = decodeURIComponent(u ?? '');
      secret = decodeURIComponent(p ?? '');
    }
    const client = rt.apps.find((a) => a.clientId === clientId);
    if (!client)
      return tokenError(reply, 400, 'unauthorized_client', 700016, 'Application not found.');
    if (secret === undefined || !sameSecret(secret, client.clientSecret))
      return tokenError(reply, 401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    const answer = (userId: string, scope: string) => {
      const tokens = rt.model.mutate((ctx) => issueTokens(ctx, client.clientId, userId, scope));
      return reply.header('cache-control', 'no-store').send({
        token_type: 'Bearer',
        scope: scope
          .split(' ')
          .filter((s) => s !== 'openid')
          .join(' '),
        expires_in: ACCESS_TTL_S,
        ext_expires_in: ACCESS_TTL_S,
        access_token: tokens.access,
        ...(scope.includes('offline_access') ? { refresh_token: tokens.refresh } : {}),
      });
    };
    const now = rt.model.now();
    if (t.grant_type === 'authorization_code') {
      const row = rt.model.state.codes.find(
        (c) => c.code === t.code && c.clientId === client.clientId,
      );
      if (!row || row.used || new Date(row.expiresAt) <= now)
        return tokenError(
          reply,
          400,
          'invalid_grant',
          70008,
          'The provided authorization code or refresh token has expired or was already used.',
        );
      if (row.redirectUri !== t.redirect_uri)
        return tokenError(
          reply,
          400,
          'invalid_grant',
          50011,
          'The redirect URI specified in the request does not match the redirect URI used to obtain the code.',
        );
      if (row.codeChallenge !== null) {
        const hash = createHash('sha256')
          .update(t.code_verifier ?? '')
          .digest('base64url');
        if (t.code_verifier === undefined || hash !== row.codeChallenge)
          return tokenError(
            reply,
            400,
            'invalid_grant',
            501481,
            'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
          );
      }
      rt.model.mutate((ctx) => {
        const c = ctx.state.codes.find((x) => x.code === row.code);
        if (c) c.used = true;
      });
      return answer(row.userId, row.scope);
    }
    if (t.grant_type === 'refresh_token') {
      const row = rt.model.state.tokens.find(
        (x) => x.kind === 'refresh' && x.hash === sha256(t.refresh_token ?? ''),
      );
      if (!row || row.revoked || row.clientId !== client.clientId || new Date(row.expiresAt) <= now)
        return tokenError(
          reply,
          400,
          'invalid_grant',
          70000,
          'The user could not be authenticated or the grant is expired.',
        );
      return answer(row.userId, row.scope);
    }
    return tokenError(
      reply,
      400,
      'unsupported_grant_type',
      70003,
      'The app requested an unsupported grant type.',
    );
  });

  // The client's view of link requests (contract unverified 7: the web UI can accept or decline).
  app.get('/accounts/links', async (request, reply) => {
    const user = currentUser(request);
    if (!user)
      return reply
        .code(303)
        .header('location', `${base}/signin?next=${encodeURIComponent(`${base}/accounts/links`)}`)
        .send();
    const s = rt.model.state;
    const rows = s.links
      .filter((l) => {
        const account = s.accounts.find((a) => a.id === l.clientAccountId);
        return (
          account !== undefined && hasAccountRole(s, user.id, account, [SUPER_ADMIN, STANDARD_USER])
        );
      })
      .map((l) => {
        const p = presentLink(s, l);
        const fields = {
          clientAccountId: l.clientAccountId,
          managingCustomerId: l.managingCustomerId,
        };
        const actions =
          l.status === 'LinkPending'
            ? `${actionForm(`${base}/accounts/links`, { ...fields, status: 'LinkAccepted' }, 'Accept', `accept-${l.id}`)} ${actionForm(`${base}/accounts/links`, { ...fields, status: 'LinkDeclined' }, 'Decline', `decline-${l.id}`, true)}`
            : '';
        return `<tr data-testid="link-${esc(l.id)}"><td>${esc(String(p.ClientEntityName))}</td><td>${esc(String(p.ManagingCustomerName))}</td><td data-testid="link-status-${esc(l.id)}">${esc(l.status)}</td><td>${actions}</td></tr>`;
      })
      .join('');
    return html(
      reply,
      page(
        base,
        'Accounts & Billing: link requests',
        `<section><table><tr><th>Account</th><th>Agency</th><th>Status</th><th></th></tr>${rows}</table></section>`,
        user,
      ),
    );
  });
  app.post('/accounts/links', async (request, reply) => {
    const user = currentUser(request);
    const form = (request.body ?? {}) as Record<string, unknown>;
    if (!user) return reply.code(303).header('location', `${base}/signin`).send();
    const str = (v: unknown) => (typeof v === 'string' && v.length < 100 ? v : null);
    const refused = rt.model.mutate((ctx) =>
      updateLink(ctx, user.id, {
        type: null,
        clientEntityId: str(form.clientAccountId),
        managingCustomerId: str(form.managingCustomerId),
        status: str(form.status),
        isBillToClient: null,
        name: null,
        note: null,
        suppressNotification: false,
        timestamp: null,
      }),
    );
    if (refused)
      return html(
        reply,
        page(
          base,
          'Link request',
          `<section class="error" data-testid="link-error">${esc(refused.Message)}</section>`,
          user,
        ),
        400,
      );
    return reply.code(303).header('location', `${base}/accounts/links`).send();
  });
}
