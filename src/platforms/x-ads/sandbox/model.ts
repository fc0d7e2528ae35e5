// The X sandbox's state and its rules: X users (an @handle each), ads accounts with the users who
// may reach them and their permission, OAuth 1.0a request and access tokens, and the apps (consumer
// key, secret, whitelisted callbacks). Contract: docs/platforms/x-ads-api.md.
import { randomBytes } from 'node:crypto';

/** The access levels a person can give in ads manager (authenticated_user_access names). */
export const ACCESS_LEVELS = [
  'ACCOUNT_ADMIN',
  'AD_MANAGER',
  'CREATIVE_MANAGER',
  'CAMPAIGN_ANALYST',
  'ANALYST',
] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** An X developer app: its consumer credentials and whitelisted callback URLs. */
export interface XSandboxApp {
  consumerKey: string;
  consumerSecret: string;
  callbacks: string[];
}

export interface XUser {
  id: string;
  handle: string;
  name: string;
}

export interface XAdsAccount {
  id: string;
  name: string;
  /** Who may reach the account, with one access level each (plus the post-composing flag). */
  users: { userId: string; permission: AccessLevel; tweetComposer: boolean }[];
}

export interface XRequestToken {
  token: string;
  secret: string;
  consumerKey: string;
  callback: string;
  expiresAt: string;
  /** Set once the user authorizes the app on the consent page. */
  userId?: string;
  verifier?: string;
}

export interface XAccessToken {
  token: string;
  secret: string;
  consumerKey: string;
  userId: string;
}

export interface XState {
  users: XUser[];
  accounts: XAdsAccount[];
  requestTokens: XRequestToken[];
  accessTokens: XAccessToken[];
}

/** An error the API answers in X's envelope: `{errors:[{code,message}], request}`. */
export class XError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const REQUEST_TOKEN_TTL_MS = 10 * 60 * 1000;
const random = (bytes: number) => randomBytes(bytes).toString('base64url');

/** A handle as typed (`@Name`, `name`) in X's comparison form, or null when it is not one. */
export function normalizeHandle(input: string): string | null {
  const handle = input.trim().replace(/^@/, '');
  return /^[A-Za-z0-9_]{1,15}$/.test(handle) ? handle.toLowerCase() : null;
}

export function findUserByHandle(state: XState, handle: string): XUser | undefined {
  const wanted = normalizeHandle(handle);
  return state.users.find((u) => u.handle.toLowerCase() === wanted);
}

/** Step 1: a request token for an app and one of its whitelisted callbacks. */
export function issueRequestToken(
  state: XState,
  app: XSandboxApp,
  callback: string,
  now: Date,
): XRequestToken {
  if (!app.callbacks.includes(callback))
    throw new XError(403, 'CALLBACK_NOT_APPROVED', 'Callback URL not approved for this client');
  state.requestTokens = state.requestTokens.filter((t) => Date.parse(t.expiresAt) > now.getTime());
  const token: XRequestToken = {
    token: random(20),
    secret: random(24),
    consumerKey: app.consumerKey,
    callback,
    expiresAt: new Date(now.getTime() + REQUEST_TOKEN_TTL_MS).toISOString(),
  };
  state.requestTokens.push(token);
  return token;
}

/** Step 2: the signed-in user authorizes the app; the answer is the verifier for the callback. */
export function authorizeRequestToken(state: XState, token: string, userId: string): XRequestToken {
  const found = state.requestTokens.find((t) => t.token === token);
  if (!found) throw new XError(401, 'INVALID_TOKEN', 'Invalid or expired request token');
  found.userId = userId;
  found.verifier = random(16);
  return found;
}

/** Step 3: the request token (once authorized, once only) for an access token. */
export function exchangeRequestToken(
  state: XState,
  requestToken: XRequestToken,
  verifier: string,
  now: Date,
): { access: XAccessToken; user: XUser } {
  state.requestTokens = state.requestTokens.filter((t) => t.token !== requestToken.token);
  if (Date.parse(requestToken.expiresAt) <= now.getTime())
    throw new XError(401, 'INVALID_TOKEN', 'Request token expired');
  if (requestToken.verifier === undefined || requestToken.verifier !== verifier)
    throw new XError(401, 'INVALID_VERIFIER', 'Invalid oauth_verifier');
  const user = state.users.find((u) => u.id === requestToken.userId);
  if (!user) throw new XError(401, 'INVALID_TOKEN', 'Unknown user');
  const access: XAccessToken = {
    token: `${user.id}-${random(20)}`,
    secret: random(24),
    consumerKey: requestToken.consumerKey,
    userId: user.id,
  };
  state.accessTokens.push(access);
  return { access, user };
}

/** The accounts a user can reach (GET accounts). */
export function accountsOf(state: XState, userId: string): XAdsAccount[] {
  return state.accounts.filter((a) => a.users.some((u) => u.userId === userId));
}

/**
 * The user's permissions on one account (authenticated_user_access): 404 for an unknown account,
 * 403 when the user holds nothing there (the sandbox's reading; docs item 5).
 */
export function accessOf(state: XState, accountId: string, userId: string): string[] {
  const account = state.accounts.find((a) => a.id === accountId);
  if (!account) throw new XError(404, 'NOT_FOUND', `Account ${accountId} was not found`);
  const entry = account.users.find((u) => u.userId === userId);
  if (!entry)
    throw new XError(403, 'UNAUTHORIZED_ACCOUNT_ACCESS', 'User has no access to this account');
  return entry.tweetComposer ? [entry.permission, 'TWEET_COMPOSER'] : [entry.permission];
}

function adminAccount(state: XState, accountId: string, actorId: string): XAdsAccount {
  const account = state.accounts.find((a) => a.id === accountId);
  const actor = account?.users.find((u) => u.userId === actorId);
  if (!account || !actor) throw new XError(404, 'NOT_FOUND', 'Ads account not found');
  if (actor.permission !== 'ACCOUNT_ADMIN')
    throw new XError(403, 'FORBIDDEN', 'Only an account administrator can edit access');
  return account;
}

/** Ads manager's "Add access": an account administrator adds (or changes) a user by @handle. */
export function addAccess(
  state: XState,
  input: { accountId: string; actorId: string; handle: string; permission: AccessLevel },
): XUser {
  const account = adminAccount(state, input.accountId, input.actorId);
  const user = findUserByHandle(state, input.handle);
  if (!user) throw new XError(404, 'USER_NOT_FOUND', `No X account is called @${input.handle}`);
  const existing = account.users.find((u) => u.userId === user.id);
  if (existing) existing.permission = input.permission;
  else account.users.push({ userId: user.id, permission: input.permission, tweetComposer: false });
  return user;
}

/** Ads manager's remove: an administrator removes a user (never the last administrator). */
export function removeAccess(
  state: XState,
  input: { accountId: string; actorId: string; userId: string },
): void {
  const account = adminAccount(state, input.accountId, input.actorId);
  const admins = account.users.filter((u) => u.permission === 'ACCOUNT_ADMIN');
  if (admins.length === 1 && admins[0]?.userId === input.userId)
    throw new XError(409, 'LAST_ADMIN', 'An ads account keeps at least one administrator');
  account.users = account.users.filter((u) => u.userId !== input.userId);
}
