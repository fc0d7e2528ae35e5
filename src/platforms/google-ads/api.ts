/**
 * Typed Google Ads REST calls (google-api.md §2): listAccessibleCustomers, googleAds:search,
 * customerClientLinks:mutate (one `operation`), customerManagerLinks:mutate (`operations[]`).
 * Every call carries the bearer token, `developer-token` and, when acting through a manager or
 * on an account, `login-customer-id` ([ADS-PY-MD]).
 */
import { z } from 'zod';
import { requestJson, type HttpOptions } from '../http.ts';
import { adsPlatformError } from './errors.ts';

export interface AdsApiDeps {
  readonly http: HttpOptions;
  /** https://googleads.googleapis.com, or the sandbox root. */
  readonly baseUrl: string;
  /** v24 unless configured (google-api.md item 2: paths identical v21-v24). */
  readonly version: string;
  readonly developerToken: string;
}

export interface AdsCaller {
  readonly token: string;
  readonly loginCustomerId?: string;
}

const Row = z.record(z.string(), z.record(z.string(), z.unknown()));
const SearchAnswer = z.object({ results: z.array(Row).optional() });
const MutateOne = z.object({ result: z.object({ resourceName: z.string() }) });
const MutateMany = z.object({ results: z.array(z.object({ resourceName: z.string() })) });

function call<S extends z.ZodType>(
  deps: AdsApiDeps,
  caller: AdsCaller,
  method: 'GET' | 'POST',
  path: string,
  schema: S,
  body?: unknown,
): Promise<z.output<S>> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${caller.token}`,
    'developer-token': deps.developerToken,
  };
  if (caller.loginCustomerId !== undefined) headers['login-customer-id'] = caller.loginCustomerId;
  const url = new URL(`${deps.baseUrl.replace(/\/+$/, '')}/${deps.version}/${path}`);
  return requestJson(deps.http, {
    method,
    url,
    headers,
    body,
    schema,
    platformError: adsPlatformError,
  });
}

/** Customer ids the user reaches directly. */
export async function listAccessibleCustomers(
  deps: AdsApiDeps,
  caller: AdsCaller,
): Promise<string[]> {
  const answer = await call(
    deps,
    caller,
    'GET',
    'customers:listAccessibleCustomers',
    z.object({ resourceNames: z.array(z.string()).default([]) }),
  );
  return answer.resourceNames.map((name) => name.replace(/^customers\//, ''));
}

/** Runs one GAQL query and returns its rows (REST JSON GoogleAdsRow objects). */
export async function searchAds(
  deps: AdsApiDeps,
  caller: AdsCaller,
  customerId: string,
  query: string,
): Promise<Record<string, Record<string, unknown>>[]> {
  const answer = await call(
    deps,
    caller,
    'POST',
    `customers/${customerId}/googleAds:search`,
    SearchAnswer,
    { query },
  );
  return answer.results ?? [];
}

/** The manager invites a client: a PENDING CustomerClientLink. Returns its resource name. */
export async function inviteClient(
  deps: AdsApiDeps,
  caller: AdsCaller,
  managerId: string,
  clientId: string,
): Promise<string> {
  const body = {
    operation: { create: { clientCustomer: `customers/${clientId}`, status: 'PENDING' } },
  };
  return (
    await call(
      deps,
      caller,
      'POST',
      `customers/${managerId}/customerClientLinks:mutate`,
      MutateOne,
      body,
    )
  ).result.resourceName;
}

/** The manager changes its view of a link (CANCELED a pending invite, INACTIVE an active link). */
export async function setClientLinkStatus(
  deps: AdsApiDeps,
  caller: AdsCaller,
  managerId: string,
  resourceName: string,
  status: 'CANCELED' | 'INACTIVE',
): Promise<void> {
  const body = { operation: { updateMask: 'status', update: { resourceName, status } } };
  await call(
    deps,
    caller,
    'POST',
    `customers/${managerId}/customerClientLinks:mutate`,
    MutateOne,
    body,
  );
}

/** The client answers: ACTIVE accepts, REFUSED declines, INACTIVE terminates ([ADS-CML-SVC]). */
export async function setManagerLinkStatus(
  deps: AdsApiDeps,
  caller: AdsCaller,
  clientId: string,
  resourceName: string,
  status: 'ACTIVE' | 'REFUSED' | 'INACTIVE',
): Promise<void> {
  const body = { operations: [{ updateMask: 'status', update: { resourceName, status } }] };
  await call(
    deps,
    caller,
    'POST',
    `customers/${clientId}/customerManagerLinks:mutate`,
    MutateMany,
    body,
  );
}
