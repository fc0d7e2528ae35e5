/**
 * The client-link handshake from Latchkey's side (microsoft-ads-api.md §3): read first, the
 * agency's manager account proposes (AddClientLinks with the agency's token), the client accepts
 * (UpdateClientLinks with the client's token), read back. Every step is safe to repeat.
 */
import { PlatformError } from '../errors.ts';
import type { AccessReading, AgencyIdentity, GrantOutcome, RevokeOutcome } from '../types.ts';
import { msCall, msErrorOf, type MsApiDeps } from './api.ts';
import { CLIENT_LINK_LEVEL } from './manifest.ts';
import {
  BatchAnswer,
  LIVE,
  SearchLinksAnswer,
  type ClientLink,
  type OperationError,
} from './wire.ts';

/** A customer or account id: digits only. */
export function msId(value: string, what: string): string {
  if (!/^\d{1,19}$/.test(value))
    throw new PlatformError(
      'invalid',
      `Not a Microsoft Advertising ${what} id: ${value}`,
      'bad_id',
    );
  return value;
}

/** The live link between the agency's manager account and the account, read with `token`. */
export async function findLink(
  deps: MsApiDeps,
  token: string,
  managingCustomerId: string,
  accountId: string,
): Promise<ClientLink | undefined> {
  const links: ClientLink[] = [];
  for (let index = 0; ; index += 1) {
    const page = await msCall(
      deps,
      token,
      'POST',
      'ClientLinks/Search',
      {
        Predicates: [
          { Field: 'ClientAccountId', Operator: 'Equals', Value: accountId },
          { Field: 'DirectManagingCustomerId', Operator: 'Equals', Value: managingCustomerId },
        ],
        Ordering: null,
        PageInfo: { Index: index, Size: 100 },
      },
      SearchLinksAnswer,
    );
    const got = page.ClientLinks ?? [];
    links.push(...got);
    if (got.length < 100) break;
  }
  const mine = links.filter(
    (l) => l.ManagingCustomerId === managingCustomerId && l.ClientEntityId === accountId,
  );
  return mine.find((l) => l.Status === 'Active') ?? mine.find((l) => LIVE.includes(l.Status));
}

/** Sends one link in a batch call; returns the refusal (OperationErrors or PartialErrors), if any. */
async function sendLink(
  deps: MsApiDeps,
  token: string,
  method: 'POST' | 'PUT',
  link: Record<string, unknown>,
): Promise<OperationError | undefined> {
  const answer = await msCall(
    deps,
    token,
    method,
    'ClientLinks',
    { ClientLinks: [link] },
    BatchAnswer,
  );
  return answer.OperationErrors?.[0] ?? answer.PartialErrors?.find((e) => e !== null) ?? undefined;
}

/** Like sendLink, but a refusal is thrown as a PlatformError. */
async function oneLink(
  deps: MsApiDeps,
  token: string,
  method: 'POST' | 'PUT',
  link: Record<string, unknown>,
): Promise<void> {
  const error = await sendLink(deps, token, method, link);
  if (error) throw msErrorOf(400, error, deps.http.defaultRetryAfterMs);
}

const outcomeOf = (link: ClientLink | undefined): GrantOutcome | undefined => {
  if (link?.Status === 'Active') return { kind: 'granted', level: CLIENT_LINK_LEVEL };
  if (link?.Status === 'LinkInProgress' || link?.Status === 'LinkAccepted')
    return {
      kind: 'pending_acceptance',
      detail: 'Microsoft Advertising is completing the link (this can take a few minutes).',
    };
  return undefined;
};

