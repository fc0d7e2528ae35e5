// The Microsoft Advertising sandbox's state and rules (docs/platforms/microsoft-ads-api.md): users
// and their roles per customer, ad accounts, the client link life cycle (§3.3), user invitations
// (§4), and the Microsoft identity platform's codes and tokens (§1).
import { createHash, randomBytes } from 'node:crypto';
import type { ModelCore, TransactionalModel } from '../../sandbox-kit/model.ts';

/** ClientLinkStatus, in the order of the XSD (contract §3.3). */
export const LINK_STATUSES = [
  'LinkPending',
  'LinkCanceled',
  'LinkExpired',
  'LinkAccepted',
  'LinkDeclined',
  'LinkInProgress',
  'Active',
  'LinkFailed',
  'UnlinkRequested',
  'UnlinkPending',
  'UnlinkCanceled',
  'UnlinkInProgress',
  'Inactive',
  'UnlinkFailed',
] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

/** Statuses during which no duplicate link may be added (contract §3.3, the guide's list). */
export const LIVE_STATUSES: readonly LinkStatus[] = [
  'Active',
  'LinkAccepted',
  'LinkInProgress',
  'LinkPending',
  'UnlinkInProgress',
  'UnlinkPending',
];

/** Role ids (contract §2). */
export const SUPER_ADMIN = 41;
export const STANDARD_USER = 203;

export interface SandboxUser {
  id: string;
  name: string;
  email: string;
}
export interface Customer {
  id: string;
  name: string;
  number: string;
  manager: boolean;
}
export interface Account {
  id: string;
  name: string;
  number: string;
  customerId: string;
  currency: string;
  prepaid: boolean;
}
export interface Role {
  userId: string;
  customerId: string;
  roleId: number;
  /** null = every account of the customer. */
  accountIds: string[] | null;
}
export interface Link {
  id: string;
  clientAccountId: string;
  managingCustomerId: string;
  status: LinkStatus;
  name: string;
  note: string | null;
  isBillToClient: boolean;
  suppressNotification: boolean;
  inviterUserId: string | null;
  lastModifiedByUserId: string | null;
  lastModifiedDateTime: string;
  createdDateTime: string;
  /** Changes on every update; an update must carry the one it read (contract unverified 4). */
  timestamp: string;
}
export interface Invitation {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  customerId: string;
  roleId: number;
  accountIds: string[];
  lcid: string;
  expirationDate: string;
  invitedByUserId: string;
}
export interface Code {
  code: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  scope: string;
  codeChallenge: string | null;
  expiresAt: string;
  used: boolean;
}
export interface Token {
  /** sha256 of the token: the token itself is never stored. */
  hash: string;
  kind: 'access' | 'refresh';
  clientId: string;
  userId: string;
  scope: string;
  expiresAt: string;
  revoked: boolean;
}
export interface SandboxState {
  users: SandboxUser[];
  customers: Customer[];
  accounts: Account[];
  roles: Role[];
  links: Link[];
  invitations: Invitation[];
  codes: Code[];
  tokens: Token[];
  nextId: number;
}

export type MsModel = TransactionalModel<SandboxState>;
type Ctx = ModelCore<SandboxState>;

