/**
 * The client's Tag Manager accounts and containers. Only account admins manage users, so the
 * consenting user's admin status is read from the account's permissions; others are blocked.
 */
import { PlatformError } from '../errors.ts';
import type { ClientAsset, ClientAssetListing } from '../types.ts';
import { listAccounts, listContainers, listPermissions, type GtmApiDeps } from './api.ts';

async function isAccountAdmin(
  deps: GtmApiDeps,
  token: string,
  accountId: string,
  email: string,
): Promise<boolean> {
  try {
    const own = (await listPermissions(deps, token, accountId)).find(
      (p) => p.emailAddress?.toLowerCase() === email,
    );
    return own?.accountAccess?.permission === 'admin';
  } catch (error) {
    if (error instanceof PlatformError && error.kind === 'permission') return false;
    throw error;
  }
}

/** Lists accounts and containers with who may share them. */
export async function listGtmAssets(
  deps: GtmApiDeps,
  clientToken: string,
  email: string,
): Promise<ClientAssetListing> {
  const accounts = await listAccounts(deps, clientToken);
  const businesses: { id: string; name: string; isAdmin: boolean }[] = [];
  const assets: ClientAsset[] = [];
  const block = {
    code: 'not_admin',
    message: 'Only a Tag Manager account administrator can share access.',
  };
  for (const account of accounts) {
    const accountId = account.accountId ?? '';
    const name = account.name ?? accountId;
    const isAdmin = await isAccountAdmin(deps, clientToken, accountId, email);
    businesses.push({ id: accountId, name, isAdmin });
    const owner = { ownerId: accountId, ownerName: name };
    assets.push({
      type: 'gtm_account',
      id: accountId,
      name,
      ...owner,
      ...(isAdmin ? {} : { blocked: block }),
    });
    for (const c of await listContainers(deps, clientToken, accountId)) {
      const label = c.publicId ? `${c.name ?? ''} (${c.publicId})` : (c.name ?? '');
      assets.push({
        type: 'gtm_container',
        id: c.containerId ?? '',
        name: label,
        ...owner,
        ...(isAdmin ? {} : { blocked: block }),
      });
    }
  }
  return accounts.length > 0
    ? { businesses, assets }
    : {
        businesses,
        assets,
        notice: {
          code: 'no_gtm_accounts',
          message: 'This Google account has no Tag Manager accounts.',
        },
      };
}
