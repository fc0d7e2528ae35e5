/**
 * The client's Snapchat organizations and ad accounts, without typing ids. An ad account can be
 * shared only by an admin of its organization (only admins invite people and give roles); the
 * others are listed with the reason they cannot be.
 */
import type { ClientAsset, ClientAssetListing } from '../types.ts';
import { getMe, myOrganizations, orgAdAccounts, orgMembers, orgRoles } from './api.ts';
import type { SnapClient } from './client.ts';

export async function listSnapClientAssets(
  client: SnapClient,
  token: string,
): Promise<ClientAssetListing> {
  const me = await getMe(client, token);
  const orgs = await myOrganizations(client, token);
  if (orgs.length === 0)
    return {
      businesses: [],
      assets: [],
      notice: {
        code: 'no_organizations',
        message: `The Snapchat account ${me.email} belongs to no organization in Snap Business Manager. Sign in with the account that manages your ads.`,
        values: { email: me.email },
      },
    };
  const businesses: { id: string; name: string; isAdmin: boolean }[] = [];
  const assets: ClientAsset[] = [];
  for (const org of orgs) {
    const member = (await orgMembers(client, token, org.id)).find(
      (m) => m.email.toLowerCase() === me.email.toLowerCase(),
    );
    const roles =
      member === undefined
        ? []
        : (await orgRoles(client, token, org.id)).filter((r) => r.member_id === member.id);
    const isAdmin = roles.some((r) => r.organization_id !== undefined && r.type === 'admin');
    businesses.push({ id: org.id, name: org.name, isAdmin });
    for (const ad of await orgAdAccounts(client, token, org.id))
      assets.push({
        type: 'ad_account',
        id: ad.id,
        name: ad.name,
        ownerId: org.id,
        ownerName: org.name,
        ...(isAdmin
          ? {}
          : {
              blocked: {
                code: 'not_org_admin',
                message: `Only an admin of the Snapchat organization "${org.name}" can share this ad account.`,
                values: { organization: org.name },
              },
            }),
      });
  }
  if (assets.length === 0)
    return {
      businesses,
      assets,
      notice: {
        code: 'no_ad_accounts',
        message: 'Your Snapchat organizations have no ad account you can see.',
      },
    };
  return { businesses, assets };
}
