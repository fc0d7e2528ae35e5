// The Business Center console's tabs: Users, Partners, Accounts, Notifications.
import { listBcHoldings } from '../model/assets.ts';
import { findBc } from '../model/indexes.ts';
import { listAssetPartners, listNotifications, listPartners } from '../model/queries.ts';
import type { Member, ModelContext, ModelledAssetType } from '../model/types.ts';
import { actionForm, esc, select, textInput } from './html.ts';

const adRoles: Array<[string, string]> = [
  ['ADMIN', 'Admin'],
  ['OPERATOR', 'Operator'],
  ['ANALYST', 'Analyst'],
];

/** Users: members and invitations, invite form. */
export function renderUsers(ctx: ModelContext, base: string, bcId: string): string {
  const rows = ctx.state.members
    .filter((m) => m.bcId === bcId)
    .map((m) => {
      const name = ctx.state.users.find((u) => u.userId === m.userId)?.name ?? '';
      const actions =
        m.status === 'PENDING'
          ? actionForm(
              `${base}/console/invitations/resend`,
              { bc_id: bcId, email: m.email },
              'Resend',
              `resend-${m.email}`,
              true,
            ) +
            actionForm(
              `${base}/console/members/remove`,
              { bc_id: bcId, email: m.email },
              'Revoke',
              `revoke-${m.email}`,
              true,
            )
          : m.status === 'BOUND'
            ? actionForm(
                `${base}/console/members/remove`,
                { bc_id: bcId, user_id: m.userId ?? '' },
                'Remove',
                `remove-${m.email}`,
                true,
              )
            : '';
      return `<tr data-testid="member-${esc(m.email)}"><td>${esc(name)}</td><td>${esc(m.email)}</td><td>${m.userRole}</td><td>${m.financeRole ?? ''}</td><td>${m.status}${m.resendCount ? ` (resent ${m.resendCount}×)` : ''}</td><td>${actions}</td></tr>`;
    })
    .join('');
  const ads = heldOptions(ctx, bcId, 'ADVERTISER');
  return `<section><h2>Users</h2><table><tr><th>Name</th><th>Email</th><th>BC role</th><th>Finance</th><th>Status</th><th></th></tr>${rows}</table></section>
<section><h3>Invite a member</h3><form method="post" action="${base}/console/invite" data-testid="invite-form">
<input type="hidden" name="bc_id" value="${esc(bcId)}">${textInput('email', 'Email', 'invite-email', 'name@example.com')}
${select(
  'user_role',
  'BC role',
  [
    ['STANDARD', 'Standard'],
    ['ADMIN', 'Admin'],
  ],
  'invite-role',
)}
${select(
  'finance_role',
  'Finance role',
  [
    ['', 'None'],
    ['MANAGER', 'Finance manager'],
    ['ANALYST', 'Finance analyst'],
  ],
  'invite-finance',
)}
${select('asset_id', 'Ad account', [['', 'None'], ...ads], 'invite-asset')}${select('advertiser_role', 'Permission', adRoles, 'invite-asset-role')}
<button data-testid="invite-submit">Send invitation</button></form></section>`;
}

