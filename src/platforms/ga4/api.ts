/**
 * GA4 Admin calls through Google's own client (@googleapis/analyticsadmin, v1alpha: the only
 * version with accessBindings, google-api.md §3), pointed at Google or the sandbox by rootUrl.
 */
import type * as AnalyticsAdmin from '@googleapis/analyticsadmin';
import type { analyticsadmin_v1alpha } from '@googleapis/analyticsadmin';
import { loadGoogleClient } from '../google/load.ts';
import { clientOptions } from '../google/clients.ts';
import type { FetchLike } from '../http.ts';
import { ga4Call } from './errors.ts';

export interface Ga4ApiDeps {
  /** https://analyticsadmin.googleapis.com/ or the sandbox root. */
  readonly rootUrl: string;
  readonly timeoutMs: number;
  readonly fetch?: FetchLike | undefined;
}

export type Ga4Binding = analyticsadmin_v1alpha.Schema$GoogleAnalyticsAdminV1alphaAccessBinding;
export type Ga4AccountSummary =
  analyticsadmin_v1alpha.Schema$GoogleAnalyticsAdminV1alphaAccountSummary;

function client(deps: Ga4ApiDeps, token: string): analyticsadmin_v1alpha.Analyticsadmin {
  const { analyticsadmin } = loadGoogleClient<typeof AnalyticsAdmin>('@googleapis/analyticsadmin');
  return analyticsadmin({
    version: 'v1alpha',
    ...clientOptions({
      token,
      rootUrl: deps.rootUrl,
      timeoutMs: deps.timeoutMs,
      fetch: deps.fetch,
    }),
  });
}

/** Every account summary (all pages). */
export async function listAccountSummaries(
  deps: Ga4ApiDeps,
  token: string,
): Promise<Ga4AccountSummary[]> {
  const out: Ga4AccountSummary[] = [];
  let pageToken: string | undefined;
  do {
    const page = await ga4Call(() =>
      client(deps, token).accountSummaries.list({
        pageSize: 200,
        ...(pageToken ? { pageToken } : {}),
      }),
    );
    out.push(...(page.accountSummaries ?? []));
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return out;
}

/** Every binding on a parent (accounts/{id} or properties/{id}), all pages. */
export async function listBindings(
  deps: Ga4ApiDeps,
  token: string,
  parent: string,
): Promise<Ga4Binding[]> {
  const out: Ga4Binding[] = [];
  let pageToken: string | undefined;
  const c = client(deps, token);
  do {
    const params = { parent, pageSize: 500, ...(pageToken ? { pageToken } : {}) };
    const page = await ga4Call(() =>
      parent.startsWith('accounts/')
        ? c.accounts.accessBindings.list(params)
        : c.properties.accessBindings.list(params),
    );
    out.push(...(page.accessBindings ?? []));
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return out;
}

/** Creates a binding for `user` with `roles`. */
export async function createBinding(
  deps: Ga4ApiDeps,
  token: string,
  parent: string,
  user: string,
  roles: string[],
): Promise<Ga4Binding> {
  const c = client(deps, token);
  const params = { parent, requestBody: { user, roles } };
  return ga4Call(() =>
    parent.startsWith('accounts/')
      ? c.accounts.accessBindings.create(params)
      : c.properties.accessBindings.create(params),
  );
}

/** Replaces a binding's roles. */
export async function patchBinding(
  deps: Ga4ApiDeps,
  token: string,
  name: string,
  roles: string[],
): Promise<Ga4Binding> {
  const c = client(deps, token);
  const params = { name, requestBody: { roles } };
  return ga4Call(() =>
    name.startsWith('accounts/')
      ? c.accounts.accessBindings.patch(params)
      : c.properties.accessBindings.patch(params),
  );
}

/** Deletes a binding. */
export async function deleteBinding(deps: Ga4ApiDeps, token: string, name: string): Promise<void> {
  const c = client(deps, token);
  await ga4Call(() =>
    name.startsWith('accounts/')
      ? c.accounts.accessBindings.delete({ name })
      : c.properties.accessBindings.delete({ name }),
  );
}
