// Business Settings console: what a person does by hand in Meta's UI. Assign a partner to an asset
// (the only way for Instagram accounts), remove partners, add a personal ad account to a business.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphError } from '../model/errors.ts';
import { claimAdAccount } from '../model/holdings.ts';
import {
  decidePendingShare,
  removeRelationship,
  sharePartner,
  unsharePartner,
} from '../model/partners.ts';
import type { Asset, User } from '../model/types.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { businessSection, personalSection } from './console-render.ts';
import { esc, page } from './html.ts';
import { currentUser } from './session.ts';

type Form = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
const many = (v: string | string[] | undefined) =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

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
