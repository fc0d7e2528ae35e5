// Merchant API, accounts sub-API: accounts, sub-accounts of an advanced account, and users with
// access rights and a PENDING/VERIFIED state (docs/platforms/merchant-center-api.md).
import { z } from 'zod';
import { fail } from './errors.ts';
import type { GoogleState } from './types.ts';

/** `AccessRight` without ACCESS_RIGHT_UNSPECIFIED ([RPC]). */
export const ACCESS_RIGHTS = [
  'STANDARD',
  'READ_ONLY',
  'ADMIN',
  'PERFORMANCE_REPORTING',
  'API_DEVELOPER',
] as const;
export type MerchantAccessRight = (typeof ACCESS_RIGHTS)[number];
export type MerchantUserState = 'PENDING' | 'VERIFIED';

export interface MerchantAccount {
  accountId: string;
  accountName: string;
  /** The advanced account this one is a sub-account of, if any. */
  aggregatorId: string | null;
  /** Whether the account has a developer registration (API_DEVELOPER may be given). */
  developerRegistered: boolean;
  languageCode: string;
  timeZone: string;
}

export interface MerchantUser {
  accountId: string;
  email: string;
  accessRights: MerchantAccessRight[];
  state: MerchantUserState;
}

export interface MerchantState {
  accounts: MerchantAccount[];
  users: MerchantUser[];
}

const num = z.string().regex(/^\d{1,20}$/, 'numeric ID');
const email = z.email().transform((e) => e.toLowerCase());

/** The `merchant` part of a world file. */
export const MerchantWorldSchema = z
  .object({
    accounts: z
      .array(
        z.object({
          accountId: num,
          accountName: z.string(),
          aggregatorId: num.nullable().default(null),
          developerRegistered: z.boolean().default(false),
          languageCode: z.string().default('en-US'),
          timeZone: z.string().default('America/New_York'),
        }),
      )
      .default([]),
    users: z
      .array(
        z.object({
          accountId: num,
          email,
          accessRights: z.array(z.enum(ACCESS_RIGHTS)).min(1),
          state: z.enum(['PENDING', 'VERIFIED']).default('VERIFIED'),
        }),
      )
      .default([]),
  })
  .default({ accounts: [], users: [] });

/** The Merchant state of a sandbox state; one saved before Merchant existed gets an empty one. */
export function merchantOf(state: GoogleState): MerchantState {
  state.merchant ??= { accounts: [], users: [] };
  return state.merchant;
}

/** What the model functions receive (a ModelContext or the model itself). */
interface Ctx {
  state: GoogleState;
}

const EMAIL = /^[^@\s/\\\0]{1,64}@[^@\s/\\\0]{1,190}\.[^@\s/\\\0]{1,60}$/;

/** A numeric account id from a path, or INVALID_ARGUMENT. */
export function accountIdOf(raw: string | undefined): string {
  if (raw === undefined || !/^\d{1,20}$/.test(raw))
    fail('INVALID_ARGUMENT', `Invalid account name: accounts/${(raw ?? '').slice(0, 40)}`);
  return raw;
}

/** A lower-cased email from a path or query, or INVALID_ARGUMENT. */
export function emailOf(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 254 || !EMAIL.test(raw))
    fail('INVALID_ARGUMENT', 'Invalid user email address.');
  return raw.toLowerCase();
}

export function findAccount(ctx: Ctx, accountId: string): MerchantAccount {
  const account = merchantOf(ctx.state).accounts.find((a) => a.accountId === accountId);
  if (!account) fail('NOT_FOUND', `Account accounts/${accountId} not found.`);
  return account;
}

/** The user record of `email` on the account itself (no inheritance), if any. */
export function userOn(ctx: Ctx, accountId: string, email: string): MerchantUser | undefined {
  return merchantOf(ctx.state).users.find((u) => u.accountId === accountId && u.email === email);
}

/**
 * The rights a caller has on an account: its own verified user there, else its verified user on
 * the advanced account above it (a choice: the docs read do not say how rights carry down).
 */
export function effectiveRights(ctx: Ctx, accountId: string, email: string): MerchantAccessRight[] {
  const own = userOn(ctx, accountId, email);
  if (own?.state === 'VERIFIED') return own.accessRights;
  const aggregator = merchantOf(ctx.state).accounts.find(
    (a) => a.accountId === accountId,
  )?.aggregatorId;
  const parent = aggregator ? userOn(ctx, aggregator, email) : undefined;
  return parent?.state === 'VERIFIED' ? parent.accessRights : [];
}

/** The account must exist and the caller reach it (with ADMIN when `admin`). */
export function requireAccess(ctx: Ctx, accountId: string, caller: string, admin: boolean): void {
  findAccount(ctx, accountId);
  const rights = effectiveRights(ctx, accountId, caller);
  if (rights.length === 0 || (admin && !rights.includes('ADMIN')))
    fail(
      'PERMISSION_DENIED',
      'The caller does not have access to the accounts: [' + accountId + ']',
    );
}

/** Accounts the caller reaches: its own (verified) and their sub-accounts. */
export function accessibleAccounts(ctx: Ctx, caller: string): MerchantAccount[] {
  return merchantOf(ctx.state).accounts.filter(
    (a) => effectiveRights(ctx, a.accountId, caller).length > 0,
  );
}

