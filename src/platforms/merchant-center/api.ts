/**
 * Merchant API accounts calls through Google's own client (@googleapis/merchantapi, accounts_v1),
 * pointed at Google or the sandbox by rootUrl (docs/platforms/merchant-center-api.md).
 */
import type * as MerchantApi from '@googleapis/merchantapi';
import type { merchantapi_accounts_v1 } from '@googleapis/merchantapi';
import { loadGoogleClient } from '../google/load.ts';
import { clientOptions } from '../google/clients.ts';
import type { FetchLike } from '../http.ts';
import { merchantCall } from './errors.ts';

export interface MerchantApiDeps {
  readonly rootUrl: string;
  readonly timeoutMs: number;
  readonly fetch?: FetchLike | undefined;
}

export type MerchantUser = merchantapi_accounts_v1.Schema$User;
export type MerchantAccount = merchantapi_accounts_v1.Schema$Account;

/** Pages read of one list at most (a bound against a list that never ends). */
const MAX_PAGES = 20;

function client(deps: MerchantApiDeps, token: string): merchantapi_accounts_v1.Merchantapi {
  const { merchantapi } = loadGoogleClient<typeof MerchantApi>('@googleapis/merchantapi');
  return merchantapi({
    version: 'accounts_v1',
    ...clientOptions({
      token,
      rootUrl: deps.rootUrl,
      timeoutMs: deps.timeoutMs,
      fetch: deps.fetch,
    }),
  });
}

/** Every account the token's user reaches (own, advanced, sub-accounts). */
export async function listAccounts(
  deps: MerchantApiDeps,
  token: string,
): Promise<MerchantAccount[]> {
  const c = client(deps, token);
  const out: MerchantAccount[] = [];
  let pageToken: string | undefined;
  for (let i = 0; i < MAX_PAGES; i += 1) {
    const data = await merchantCall(() =>
      c.accounts.list({ pageSize: 500, ...(pageToken ? { pageToken } : {}) }),
    );
    out.push(...(data.accounts ?? []));
    pageToken = data.nextPageToken ?? undefined;
    if (!pageToken) break;
  }
  return out;
}

/** One user of an account by email, or `me` for the token's own user. */
export async function getUser(
  deps: MerchantApiDeps,
  token: string,
  accountId: string,
  who: string,
): Promise<MerchantUser> {
  return merchantCall(() =>
    client(deps, token).accounts.users.get({ name: `accounts/${accountId}/users/${who}` }),
  );
}

/** Adds a user (PENDING until it accepts or verifies itself); admins only. */
export async function createUser(
  deps: MerchantApiDeps,
  token: string,
  accountId: string,
  email: string,
  accessRights: string[],
): Promise<MerchantUser> {
  return merchantCall(() =>
    client(deps, token).accounts.users.create({
      parent: `accounts/${accountId}`,
      userId: email,
      requestBody: { accessRights },
    }),
  );
}

/** Replaces a user's access rights. */
export async function patchUser(
  deps: MerchantApiDeps,
  token: string,
  accountId: string,
  email: string,
  accessRights: string[],
): Promise<MerchantUser> {
  return merchantCall(() =>
    client(deps, token).accounts.users.patch({
      name: `accounts/${accountId}/users/${email}`,
      updateMask: 'accessRights',
      requestBody: { accessRights },
    }),
  );
}

/** Removes a user by email, or `me` (the token's own user). */
export async function deleteUser(
  deps: MerchantApiDeps,
  token: string,
  accountId: string,
  who: string,
): Promise<void> {
  await merchantCall(() =>
    client(deps, token).accounts.users.delete({ name: `accounts/${accountId}/users/${who}` }),
  );
}

/** The token's own user moves from PENDING to VERIFIED (users.me.verifySelf). */
export async function verifySelf(
  deps: MerchantApiDeps,
  token: string,
  accountId: string,
): Promise<MerchantUser> {
  return merchantCall(() =>
    client(deps, token).accounts.users.me.verifySelf({
      account: `accounts/${accountId}`,
      requestBody: {},
    }),
  );
}
