// The manager-link handshake: the manager invites (customerClientLinks:mutate create, PENDING),
// the client answers (customerManagerLinks:mutate update). google-api.md §2; [ADS-CCL-SVC],
// [ADS-CML-SVC], [ADS-MLE], [ADS-MLS]. Status moves not fixed by a source are marked (choice).
import { customerOf, descendants, requireLinkAdmin, roleOn } from './ads-access.ts';
import { failAds } from './errors.ts';
import { nextId, stamp } from './ids.ts';
import type { AdsLink, ManagerLinkStatus, ModelContext } from './types.ts';

const linkError = (value: string, message: string): never =>
  failAds('INVALID_ARGUMENT', 'managerLinkError', value, message);

/** Caller context of one Google Ads call. */
export interface AdsCaller {
  email: string;
  loginCustomerId: string | undefined;
}

/** The manager invites a client: the link starts PENDING. Returns the new link. */
export function createClientLink(
  ctx: ModelContext,
  caller: AdsCaller,
  managerId: string,
  clientResource: string,
  status: string,
  validateOnly: boolean,
): AdsLink {
  requireLinkAdmin(roleOn(ctx, caller.email, managerId, caller.loginCustomerId));
  const manager = customerOf(ctx, managerId);
  const clientId = /^customers\/(\d{10})$/.exec(clientResource)?.[1];
  if (clientId === undefined)
    failAds(
      'INVALID_ARGUMENT',
      'requestError',
      'RESOURCE_NAME_MALFORMED',
      'The resource name is malformed.',
      {
        location: {
          fieldPathElements: [
            { fieldName: 'operation' },
            { fieldName: 'create' },
            { fieldName: 'client_customer' },
          ],
        },
      },
    );
  if (!manager.manager)
    linkError('ACCOUNTS_NOT_COMPATIBLE_FOR_LINKING', 'Only a manager account can invite clients.');
  if (clientId === managerId)
    linkError('CUSTOMER_CANNOT_MANAGE_SELF', 'A customer cannot manage itself.');
  customerOf(ctx, clientId);
  if (status === 'ACTIVE')
    linkError(
      'CREATING_ENABLED_LINK_NOT_ALLOWED',
      'A manager link cannot be created in the ACTIVE state.',
    );
  if (status !== 'PENDING')
    linkError('INVALID_STATUS_CHANGE', 'A new manager link must be PENDING.');
  const links = ctx.state.ads.links;
  if (
    links.some(
      (l) => l.managerId === managerId && l.clientId === clientId && l.status === 'PENDING',
    )
  )
    linkError(
      'ALREADY_INVITED_BY_THIS_MANAGER',
      'The client has already been invited by this manager.',
    );
  if (
    links.some((l) => l.managerId === managerId && l.clientId === clientId && l.status === 'ACTIVE')
  )
    linkError('ALREADY_MANAGED_BY_THIS_MANAGER', 'The client is already managed by this manager.');
  if (descendants(ctx, clientId).includes(managerId))
    linkError('CYCLE_NOT_ALLOWED', 'Linking would create a cycle.');
  if (descendants(ctx, managerId).includes(clientId))
    linkError('ALREADY_MANAGED_IN_HIERARCHY', 'The client is already managed in this hierarchy.');
  const pending = links.filter((l) => l.managerId === managerId && l.status === 'PENDING').length;
  if (pending >= ctx.state.ads.limits.maxPendingInvitesPerManager)
    linkError('TOO_MANY_INVITES', 'Manager has too many pending invitations.');
  const link: AdsLink = {
    managerId,
    clientId,
    linkId: nextId(ctx),
    status: 'PENDING',
    hidden: false,
    updatedAt: stamp(ctx),
  };
  if (!validateOnly) links.push(link);
  return link;
}

/** Which view a resource name belongs to: the manager's (customerClientLinks) or the client's. */
export type LinkView = 'customerClientLinks' | 'customerManagerLinks';

const RESOURCE: Record<LinkView, RegExp> = {
  customerClientLinks: /^customers\/(\d{10})\/customerClientLinks\/(\d{10})~(\d+)$/,
  customerManagerLinks: /^customers\/(\d{10})\/customerManagerLinks\/(\d{10})~(\d+)$/,
};

