// Business Settings console: what a person does by hand in Meta's UI. Assign a partner to an asset
// (the only way for Instagram accounts), remove partners, add a personal ad account to a business.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allTasks, canManageSharing, roleIn } from '../model/access.ts';
import { GraphError } from '../model/errors.ts';
import { claimAdAccount } from '../model/holdings.ts';
import {
  decidePendingShare,
  removeRelationship,
  sharePartner,
  unsharePartner,
} from '../model/partners.ts';
import type { Asset, AssetKind, User } from '../model/types.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { actionForm, checkboxes, esc, page } from './html.ts';
import { currentUser } from './session.ts';

type Form = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
const many = (v: string | string[] | undefined) =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

const kindLabels: Record<AssetKind, string> = {
  ad_account: 'Ad accounts',
  page: 'Pages',
  pixel: 'Datasets (pixels)',
  catalog: 'Catalogs',
  instagram_account: 'Instagram accounts',
};

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

function businessSection(rt: SandboxRuntime, user: User, businessId: string, base: string): string {
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

function personalSection(rt: SandboxRuntime, user: User, base: string): string {
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

/** Registers the Business Settings pages and their form actions. */
export function registerConsolePages(app: FastifyInstance, rt: SandboxRuntime): void {
  const base = app.prefix;
  const render = (
    request: FastifyRequest,
    reply: FastifyReply,
    user: User,
    message = '',
    status = 200,
  ) => {
    const ids = rt.model.state.businessUsers
      .filter((m) => m.userId === user.id)
      .map((m) => m.businessId);
    const note = message
      ? `<section class="error" data-testid="console-error">${esc(message)}</section>`
      : '';
    const body =
      note +
      ids.map((id) => businessSection(rt, user, id, base)).join('') +
      personalSection(rt, user, base);
    return reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(page(base, 'Business Settings', body || '<p>You are not in any business.</p>', user));
  };
  const withUser =
    (handler: (form: Form, user: User) => void) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const user = currentUser(rt, request);
      if (!user)
        return reply
          .code(303)
          .header(
            'location',
            `${base}/signin?next=${encodeURIComponent(`${base}/business-settings`)}`,
          )
          .send();
      if (request.method === 'GET') return render(request, reply, user);
      try {
        handler((request.body ?? {}) as Form, user);
      } catch (error) {
        if (error instanceof GraphError) return render(request, reply, user, error.message, 400);
        throw error;
      }
      return reply.code(303).header('location', `${base}/business-settings`).send();
    };
  const asset = (form: Form): Asset => {
    const found = rt.model.state.assets.find(
      (a) => a.id === one(form.assetId) && (one(form.kind) === '' || a.kind === one(form.kind)),
    );
    if (!found) throw new GraphError(100, '(#100) Unknown asset');
    return found;
  };
  app.get(
    '/business-settings',
    withUser(() => undefined),
  );
  app.post(
    '/business-settings/assign-partner',
    withUser((form, user) => {
      rt.model.mutate((ctx) =>
        sharePartner(ctx, {
          actorUserId: user.id,
          asset: asset(form),
          partnerBusinessId: one(form.partner).trim(),
          tasks: many(form.tasks),
        }),
      );
    }),
  );
  app.post(
    '/business-settings/remove-partner',
    withUser((form, user) => {
      rt.model.mutate((ctx) =>
        unsharePartner(ctx, {
          actorUserId: user.id,
          asset: asset(form),
          partnerBusinessId: one(form.partner),
        }),
      );
    }),
  );
  app.post(
    '/business-settings/decide-request',
    withUser((form, user) => {
      rt.model.mutate((ctx) =>
        decidePendingShare(ctx, {
          actorUserId: user.id,
          asset: asset(form),
          partnerBusinessId: one(form.partner),
          approve: one(form.decision) === 'approve',
        }),
      );
    }),
  );
  app.post(
    '/business-settings/remove-relationship',
    withUser((form, user) => {
      const side = one(form.side) === 'clients' ? 'clients' : 'agencies';
      rt.model.mutate((ctx) =>
        removeRelationship(ctx, {
          actorUserId: user.id,
          businessId: one(form.businessId),
          otherId: one(form.other),
          side,
        }),
      );
    }),
  );
  app.post(
    '/business-settings/claim-ad-account',
    withUser((form, user) => {
      rt.model.mutate((ctx) =>
        claimAdAccount(ctx, {
          actorUserId: user.id,
          businessId: one(form.businessId),
          asset: asset({ ...form, kind: 'ad_account' }),
        }),
      );
    }),
  );
}
