// The LinkedIn sandbox's state and its rules: who holds which role on an ad account or Company
// Page, who may change that, and the OAuth codes and tokens. Contract: docs/platforms/linkedin-api.md.
import { randomBytes } from 'node:crypto';
import type { TransactionalModel } from '../../sandbox-kit/model.ts';

/** Ad account roles, lowest privilege first (linkedin-api.md §3). */
export const ACCOUNT_ROLES = [
  'VIEWER',
  'CREATIVE_MANAGER',
  'CAMPAIGN_MANAGER',
  'ACCOUNT_MANAGER',
  'ACCOUNT_BILLING_ADMIN',
] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** Company Page roles (linkedin-api.md §4). */
export const ORG_ROLES = [
  'ADMINISTRATOR',
  'DIRECT_SPONSORED_CONTENT_POSTER',
  'RECRUITING_POSTER',
  'LEAD_CAPTURE_ADMINISTRATOR',
  'LEAD_GEN_FORMS_MANAGER',
  'ANALYST',
  'CURATOR',
  'CONTENT_ADMINISTRATOR',
] as const;
export type OrgRole = (typeof ORG_ROLES)[number];
export const ORG_STATES = ['APPROVED', 'REJECTED', 'REQUESTED', 'REVOKED'] as const;
export type OrgState = (typeof ORG_STATES)[number];

/** Roles that may add, change and remove the people of an ad account (linkedin-api.md item 3). */
export const MANAGING_ROLES: readonly AccountRole[] = ['ACCOUNT_MANAGER', 'ACCOUNT_BILLING_ADMIN'];

export interface Member {
  id: string;
  name: string;
  email: string;
}
export interface Organization {
  id: number;
  name: string;
  vanityName: string;
}
export interface OrgAcl {
  organization: number;
  member: string;
  role: OrgRole;
  state: OrgState;
}
export interface AdAccount {
  id: number;
  name: string;
  organization: number;
  currency: string;
  status: 'ACTIVE' | 'DRAFT' | 'CANCELED';
}
export interface AdAccountUser {
  account: number;
  member: string;
  role: AccountRole;
  created: number;
  lastModified: number;
}
export interface AuthCode {
  code: string;
  clientId: string;
  member: string;
  redirectUri: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}
export interface AccessToken {
  token: string;
  clientId: string;
  member: string;
  scopes: string[];
  expiresAt: number;
}

/**
 * A refresh token. LinkedIn gives them only to approved partner apps ("programmatic refresh
 * tokens", linkedin-api.md §1); the sandbox treats every app as one, so refresh can be exercised.
 */
export interface RefreshToken {
  token: string;
  clientId: string;
  member: string;
  scopes: string[];
  expiresAt: number;
}

export interface LinkedInState {
  members: Member[];
  organizations: Organization[];
  organizationAcls: OrgAcl[];
  adAccounts: AdAccount[];
  adAccountUsers: AdAccountUser[];
  codes: AuthCode[];
  tokens: AccessToken[];
  /** Absent in state files written before the sandbox issued refresh tokens. */
  refreshTokens?: RefreshToken[];
}

/** A rule of the platform refused the call; the API turns it into LinkedIn's error body. */
export class LinkedInRuleError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 426 | 429 | 500,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export type LinkedInModel = TransactionalModel<LinkedInState>;

/** Access tokens live 60 days on LinkedIn (expires_in 5184000, linkedin-api.md §1). */
export const TOKEN_LIFETIME_S = 5_184_000;

/** A refresh token lives a year and is not extended by using it (linkedin-api.md §1). */
export const REFRESH_TOKEN_LIFETIME_S = 31_536_000;

/** A fresh opaque secret for codes and tokens. */
export const secret = (bytes = 24) => randomBytes(bytes).toString('base64url');

/** The role a member holds on an ad account, if any. */
export function accountRoleOf(
  state: LinkedInState,
  account: number,
  member: string,
): AccountRole | undefined {
  return state.adAccountUsers.find((u) => u.account === account && u.member === member)?.role;
}

/** Whether a member may change who has access to an ad account. */
export function canManageAccount(state: LinkedInState, account: number, member: string): boolean {
  const role = accountRoleOf(state, account, member);
  return role !== undefined && MANAGING_ROLES.includes(role);
}

/**
 * Creates or replaces the role of `user` on `account` by `actor` (PUT upsert). Returns whether the
 * row was created. Rules: the actor manages the account; billing admin is not assignable here.
 */
