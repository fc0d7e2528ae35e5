// Authorization codes, PKCE, tokens, refresh and revoke (google-api.md §1; RFC 6749, 7009, 7636).
import { createHash } from 'node:crypto';
import { hashSecret, newSecret, nextId, stamp } from './ids.ts';
import type { AuthCode, ModelContext, TokenRecord } from './types.ts';

/** A registered OAuth client (the sandbox's Cloud console). */
export interface GoogleSandboxApp {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

/** An OAuth error in the token endpoint's shape: {"error","error_description"}. */
export class OAuthError extends Error {
  override readonly name = 'OAuthError';
  constructor(
    readonly httpCode: number,
    readonly error: string,
    readonly description: string,
    /** The state change made before the error stands (a replay's revocation). */
    readonly keepChanges = false,
  ) {
    super(description);
  }
}

/** Codes live 10 minutes here (Google publishes no number in the sources read: a choice). */
export const AUTH_CODE_TTL_MS = 10 * 60 * 1000;
/** Access tokens live an hour (`expires_in` 3599 as Google's token endpoint answers). */
export const ACCESS_TOKEN_TTL_S = 3599;

/** Finds a client by id and secret; a wrong pair is `invalid_client` (401). */
export function authenticateClient(
  apps: GoogleSandboxApp[],
  clientId: string | undefined,
  secret: string | undefined,
): GoogleSandboxApp {
  const app = apps.find((a) => a.clientId === clientId);
  if (!app || app.clientSecret !== secret)
    throw new OAuthError(401, 'invalid_client', 'The OAuth client was not found.');
  return app;
}

/** Issues a single-use code after consent; only the hash is stored. */
export function issueCode(
  ctx: ModelContext,
  input: Omit<AuthCode, 'codeHash' | 'expiresAt' | 'used' | 'grantId'>,
): string {
  const code = newSecret('4/0A');
  ctx.state.authCodes.push({
    ...input,
    codeHash: hashSecret(code),
    expiresAt: new Date(ctx.now().getTime() + AUTH_CODE_TTL_MS).toISOString(),
    used: false,
    grantId: null,
  });
  return code;
}

/** The PKCE check (RFC 7636 §4.6): S256 is base64url(SHA-256(verifier)). */
function verifierMatches(code: AuthCode, verifier: string | undefined): boolean {
  if (code.codeChallenge === null) return true;
  if (verifier === undefined || verifier === '') return false;
  const derived =
    code.codeChallengeMethod === 'plain'
      ? verifier
      : createHash('sha256').update(verifier).digest('base64url');
  return derived === code.codeChallenge;
}

export interface IssuedTokens {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  scope: string;
  token_type: 'Bearer';
}

/** Exchanges a code: replay, expiry, client, redirect_uri and PKCE are all checked. */
export function exchangeCode(
  ctx: ModelContext,
  app: GoogleSandboxApp,
  input: {
    code: string | undefined;
    redirectUri: string | undefined;
    codeVerifier: string | undefined;
  },
): IssuedTokens {
  if (!input.code) throw new OAuthError(400, 'invalid_request', 'Missing required parameter: code');
  const codeHash = hashSecret(input.code);
  const code = ctx.state.authCodes.find((c) => c.codeHash === codeHash);
  if (!code || code.clientId !== app.clientId)
    throw new OAuthError(400, 'invalid_grant', 'Malformed auth code.');
  if (code.used) {
    // RFC 6749 §4.1.2: a replayed code revokes what the code first gave.
    for (const t of ctx.state.tokens) if (t.grantId === code.grantId) t.revoked = true;
    throw new OAuthError(400, 'invalid_grant', 'Bad Request', true);
  }
  if (new Date(code.expiresAt).getTime() <= ctx.now().getTime())
    throw new OAuthError(400, 'invalid_grant', 'Bad Request');
  if (input.redirectUri !== code.redirectUri)
    throw new OAuthError(400, 'redirect_uri_mismatch', 'Bad Request');
  if (!verifierMatches(code, input.codeVerifier)) {
    const missing = input.codeVerifier === undefined || input.codeVerifier === '';
    throw new OAuthError(
      400,
      'invalid_grant',
      missing ? 'Missing code verifier.' : 'Invalid code verifier.',
    );
  }
  code.used = true;
  const grantId = `g${nextId(ctx)}`;
  code.grantId = grantId;
  const base = { grantId, clientId: app.clientId, email: code.email, scopes: code.scopes };
  const access = issueAccess(ctx, base);
  const result: IssuedTokens = {
    access_token: access,
    expires_in: ACCESS_TOKEN_TTL_S,
    scope: code.scopes.join(' '),
    token_type: 'Bearer',
  };
  if (!code.offline) return result;
  const refresh = newSecret('1//0');
  ctx.state.tokens.push({
    ...base,
    tokenHash: hashSecret(refresh),
    kind: 'refresh',
    expiresAt: null,
    revoked: false,
  });
  return { ...result, refresh_token: refresh };
}

function issueAccess(
  ctx: ModelContext,
  base: Pick<TokenRecord, 'grantId' | 'clientId' | 'email' | 'scopes'>,
): string {
  const token = newSecret('ya29.');
  const expiresAt = new Date(ctx.now().getTime() + (ACCESS_TOKEN_TTL_S + 1) * 1000).toISOString();
  ctx.state.tokens.push({
    ...base,
    tokenHash: hashSecret(token),
    kind: 'access',
    expiresAt,
    revoked: false,
  });
  return token;
}

/** The refresh grant: a new access token; Google keeps the same refresh token (no rotation). */
export function refreshAccess(
  ctx: ModelContext,
  app: GoogleSandboxApp,
  refreshToken: string | undefined,
): IssuedTokens {
  if (!refreshToken)
    throw new OAuthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
  const record = findToken(ctx, 'refresh', refreshToken);
  if (!record || record.revoked || record.clientId !== app.clientId) {
    throw new OAuthError(400, 'invalid_grant', 'Token has been expired or revoked.');
  }
  const access = issueAccess(ctx, record);
  return {
    access_token: access,
    expires_in: ACCESS_TOKEN_TTL_S,
    scope: record.scopes.join(' '),
    token_type: 'Bearer',
  };
}

/**
 * RFC 7009 revoke: either token of a grant revokes the whole grant; an unknown, revoked or expired
 * one is `invalid_token` (Google refuses an access token past its hour, so the refresh token is
 * what revokes a grant later).
 */
export function revokeToken(ctx: ModelContext, token: string | undefined): void {
  const tokenHash = token ? hashSecret(token) : undefined;
  const record = ctx.state.tokens.find((t) => t.tokenHash === tokenHash);
  const expired =
    record?.expiresAt != null && new Date(record.expiresAt).getTime() <= ctx.now().getTime();
  if (!record || record.revoked || expired)
    throw new OAuthError(400, 'invalid_token', 'Token expired or revoked');
  for (const t of ctx.state.tokens) if (t.grantId === record.grantId) t.revoked = true;
}

/** The record of a raw token of a kind: hashed once, then compared (every API call looks one up). */
function findToken(
  ctx: ModelContext,
  kind: TokenRecord['kind'],
  token: string,
): TokenRecord | undefined {
  const tokenHash = hashSecret(token);
  return ctx.state.tokens.find((t) => t.kind === kind && t.tokenHash === tokenHash);
}

/** Resolves a bearer token for an API call; null when unknown, revoked or expired. */
export function findAccessToken(ctx: ModelContext, token: string): TokenRecord | null {
  const record = findToken(ctx, 'access', token);
  if (!record || record.revoked) return null;
  if (record.expiresAt !== null && new Date(record.expiresAt).getTime() <= ctx.now().getTime())
    return null;
  return record;
}

/** Test lever: expires every access token of a user now. */
export function expireAccessTokens(ctx: ModelContext, email: string): number {
  let count = 0;
  for (const t of ctx.state.tokens) {
    if (t.kind === 'access' && t.email === email && !t.revoked) {
      t.expiresAt = stamp(ctx);
      count += 1;
    }
  }
  return count;
}
