// Facebook Login (meta-api.md §1): authorization codes, user and Page tokens, debug_token.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { GraphError } from './errors.ts';
import type { AccessToken, ModelContext, SandboxApp } from './types.ts';

/** Code lifetime (sandbox choice: 10 minutes). */
export const CODE_TTL_MS = 10 * 60_000;
/** Token lifetime: the long-lived token's `expires_in` from meta-api.md §1.3 (about 60 days). */
export const TOKEN_TTL_S = 5_183_944;

/** Issues a single-use code bound to app, user, exact redirect_uri, scopes and PKCE challenge. */
export function issueCode(
  ctx: ModelContext,
  input: {
    appId: string;
    userId: string;
    redirectUri: string;
    scopes: string[];
    codeChallenge: string | null;
  },
): string {
  const code = `AQ${randomBytes(24).toString('base64url')}`;
  const expiresAt = new Date(ctx.now().getTime() + CODE_TTL_MS).toISOString();
  ctx.state.codes.push({ ...input, code, expiresAt, used: false });
  return code;
}

function oauthError(message: string, code: number, subcode?: number): GraphError {
  return new GraphError(code, message, {
    type: 'OAuthException',
    ...(subcode === undefined ? {} : { subcode }),
  });
}

/** Checks the app's credentials (`client_id` + `client_secret`). */
export function checkClient(apps: SandboxApp[], clientId: string, secret: string): SandboxApp {
  const app = apps.find((a) => a.appId === clientId);
  if (!app) throw oauthError('Error validating application. Invalid application ID.', 101);
  const a = Buffer.from(app.secret);
  const b = Buffer.from(secret);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw oauthError('Error validating client secret.', 1);
  }
  return app;
}

/** Exchanges a code: exact redirect_uri, single use, unexpired, PKCE verifier when challenged. */
export function exchangeCode(
  ctx: ModelContext,
  app: SandboxApp,
  input: { code: string; redirectUri: string; codeVerifier: string | undefined },
): AccessToken {
  const row = ctx.state.codes.find((c) => c.code === input.code && c.appId === app.appId);
  if (!row) throw oauthError('Invalid verification code format.', 100, 36004);
  if (row.used) throw oauthError('This authorization code has been used.', 100, 36009);
  if (new Date(row.expiresAt) <= ctx.now()) {
    throw oauthError('This authorization code has expired.', 100, 36007);
  }
  if (row.redirectUri !== input.redirectUri) {
    throw oauthError(
      'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
      100,
      36008,
    );
  }
  if (row.codeChallenge !== null) {
    const hash = createHash('sha256')
      .update(input.codeVerifier ?? '')
      .digest('base64url');
    if (input.codeVerifier === undefined || hash !== row.codeChallenge) {
      throw oauthError('Invalid code verifier.', 100);
    }
  }
  row.used = true;
  return issueToken(ctx, {
    type: 'USER',
    appId: app.appId,
    userId: row.userId,
    pageId: null,
    scopes: row.scopes,
  });
}

/** Mints a token (user or Page) of the standard lifetime. */
export function issueToken(
  ctx: ModelContext,
  input: Pick<AccessToken, 'type' | 'appId' | 'userId' | 'pageId' | 'scopes'>,
): AccessToken {
  const now = ctx.now();
  const token: AccessToken = {
    ...input,
    token: `EAA${randomBytes(32).toString('base64url')}`,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + TOKEN_TTL_S * 1000).toISOString(),
    valid: true,
  };
  ctx.state.tokens.push(token);
  return token;
}

/** The valid, unexpired token row for a bearer string, or a Graph 190. */
export function resolveToken(ctx: ModelContext, bearer: string): AccessToken {
  const row = ctx.state.tokens.find((t) => t.token === bearer);
  if (!row) throw oauthError('Invalid OAuth access token - Cannot parse access token', 190);
  if (!row.valid) {
    throw oauthError('Error validating access token: The session has been invalidated.', 190, 460);
  }
  if (new Date(row.expiresAt) <= ctx.now()) {
    throw oauthError('Error validating access token: Session has expired.', 190, 463);
  }
  return row;
}

/** `/debug_token` data for a token (meta-api.md §1.4); invalid tokens report `is_valid: false`. */
export function debugToken(ctx: ModelContext, apps: SandboxApp[], input: string) {
  const row = ctx.state.tokens.find((t) => t.token === input);
  if (!row) throw oauthError('(#100) The parameter input_token is invalid', 100);
  const secs = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);
  const valid = row.valid && new Date(row.expiresAt) > ctx.now();
  return {
    app_id: row.appId,
    type: row.type,
    application: apps.find((a) => a.appId === row.appId)?.name ?? 'Latchkey',
    data_access_expires_at: secs(row.expiresAt) + 30 * 86_400,
    expires_at: secs(row.expiresAt),
    is_valid: valid,
    issued_at: secs(row.issuedAt),
    scopes: row.scopes,
    user_id: row.userId,
    ...(row.pageId === null ? {} : { profile_id: row.pageId }),
  };
}
