// Business Profile (My Business Account Management API v1, and the Business Information API's
// locations list): accounts, locations, admins and the invitations a pending admin entry is
// (docs/platforms/business-profile-api.md). Where Google's reference is silent the rule here is a
// choice, named in docs/platforms/business-profile.md.
import { fail } from './errors.ts';
import { nextId } from './ids.ts';
import type {
  BpAccount,
  BpAdmin,
  BpLocation,
  BpRole,
  BusinessProfileState,
  ModelContext,
} from './types.ts';

/** Roles, lowest first ([REF] AdminRole). */
export const BP_ROLES: readonly BpRole[] = ['SITE_MANAGER', 'MANAGER', 'OWNER', 'PRIMARY_OWNER'];
const rank = (role: BpRole | undefined): number => (role ? BP_ROLES.indexOf(role) : -1);

type Ctx = ModelContext;

/** The Business Profile state (an older data file without one reads as empty). */
export function bp(ctx: Ctx): BusinessProfileState {
  ctx.state.businessProfile ??= { accounts: [], locations: [], admins: [] };
  return ctx.state.businessProfile;
}

const ACCOUNT = /^accounts\/(\d{1,20})$/;
const LOCATION = /^locations\/(\d{1,20})$/;

/** The PERSONAL account of a user, if there is one. */
export function personalAccount(ctx: Ctx, email: string): BpAccount | undefined {
  return bp(ctx).accounts.find((a) => a.type === 'PERSONAL' && a.email === email);
}

/** Location groups the user administers (an accepted admin entry on the group). */
function groupsOf(ctx: Ctx, email: string): string[] {
  return bp(ctx)
    .admins.filter((a) => !a.pending && a.email === email && ACCOUNT.test(a.parent))
    .map((a) => a.parent);
}

/** The caller's role on an account: its own PERSONAL account, or an accepted admin entry. */
export function accountRole(ctx: Ctx, email: string, name: string): BpRole | undefined {
  const id = ACCOUNT.exec(name)?.[1];
  const account = bp(ctx).accounts.find((a) => a.accountId === id);
  if (!account) return undefined;
  if (account.type === 'PERSONAL') return account.email === email ? 'PRIMARY_OWNER' : undefined;
  return bp(ctx).admins.find((a) => !a.pending && a.parent === name && a.email === email)?.role;
}

/**
 * The caller's role on a location: the best of its direct admin entry, an entry of a group the
 * caller administers, and its role on the account the location lives in.
 */
export function locationRole(ctx: Ctx, email: string, location: BpLocation): BpRole | undefined {
  const name = `locations/${location.locationId}`;
  const groups = groupsOf(ctx, email);
  const roles: (BpRole | undefined)[] = [
    accountRole(ctx, email, `accounts/${location.accountId}`),
    ...bp(ctx)
      .admins.filter(
        (a) =>
          !a.pending &&
          a.parent === name &&
          (a.email === email || (a.account !== undefined && groups.includes(a.account))),
      )
      .map((a) => a.role),
  ];
  return roles.sort((a, b) => rank(b) - rank(a))[0];
}

/** The role on a parent (`accounts/{a}` or `locations/{l}`), after checking it exists. */
export function roleOn(ctx: Ctx, email: string, parent: string): BpRole | undefined {
  if (ACCOUNT.test(parent)) {
    const id = ACCOUNT.exec(parent)?.[1];
    if (!bp(ctx).accounts.some((a) => a.accountId === id))
      fail('NOT_FOUND', 'Requested entity was not found.');
    return accountRole(ctx, email, parent);
  }
  const id = LOCATION.exec(parent)?.[1];
  if (id === undefined) fail('INVALID_ARGUMENT', `Invalid resource name: ${parent.slice(0, 200)}`);
  const location = bp(ctx).locations.find((l) => l.locationId === id);
  if (!location) fail('NOT_FOUND', 'Requested entity was not found.');
  return locationRole(ctx, email, location);
}

/** Reading admins needs any role; changing them needs OWNER or PRIMARY_OWNER (choices). */
function requireRole(ctx: Ctx, email: string, parent: string, least: BpRole): void {
  if (rank(roleOn(ctx, email, parent)) < rank(least))
    fail('PERMISSION_DENIED', 'The caller does not have permission');
}