export function upsertAccountUser(
  model: LinkedInModel,
  input: { actor: string; account: number; user: string; role: AccountRole },
): { created: boolean } {
  return model.mutate(({ state, now }) => {
    if (!state.adAccounts.some((a) => a.id === input.account))
      throw new LinkedInRuleError(404, 'NOT_FOUND', `Ad account ${input.account} does not exist`);
    if (!canManageAccount(state, input.account, input.actor))
      throw new LinkedInRuleError(
        403,
        'ACCESS_DENIED',
        'Not enough permissions to manage users of this ad account',
      );
    if (!state.members.some((m) => m.id === input.user))
      throw new LinkedInRuleError(
        400,
        'ILLEGAL_ARGUMENT',
        `Unknown member urn:li:person:${input.user}`,
      );
    if (input.role === 'ACCOUNT_BILLING_ADMIN')
      throw new LinkedInRuleError(
        400,
        'ILLEGAL_ARGUMENT',
        'ACCOUNT_BILLING_ADMIN cannot be assigned through the API',
      );
    const row = state.adAccountUsers.find(
      (u) => u.account === input.account && u.member === input.user,
    );
    const at = now().getTime();
    if (row) {
      if (row.role === 'ACCOUNT_BILLING_ADMIN')
        throw new LinkedInRuleError(
          400,
          'ILLEGAL_ARGUMENT',
          'The billing admin role cannot be replaced',
        );
      row.role = input.role;
      row.lastModified = at;
      return { created: false };
    }
    state.adAccountUsers.push({
      account: input.account,
      member: input.user,
      role: input.role,
      created: at,
      lastModified: at,
    });
    return { created: true };
  });
}

/** Removes `user` from `account`: by a managing actor, or by the user themselves. */
export function deleteAccountUser(
  model: LinkedInModel,
  input: { actor: string; account: number; user: string },
): void {
  model.mutate(({ state }) => {
    const index = state.adAccountUsers.findIndex(
      (u) => u.account === input.account && u.member === input.user,
    );
    const self = input.actor === input.user;
    if (!self && !canManageAccount(state, input.account, input.actor))
      throw new LinkedInRuleError(403, 'ACCESS_DENIED', 'Not enough permissions to remove users');
    if (index < 0) throw new LinkedInRuleError(404, 'NOT_FOUND', 'No such ad account user');
    if (state.adAccountUsers[index]?.role === 'ACCOUNT_BILLING_ADMIN')
      throw new LinkedInRuleError(400, 'ILLEGAL_ARGUMENT', 'The billing admin cannot be removed');
    state.adAccountUsers.splice(index, 1);
  });
}

/** Whether a member is an approved ADMINISTRATOR of a Company Page. */
export function isPageAdmin(state: LinkedInState, organization: number, member: string): boolean {
  return state.organizationAcls.some(
    (a) =>
      a.organization === organization &&
      a.member === member &&
      a.role === 'ADMINISTRATOR' &&
      a.state === 'APPROVED',
  );
}

/** Page admin view: an ADMINISTRATOR adds (or re-approves) a member as ADMINISTRATOR. */
export function addPageAdmin(
  model: LinkedInModel,
  input: { actor: string; organization: number; member: string },
): void {
  model.mutate(({ state }) => {
    if (!isPageAdmin(state, input.organization, input.actor))
      throw new LinkedInRuleError(403, 'ACCESS_DENIED', 'Only a Page admin can add admins');
    if (!state.members.some((m) => m.id === input.member))
      throw new LinkedInRuleError(404, 'NOT_FOUND', 'No such member');
    const row = state.organizationAcls.find(
      (a) =>
        a.organization === input.organization &&
        a.member === input.member &&
        a.role === 'ADMINISTRATOR',
    );
    if (row) row.state = 'APPROVED';
    else
      state.organizationAcls.push({
        organization: input.organization,
        member: input.member,
        role: 'ADMINISTRATOR',
        state: 'APPROVED',
      });
  });
}

/** Page admin view: an ADMINISTRATOR removes a member's roles (the row turns REVOKED). */
export function removePageAdmin(
  model: LinkedInModel,
  input: { actor: string; organization: number; member: string },
): void {
  model.mutate(({ state }) => {
    const self = input.actor === input.member;
    if (!self && !isPageAdmin(state, input.organization, input.actor))
      throw new LinkedInRuleError(403, 'ACCESS_DENIED', 'Only a Page admin can remove admins');
    const admins = state.organizationAcls.filter(
      (a) =>
        a.organization === input.organization &&
        a.role === 'ADMINISTRATOR' &&
        a.state === 'APPROVED',
    );
    if (admins.length === 1 && admins[0]?.member === input.member)
      throw new LinkedInRuleError(400, 'ILLEGAL_ARGUMENT', 'A Page keeps at least one admin');
    for (const a of state.organizationAcls) {
      if (a.organization === input.organization && a.member === input.member) a.state = 'REVOKED';
    }
  });
}
