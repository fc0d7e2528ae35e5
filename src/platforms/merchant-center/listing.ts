/**
 * The client's Merchant Center accounts. Only account admins add users, so the consenting user's
 * own access rights (users/me) are read per account; accounts it cannot administer are blocked.
 */
import { PlatformError } from '../errors.ts';
import type { ClientAsset, ClientAssetListing } from '../types.ts';
import { getUser, listAccounts, type MerchantApiDeps } from './api.ts';

async function isAdmin(deps: MerchantApiDeps, token: string, accountId: string): Promise<boolean> {
  try {
    const own = await getUser(deps, token, accountId, 'me');
    return own.state === 'VERIFIED' && (own.accessRights ?? []).includes('ADMIN');
  } catch (error) {
    // Not a user of the account itself (e.g. reached through an advanced account).
    if (
      error instanceof PlatformError &&
      (error.kind === 'permission' || error.kind === 'not_found')
    )
      return false;
    throw error;
  }
}

/** Lists the accounts with who may share them. */
export async function listMerchantAssets(
  deps: MerchantApiDeps,
  clientToken: string,
): Promise<ClientAssetListing> {
  const accounts = await listAccounts(deps, clientToken);
  const businesses: { id: string; name: string; isAdmin: boolean }[] = [];
  const assets: ClientAsset[] = [];
  const block = {
    code: 'not_admin',
    message: 'Only a Merchant Center account admin can share access.',
  };
  for (const account of accounts) {
    const accountId = account.accountId ?? account.name?.replace(/^accounts\//, '') ?? '';
    if (!/^\d{1,20}$/.test(accountId)) continue;
    const name = account.accountName ?? accountId;
    const admin = await isAdmin(deps, clientToken, accountId);
    businesses.push({ id: accountId, name, isAdmin: admin });
    assets.push({
      type: 'merchant_account',
      id: accountId,
      name: `${name} (${accountId})`,
      ownerId: accountId,
      ownerName: name,
      ...(admin ? {} : { blocked: block }),
    });
  }
  return assets.length > 0
    ? { businesses, assets }
    : {
        businesses,
        assets,
        notice: {
          code: 'no_merchant_accounts',
          message: 'This Google account has no Merchant Center accounts.',
        },
      };
}