/** Every account the caller sees: its PERSONAL account first ([TY]), then its groups. */
export function listAccounts(ctx: Ctx, email: string, filter: unknown): BpAccount[] {
  let type: string | undefined;
  if (filter !== undefined && filter !== '') {
    const m = typeof filter === 'string' ? /^type\s*=\s*([A-Z_]{1,40})$/.exec(filter) : null;
    if (!m) fail('INVALID_ARGUMENT', 'Invalid filter: only type=<AccountType> is supported.');
    type = m[1];
  }
  const personal = personalAccount(ctx, email);
  const groups = groupsOf(ctx, email).flatMap((name) =>
    bp(ctx).accounts.filter((a) => `accounts/${a.accountId}` === name),
  );
  return [...(personal ? [personal] : []), ...groups].filter(
    (a) => type === undefined || a.type === type,
  );
}

/** The JSON form of an account for a caller ([TY] Schema$Account). */
export function presentAccount(ctx: Ctx, email: string, a: BpAccount): Record<string, unknown> {
  const role = accountRole(ctx, email, `accounts/${a.accountId}`);
  return {
    name: `accounts/${a.accountId}`,
    accountName: a.accountName,
    type: a.type,
    ...(role ? { role } : {}),
    verificationState: 'VERIFIED',
    vettedState: 'NOT_VETTED',
  };
}

/** One account the caller may see, or PERMISSION_DENIED / NOT_FOUND. */
export function getAccount(ctx: Ctx, email: string, name: string): BpAccount {
  if (!ACCOUNT.test(name)) fail('INVALID_ARGUMENT', 'Invalid resource name.');
  if (roleOn(ctx, email, name) === undefined)
    fail('PERMISSION_DENIED', 'The caller does not have permission');
  return bp(ctx).accounts.find((a) => `accounts/${a.accountId}` === name) as BpAccount;
}

/**
 * Locations of an account the caller sees (Business Information API): every location of an
 * account it holds a role on; for its own PERSONAL account also the locations it is a direct
 * admin of (a choice: unverified).
 */
export function listLocations(ctx: Ctx, email: string, accountName: string): BpLocation[] {
  const account = getAccount(ctx, email, accountName);
  return bp(ctx).locations.filter(
    (l) =>
      l.accountId === account.accountId ||
      (account.type === 'PERSONAL' &&
        bp(ctx).admins.some(
          (a) => !a.pending && a.email === email && a.parent === `locations/${l.locationId}`,
        )),
  );
}

/** One location the caller holds a role on. */
export function getLocation(ctx: Ctx, email: string, name: string): BpLocation {
  if (roleOn(ctx, email, name) === undefined)
    fail('PERMISSION_DENIED', 'The caller does not have permission');
  return bp(ctx).locations.find((l) => `locations/${l.locationId}` === name) as BpLocation;
}

/** The JSON form of a location for a readMask ("name,title"); unknown mask fields are 400. */
export function presentLocation(l: BpLocation, readMask: unknown): Record<string, unknown> {
  if (typeof readMask !== 'string' || readMask.trim() === '')
    fail('INVALID_ARGUMENT', 'Request contains an invalid argument. read_mask is required.');
  const fields = readMask.split(',').map((f) => f.trim());
  const all: Record<string, unknown> = {
    name: `locations/${l.locationId}`,
    title: l.title,
    ...(l.address !== undefined ? { storefrontAddress: { addressLines: [l.address] } } : {}),
  };
  const known = ['name', 'title', 'storefrontAddress'];
  const bad = fields.find((f) => !known.includes(f));
  if (bad !== undefined) fail('INVALID_ARGUMENT', `Invalid field mask path: ${bad.slice(0, 100)}`);
  return Object.fromEntries(fields.filter((f) => f in all).map((f) => [f, all[f]]));
}

