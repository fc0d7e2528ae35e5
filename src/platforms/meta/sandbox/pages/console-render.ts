// Business Settings console rendering: a person's businesses, their assets with partners, and
// personal ad accounts. Form actions live in console-pages.ts.
import { allTasks, canManageSharing, roleIn } from '../model/access.ts';
import type { Asset, AssetKind, User } from '../model/types.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { actionForm, checkboxes, esc } from './html.ts';

const kindLabels: Record<AssetKind, string> = {
  ad_account: 'Ad accounts',
  page: 'Pages',
  pixel: 'Datasets (pixels)',
  catalog: 'Catalogs',
  instagram_account: 'Instagram accounts',
};

/** One asset's row: its partners (with approve/decline/remove) and the assign-partner form. */
function assetRows(rt: SandboxRuntime, user: User, asset: Asset, base: string): string {
  const state = rt.model.state;
  const manage = canManageSharing(state, user.id, asset);
  const partners = state.shares
    .filter((s) => s.assetId === asset.id)
    .map((s) => {
      const name =
        state.businesses.find((b) => b.id === s.partnerBusinessId)?.name ?? s.partnerBusinessId;
      const remove = manage
        ? actionForm(
            `${base}/business-settings/remove-partner`,
            { assetId: asset.id, kind: asset.kind, partner: s.partnerBusinessId },
            'Remove',
            `remove-partner-${asset.id}-${s.partnerBusinessId}`,
            true,
          )
        : '';
      const decide =
        manage && s.accessStatus === 'PENDING'
          ? ['approve', 'decline']
              .map((d) =>
                actionForm(
                  `${base}/business-settings/decide-request`,
                  {
                    assetId: asset.id,
                    kind: asset.kind,
                    partner: s.partnerBusinessId,
                    decision: d,
                  },
                  d === 'approve' ? 'Approve' : 'Decline',
                  `${d}-request-${asset.id}-${s.partnerBusinessId}`,
                  d === 'decline',
                ),
              )
              .join(' ')
          : '';
      return `<li data-testid="partner-${asset.id}-${s.partnerBusinessId}">${esc(name)} (${esc(s.partnerBusinessId)}) <span class="tag">${esc(s.accessStatus)}</span> ${esc(s.tasks.join(', '))} ${decide} ${remove}</li>`;
    })
    .join('');
  const assign = manage
    ? `<form method="post" action="${base}/business-settings/assign-partner" data-testid="assign-partner-form-${asset.id}">
<input type="hidden" name="assetId" value="${esc(asset.id)}"><input type="hidden" name="kind" value="${esc(asset.kind)}">
<label>Partner business ID <input name="partner" data-testid="assign-partner-id-${asset.id}"></label>
${checkboxes(
  'tasks',
  allTasks(asset.kind)
    .filter((t) => !(asset.kind === 'pixel' && t === 'EDIT'))
    .slice(0, 8),
  `assign-task-${asset.id}`,
)}
<button data-testid="assign-partner-submit-${asset.id}">Assign partner</button></form>`
    : '';
  const label =
    asset.kind === 'instagram_account' ? `@${asset.username ?? asset.name}` : asset.name;
  return `<tr data-testid="asset-${asset.id}"><td>${esc(label)}<br><small>${esc(asset.id)}</small></td><td><ul>${partners || '<li>No partners</li>'}</ul>${assign}</td></tr>`;
}

/** A business the person is in: its assets by type and its partners. */
export function businessSection(
  rt: SandboxRuntime,
  user: User,
  businessId: string,
  base: string,
): string {
  const state = rt.model.state;
  const business = state.businesses.find((b) => b.id === businessId);
  if (!business) return '';
  const role = roleIn(state, user.id, businessId);
  const owned = state.assets.filter((a) => a.ownerBusinessId === businessId);
  const groups = (Object.keys(kindLabels) as AssetKind[])
    .map((kind) => {
      const rows = owned
        .filter((a) => a.kind === kind)
        .map((a) => assetRows(rt, user, a, base))
        .join('');
      return rows ? `<h3>${kindLabels[kind]}</h3><table>${rows}</table>` : '';
    })
    .join('');
  const partnerIds = [
    ...new Set(
      state.shares
        .filter((s) => owned.some((a) => a.id === s.assetId))
        .map((s) => s.partnerBusinessId),
    ),
  ];
  const partners = partnerIds
    .map((id) => {
      const name = state.businesses.find((b) => b.id === id)?.name ?? id;
      const remove =
        role === 'ADMIN'
          ? actionForm(
              `${base}/business-settings/remove-relationship`,
              { businessId, other: id, side: 'agencies' },
              'Remove partner',
              `remove-relationship-${businessId}-${id}`,
              true,
            )
          : '';
      return `<li>${esc(name)} (${esc(id)}) ${remove}</li>`;
    })
    .join('');
  return `<section data-testid="business-${businessId}"><h2>${esc(business.name)} <small>${esc(businessId)} · ${esc(role)}</small></h2>
${groups || '<p>No assets.</p>'}<h3>Partners</h3><ul data-testid="partners-${businessId}">${partners || '<li>None</li>'}</ul></section>`;
}

/** The person's personal ad accounts, each with an "Add to business" form. */
export function personalSection(rt: SandboxRuntime, user: User, base: string): string {
  const state = rt.model.state;
  const personal = state.assets.filter((a) => a.ownerUserId === user.id);
  if (personal.length === 0) return '';
  const adminOf = state.businesses.filter((b) => roleIn(state, user.id, b.id) === 'ADMIN');
  const options = adminOf
    .map((b) => `<option value="${esc(b.id)}">${esc(b.name)}</option>`)
    .join('');
  const rows = personal
    .map(
      (a) =>
        `<tr data-testid="personal-${a.id}"><td>${esc(a.name)}<br><small>act_${esc(a.id)}</small></td><td>${options ? `<form method="post" action="${base}/business-settings/claim-ad-account" class="inline"><input type="hidden" name="assetId" value="${esc(a.id)}"><select name="businessId" data-testid="claim-business-${a.id}">${options}</select><button data-testid="claim-submit-${a.id}">Add to business</button></form>` : 'Create a business to add it.'}</td></tr>`,
    )
    .join('');
  return `<section data-testid="personal-assets"><h2>Your personal ad accounts</h2><table>${rows}</table></section>`;
}
