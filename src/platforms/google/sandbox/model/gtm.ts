// Tag Manager v2: accounts, containers, user_permissions (google-api.md §4, [TM], [TM-D]).
import { fail } from './errors.ts';
import { nextId } from './ids.ts';
import type {
  GtmAccountPermission,
  GtmContainerPermission,
  GtmUserPermission,
  ModelContext,
} from './types.ts';

export const ACCOUNT_PERMISSIONS: GtmAccountPermission[] = ['noAccess', 'user', 'admin'];
export const CONTAINER_PERMISSIONS: GtmContainerPermission[] = [
  'noAccess',
  'read',
  'edit',
  'approve',
  'publish',
];

/** A user's permission record on an account, if any. */
export function permissionOf(
  ctx: ModelContext,
  accountId: string,
  email: string,
): GtmUserPermission | undefined {
  return ctx.state.gtm.permissions.find(
    (p) => p.accountId === accountId && p.emailAddress === email,
  );
}

/** Checks an account exists and the caller reaches it; otherwise NOT_FOUND / PERMISSION_DENIED. */
export function requireAccount(
  ctx: ModelContext,
  accountId: string,
  email: string,
  admin: boolean,
): GtmUserPermission {
  if (!ctx.state.gtm.accounts.some((a) => a.accountId === accountId))
    fail('NOT_FOUND', 'Not found or permission denied.');
  const own = permissionOf(ctx, accountId, email);
  if (!own || own.accountAccess === 'noAccess' || (admin && own.accountAccess !== 'admin'))
    fail('PERMISSION_DENIED', 'The caller does not have permission');
  return own;
}

/** Containers a user sees: all for an account admin, else those with access (a choice). */
export function visibleContainers(ctx: ModelContext, accountId: string, email: string): string[] {
  const own = permissionOf(ctx, accountId, email);
  const all = ctx.state.gtm.containers
    .filter((c) => c.accountId === accountId)
    .map((c) => c.containerId);
  if (own?.accountAccess === 'admin') return all;
  return all.filter((id) =>
    own?.containerAccess.some((a) => a.containerId === id && a.permission !== 'noAccess'),
  );
}

/** Validates a UserPermission body's access parts against the enums and the account's containers. */
export function checkAccess(
  ctx: ModelContext,
  accountId: string,
  body: Record<string, unknown>,
): Pick<GtmUserPermission, 'accountAccess' | 'containerAccess'> {
  const accountAccess =
    (body.accountAccess as { permission?: unknown } | undefined)?.permission ?? 'noAccess';
  if (!ACCOUNT_PERMISSIONS.includes(accountAccess as GtmAccountPermission))
    fail(
      'INVALID_ARGUMENT',
      `Invalid value for accountAccess.permission: ${JSON.stringify(accountAccess)}`,
    );
  const raw = body.containerAccess ?? [];
  if (!Array.isArray(raw)) fail('INVALID_ARGUMENT', 'containerAccess must be a list');
  const containerAccess = raw.map((entry: { containerId?: unknown; permission?: unknown }) => {
    if (
      !ctx.state.gtm.containers.some(
        (c) => c.accountId === accountId && c.containerId === entry.containerId,
      )
    )
      fail('INVALID_ARGUMENT', `Unknown container: ${JSON.stringify(entry.containerId)}`);
    if (!CONTAINER_PERMISSIONS.includes(entry.permission as GtmContainerPermission))
      fail(
        'INVALID_ARGUMENT',
        `Invalid value for containerAccess.permission: ${JSON.stringify(entry.permission)}`,
      );
    return {
      containerId: entry.containerId as string,
      permission: entry.permission as GtmContainerPermission,
    };
  });
  return { accountAccess: accountAccess as GtmAccountPermission, containerAccess };
}

/** Creates a user permission; one per email per account (ALREADY_EXISTS otherwise, a choice). */
export function createPermission(
  ctx: ModelContext,
  caller: string,
  accountId: string,
  body: Record<string, unknown>,
): GtmUserPermission {
  requireAccount(ctx, accountId, caller, true);
  const email = body.emailAddress;
  if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    fail('INVALID_ARGUMENT', 'emailAddress must be a valid email address');
  const access = checkAccess(ctx, accountId, body);
  if (permissionOf(ctx, accountId, email.toLowerCase()))
    fail('ALREADY_EXISTS', `User ${email} already has a permission on this account.`);
  const permission: GtmUserPermission = {
    permissionId: nextId(ctx),
    accountId,
    emailAddress: email.toLowerCase(),
    ...access,
  };
  ctx.state.gtm.permissions.push(permission);
  return permission;
}

/** Finds a permission by its path parts. */
export function findPermission(
  ctx: ModelContext,
  accountId: string,
  permissionId: string,
): GtmUserPermission {
  const found = ctx.state.gtm.permissions.find(
    (p) => p.accountId === accountId && p.permissionId === permissionId,
  );
  if (!found) fail('NOT_FOUND', 'Not found or permission denied.');
  return found;
}

/** JSON form of a UserPermission ([TM-D]). */
export function presentPermission(p: GtmUserPermission): Record<string, unknown> {
  return {
    path: `accounts/${p.accountId}/user_permissions/${p.permissionId}`,
    accountId: p.accountId,
    emailAddress: p.emailAddress,
    accountAccess: { permission: p.accountAccess },
    containerAccess: p.containerAccess.map((c) => ({
      containerId: c.containerId,
      permission: c.permission,
    })),
  };
}