/** The JSON form of an admin: the email while pending, else the person's name ([REF]). */
export function presentAdmin(ctx: Ctx, a: BpAdmin): Record<string, unknown> {
  const person =
    a.email === undefined
      ? undefined
      : a.pending
        ? a.email
        : (ctx.state.users.find((u) => u.email === a.email)?.name ?? a.email);
  const group =
    a.account === undefined
      ? undefined
      : bp(ctx).accounts.find((g) => `accounts/${g.accountId}` === a.account)?.accountName;
  return {
    name: `${a.parent}/admins/${a.adminId}`,
    ...(person !== undefined ? { admin: person } : group !== undefined ? { admin: group } : {}),
    ...(a.account !== undefined ? { account: a.account } : {}),
    role: a.role,
    ...(a.pending ? { pendingInvitation: true } : {}),
  };
}

/** The admins of a parent, for a caller holding any role on it. */
export function listAdmins(ctx: Ctx, email: string, parent: string): BpAdmin[] {
  requireRole(ctx, email, parent, 'SITE_MANAGER');
  return bp(ctx).admins.filter((a) => a.parent === parent);
}

function checkRole(role: unknown, parent: string): BpRole {
  if (role === 'PRIMARY_OWNER')
    fail('INVALID_ARGUMENT', 'PRIMARY_OWNER cannot be invited; ownership is transferred instead.');
  if (role !== 'OWNER' && role !== 'MANAGER' && role !== 'SITE_MANAGER')
    fail('INVALID_ARGUMENT', 'Request contains an invalid argument. role is invalid.');
  if (role === 'SITE_MANAGER' && ACCOUNT.test(parent))
    fail('INVALID_ARGUMENT', 'An account admin cannot have the SITE_MANAGER role.');
  return role;
}

/** Invites a person (admin: email) or a location group (account; wins over admin, [TY]). */
export function createAdmin(
  ctx: Ctx,
  caller: string,
  parent: string,
  body: Record<string, unknown>,
): BpAdmin {
  requireRole(ctx, caller, parent, 'OWNER');
  const role = checkRole(body.role, parent);
  let invitee: { email?: string; account?: string };
  if (body.account !== undefined) {
    const group =
      typeof body.account === 'string'
        ? bp(ctx).accounts.find(
            (a) => `accounts/${a.accountId}` === body.account && a.type === 'LOCATION_GROUP',
          )
        : undefined;
    if (!group) fail('INVALID_ARGUMENT', 'account must name an existing location group.');
    if (!LOCATION.test(parent))
      fail('INVALID_ARGUMENT', 'Only a location can have a location group as admin.');
    invitee = { account: `accounts/${group.accountId}` };
  } else {
    const email = typeof body.admin === 'string' ? body.admin.trim().toLowerCase() : '';
    if (!/^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s]{1,63}$/.test(email))
      fail('INVALID_ARGUMENT', 'admin must be the email address of a Google account.');
    if (!ctx.state.users.some((u) => u.email === email))
      fail('INVALID_ARGUMENT', 'The email address is not associated with a Google account.');
    invitee = { email };
  }
  const existing = bp(ctx).admins.find(
    (a) =>
      a.parent === parent &&
      ((invitee.email !== undefined && a.email === invitee.email) ||
        (invitee.account !== undefined && a.account === invitee.account)),
  );
  if (existing) fail('ALREADY_EXISTS', 'The user is already an admin of this resource.');
  const admin: BpAdmin = { adminId: nextId(ctx), parent, ...invitee, role, pending: true };
  bp(ctx).admins.push(admin);
  return admin;
}

/** An admin by its resource name. */
export function findAdmin(ctx: Ctx, name: string): BpAdmin {
  const m = /^((?:accounts|locations)\/\d{1,20})\/admins\/(\d{1,20})$/.exec(name);
  if (!m) fail('INVALID_ARGUMENT', 'Invalid resource name.');
  const admin = bp(ctx).admins.find((a) => a.parent === m[1] && a.adminId === m[2]);
  if (!admin) fail('NOT_FOUND', 'Requested entity was not found.');
  return admin;
}

/** Changes an admin's role (updateMask must name `role`). */
export function patchAdmin(
  ctx: Ctx,
  caller: string,
  name: string,
  updateMask: unknown,
  body: Record<string, unknown>,
): BpAdmin {
  const admin = findAdmin(ctx, name);
  requireRole(ctx, caller, admin.parent, 'OWNER');
  const mask = typeof updateMask === 'string' ? updateMask.split(',').map((f) => f.trim()) : [];
  if (!mask.includes('role') || mask.some((f) => f !== 'role'))
    fail('INVALID_ARGUMENT', 'update_mask must be "role".');
  if (admin.role === 'PRIMARY_OWNER')
    fail('FAILED_PRECONDITION', 'The primary owner cannot be changed.');
  admin.role = checkRole(body.role, admin.parent);
  return admin;
}

