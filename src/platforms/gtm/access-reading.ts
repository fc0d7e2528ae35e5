/**
 * Who reaches one Tag Manager account or container through the agency, and why (the
 * effective-access explainer), read with the agency's own token. Tag Manager gives access to one
 * Google account, the agency's own (businessId is its email), by one user permission per account:
 * account access (user, admin) and an access per container (google-api.md §4). Only account
 * administrators may list user permissions (`accounts.user_permissions.list`); otherwise the
 * level is the least the agency can be seen to hold (as in `readGtm`).
 */
import { isDeniedOrMissing } from '../errors.ts';
import type { AgencyIdentity, AssetAccessReading, AssetRef } from '../types.ts';
import { find, levelOn, readGtm, targetOf } from './access.ts';
import { listAccounts, listPermissions, type GtmApiDeps, type GtmPermission } from './api.ts';

export const GTM_ACCESS_LIMITS = [
  "Tag Manager gives access to one Google account, the agency's own: other people at the agency are not listed, and neither are the users the client added (they are the client's).",
];
const NOT_ADMIN_LIMIT =
  "Only account administrators may read user permissions, and the agency's Google account is not one here: the level shown is the least it can be seen to hold.";

/** The agency's user permission on the asset's account, as one path. */
export async function readGtmAssetAccess(
  deps: GtmApiDeps,
  agency: AgencyIdentity,
  asset: AssetRef,
): Promise<AssetAccessReading> {
  const target = targetOf(asset);
  const email = agency.businessId;
  const accounts = await listAccounts(deps, agency.accessToken);
  const sourceName = accounts.find((a) => a.accountId === target.accountId)?.name ?? null;
  const own = await ownPermission(deps, agency, target.accountId);
  let role: string;
  let level: string | undefined;
  let limits = GTM_ACCESS_LIMITS;
  if (own === null) {
    const reading = await readGtm(deps, agency, asset);
    role = 'user';
    level = reading.kind === 'holds' ? reading.level : undefined;
    limits = [...GTM_ACCESS_LIMITS, NOT_ADMIN_LIMIT];
  } else {
    role = own?.accountAccess?.permission ?? 'noAccess';
    level = levelOn(own, target);
  }
  if (level === undefined) return { holding: null, paths: [], limits };
  const business = { id: email, relation: 'user_permission', sourceName };
  return {
    holding: { relation: 'user_permission', status: 'holds', levels: [level], sourceName },
    paths: [
      {
        person: { id: email, name: null, email },
        business,
        businessRole: role,
        reason: 'asset_assignment',
        via: target.accountId,
        levels: [level],
      },
    ],
    limits,
  };
}

/** The agency's permission on the account; null when it may not list permissions there. */
async function ownPermission(
  deps: GtmApiDeps,
  agency: AgencyIdentity,
  accountId: string,
): Promise<GtmPermission | undefined | null> {
  try {
    return find(await listPermissions(deps, agency.accessToken, accountId), agency.businessId);
  } catch (error) {
    if (isDeniedOrMissing(error)) return null;
    throw error;
  }
}
