/**
 * The client's Business Profile: every business account (location group) it sees and every
 * location in them and in its PERSONAL account, each with the client's own role. Inviting an
 * admin needs an owner, so a manager's assets are listed as blocked.
 */
import { isDeniedOrMissing } from '../errors.ts';
import type { ClientAsset, ClientAssetListing } from '../types.ts';
import { isAgency, type AgencyWho } from './access.ts';
import { listAccounts, listAdmins, listLocations, type BusinessProfileApiDeps } from './api.ts';
import { levelOfRole } from './manifest.ts';

const blockedUnlessOwner = (asset: ClientAsset, role: string | undefined): ClientAsset =>
  levelOfRole(role) === 'owner'
    ? asset
    : {
        ...asset,
        blocked: {
          code: 'not_owner',
          message: `Only an owner can add people to this (your role: ${role ?? 'none'}).`,
          values: { role: role ?? 'none' },
        },
      };

/** The client's own role on a location it reaches directly (its entry in the admin list). */
async function ownLocationRole(
  deps: BusinessProfileApiDeps,
  token: string,
  location: string,
  self: AgencyWho,
): Promise<string | undefined> {
  try {
    return (
      (await listAdmins(deps, token, location)).find((a) => isAgency(a, self))?.role ?? undefined
    );
  } catch (error) {
    if (isDeniedOrMissing(error)) return undefined;
    throw error;
  }
}

/** Lists business accounts and locations with who may share them. */
export async function listBusinessProfileAssets(
  deps: BusinessProfileApiDeps,
  clientToken: string,
  email: string,
): Promise<ClientAssetListing> {
  const accounts = await listAccounts(deps, clientToken);
  const personal = accounts.find((a) => a.type === 'PERSONAL');
  const self: AgencyWho = {
    email,
    ...(personal?.name ? { account: personal.name } : {}),
    ...(personal?.accountName ? { name: personal.accountName } : {}),
    inviteeAccount: personal?.name ?? '',
  };
  const businesses: { id: string; name: string; isAdmin: boolean }[] = [];
  const assets: ClientAsset[] = [];
  const seen = new Set<string>();
  for (const account of accounts) {
    if (!account.name) continue;
    const accountId = account.name.replace('accounts/', '');
    const name = account.accountName ?? accountId;
    const isPersonal = account.type === 'PERSONAL';
    const owner = levelOfRole(account.role) === 'owner';
    businesses.push({ id: accountId, name, isAdmin: owner });
    if (!isPersonal)
      assets.push(
        blockedUnlessOwner(
          { type: 'business_account', id: accountId, name, ownerId: accountId, ownerName: name },
          account.role ?? undefined,
        ),
      );
    for (const location of await listLocations(deps, clientToken, account.name)) {
      const locationId = location.name.replace('locations/', '');
      if (seen.has(locationId)) continue;
      seen.add(locationId);
      // The client's role: its role on the group, else its own entry on the location.
      const role =
        owner && !isPersonal
          ? (account.role ?? undefined)
          : ((await ownLocationRole(deps, clientToken, location.name, self)) ??
            (isPersonal ? undefined : (account.role ?? undefined)));
      assets.push(
        blockedUnlessOwner(
          {
            type: 'business_location',
            id: locationId,
            name: location.title ?? locationId,
            ownerId: accountId,
            ownerName: name,
          },
          // A location in the client's own PERSONAL account is the client's.
          isPersonal && role === undefined ? (account.role ?? undefined) : role,
        ),
      );
    }
  }
  return assets.length > 0
    ? { businesses, assets }
    : {
        businesses,
        assets,
        notice: {
          code: 'no_business_profile',
          message: 'This Google account manages no Business Profile locations.',
        },
      };
}
