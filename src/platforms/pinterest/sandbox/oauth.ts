// OAuth 2.0 in the sandbox (pinterest-api.md §1): codes from the consent page, and
// POST /v5/oauth/token with HTTP Basic client authentication. Tokens are random; the state keeps
// only their sha256, so a state file holds nothing usable.
import { createHash, randomBytes } from 'node:crypto';
import { refuse } from './errors.ts';
import type { PinterestModel } from './model.ts';
import type { SandboxApp, Token } from './state.ts';

const ACCESS_TTL_S = 30 * 24 * 3600;
const REFRESH_TTL_S = 365 * 24 * 3600;
const CODE_TTL_MS = 10 * 60_000;

const hash = (value: string) => createHash('sha256').update(value).digest('hex');

/** Issues a one-use authorization code for the consenting user. */
export function issueCode(
  model: PinterestModel,
  input: { clientId: string; redirectUri: string; userId: string; scopes: string[] },
): string {
  const code = randomBytes(20).toString('hex');
  model.mutate(({ state, now }) => {
    state.codes.push({ code, ...input, expiresAt: now().getTime() + CODE_TTL_MS, used: false });
  });
  return code;
}

/** The app for a Basic `Authorization` header, or a 401. */
export function appFromBasic(apps: readonly SandboxApp[], header: string | undefined): SandboxApp {
  if (header === undefined || !header.startsWith('Basic '))
    throw refuse(401, 'Client authentication failed: HTTP Basic credentials are required.');
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // RFC 6749 §2.3.1: both parts are form-urlencoded before base64 (oauth4webapi does so).
  const formDecode = (v: string) => {
    try {
      return decodeURIComponent(v.replace(/\+/g, ' '));
    } catch {
      return v;
    }
  };
  const [id, secret] = [formDecode(decoded.slice(0, colon)), formDecode(decoded.slice(colon + 1))];
  const app = apps.find((a) => a.clientId === id && a.clientSecret === secret);
  if (colon < 0 || !app) throw refuse(401, 'Client authentication failed.');
  return app;
}

function mint(model: PinterestModel, clientId: string, userId: string, scopes: string[]) {
  const access = `pina_${randomBytes(24).toString('hex')}`;
  const refresh = `pinr_${randomBytes(24).toString('hex')}`;
  model.mutate(({ state, now }) => {
    const t = now().getTime();
    const row = (value: string, kind: Token['kind'], ttl: number): Token => ({
      hash: hash(value),
      kind,
      clientId,
      userId,
      scopes,
      expiresAt: t + ttl * 1000,
    });
    state.tokens.push(row(access, 'access', ACCESS_TTL_S), row(refresh, 'refresh', REFRESH_TTL_S));
  });
  return {
    access_token: access,
    refresh_token: refresh,
    token_type: 'bearer',
    expires_in: ACCESS_TTL_S,
    refresh_token_expires_in: REFRESH_TTL_S,
    scope: scopes.join(' '),
  };
}

/** POST /v5/oauth/token: `authorization_code` (code + redirect_uri) or `refresh_token`. */
export function exchangeToken(
  model: PinterestModel,
  app: SandboxApp,
  form: Record<string, unknown>,
): Record<string, unknown> {
  const field = (name: string) => (typeof form[name] === 'string' ? form[name] : '');
  const grant = field('grant_type');
  const now = model.now().getTime();
  if (grant === 'authorization_code') {
    if (field('code') === '' || field('redirect_uri') === '')
      throw refuse(400, 'code and redirect_uri are required.');
    const code = model.state.codes.find((c) => c.code === field('code'));
    if (!code || code.used || code.expiresAt <= now || code.clientId !== app.clientId)
      throw refuse(400, 'Invalid authorization code.');
    if (code.redirectUri !== field('redirect_uri'))
      throw refuse(400, 'redirect_uri does not match the authorization request.');
    model.mutate(({ state }) => {
      const row = state.codes.find((c) => c.code === code.code);
      if (row) row.used = true;
    });
    return { ...mint(model, app.clientId, code.userId, code.scopes), response_type: grant };
  }
  if (grant === 'refresh_token') {
    const row = model.state.tokens.find(
      (t) => t.kind === 'refresh' && t.hash === hash(field('refresh_token')),
    );
    if (!row || row.expiresAt <= now || row.clientId !== app.clientId)
      throw refuse(400, 'Invalid refresh token.');
    return { ...mint(model, app.clientId, row.userId, row.scopes), response_type: grant };
  }
  throw refuse(400, `Unsupported grant_type ${grant || '(none)'}.`);
}

/** The user and scopes of a Bearer access token, or undefined. */
export function tokenOwner(
  model: PinterestModel,
  header: string | undefined,
): { userId: string; scopes: string[] } | undefined {
  if (header === undefined || !header.startsWith('Bearer ')) return undefined;
  const row = model.state.tokens.find(
    (t) => t.kind === 'access' && t.hash === hash(header.slice(7).trim()),
  );
  if (!row || row.expiresAt <= model.now().getTime()) return undefined;
  return { userId: row.userId, scopes: row.scopes };
}
