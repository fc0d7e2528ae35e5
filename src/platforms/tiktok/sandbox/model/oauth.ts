import { createHash } from 'node:crypto';
import { reachableAdvertisers } from './access.ts';
import { denyPermission, rejectParam, TikTokCode, TikTokError } from './errors.ts';
import { newSecret, stamp } from './ids.ts';
import { findTokenRecord } from './indexes.ts';
import type { AccessToken, ModelContext } from './types.ts';

/** A registered developer app (the sandbox's app registry). */
export interface SandboxApp {
  appId: string;
  secret: string;
  redirectUris: string[];
}

/** An auth code lives about an hour (tiktok-api.md §1, secondary). */
export const AUTH_CODE_TTL_MS = 60 * 60 * 1000;

/** SHA-256 hex of a token: only hashes are stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Issues a single-use auth code after consent; advertisers must be ones the user reaches. */
export function issueAuthCode(
  ctx: ModelContext,
  input: { appId: string; userId: string; redirectUri: string; advertiserIds: string[] },
): string {
  const reachable = reachableAdvertisers(ctx, input.userId);
  const foreign = input.advertiserIds.find((id) => !reachable.includes(id));
  if (foreign !== undefined) denyPermission(`user cannot authorize advertiser ${foreign}`);
  const code = newSecret(ctx, 20);
  ctx.state.authCodes.push({
    code,
    appId: input.appId,
    userId: input.userId,
    redirectUri: input.redirectUri,
    advertiserIds: [...new Set(input.advertiserIds)],
    expiresAt: new Date(ctx.now().getTime() + AUTH_CODE_TTL_MS).toISOString(),
    used: false,
    issuedTokenHash: null,
  });
  return code;
}

/**
 * Exchanges an auth code for a long-term token. Wrong app or secret: 40001. Unknown, expired or
 * replayed code: 40110 (a replay also revokes the token the code first gave).
 */
export function exchangeAuthCode(
  ctx: ModelContext,
  apps: SandboxApp[],
  input: { appId: string; secret: string; authCode: string },
): { accessToken: string; advertiserIds: string[] } | { refused: TikTokError } {
  const app = apps.find((a) => a.appId === input.appId);
  if (!app || app.secret !== input.secret) denyPermission('app_id or secret is invalid');
  const code = ctx.state.authCodes.find((c) => c.code === input.authCode);
  if (!code || code.appId !== app.appId)
    throw new TikTokError(TikTokCode.authCodeError, 'auth_code is invalid');
  if (code.used) {
    const issued = findTokenRecord(ctx, code.issuedTokenHash);
    if (issued) issued.revoked = true;
    // Returned, not thrown: the revocation must be kept (a throw rolls the model back).
    return {
      refused: new TikTokError(TikTokCode.authCodeError, 'auth_code has already been used'),
    };
  }
  if (new Date(code.expiresAt).getTime() <= ctx.now().getTime()) {
    throw new TikTokError(TikTokCode.authCodeError, 'auth_code has expired');
  }
  const accessToken = newSecret(ctx, 20);
  const record: AccessToken = {
    tokenHash: hashToken(accessToken),
    appId: app.appId,
    userId: code.userId,
    advertiserIds: code.advertiserIds,
    createdAt: stamp(ctx),
    expiresAt: null,
    revoked: false,
  };
  code.used = true;
  code.issuedTokenHash = record.tokenHash;
  ctx.state.tokens.push(record);
  return { accessToken, advertiserIds: [...code.advertiserIds] };
}

/** The record of a raw token: hashed once, then looked up (every API call authenticates). */
function findToken(ctx: ModelContext, token: string): AccessToken | undefined {
  return findTokenRecord(ctx, hashToken(token));
}

/** Resolves the Access-Token header: 40104 when missing, 40105 when unknown/revoked, 40102 expired. */
export function authenticate(ctx: ModelContext, token: string | undefined): AccessToken {
  if (token === undefined || token === '') {
    throw new TikTokError(TikTokCode.emptyAccessToken, 'Access-Token is missing');
  }
  const record = findToken(ctx, token);
  if (!record || record.revoked)
    throw new TikTokError(TikTokCode.invalidAccessToken, 'Access-Token is invalid');
  if (record.expiresAt !== null && new Date(record.expiresAt).getTime() <= ctx.now().getTime()) {
    throw new TikTokError(TikTokCode.accessTokenExpire, 'Access-Token has expired');
  }
  return record;
}

/** Advertisers a token reaches now: those it authorized that its user still reaches. */
export function tokenAdvertisers(ctx: ModelContext, token: AccessToken): string[] {
  const reachable = reachableAdvertisers(ctx, token.userId);
  return token.advertiserIds.filter((id) => reachable.includes(id));
}

/** Revokes a token (oauth2/revoke_token/); the app must own it. */
export function revokeToken(
  ctx: ModelContext,
  apps: SandboxApp[],
  input: { appId: string; secret: string; accessToken: string },
): AccessToken {
  const app = apps.find((a) => a.appId === input.appId);
  if (!app || app.secret !== input.secret) denyPermission('app_id or secret is invalid');
  const record = findToken(ctx, input.accessToken);
  if (!record || record.appId !== app.appId) rejectParam('access_token is invalid');
  record.revoked = true;
  return record;
}

/** Test lever: makes a token expire now (expired tokens answer 40102). */
export function expireToken(ctx: ModelContext, accessToken: string): void {
  const record = findToken(ctx, accessToken);
  if (!record) rejectParam('access_token is invalid');
  record.expiresAt = stamp(ctx);
}
