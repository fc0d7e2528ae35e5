/**
 * The client's Google Ads accounts: listAccessibleCustomers, then per account its name and the
 * consenting user's access role (GAQL on `customer` and `customer_user_access`). Accepting a
 * manager link needs an ADMIN; other accounts are listed as blocked.
 */
import { PlatformError } from '../errors.ts';
import type { ClientAsset, ClientAssetListing } from '../types.ts';
import { listAccessibleCustomers, searchAds, type AdsApiDeps } from './api.ts';

/** Lists the accounts a client token reaches, with the user's role on each. */
export async function listAdsAccounts(
  deps: AdsApiDeps,
  clientToken: string,
  email: string,
): Promise<ClientAssetListing> {
  const ids = await listAccessibleCustomers(deps, { token: clientToken });
  const businesses: { id: string; name: string; isAdmin: boolean }[] = [];
  const assets: ClientAsset[] = [];
  for (const id of ids) {
    const caller = { token: clientToken, loginCustomerId: id };
    const [row] = await searchAds(
      deps,
      caller,
      id,
      'SELECT customer.id, customer.descriptive_name, customer.manager FROM customer',
    );
    const name =
      typeof row?.customer?.descriptiveName === 'string' ? row.customer.descriptiveName : id;
    const role = await roleOf(deps, caller, id, email);
    const isAdmin = role === 'ADMIN';
    businesses.push({ id, name, isAdmin });
    const asset = { type: 'ad_account', id, name, ownerId: id, ownerName: name };
    assets.push(
      isAdmin
        ? asset
        : {
            ...asset,
            blocked: {
              code: 'not_admin',
              message: `Only an admin of this Google Ads account can accept a manager link (your access: ${role ?? 'unknown'}).`,
              values: { role: role ?? 'unknown' },
            },
          },
    );
  }
  return ids.length > 0
    ? { businesses, assets }
    : {
        businesses,
        assets,
        notice: {
          code: 'no_ads_accounts',
          message: 'This Google account has no Google Ads accounts.',
        },
      };
}

async function roleOf(
  deps: AdsApiDeps,
  caller: { token: string; loginCustomerId: string },
  id: string,
  email: string,
): Promise<string | undefined> {
  const query = `SELECT customer_user_access.email_address, customer_user_access.access_role FROM customer_user_access WHERE customer_user_access.email_address = '${email.replace(/'/g, '')}'`;
  try {
    const [row] = await searchAds(deps, caller, id, query);
    const role = row?.customerUserAccess?.accessRole;
    return typeof role === 'string' ? role : undefined;
  } catch (error) {
    // A user who may not read the account's users is not its admin.
    if (error instanceof PlatformError && error.kind === 'permission') return undefined;
    throw error;
  }
}
