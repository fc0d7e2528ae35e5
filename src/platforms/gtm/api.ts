/**
 * Tag Manager v2 calls through Google's own client (@googleapis/tagmanager), pointed at Google or
 * the sandbox by rootUrl (google-api.md §4). List answers use singular keys (`account`, ...).
 */
import type * as TagManager from '@googleapis/tagmanager';
import type { tagmanager_v2 } from '@googleapis/tagmanager';
import { loadGoogleClient } from '../google/load.ts';
import { clientOptions } from '../google/clients.ts';
import type { FetchLike } from '../http.ts';
import { gtmCall } from './errors.ts';

export interface GtmApiDeps {
  readonly rootUrl: string;
  readonly timeoutMs: number;
  readonly fetch?: FetchLike | undefined;
}

export type GtmPermission = tagmanager_v2.Schema$UserPermission;

function client(deps: GtmApiDeps, token: string): tagmanager_v2.Tagmanager {
  const { tagmanager } = loadGoogleClient<typeof TagManager>('@googleapis/tagmanager');
  return tagmanager({
    version: 'v2',
    ...clientOptions({
      token,
      rootUrl: deps.rootUrl,
      timeoutMs: deps.timeoutMs,
      fetch: deps.fetch,
    }),
  });
}

/** Accounts the token's user reaches. */
export async function listAccounts(
  deps: GtmApiDeps,
  token: string,
): Promise<tagmanager_v2.Schema$Account[]> {
  return (await gtmCall(() => client(deps, token).accounts.list({}))).account ?? [];
}

/** Containers of an account the user sees. */
export async function listContainers(
  deps: GtmApiDeps,
  token: string,
  accountId: string,
): Promise<tagmanager_v2.Schema$Container[]> {
  return (
    (
      await gtmCall(() =>
        client(deps, token).accounts.containers.list({ parent: `accounts/${accountId}` }),
      )
    ).container ?? []
  );
}

/** Every user permission on an account (account admins only). */
export async function listPermissions(
  deps: GtmApiDeps,
  token: string,
  accountId: string,
): Promise<GtmPermission[]> {
  return (
    (
      await gtmCall(() =>
        client(deps, token).accounts.user_permissions.list({ parent: `accounts/${accountId}` }),
      )
    ).userPermission ?? []
  );
}

/** Creates a user permission. */
export async function createPermission(
  deps: GtmApiDeps,
  token: string,
  accountId: string,
  body: GtmPermission,
): Promise<GtmPermission> {
  return gtmCall(() =>
    client(deps, token).accounts.user_permissions.create({
      parent: `accounts/${accountId}`,
      requestBody: body,
    }),
  );
}

/** Replaces a user permission (PUT). */
export async function updatePermission(
  deps: GtmApiDeps,
  token: string,
  path: string,
  body: GtmPermission,
): Promise<GtmPermission> {
  return gtmCall(() =>
    client(deps, token).accounts.user_permissions.update({ path, requestBody: body }),
  );
}

/** Removes a user from the account and all its containers. */
export async function deletePermission(
  deps: GtmApiDeps,
  token: string,
  path: string,
): Promise<void> {
  await gtmCall(() => client(deps, token).accounts.user_permissions.delete({ path }));
}