/** One error of a fault: `Code`, `Message`, and the symbolic name where the table has one. */
export class MsError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly status: number,
    readonly symbolic: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const errors = {
  internal: () => new MsError(0, 'An unidentified error has occurred.', 500, 'InternalError'),
  nullRequest: (detail: string) =>
    new MsError(100, `The request message is null. ${detail}`.trim(), 400, 'NullRequest'),
  invalidCredentials: () => new MsError(105, 'Authentication failed.', 401, 'InvalidCredentials'),
  notAuthorized: () =>
    new MsError(
      106,
      'The user is not authorized to perform this action.',
      403,
      'UserIsNotAuthorized',
    ),
  tokenExpired: () =>
    new MsError(
      109,
      'Authentication token expired. Please renew it or obtain a new token.',
      401,
      'AuthenticationTokenExpired',
    ),
  missingHeaders: () =>
    new MsError(
      116,
      'One or more required header elements are missing from the request.',
      400,
      'RequestMissingHeaders',
    ),
  callRate: (retryAfterMs: number) =>
    new MsError(
      117,
      'You have exceeded the number of calls that you are allowed to make in a minute. Please reduce the number of calls that you make per minute.',
      429,
      'CallRateExceeded',
      { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
    ),
  invalidAccount: () => new MsError(208, 'The account is not valid.', 400, 'InvalidAccount'),
  linkInTransition: () =>
    new MsError(
      1472,
      'You cannot get, delete, or update an account that is being linked or unlinked.',
      400,
    ),
};

/** A per-link refusal inside a 200 answer's PartialErrors (contract §0 "Faults"). */
export interface PartialError {
  Code: number;
  Details: string | null;
  Message: string;
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

function newId(ctx: Ctx): string {
  ctx.state.nextId += 1;
  return String(ctx.state.nextId);
}

// ---- who may do what -------------------------------------------------------------------------

/** The user's roles. */
export const rolesOf = (state: SandboxState, userId: string) =>
  state.roles.filter((r) => r.userId === userId);

/** Whether the user holds one of `roleIds` on the customer (for every account). */
export function hasCustomerRole(
  state: SandboxState,
  userId: string,
  customerId: string,
  roleIds: readonly number[],
): boolean {
  return rolesOf(state, userId).some(
    (r) => r.customerId === customerId && r.accountIds === null && roleIds.includes(r.roleId),
  );
}

/** Whether the user holds one of `roleIds` over the account (its customer's role, or listed). */
export function hasAccountRole(
  state: SandboxState,
  userId: string,
  account: Account,
  roleIds: readonly number[],
): boolean {
  return rolesOf(state, userId).some(
    (r) =>
      r.customerId === account.customerId &&
      roleIds.includes(r.roleId) &&
      (r.accountIds === null || r.accountIds.includes(account.id)),
  );
}

/** Accounts the user reaches directly (through the owning customer's roles). */
export function ownAccounts(state: SandboxState, userId: string): Account[] {
  return state.accounts.filter((a) =>
    hasAccountRole(state, userId, a, [16, 33, SUPER_ADMIN, 100, STANDARD_USER]),
  );
}

/** Accounts linked (Active) to a managing customer. */
export function linkedAccounts(state: SandboxState, customerId: string): Account[] {
  const ids = state.links
    .filter((l) => l.managingCustomerId === customerId && l.status === 'Active')
    .map((l) => l.clientAccountId);
  return state.accounts.filter((a) => ids.includes(a.id));
}

// ---- the link life cycle ---------------------------------------------------------------------

/** The service's own transitions, made when time has passed (contract §3.3, unverified 8). */
export function settleLinks(ctx: Ctx, transitionMs: number): void {
  const now = ctx.now().getTime();
  const t = ctx.now().toISOString();
  for (const link of ctx.state.links) {
    const since = now - new Date(link.lastModifiedDateTime).getTime();
    const move = (status: LinkStatus) => {
      link.status = status;
      link.lastModifiedDateTime = t;
      link.timestamp = randomBytes(6).toString('base64');
    };
    if (link.status === 'LinkPending' && since >= 30 * 24 * 3600_000) move('LinkExpired');
    else if (link.status === 'LinkInProgress' && since >= transitionMs) move('Active');
    else if (link.status === 'UnlinkPending' && since >= transitionMs) {
      move('UnlinkInProgress');
      if (transitionMs === 0) move('Inactive');
    } else if (link.status === 'UnlinkInProgress' && since >= transitionMs) move('Inactive');
  }
}

/** The ClientLink object as the API answers it (contract §3.1). */
export function presentLink(state: SandboxState, link: Link): Record<string, unknown> {
  const account = state.accounts.find((a) => a.id === link.clientAccountId);
  const managing = state.customers.find((c) => c.id === link.managingCustomerId);
  const clientCustomer = state.customers.find((c) => c.id === account?.customerId);
  const inviter = state.users.find((u) => u.id === link.inviterUserId);
  return {
    Type: 'AccountLink',
    ClientEntityId: link.clientAccountId,
    ClientEntityNumber: account?.number ?? null,
    ClientEntityName: account?.name ?? null,
    ClientEntityCustomerNumber: clientCustomer?.number ?? null,
    ManagingCustomerId: link.managingCustomerId,
    ManagingCustomerNumber: managing?.number ?? null,
    ManagingCustomerName: managing?.name ?? null,
    Note: link.note,
    Name: link.name,
    InviterEmail: inviter?.email ?? null,
    InviterName: inviter?.name ?? null,
    InviterPhone: null,
    IsBillToClient: link.isBillToClient,
    StartDate: null,
    Status: link.status,
    SuppressNotification: link.suppressNotification,
    LastModifiedDateTime: link.lastModifiedDateTime,
    LastModifiedByUserId: link.lastModifiedByUserId,
    Timestamp: link.timestamp,
    ForwardCompatibilityMap: [],
    CustomerLinkPermission: null,
  };
}

/** What the caller sent for one link (ids as strings). */
export interface LinkInput {
  type: string | null;
  clientEntityId: string | null;
  managingCustomerId: string | null;
  status: string | null;
  isBillToClient: boolean | null;
  name: string | null;
  note: string | null;
  suppressNotification: boolean;
  timestamp: string | null;
}

const partial = (code: number, message: string, details: string | null = null): PartialError => ({
  Code: code,
  Details: details,
  Message: message,
});

/** AddClientLinks for one link: a PartialError, or null when the link was added as LinkPending. */
export function addLink(ctx: Ctx, userId: string, input: LinkInput): PartialError | null {
  const s = ctx.state;
  if (input.type !== null && input.type !== 'AccountLink')
    return partial(106, 'Only AccountLink client links are supported by this sandbox.');
  if (input.status !== null) return partial(100, 'Status cannot be set when adding a client link.');
  if (input.clientEntityId === null || input.managingCustomerId === null)
    return partial(100, 'ClientEntityId and ManagingCustomerId are required.');
  if (input.isBillToClient === null)
    return partial(100, 'IsBillToClient is required for advertiser account client links.');
  if (input.name !== null && input.name.length > 40)
    return partial(100, 'The client link name can contain a maximum of 40 characters.');
  const managing = s.customers.find((c) => c.id === input.managingCustomerId);
  if (!managing || !hasCustomerRole(s, userId, managing.id, [SUPER_ADMIN, STANDARD_USER]))
    return partial(106, errors.notAuthorized().message);
  const account = s.accounts.find((a) => a.id === input.clientEntityId);
  if (!account) return partial(208, errors.invalidAccount().message);
  if (account.customerId === managing.id)
    return partial(208, 'The account already belongs to the managing customer.');
  if (account.prepaid)
    return partial(
      208,
      'Prepaid accounts are not supported for management by agencies.',
      'The client account must have a valid payment instrument set up for post-pay billing.',
    );
  const live = s.links.find(
    (l) =>
      l.clientAccountId === account.id &&
      l.managingCustomerId === managing.id &&
      LIVE_STATUSES.includes(l.status),
  );
  if (live) return partial(0, 'A client link to this account already exists.', live.status);
  const t = ctx.now().toISOString();
  s.links.push({
    id: newId(ctx),
    clientAccountId: account.id,
    managingCustomerId: managing.id,
    status: 'LinkPending',
    name: input.name ?? `${managing.name} - ${account.name}`.slice(0, 40),
    note: input.note,
    isBillToClient: input.isBillToClient,
    suppressNotification: input.suppressNotification,
    inviterUserId: userId,
    lastModifiedByUserId: userId,
    lastModifiedDateTime: t,
    createdDateTime: t,
    timestamp: randomBytes(6).toString('base64'),
  });
  return null;
}

/**
 * UpdateClientLinks for one link (contract §3.3): the client's side may set LinkAccepted or
 * LinkDeclined on a pending link; the agency's side LinkCanceled on a pending link and
 * UnlinkRequested on an active one. Ended links cannot be updated; links in transition answer 1472.
 */
export function updateLink(ctx: Ctx, userId: string, input: LinkInput): PartialError | null {
  const s = ctx.state;
  if (input.clientEntityId === null || input.managingCustomerId === null || input.status === null)
    return partial(100, 'ClientEntityId, ManagingCustomerId and Status are required.');
  const candidates = s.links.filter(
    (l) =>
      l.clientAccountId === input.clientEntityId &&
      l.managingCustomerId === input.managingCustomerId,
  );
  const link = candidates.find((l) => LIVE_STATUSES.includes(l.status)) ?? candidates.at(-1);
  const account = s.accounts.find((a) => a.id === input.clientEntityId);
  if (!link || !account) return partial(208, errors.invalidAccount().message);
  const agency = hasCustomerRole(s, userId, link.managingCustomerId, [SUPER_ADMIN, STANDARD_USER]);
  const client = hasAccountRole(s, userId, account, [SUPER_ADMIN, STANDARD_USER]);
  if (!agency && !client) return partial(106, errors.notAuthorized().message);
  if (
    link.status === 'LinkInProgress' ||
    link.status === 'UnlinkInProgress' ||
    link.status === 'UnlinkPending'
  )
    return partial(1472, errors.linkInTransition().message, link.status);
  const to = input.status;
  let next: LinkStatus | null = null;
  if (client && link.status === 'LinkPending' && to === 'LinkAccepted') next = 'LinkInProgress';
  else if (client && link.status === 'LinkPending' && to === 'LinkDeclined') next = 'LinkDeclined';
  else if (agency && link.status === 'LinkPending' && to === 'LinkCanceled') next = 'LinkCanceled';
  else if (agency && link.status === 'Active' && to === 'UnlinkRequested') next = 'UnlinkPending';
  if (next === null)
    return partial(
      106,
      `The status cannot change from ${link.status} to ${to} by this user.`,
      link.status,
    );
  if (input.timestamp !== null && input.timestamp !== link.timestamp)
    return partial(0, 'The client link has changed since it was read.', 'Timestamp');
  link.status = next;
  link.lastModifiedByUserId = userId;
  link.lastModifiedDateTime = ctx.now().toISOString();
  link.timestamp = randomBytes(6).toString('base64');
  if (input.note !== null) link.note = input.note;
  return null;
}

/** Links the user may see: those of customers they manage, or to accounts they reach. */
export function visibleLinks(state: SandboxState, userId: string): Link[] {
  return state.links.filter((l) => {
    if (hasCustomerRole(state, userId, l.managingCustomerId, [SUPER_ADMIN, STANDARD_USER]))
      return true;
    const account = state.accounts.find((a) => a.id === l.clientAccountId);
    return (
      account !== undefined && hasAccountRole(state, userId, account, [SUPER_ADMIN, STANDARD_USER])
    );
  });
}

// ---- OAuth -------------------------------------------------------------------------------------

export const CODE_TTL_MS = 5 * 60_000;
export const ACCESS_TTL_S = 3600;
export const REFRESH_TTL_MS = 90 * 24 * 3600_000;

export function issueCode(ctx: Ctx, input: Omit<Code, 'code' | 'expiresAt' | 'used'>): string {
  const code = `M.C5${randomBytes(24).toString('base64url')}`;
  const expiresAt = new Date(ctx.now().getTime() + CODE_TTL_MS).toISOString();
  ctx.state.codes.push({ ...input, code, expiresAt, used: false });
  return code;
}

/** Issues an access token and a refresh token; only their hashes are kept. */
export function issueTokens(
  ctx: Ctx,
  clientId: string,
  userId: string,
  scope: string,
): { access: string; refresh: string } {
  const access = `EwB${randomBytes(32).toString('base64url')}`;
  const refresh = `M.R3${randomBytes(32).toString('base64url')}`;
  const now = ctx.now().getTime();
  const base = { clientId, userId, scope, revoked: false };
  ctx.state.tokens.push(
    {
      ...base,
      hash: sha256(access),
      kind: 'access',
      expiresAt: new Date(now + ACCESS_TTL_S * 1000).toISOString(),
    },
    {
      ...base,
      hash: sha256(refresh),
      kind: 'refresh',
      expiresAt: new Date(now + REFRESH_TTL_MS).toISOString(),
    },
  );
  return { access, refresh };
}

/** The user behind an access token, or the fault the API answers (105 unknown, 109 expired). */
export function userOfAccessToken(state: SandboxState, now: Date, token: string): SandboxUser {
  const row = state.tokens.find((t) => t.kind === 'access' && t.hash === sha256(token));
  if (!row || row.revoked) throw errors.invalidCredentials();
  if (new Date(row.expiresAt) <= now) throw errors.tokenExpired();
  const user = state.users.find((u) => u.id === row.userId);
  if (!user) throw errors.invalidCredentials();
  return user;
}