/**
 * Removes an admin: an owner removes anyone but the primary owner; anyone may remove itself, and
 * an owner of a location group the group's own entry.
 */
export function deleteAdmin(ctx: Ctx, caller: string, name: string): void {
  const admin = findAdmin(ctx, name);
  const own =
    admin.email === caller ||
    (admin.account !== undefined && rank(accountRole(ctx, caller, admin.account)) >= rank('OWNER'));
  if (!own) requireRole(ctx, caller, admin.parent, 'OWNER');
  if (admin.role === 'PRIMARY_OWNER')
    fail('FAILED_PRECONDITION', 'The primary owner cannot be removed.');
  bp(ctx).admins = bp(ctx).admins.filter((a) => a !== admin);
}

/** Whether an admin entry is an invitation to the account `accounts/{id}`. */
function invites(ctx: Ctx, a: BpAdmin, account: BpAccount): boolean {
  if (!a.pending) return false;
  return account.type === 'PERSONAL'
    ? a.email !== undefined && a.email === account.email
    : a.account === `accounts/${account.accountId}`;
}

/** The account whose invitations the caller reads: its own PERSONAL account or a group it owns. */
function inviteeAccount(ctx: Ctx, caller: string, name: string): BpAccount {
  const account = getAccount(ctx, caller, name);
  if (rank(accountRole(ctx, caller, name)) < rank('OWNER'))
    fail('PERMISSION_DENIED', 'The caller does not have permission');
  return account;
}

/** Pending invitations to an account ([TY] Schema$Invitation); filter on target_type. */
export function listInvitations(
  ctx: Ctx,
  caller: string,
  name: string,
  filter: unknown,
): Record<string, unknown>[] {
  let targetType: string | undefined;
  if (filter !== undefined && filter !== '') {
    const m = typeof filter === 'string' ? /^target_type\s*=\s*([A-Z_]{1,40})$/.exec(filter) : null;
    if (!m || !['ACCOUNTS_ONLY', 'LOCATIONS_ONLY'].includes(m[1] as string))
      fail('INVALID_ARGUMENT', 'Invalid filter.');
    targetType = m[1];
  }
  const account = inviteeAccount(ctx, caller, name);
  return bp(ctx)
    .admins.filter((a) => invites(ctx, a, account))
    .map((a) => presentInvitation(ctx, name, a))
    .filter((i) => targetType === undefined || i.targetType === targetType)
    .slice(0, 1000);
}

function presentInvitation(ctx: Ctx, account: string, a: BpAdmin): Record<string, unknown> {
  const name = `${account}/invitations/${a.adminId}`;
  if (a.parent.startsWith('locations/')) {
    const l = bp(ctx).locations.find((x) => `locations/${x.locationId}` === a.parent);
    return {
      name,
      role: a.role,
      targetType: 'LOCATIONS_ONLY',
      targetLocation: {
        locationName: l?.title ?? '',
        ...(l?.address !== undefined ? { address: l.address } : {}),
      },
    };
  }
  const target = bp(ctx).accounts.find((x) => `accounts/${x.accountId}` === a.parent);
  return {
    name,
    role: a.role,
    targetType: 'ACCOUNTS_ONLY',
    targetAccount: {
      name: a.parent,
      accountName: target?.accountName ?? '',
      type: target?.type ?? 'LOCATION_GROUP',
    },
  };
}

/** Accepts (the admin entry stops being pending) or declines (it goes) an invitation. */
export function answerInvitation(
  ctx: Ctx,
  caller: string,
  account: string,
  invitationId: string,
  accept: boolean,
): void {
  const invitee = inviteeAccount(ctx, caller, account);
  const admin = bp(ctx).admins.find((a) => a.adminId === invitationId && invites(ctx, a, invitee));
  if (!admin) fail('NOT_FOUND', 'Requested entity was not found.');
  if (accept) admin.pending = false;
  else bp(ctx).admins = bp(ctx).admins.filter((a) => a !== admin);
}
