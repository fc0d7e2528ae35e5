/**
 * Who reaches one client account through the agency's manager account, and why (the
 * effective-access explainer), read with the agency's own token through its manager: the link
 * (`customer_client_link`, google-api.md §2) and the manager's users with their access roles
 * (`customer_user_access`: `user_id`, `email_address`, `access_role`; googleapis
 * `google/ads/googleads/v22/resources/customer_user_access.proto`, other-platforms.md §2). A link
 * carries no role: each user of the manager reaches every linked client with their own role.
 */
import type { AccessPathReading, AgencyIdentity, AssetAccessReading } from '../types.ts';
import { searchAds, type AdsApiDeps } from './api.ts';
import { customerId, findLink } from './links.ts';
import { GOOGLE_ADS_LEVEL } from './manifest.ts';

export const GOOGLE_ADS_ACCESS_LIMITS = [
  "Read from the agency's manager account: the client account's own users, and managers above the agency's manager account, are not listed (that needs the client's token, which Latchkey does not keep).",
  'Users with the email-only access role receive emails but cannot open the account, so they are left out.',
];

/** The manager's link to the client and every user of the manager who reaches the client. */
export async function readAdsAssetAccess(
  deps: AdsApiDeps,
  agency: AgencyIdentity,
  clientId: string,
): Promise<AssetAccessReading> {
  const limits = GOOGLE_ADS_ACCESS_LIMITS;
  const link = await findLink(deps, agency, clientId);
  if (!link) return { holding: null, paths: [], limits };
  const holding = {
    relation: 'manager_link',
    status: link.status === 'ACTIVE' ? ('holds' as const) : ('pending' as const),
    levels: [GOOGLE_ADS_LEVEL],
    sourceName: null,
  };
  // Nobody reaches the account through an invitation the client has not accepted.
  if (holding.status !== 'holds') return { holding, paths: [], limits };
  const managerId = customerId(agency.businessId);
  const rows = await searchAds(
    deps,
    { token: agency.accessToken, loginCustomerId: managerId },
    managerId,
    'SELECT customer_user_access.user_id, customer_user_access.email_address, customer_user_access.access_role FROM customer_user_access',
  );
  const business = { id: managerId, relation: holding.relation, sourceName: null };
  const paths: AccessPathReading[] = [];
  for (const row of rows) {
    const user = row.customerUserAccess;
    const role = typeof user?.accessRole === 'string' ? user.accessRole : undefined;
    if (!user || role === undefined || role === 'EMAIL_ONLY') continue;
    const email = typeof user.emailAddress === 'string' ? user.emailAddress : null;
    // int64 travels as a JSON string (proto3 JSON mapping, google-api.md item 3).
    const userId =
      typeof user.userId === 'string' || typeof user.userId === 'number' ? user.userId : null;
    paths.push({
      person: { id: String(userId ?? email), name: null, email },
      business,
      businessRole: role,
      reason: 'business_member',
      levels: [role],
    });
  }
  return { holding, paths, limits };
}
