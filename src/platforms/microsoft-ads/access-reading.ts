/**
 * Who reaches one client account through the agency's manager account (the effective-access
 * explainer), read with the agency's own token: the client link (SearchClientLinks) and the
 * connected agency person's role on the manager account (GetUser). Other users of the manager
 * account need GetUsersInfo, which this connector does not call (see `limits`).
 */
import type { AccessPathReading, AgencyIdentity, AssetAccessReading } from '../types.ts';
import { msCall, type MsApiDeps } from './api.ts';
import { findLink, msId } from './links.ts';
import { ROLE_NAMES } from './listing.ts';
import { CLIENT_LINK_LEVEL } from './manifest.ts';
import { UserAnswer } from './wire.ts';

export const MICROSOFT_ADS_ACCESS_LIMITS = [
  "Only the agency person whose Microsoft account is connected to Latchkey is listed; the manager account's other users are not read.",
  "The client account's own users are not listed (that needs the client's token, which Latchkey does not keep).",
];

export async function readMsAssetAccess(
  deps: MsApiDeps,
  agency: AgencyIdentity,
  accountId: string,
): Promise<AssetAccessReading> {
  const limits = MICROSOFT_ADS_ACCESS_LIMITS;
  const managing = msId(agency.businessId, 'manager account');
  const link = await findLink(deps, agency.accessToken, managing, msId(accountId, 'account'));
  if (!link) return { holding: null, paths: [], limits };
  const holds = ['Active', 'UnlinkPending', 'UnlinkInProgress'].includes(link.Status);
  const holding = {
    relation: 'client_link',
    status: holds ? ('holds' as const) : ('pending' as const),
    levels: [CLIENT_LINK_LEVEL],
    sourceName: null,
  };
  if (!holds) return { holding, paths: [], limits };
  const me = await msCall(
    deps,
    agency.accessToken,
    'POST',
    'User/Query',
    { UserId: null },
    UserAnswer,
  );
  const paths: AccessPathReading[] = [];
  for (const role of me.CustomerRoles ?? []) {
    if (role.CustomerId !== managing) continue;
    const roleName = ROLE_NAMES[role.RoleId] ?? String(role.RoleId);
    const name = [me.User.Name?.FirstName, me.User.Name?.LastName].filter(Boolean).join(' ');
    paths.push({
      person: {
        id: me.User.Id,
        name: name === '' ? null : name,
        email: me.User.ContactInfo?.Email ?? null,
      },
      business: { id: managing, relation: 'client_link', sourceName: null },
      businessRole: roleName,
      reason: 'business_member',
      levels: [roleName],
    });
  }
  return { holding, paths, limits };
}