/** Checks a User body's `accessRights`: a non-empty list of known rights, no duplicates. */
export function checkRights(account: MerchantAccount, raw: unknown): MerchantAccessRight[] {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > ACCESS_RIGHTS.length)
    fail('INVALID_ARGUMENT', 'accessRights must be a non-empty list of access rights.');
  const rights = raw.map((r: unknown) => {
    if (typeof r !== 'string' || !(ACCESS_RIGHTS as readonly string[]).includes(r))
      fail(
        'INVALID_ARGUMENT',
        `Invalid value at 'user.access_rights' (type.googleapis.com/google.shopping.merchant.accounts.v1.AccessRight), ${JSON.stringify(r).slice(0, 60)}`,
      );
    return r as MerchantAccessRight;
  });
  if (new Set(rights).size !== rights.length)
    fail('INVALID_ARGUMENT', 'accessRights must not repeat a right.');
  if (rights.includes('API_DEVELOPER') && !account.developerRegistered)
    fail(
      'FAILED_PRECONDITION',
      'The API_DEVELOPER access right needs a developer registration on the account.',
    );
  return rights;
}

/** Admins left on an account if `except` were removed or lost ADMIN. */
function otherAdmins(ctx: Ctx, accountId: string, except: MerchantUser): number {
  return merchantOf(ctx.state).users.filter(
    (u) => u.accountId === accountId && u !== except && u.accessRights.includes('ADMIN'),
  ).length;
}

/** users.create: ADMIN only; the new user starts PENDING (until it accepts or verifies itself). */
export function createUser(
  ctx: Ctx,
  caller: string,
  accountId: string,
  userId: unknown,
  accessRights: unknown,
): MerchantUser {
  requireAccess(ctx, accountId, caller, true);
  const email = emailOf(userId);
  const rights = checkRights(findAccount(ctx, accountId), accessRights);
  if (userOn(ctx, accountId, email))
    fail('ALREADY_EXISTS', `User accounts/${accountId}/users/${email} already exists.`);
  const user: MerchantUser = { accountId, email, accessRights: rights, state: 'PENDING' };
  merchantOf(ctx.state).users.push(user);
  return user;
}

/** The user a path names (`me` is the caller); reading another user needs ADMIN. */
export function readUser(ctx: Ctx, caller: string, accountId: string, name: string): MerchantUser {
  findAccount(ctx, accountId);
  const email = name === 'me' ? caller : emailOf(name);
  if (email !== caller) requireAccess(ctx, accountId, caller, true);
  const user = userOn(ctx, accountId, email);
  if (!user) {
    if (email === caller) requireAccess(ctx, accountId, caller, false);
    fail('NOT_FOUND', `User accounts/${accountId}/users/${email} not found.`);
  }
  return user;
}

/** users.patch (updateMask `access_rights`): ADMIN only; never leaves the account with no admin. */
export function patchUser(
  ctx: Ctx,
  caller: string,
  accountId: string,
  name: string,
  accessRights: unknown,
): MerchantUser {
  requireAccess(ctx, accountId, caller, true);
  const user = readUser(ctx, caller, accountId, name);
  const rights = checkRights(findAccount(ctx, accountId), accessRights);
  if (
    user.accessRights.includes('ADMIN') &&
    !rights.includes('ADMIN') &&
    otherAdmins(ctx, accountId, user) === 0
  )
    fail('FAILED_PRECONDITION', 'The last admin of an account cannot lose admin access.');
  user.accessRights = rights;
  return user;
}

/** users.delete: ADMIN, or the caller removing itself; never the last admin. */
export function deleteUser(ctx: Ctx, caller: string, accountId: string, name: string): void {
  findAccount(ctx, accountId);
  const email = name === 'me' ? caller : emailOf(name);
  if (email !== caller) requireAccess(ctx, accountId, caller, true);
  const user = userOn(ctx, accountId, email);
  if (!user) {
    if (email === caller) fail('PERMISSION_DENIED', 'The caller is not a user of the account.');
    fail('NOT_FOUND', `User accounts/${accountId}/users/${email} not found.`);
  }
  if (user.accessRights.includes('ADMIN') && otherAdmins(ctx, accountId, user) === 0)
    fail('FAILED_PRECONDITION', 'The last admin of an account cannot be deleted.');
  const state = merchantOf(ctx.state);
  state.users = state.users.filter((u) => u !== user);
}

/** users.me.verifySelf: the caller's own user moves from PENDING to VERIFIED. */
export function verifySelf(ctx: Ctx, caller: string, accountId: string): MerchantUser {
  findAccount(ctx, accountId);
  const user = userOn(ctx, accountId, caller);
  if (!user) fail('NOT_FOUND', `User accounts/${accountId}/users/${caller} not found.`);
  user.state = 'VERIFIED';
  return user;
}

/** JSON form of a User. */
export function presentUser(u: MerchantUser): Record<string, unknown> {
  return {
    name: `accounts/${u.accountId}/users/${u.email}`,
    state: u.state,
    accessRights: [...u.accessRights],
  };
}

/** JSON form of an Account. */
export function presentAccount(a: MerchantAccount): Record<string, unknown> {
  return {
    name: `accounts/${a.accountId}`,
    accountId: a.accountId,
    accountName: a.accountName,
    adultContent: false,
    testAccount: false,
    timeZone: { id: a.timeZone },
    languageCode: a.languageCode,
  };
}
