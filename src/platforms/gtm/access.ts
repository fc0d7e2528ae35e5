/**
 * Tag Manager grant, read and revoke over user permissions (google-api.md §4): one permission per
 * user per account holds the account access and a list of container accesses. Read back first
 * (R2), create or raise, and on revoke delete (account) or drop one container.
 */
import { PlatformError } from '../errors.ts';
import type {
  AccessReading,
  AgencyIdentity,
  AssetRef,
  GrantOutcome,
  RevokeOutcome,
} from '../types.ts';
import {
  createPermission,
  deletePermission,
  listAccounts,
  listContainers,
  listPermissions,
  updatePermission,
  type GtmApiDeps,
  type GtmPermission,
} from './api.ts';
import { ACCOUNT_LEVELS, CONTAINER_LEVELS } from './manifest.ts';

interface Target {
  accountId: string;
  containerId?: string;
}

/** Where an asset lives: a gtm_container needs its account as ownerId. */
export function targetOf(asset: AssetRef): Target {
  if (asset.type === 'gtm_account' && /^\d+$/.test(asset.id)) return { accountId: asset.id };
  if (
    asset.type === 'gtm_container' &&
    /^\d+$/.test(asset.id) &&
    asset.ownerId !== undefined &&
    /^\d+$/.test(asset.ownerId)
  )
    return { accountId: asset.ownerId, containerId: asset.id };
  throw new PlatformError(
    'invalid',
    `Unknown Tag Manager asset ${asset.type} ${asset.id}`,
    'bad_asset',
  );
}

/** The level a permission gives on the target, or undefined for none. */
export function levelOn(permission: GtmPermission | undefined, target: Target): string | undefined {
  if (!permission) return undefined;
  if (target.containerId === undefined) {
    const level = permission.accountAccess?.permission ?? undefined;
    return level !== null && level !== undefined && ACCOUNT_LEVELS.includes(level)
      ? level
      : undefined;
  }
  const level =
    permission.containerAccess?.find((c) => c.containerId === target.containerId)?.permission ??
    undefined;
  return level !== null && level !== undefined && CONTAINER_LEVELS.includes(level)
    ? level
    : undefined;
}

const rankIn = (target: Target, level: string): number =>
  (target.containerId === undefined ? ACCOUNT_LEVELS : CONTAINER_LEVELS).indexOf(level);
/** The permission of one user (by email, any case), if any. */
export const find = (perms: GtmPermission[], email: string) =>
  perms.find((p) => p.emailAddress?.toLowerCase() === email.toLowerCase());

/** The permission body with `level` set on the target, keeping everything else. */
function withLevel(
  existing: GtmPermission | undefined,
  email: string,
  target: Target,
  level: string,
): GtmPermission {
  const containers = (existing?.containerAccess ?? []).filter(
    (c) => c.containerId !== target.containerId,
  );
  if (target.containerId === undefined)
    return {
      emailAddress: email,
      accountAccess: { permission: level },
      containerAccess: existing?.containerAccess ?? [],
    };
  const account = existing?.accountAccess?.permission;
  return {
    emailAddress: email,
    accountAccess: { permission: account === 'admin' ? 'admin' : 'user' },
    containerAccess: [...containers, { containerId: target.containerId, permission: level }],
  };
}

/** Grants `level`; the same or a higher level already held is already_granted. */
export async function grantGtm(
  deps: GtmApiDeps,
  input: { clientToken: string; agency: AgencyIdentity; asset: AssetRef; level: string },
): Promise<GrantOutcome> {
  const target = targetOf(input.asset);
  if (rankIn(target, input.level) < 0)
    throw new PlatformError('invalid', `Unknown Tag Manager level ${input.level}`, 'bad_level');
  const existing = find(
    await listPermissions(deps, input.clientToken, target.accountId),
    input.agency.businessId,
  );
  const held = levelOn(existing, target);
  if (held !== undefined && rankIn(target, held) >= rankIn(target, input.level))
    return { kind: 'already_granted', level: held };
  const body = withLevel(existing, input.agency.businessId, target, input.level);
  if (existing?.path) await updatePermission(deps, input.clientToken, existing.path, body);
  else await createPermission(deps, input.clientToken, target.accountId, body);
  return { kind: 'granted', level: input.level };
}

/**
 * Reads with the agency's token: exact when the agency is an account admin (it may list
 * permissions); otherwise from what it can see: an account it sees is `user`, a container it
 * sees is at least `read` (the API shows no own-permission read to non-admins).
 */
export async function readGtm(
  deps: GtmApiDeps,
  agency: AgencyIdentity,
  asset: AssetRef,
): Promise<AccessReading> {
  const target = targetOf(asset);
  try {
    const level = levelOn(
      find(await listPermissions(deps, agency.accessToken, target.accountId), agency.businessId),
      target,
    );
    return level === undefined ? { kind: 'lost' } : { kind: 'holds', level };
  } catch (error) {
    if (
      !(error instanceof PlatformError) ||
      (error.kind !== 'permission' && error.kind !== 'not_found')
    )
      throw error;
  }
  const accounts = await listAccounts(deps, agency.accessToken);
  if (!accounts.some((a) => a.accountId === target.accountId)) return { kind: 'lost' };
  if (target.containerId === undefined) return { kind: 'holds', level: 'user' };
  const containers = await listContainers(deps, agency.accessToken, target.accountId);
  return containers.some((c) => c.containerId === target.containerId)
    ? { kind: 'holds', level: 'read' }
    : { kind: 'lost' };
}

/** Revokes: an account removes the user entirely; a container drops from the container list. */
export async function revokeGtm(
  deps: GtmApiDeps,
  input: { agency: AgencyIdentity; clientToken?: string; asset: AssetRef },
): Promise<RevokeOutcome> {
  const target = targetOf(input.asset);
  const token = input.clientToken ?? input.agency.accessToken;
  const existing = find(
    await listPermissions(deps, token, target.accountId),
    input.agency.businessId,
  );
  if (!existing?.path || levelOn(existing, target) === undefined) return { kind: 'not_present' };
  if (target.containerId === undefined) {
    await deletePermission(deps, token, existing.path);
  } else {
    const rest = (existing.containerAccess ?? []).filter(
      (c) => c.containerId !== target.containerId,
    );
    await updatePermission(deps, token, existing.path, {
      ...(existing.emailAddress ? { emailAddress: existing.emailAddress } : {}),
      ...(existing.accountAccess ? { accountAccess: existing.accountAccess } : {}),
      containerAccess: rest,
    });
  }
  return { kind: 'revoked' };
}