/** Finds the link a resource name points to, from the manager's or the client's side. */
export function findLink(
  ctx: ModelContext,
  view: LinkView,
  urlCustomerId: string,
  resourceName: string,
): AdsLink {
  const m = RESOURCE[view].exec(resourceName);
  if (!m || m[1] !== urlCustomerId)
    failAds(
      'INVALID_ARGUMENT',
      'requestError',
      'RESOURCE_NAME_MALFORMED',
      'The resource name is malformed.',
    );
  const [, owner, other, linkId] = m;
  const link = ctx.state.ads.links.find(
    (l) =>
      l.linkId === linkId &&
      (view === 'customerClientLinks'
        ? l.managerId === owner && l.clientId === other
        : l.clientId === owner && l.managerId === other),
  );
  if (!link)
    failAds(
      'INVALID_ARGUMENT',
      'mutateError',
      'RESOURCE_NOT_FOUND',
      'The requested resource was not found.',
    );
  return link;
}

/** Client-side moves ([ADS-CML-SVC]): accept, refuse, or terminate. */
const CLIENT_MOVES: Record<string, ManagerLinkStatus[]> = {
  PENDING: ['ACTIVE', 'REFUSED'],
  ACTIVE: ['INACTIVE'],
};
/** Manager-side moves (choice, google-api.md item 5): cancel a pending invite, end an active link. */
const MANAGER_MOVES: Record<string, ManagerLinkStatus[]> = {
  PENDING: ['CANCELED'],
  ACTIVE: ['INACTIVE'],
};

/** Applies a status update from one view (the client acts on customerManagerLinks, the manager on customerClientLinks); checks role, move and the managers limit. */
export function updateLinkStatus(
  ctx: ModelContext,
  caller: AdsCaller,
  view: LinkView,
  urlCustomerId: string,
  resourceName: string,
  status: string,
  validateOnly: boolean,
): AdsLink {
  requireLinkAdmin(roleOn(ctx, caller.email, urlCustomerId, caller.loginCustomerId));
  const link = findLink(ctx, view, urlCustomerId, resourceName);
  const allowed =
    (view === 'customerManagerLinks' ? CLIENT_MOVES : MANAGER_MOVES)[link.status] ?? [];
  if (!allowed.includes(status as ManagerLinkStatus))
    linkError(
      'INVALID_STATUS_CHANGE',
      `The status change from ${link.status} to ${status} is not allowed.`,
    );
  if (status === 'ACTIVE') {
    const managers = ctx.state.ads.links.filter(
      (l) => l.clientId === link.clientId && l.status === 'ACTIVE',
    ).length;
    if (managers >= ctx.state.ads.limits.maxManagersPerClient)
      linkError('TOO_MANY_MANAGERS', 'The client has too many managers.');
  }
  if (!validateOnly) {
    link.status = status as ManagerLinkStatus;
    link.updatedAt = stamp(ctx);
  }
  return link;
}

/** Hides or shows an ACTIVE link in the manager's view (customer_client_link_error.proto). */
export function setHidden(
  ctx: ModelContext,
  caller: AdsCaller,
  managerId: string,
  resourceName: string,
  hidden: boolean,
  validateOnly: boolean,
): AdsLink {
  requireLinkAdmin(roleOn(ctx, caller.email, managerId, caller.loginCustomerId));
  const link = findLink(ctx, 'customerClientLinks', managerId, resourceName);
  if (link.status !== 'ACTIVE')
    failAds(
      'INVALID_ARGUMENT',
      'customerClientLinkError',
      'CANNOT_HIDE_OR_UNHIDE_MANAGER_ACCOUNTS',
      'Attempt to change hidden status of a link that is not active.',
    );
  if (!validateOnly) link.hidden = hidden;
  return link;
}

/** Resource names of both views ([ADS-CCL], [ADS-CML]). */
export function clientLinkName(link: AdsLink): string {
  return `customers/${link.managerId}/customerClientLinks/${link.clientId}~${link.linkId}`;
}

/** The client-side view's resource name. */
export function managerLinkName(link: AdsLink): string {
  return `customers/${link.clientId}/customerManagerLinks/${link.managerId}~${link.linkId}`;
}
