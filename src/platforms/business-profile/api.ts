/**
 * Business Profile calls: the My Business Account Management API v1 through Google's own client
 * (@googleapis/mybusinessaccountmanagement) with `rootUrl` (Google or the sandbox root), and the
 * Business Information API's locations list and get (no Google client installed for it: one
 * JSON GET through the shared HTTP helper, read with the shared Google error mapping).
 */
import type * as AccountManagement from '@googleapis/mybusinessaccountmanagement';
import type { mybusinessaccountmanagement_v1 } from '@googleapis/mybusinessaccountmanagement';
import { loadGoogleClient } from '../google/load.ts';
import { z } from 'zod';
import { clientOptions } from '../google/clients.ts';
import { googleError } from '../google/errors.ts';
import { buildUrl, requestJson, type FetchLike } from '../http.ts';
import { bpCall } from './errors.ts';
import { businessProfileManifest } from './manifest.ts';

export interface BusinessProfileApiDeps {
  /** https://mybusinessaccountmanagement.googleapis.com/ or the sandbox root. */
  readonly rootUrl: string;
  /** https://mybusinessbusinessinformation.googleapis.com/ or the sandbox root. */
  readonly informationRootUrl: string;
  readonly timeoutMs: number;
  readonly fetch?: FetchLike | undefined;
}

export type BpAccount = mybusinessaccountmanagement_v1.Schema$Account;
export type BpAdmin = mybusinessaccountmanagement_v1.Schema$Admin;
export type BpInvitation = mybusinessaccountmanagement_v1.Schema$Invitation;

function client(
  deps: BusinessProfileApiDeps,
  token: string,
): mybusinessaccountmanagement_v1.Mybusinessaccountmanagement {
  const { auth, mybusinessaccountmanagement } = loadGoogleClient<typeof AccountManagement>(
    '@googleapis/mybusinessaccountmanagement',
  );
  const options = clientOptions({
    token,
    rootUrl: deps.rootUrl,
    timeoutMs: deps.timeoutMs,
    fetch: deps.fetch,
  });
  // This package carries its own google-auth-library: its OAuth2 class, same bearer token.
  const bearer = new auth.OAuth2();
  bearer.setCredentials({ access_token: token, token_type: 'Bearer' });
  return mybusinessaccountmanagement({ version: 'v1', ...options, auth: bearer });
}

/** Every account the token's user sees (all pages); its PERSONAL account comes first. */
export async function listAccounts(
  deps: BusinessProfileApiDeps,
  token: string,
): Promise<BpAccount[]> {
  const out: BpAccount[] = [];
  let pageToken: string | undefined;
  const c = client(deps, token);
  do {
    const page = await bpCall(() =>
      c.accounts.list({ pageSize: 20, ...(pageToken ? { pageToken } : {}) }),
    );
    out.push(...(page.accounts ?? []));
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return out;
}

/** The admins of `accounts/{a}` or `locations/{l}`. */
export async function listAdmins(
  deps: BusinessProfileApiDeps,
  token: string,
  parent: string,
): Promise<BpAdmin[]> {
  const c = client(deps, token);
  if (parent.startsWith('accounts/'))
    return (await bpCall(() => c.accounts.admins.list({ parent }))).accountAdmins ?? [];
  return (await bpCall(() => c.locations.admins.list({ parent }))).admins ?? [];
}

/** Invites a person (`admin`: email) or a location group (`account`) with a role. */
export async function createAdmin(
  deps: BusinessProfileApiDeps,
  token: string,
  parent: string,
  body: { admin?: string; account?: string; role: string },
): Promise<BpAdmin> {
  const c = client(deps, token);
  const params = { parent, requestBody: body };
  return bpCall(() =>
    parent.startsWith('accounts/')
      ? c.accounts.admins.create(params)
      : c.locations.admins.create(params),
  );
}

/** Changes an admin's role. */
export async function patchAdminRole(
  deps: BusinessProfileApiDeps,
  token: string,
  name: string,
  role: string,
): Promise<BpAdmin> {
  const c = client(deps, token);
  const params = { name, updateMask: 'role', requestBody: { role } };
  return bpCall(() =>
    name.startsWith('accounts/')
      ? c.accounts.admins.patch(params)
      : c.locations.admins.patch(params),
  );
}

/** Removes an admin (or withdraws a pending invitation). */
export async function deleteAdmin(
  deps: BusinessProfileApiDeps,
  token: string,
  name: string,
): Promise<void> {
  const c = client(deps, token);
  await bpCall(() =>
    name.startsWith('accounts/')
      ? c.accounts.admins.delete({ name })
      : c.locations.admins.delete({ name }),
  );
}

/** Pending invitations to an account (`accounts/{a}`): the invitee's own token. */
export async function listInvitations(
  deps: BusinessProfileApiDeps,
  token: string,
  account: string,
): Promise<BpInvitation[]> {
  const c = client(deps, token);
  return (await bpCall(() => c.accounts.invitations.list({ parent: account }))).invitations ?? [];
}

/** Accepts an invitation by name (`accounts/{a}/invitations/{i}`). */
export async function acceptInvitation(
  deps: BusinessProfileApiDeps,
  token: string,
  name: string,
): Promise<void> {
  const c = client(deps, token);
  await bpCall(() => c.accounts.invitations.accept({ name, requestBody: {} }));
}

const LocationSchema = z.object({ name: z.string(), title: z.string().optional() });
const LocationsPage = z.object({
  locations: z.array(LocationSchema).optional(),
  nextPageToken: z.string().optional(),
});

export type BpLocation = z.output<typeof LocationSchema>;

function infoGet<S extends z.ZodType>(
  deps: BusinessProfileApiDeps,
  token: string,
  path: string,
  query: Record<string, unknown>,
  schema: S,
): Promise<z.output<S>> {
  const defaultRetryAfterMs = businessProfileManifest.rateLimit.defaultRetryAfterMs;
  return requestJson(
    {
      fetch: deps.fetch ?? ((input, init) => fetch(input, init)),
      timeoutMs: deps.timeoutMs,
      now: () => new Date(),
      defaultRetryAfterMs,
    },
    {
      method: 'GET',
      url: buildUrl(deps.informationRootUrl, path, query),
      headers: { authorization: `Bearer ${token}` },
      schema,
      platformError: (response) =>
        response.status >= 400
          ? googleError(response.status, response.body, defaultRetryAfterMs)
          : undefined,
    },
  );
}

/** Every location of an account (Business Information API, readMask name,title; all pages). */
export async function listLocations(
  deps: BusinessProfileApiDeps,
  token: string,
  account: string,
): Promise<BpLocation[]> {
  const out: BpLocation[] = [];
  let pageToken: string | undefined;
  do {
    const page = await infoGet(
      deps,
      token,
      `v1/${account}/locations`,
      { readMask: 'name,title', pageSize: 100, pageToken },
      LocationsPage,
    );
    out.push(...(page.locations ?? []));
    pageToken = page.nextPageToken;
  } while (pageToken);
  return out;
}

/** One location's name and title. */
export function getLocation(
  deps: BusinessProfileApiDeps,
  token: string,
  name: string,
): Promise<BpLocation> {
  return infoGet(deps, token, `v1/${name}`, { readMask: 'name,title' }, LocationSchema);
}
