/**
 * The manager-link handshake from Latchkey's side: read the link back first (R2), invite as the
 * agency's manager, accept as the client, end it. google-api.md §2 "Flow".
 */
import { PlatformError } from '../errors.ts';
import type { AccessReading, AgencyIdentity, GrantOutcome, RevokeOutcome } from '../types.ts';
import {
  inviteClient,
  searchAds,
  setClientLinkStatus,
  setManagerLinkStatus,
  type AdsApiDeps,
} from './api.ts';
import { GOOGLE_ADS_LEVEL } from './manifest.ts';

export interface LinkState {
  readonly status: string;
  readonly linkId: string;
  /** The manager's view: customers/{manager}/customerClientLinks/{client}~{linkId}. */
  readonly clientLinkName: string;
}

/** A customer id as Google Ads wants it: 10 digits, no dashes. */
export function customerId(value: string): string {
  const digits = value.replace(/-/g, '');
  if (!/^\d{10}$/.test(digits))
    throw new PlatformError('invalid', `Not a Google Ads customer id: ${value}`, 'bad_customer_id');
  return digits;
}

/** The manager's current link to a client that is ACTIVE or PENDING, if any. */
export async function findLink(
  deps: AdsApiDeps,
  agency: AgencyIdentity,
  clientId: string,
): Promise<LinkState | undefined> {
  const managerId = customerId(agency.businessId);
  const query = `SELECT customer_client_link.client_customer, customer_client_link.manager_link_id, customer_client_link.status FROM customer_client_link WHERE customer_client_link.client_customer = 'customers/${clientId}' AND customer_client_link.status IN (ACTIVE, PENDING)`;
  const rows = await searchAds(
    deps,
    { token: agency.accessToken, loginCustomerId: managerId },
    managerId,
    query,
  );
  const links = rows.map((r) => r.customerClientLink).filter((l) => l !== undefined);
  const link = links.find((l) => l.status === 'ACTIVE') ?? links[0];
  if (!link) return undefined;
  return {
    status: String(link.status),
    linkId: String(link.managerLinkId),
    clientLinkName: String(link.resourceName),
  };
}

const managerLinkName = (clientId: string, managerId: string, linkId: string): string =>
  `customers/${clientId}/customerManagerLinks/${managerId}~${linkId}`;

/** Grants by link: already ACTIVE is already_granted; PENDING is accepted; none is invited then accepted. */
export async function grantLink(
  deps: AdsApiDeps,
  input: { clientToken: string; agency: AgencyIdentity; clientId: string },
): Promise<GrantOutcome> {
  const managerId = customerId(input.agency.businessId);
  const existing = await findLink(deps, input.agency, input.clientId);
  if (existing?.status === 'ACTIVE') return { kind: 'already_granted', level: GOOGLE_ADS_LEVEL };
  let linkId = existing?.linkId;
  if (linkId === undefined) {
    const name = await inviteClient(
      deps,
      { token: input.agency.accessToken, loginCustomerId: managerId },
      managerId,
      input.clientId,
    );
    linkId = /~(\d+)$/.exec(name)?.[1];
    if (linkId === undefined)
      throw new PlatformError(
        'unexpected',
        `Unexpected link resource name ${name}`,
        'bad_response',
      );
  }
  try {
    await setManagerLinkStatus(
      deps,
      { token: input.clientToken, loginCustomerId: input.clientId },
      input.clientId,
      managerLinkName(input.clientId, managerId, linkId),
      'ACTIVE',
    );
  } catch (error) {
    // A client who is not an admin cannot accept; the invitation waits for one of its admins.
    if (error instanceof PlatformError && error.kind === 'permission') {
      return {
        kind: 'pending_acceptance',
        detail: `An admin of Google Ads account ${input.clientId} must accept the invitation from manager ${managerId} (Admin > Access and security > Managers).`,
      };
    }
    throw error;
  }
  return { kind: 'granted', level: GOOGLE_ADS_LEVEL };
}

/** Reads the link from the agency's manager: ACTIVE holds, PENDING is pending, anything else lost. */
export async function readLink(
  deps: AdsApiDeps,
  agency: AgencyIdentity,
  clientId: string,
): Promise<AccessReading> {
  const link = await findLink(deps, agency, clientId);
  if (link?.status === 'ACTIVE') return { kind: 'holds', level: GOOGLE_ADS_LEVEL };
  if (link?.status === 'PENDING') return { kind: 'pending', level: GOOGLE_ADS_LEVEL };
  return { kind: 'lost' };
}

/**
 * Ends the link. With the client's token the client sets INACTIVE (the documented move,
 * [ADS-CML-SVC]); otherwise the manager sets INACTIVE, or CANCELED on a pending invite
 * (google-api.md item 5: unverified).
 */
export async function endLink(
  deps: AdsApiDeps,
  input: { agency: AgencyIdentity; clientToken?: string; clientId: string },
): Promise<RevokeOutcome> {
  const managerId = customerId(input.agency.businessId);
  const link = await findLink(deps, input.agency, input.clientId);
  if (!link) return { kind: 'not_present' };
  if (input.clientToken !== undefined && link.status === 'ACTIVE') {
    await setManagerLinkStatus(
      deps,
      { token: input.clientToken, loginCustomerId: input.clientId },
      input.clientId,
      managerLinkName(input.clientId, managerId, link.linkId),
      'INACTIVE',
    );
  } else {
    await setClientLinkStatus(
      deps,
      { token: input.agency.accessToken, loginCustomerId: managerId },
      managerId,
      link.clientLinkName,
      link.status === 'PENDING' ? 'CANCELED' : 'INACTIVE',
    );
  }
  return { kind: 'revoked' };
}
