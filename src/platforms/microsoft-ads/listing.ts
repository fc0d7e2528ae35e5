/**
 * The client's Microsoft Advertising accounts, without typing ids: GetUser gives the customers and
 * the person's role in each, GetCustomer their names, GetAccountsInfo their own accounts. Only a
 * Super Admin or a Standard user can accept a client link (contract §2); other accounts are
 * listed as blocked.
 */
import type { ClientAsset, ClientAssetListing } from '../types.ts';
import { msCall, type MsApiDeps } from './api.ts';
import { AccountsInfoAnswer, CustomerAnswer, UserAnswer } from './wire.ts';

/** Role ids as Microsoft names them (contract §2). */
export const ROLE_NAMES: Readonly<Record<number, string>> = {
  16: 'Advertiser Campaign Manager',
  33: 'Aggregator',
  41: 'Super Admin',
  100: 'Viewer',
  203: 'Standard User',
};
const CAN_LINK = [41, 203];

export async function listMsAccounts(
  deps: MsApiDeps,
  clientToken: string,
): Promise<ClientAssetListing> {
  const me = await msCall(deps, clientToken, 'POST', 'User/Query', { UserId: null }, UserAnswer);
  const businesses: { id: string; name: string; isAdmin: boolean }[] = [];
  const assets: ClientAsset[] = [];
  for (const role of me.CustomerRoles ?? []) {
    if (businesses.some((b) => b.id === role.CustomerId)) continue;
    const customer = await msCall(
      deps,
      clientToken,
      'POST',
      'Customer/Query',
      { CustomerId: role.CustomerId },
      CustomerAnswer,
    );
    const info = await msCall(
      deps,
      clientToken,
      'POST',
      'AccountsInfo/Query',
      { CustomerId: role.CustomerId, OnlyParentAccounts: true },
      AccountsInfoAnswer,
    );
    const name = customer.Customer.Name;
    const canLink = CAN_LINK.includes(role.RoleId);
    businesses.push({ id: role.CustomerId, name, isAdmin: role.RoleId === 41 });
    for (const account of info.AccountsInfo ?? []) {
      const asset = {
        type: 'ad_account',
        id: account.Id,
        name: account.Name,
        ownerId: role.CustomerId,
        ownerName: name,
      };
      const roleName = ROLE_NAMES[role.RoleId] ?? String(role.RoleId);
      assets.push(
        canLink
          ? asset
          : {
              ...asset,
              blocked: {
                code: 'role_cannot_link',
                message: `Only a Super Admin or a Standard user of this Microsoft Advertising account can accept an agency link (your role: ${roleName}).`,
                values: { role: roleName },
              },
            },
      );
    }
  }
  if (assets.length > 0) return { businesses, assets };
  return {
    businesses,
    assets,
    notice: {
      code: 'no_accounts',
      message:
        'This Microsoft account has no Microsoft Advertising accounts. Sign in with the account that manages your ads.',
    },
  };
}