/** Partners: list with labels and removal, add-partner and request-access forms. */
export function renderPartners(ctx: ModelContext, base: string, bcId: string): string {
  const rows = listPartners(ctx, bcId)
    .map(({ partner, link, direction }) => {
      const label = link.primaryMediaAgency
        ? ' <span class="tag" data-testid="primary-media-agency">Media Agency</span>'
        : '';
      const remove = actionForm(
        `${base}/console/partners/remove`,
        { bc_id: bcId, partner_id: partner.bcId },
        'Remove partner',
        `remove-partner-${partner.bcId}`,
        true,
      );
      return `<tr data-testid="partner-${esc(partner.bcId)}"><td>${esc(partner.name)}${label}</td><td>${esc(partner.bcId)}</td><td>${direction === 'SHARING' ? 'You share with them' : 'They share with you'}</td><td>${link.status}</td><td>${remove}</td></tr>`;
    })
    .join('');
  const assets = [
    ...heldOptions(ctx, bcId, 'ADVERTISER'),
    ...heldOptions(ctx, bcId, 'CATALOG'),
    ...heldOptions(ctx, bcId, 'PIXEL'),
  ];
  return `<section><h2>Partners</h2><table><tr><th>Partner</th><th>BC ID</th><th>Direction</th><th>Status</th><th></th></tr>${rows}</table></section>
<section><h3>Add a partner</h3><form method="post" action="${base}/console/partners/add" data-testid="add-partner-form">
<input type="hidden" name="bc_id" value="${esc(bcId)}">${textInput('partner_ref', 'Partner BC ID or ad account ID', 'partner-ref')}
${select('asset_id', 'Asset', assets, 'partner-asset')}
${select('role', 'Permission', [...adRoles, ['AD_PROMOTE', 'Ad promote (catalogs)']], 'partner-role')}
<label><input type="checkbox" name="primary" value="1" data-testid="partner-primary"> Primary media agency</label>
<button data-testid="add-partner-submit">Add partner</button></form></section>
<section><h3>Request access (as an agency)</h3><form method="post" action="${base}/console/requests/new" data-testid="request-form">
<input type="hidden" name="bc_id" value="${esc(bcId)}">
${select(
  'asset_type',
  'Type',
  [
    ['ADVERTISER', 'Ad account'],
    ['TT_ACCOUNT', 'TikTok account (QR code)'],
    ['PIXEL', 'Pixel'],
    ['CATALOG', 'Catalog'],
  ],
  'request-type',
)}
${textInput('asset_id', 'ID (19 digits)', 'request-asset-id')}${select('advertiser_role', 'Permission', adRoles, 'request-role')}
<label><input type="checkbox" name="primary" value="1" data-testid="request-primary"> We are the primary media agency</label>
<button data-testid="request-submit">Send request</button></form></section>`;
}

/** Accounts: ad accounts, TikTok accounts, pixels, catalogs, with share and transfer forms. */
export function renderAccounts(ctx: ModelContext, base: string, bcId: string): string {
  const partners = listPartners(ctx, bcId)
    .filter((p) => p.direction === 'SHARING')
    .map((p): [string, string] => [p.partner.bcId, p.partner.name]);
  const table = (type: ModelledAssetType, title: string): string => {
    const rows = listBcHoldings(ctx, bcId, type)
      .map(({ asset, holding }) => {
        const shared = listAssetPartners(ctx, bcId, asset.assetId)
          .map((p) => `${p.partner.name} (${p.holding.roles.join(', ') || 'access'})`)
          .join('; ');
        return `<tr data-testid="asset-${esc(asset.assetId)}"><td>${esc(asset.name)}</td><td>${esc(asset.assetId)}</td><td>${holding.relationType}</td><td>${holding.status}</td><td>${esc(holding.roles.join(', '))}</td><td>${esc(shared)}</td></tr>`;
      })
      .join('');
    return `<h3>${title}</h3><table><tr><th>Name</th><th>ID</th><th>Relation</th><th>Status</th><th>Level</th><th>Shared with</th></tr>${rows}</table>`;
  };
  const shareForm = (
    type: 'PIXEL' | 'CATALOG' | 'TT_ACCOUNT',
    roles: Array<[string, string]>,
  ): string => `
<form method="post" action="${base}/console/share" data-testid="share-${type.toLowerCase()}-form"><input type="hidden" name="bc_id" value="${esc(bcId)}"><input type="hidden" name="asset_type" value="${type}">
${select('asset_id', type === 'PIXEL' ? 'Pixel' : type === 'CATALOG' ? 'Catalog' : 'TikTok account', heldOptions(ctx, bcId, type), `share-${type.toLowerCase()}-asset`)}
${select('partner_id', 'Partner', partners, `share-${type.toLowerCase()}-partner`)}${roles.length ? select('role', 'Permission', roles, `share-${type.toLowerCase()}-role`) : ''}
<button data-testid="share-${type.toLowerCase()}-submit">Share with partner</button></form>`;
  return `<section><h2>Accounts</h2>${table('ADVERTISER', 'Ad accounts')}${table('TT_ACCOUNT', 'TikTok accounts')}${table('PIXEL', 'Pixels')}${table('CATALOG', 'Catalogs')}</section>
<section><h3>Share with a partner</h3>${shareForm('PIXEL', [])}${shareForm('CATALOG', [
    ['AD_PROMOTE', 'Ad promote'],
    ['ADMIN', 'Admin'],
  ])}
${shareForm('TT_ACCOUNT', [
  ['AD_DELIVERY', 'Deliver ads (Spark Ads)'],
  ['POST', 'Post'],
  ['LIVE', 'Live'],
  ['DIRECT_MESSAGE', 'Direct messages'],
])}</section>
<section><h3>Transfer an ad account</h3><form method="post" action="${base}/console/transfers/new" data-testid="transfer-form"><input type="hidden" name="bc_id" value="${esc(bcId)}">
${select('advertiser_id', 'Ad account', heldOptions(ctx, bcId, 'ADVERTISER'), 'transfer-asset')}${textInput('to_bc_id', 'Receiving BC ID', 'transfer-to')}
<button data-testid="transfer-submit">Offer transfer</button></form></section>`;
}