/** Grants by client link: already Active is already_granted; pending is accepted; none is proposed then accepted. */
export async function grantClientLink(
  deps: MsApiDeps,
  input: { clientToken: string; agency: AgencyIdentity; accountId: string },
): Promise<GrantOutcome> {
  const managing = msId(input.agency.businessId, 'manager account');
  const accountId = msId(input.accountId, 'account');
  const agencyToken = input.agency.accessToken;
  let link = await findLink(deps, agencyToken, managing, accountId);
  if (link?.Status === 'Active') return { kind: 'already_granted', level: CLIENT_LINK_LEVEL };
  const inFlight = outcomeOf(link);
  if (inFlight) return inFlight;
  if (link === undefined) {
    const refused = await sendLink(deps, agencyToken, 'POST', {
      Type: 'AccountLink',
      ClientEntityId: accountId,
      ManagingCustomerId: managing,
      // The client keeps paying Microsoft for its own account (docs/platforms/microsoft-ads.md).
      IsBillToClient: true,
      Name: 'Latchkey',
      // The client accepts right away through Latchkey; Microsoft's email would only confuse.
      SuppressNotification: true,
    });
    // A link that exists already (added by a retry whose answer was lost, between our read and
    // this add) is read again below; any other refusal is the grant's error.
    const duplicate = refused !== undefined && LIVE.includes(refused.Details ?? '');
    if (refused && !duplicate) throw msErrorOf(400, refused, deps.http.defaultRetryAfterMs);
  }
  const waitForClient: GrantOutcome = {
    kind: 'pending_acceptance',
    detail: `A Super Admin or Standard user of Microsoft Advertising account ${accountId} must accept the link request from manager account ${managing} (Accounts & Billing > Requests).`,
  };
  // The client reads the link (with its Timestamp) and accepts it.
  const clientView = await findLink(deps, input.clientToken, managing, accountId);
  if (clientView?.Status === 'LinkPending') {
    try {
      await oneLink(deps, input.clientToken, 'PUT', {
        ClientEntityId: accountId,
        ManagingCustomerId: managing,
        Status: 'LinkAccepted',
        ...(clientView.Timestamp ? { Timestamp: clientView.Timestamp } : {}),
      });
    } catch (error) {
      if (error instanceof PlatformError && error.kind === 'permission') return waitForClient;
      throw error;
    }
  }
  link = await findLink(deps, agencyToken, managing, accountId);
  const done = outcomeOf(link);
  if (done) return done;
  // The client's person cannot see or accept the request (a Viewer, say): one of its admins must.
  if (link?.Status === 'LinkPending') return waitForClient;
  throw new PlatformError(
    'unexpected',
    `The link to account ${accountId} reads ${link?.Status ?? 'absent'} after acceptance`,
    'link_not_active',
  );
}

/** Reads the link with the agency's token: Active (or unlinking) holds, pending states are pending. */
export async function readClientLink(
  deps: MsApiDeps,
  agency: AgencyIdentity,
  accountId: string,
): Promise<AccessReading> {
  const link = await findLink(
    deps,
    agency.accessToken,
    msId(agency.businessId, 'manager account'),
    msId(accountId, 'account'),
  );
  if (link === undefined) return { kind: 'lost' };
  if (['Active', 'UnlinkPending', 'UnlinkInProgress'].includes(link.Status))
    return { kind: 'holds', level: CLIENT_LINK_LEVEL };
  return { kind: 'pending', level: CLIENT_LINK_LEVEL };
}

/** Ends the link as the agency: LinkCanceled on a pending request, UnlinkRequested on an active one. */
export async function endClientLink(
  deps: MsApiDeps,
  agency: AgencyIdentity,
  accountId: string,
): Promise<RevokeOutcome> {
  const managing = msId(agency.businessId, 'manager account');
  const link = await findLink(deps, agency.accessToken, managing, msId(accountId, 'account'));
  if (link === undefined) return { kind: 'not_present' };
  if (link.Status === 'UnlinkPending' || link.Status === 'UnlinkInProgress')
    return { kind: 'revoked' };
  const to =
    link.Status === 'Active'
      ? 'UnlinkRequested'
      : link.Status === 'LinkPending'
        ? 'LinkCanceled'
        : null;
  if (to === null)
    throw new PlatformError('unavailable', `The link is ${link.Status}; try again later`, '1472', {
      retryAfterMs: deps.http.defaultRetryAfterMs,
    });
  await oneLink(deps, agency.accessToken, 'PUT', {
    ClientEntityId: accountId,
    ManagingCustomerId: managing,
    Status: to,
    ...(link.Timestamp ? { Timestamp: link.Timestamp } : {}),
  });
  return { kind: 'revoked' };
}