/** Notifications: access requests to approve, partner invitations and transfers to accept. */
export function renderNotifications(ctx: ModelContext, base: string, bcId: string): string {
  const n = listNotifications(ctx, bcId);
  const bcName = (id: string): string => findBc(ctx, id)?.name ?? id;
  const requests = n.requests
    .map(
      (
        r,
      ) => `<tr data-testid="request-${esc(r.requestId)}"><td>${esc(bcName(r.requesterBcId))} requests ad account ${esc(r.assetId)} as ${esc(r.roles.join(', '))}${r.primaryMediaAgency ? ' (primary media agency)' : ''}</td>
<td>${actionForm(`${base}/console/requests/decide`, { bc_id: bcId, request_id: r.requestId, decision: 'approve' }, 'Approve', `approve-request-${r.requestId}`)}
${actionForm(`${base}/console/requests/decide`, { bc_id: bcId, request_id: r.requestId, decision: 'reject' }, 'Reject', `reject-request-${r.requestId}`, true)}</td></tr>`,
    )
    .join('');
  const invites = n.partnerInvitations
    .map(
      (
        p,
      ) => `<tr data-testid="partner-invitation-${esc(p.bcId)}"><td>${esc(bcName(p.bcId))} invites you as a partner</td>
<td>${actionForm(`${base}/console/partners/accept`, { bc_id: bcId, owner_bc_id: p.bcId }, 'Accept', `accept-partner-${p.bcId}`)}
${actionForm(`${base}/console/partners/decline`, { bc_id: bcId, owner_bc_id: p.bcId }, 'Decline', `decline-partner-${p.bcId}`, true)}</td></tr>`,
    )
    .join('');
  const transfers = n.transfers
    .map(
      (
        t,
      ) => `<tr data-testid="transfer-${esc(t.transferId)}"><td>${esc(bcName(t.fromBcId))} transfers ad account ${esc(t.advertiserId)} to you</td>
<td>${actionForm(`${base}/console/transfers/decide`, { bc_id: bcId, transfer_id: t.transferId, decision: 'accept' }, 'Accept', `accept-transfer-${t.transferId}`)}
${actionForm(`${base}/console/transfers/decide`, { bc_id: bcId, transfer_id: t.transferId, decision: 'reject' }, 'Reject', `reject-transfer-${t.transferId}`, true)}</td></tr>`,
    )
    .join('');
  const empty = '<tr><td>Nothing here.</td></tr>';
  return `<section><h2>Notifications · Business Center</h2><h3>Access requests</h3><table data-testid="requests">${requests || empty}</table>
<h3>Partner invitations</h3><table>${invites || empty}</table><h3>Ad account transfers</h3><table>${transfers || empty}</table></section>`;
}

/** Pending invitations addressed to a person, across BCs. */
export function renderMyInvitations(ctx: ModelContext, base: string, email: string): string {
  const mine = ctx.state.members.filter(
    (m: Member) => m.status === 'PENDING' && m.email.toLowerCase() === email.toLowerCase(),
  );
  if (mine.length === 0) return '';
  const rows = mine
    .map((m) => {
      const bc = findBc(ctx, m.bcId)?.name ?? m.bcId;
      return `<tr><td>${esc(bc)} invites you as ${m.userRole}</td><td>${actionForm(`${base}/console/invitations/accept`, { bc_id: m.bcId }, 'Accept', `accept-invitation-${m.bcId}`)}
${actionForm(`${base}/console/invitations/decline`, { bc_id: m.bcId }, 'Decline', `decline-invitation-${m.bcId}`, true)}</td></tr>`;
    })
    .join('');
  return `<section data-testid="my-invitations"><h2>Your invitations</h2><table>${rows}</table></section>`;
}

function heldOptions(
  ctx: ModelContext,
  bcId: string,
  type: ModelledAssetType,
): Array<[string, string]> {
  return listBcHoldings(ctx, bcId, type)
    .filter((x) => x.holding.status === 'BOUND')
    .map((x): [string, string] => [x.asset.assetId, `${x.asset.name} (${x.asset.assetId})`]);
}
