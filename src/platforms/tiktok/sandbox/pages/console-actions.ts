// The console's form posts. Each acts as the signed-in user through the model (same rules as the
// API), then redirects (303) back to a tab, or shows TikTok's error code on refusal.
import type { FastifyInstance } from 'fastify';
import { TikTokError } from '../model/errors.ts';
import { findAsset } from '../model/indexes.ts';
import {
  acceptInvitation,
  declineInvitation,
  deleteMember,
  inviteMembers,
  resendInvitation,
} from '../model/members.ts';
import {
  acceptPartner,
  addPartner,
  declinePartner,
  deletePartner,
  shareTikTokAccount,
} from '../model/partners.ts';
import { createAccessRequest, decideAdAccountRequest } from '../model/requests.ts';
import { decideTransfer, requestTransfer } from '../model/transfers.ts';
import type {
  AdvertiserRole,
  FinanceRole,
  ModelContext,
  ModelledAssetType,
  User,
  UserRole,
} from '../model/types.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { esc, page } from './html.ts';
import { currentUser } from './session.ts';

type Form = Record<string, string>;
type Act = (ctx: ModelContext, form: Form, user: User) => string | { location: string };

/** Registers every console POST action. */
export function registerConsoleActions(
  app: FastifyInstance,
  rt: SandboxRuntime,
  base: string,
): void {
  const post = (path: string, act: Act): void => {
    app.post(`/console/${path}`, async (request, reply) => {
      const user = currentUser(rt, request);
      if (!user) return reply.redirect(`${base}/signin`, 303);
      const raw = (request.body ?? {}) as Record<string, unknown>;
      const form: Form = Object.fromEntries(
        Object.entries(raw).map(([k, v]) => [k, String(Array.isArray(v) ? v.join(',') : v)]),
      );
      try {
        const result = rt.model.mutate((ctx) => act(ctx, form, user));
        const location =
          typeof result === 'string'
            ? `${base}/console?bc_id=${form.bc_id ?? ''}&tab=${result}`
            : result.location;
        return reply.redirect(location, 303);
      } catch (error) {
        if (!(error instanceof TikTokError)) throw error;
        const body = `<section class="error" data-testid="action-error"><p>Code <strong data-testid="error-code">${error.code}</strong>: ${esc(error.message)}</p>
<p><a href="${base}/console?bc_id=${esc(form.bc_id ?? '')}">Back to the Business Center</a></p></section>`;
        return reply
          .code(error.code === 40007 ? 404 : error.code === 40001 ? 403 : 400)
          .type('text/html')
          .send(page(base, 'Not allowed', body, user));
      }
    });
  };
  const f = (form: Form, key: string): string => form[key] ?? '';

  post('invite', (ctx, form, user) => {
    const asset = f(form, 'asset_id');
    inviteMembers(ctx, user.userId, {
      bcId: f(form, 'bc_id'),
      emails: [f(form, 'email')],
      userRole: (f(form, 'user_role') || 'STANDARD') as UserRole,
      financeRole: (f(form, 'finance_role') || null) as FinanceRole | null,
      assetIds: asset ? [asset] : [],
      advertiserRole: (f(form, 'advertiser_role') || 'ANALYST') as AdvertiserRole,
    });
    return 'users';
  });
  post(
    'invitations/resend',
    (ctx, form, user) => (
      resendInvitation(ctx, user.userId, f(form, 'bc_id'), f(form, 'email')),
      'users'
    ),
  );
  post(
    'invitations/accept',
    (ctx, form, user) => (acceptInvitation(ctx, f(form, 'bc_id'), user.email), 'users'),
  );
  post(
    'invitations/decline',
    (ctx, form, user) => (
      declineInvitation(ctx, f(form, 'bc_id'), user.email),
      { location: `${base}/console` }
    ),
  );
  post('members/remove', (ctx, form, user) => {
    const target = form.user_id ? { userId: f(form, 'user_id') } : { email: f(form, 'email') };
    deleteMember(ctx, user.userId, { bcId: f(form, 'bc_id'), ...target });
    return 'users';
  });
  post('partners/add', (ctx, form, user) => {
    const asset = findAsset(ctx, form.asset_id);
    const type = asset?.assetType ?? 'ADVERTISER';
    addPartner(ctx, user.userId, {
      bcId: f(form, 'bc_id'),
      partnerRef: f(form, 'partner_ref'),
      assetType: type,
      assetIds: asset ? [asset.assetId] : [],
      roles: type === 'PIXEL' ? [] : [f(form, 'role')],
      primaryMediaAgency: form.primary === '1',
    });
    return 'partners';
  });
  post('share', (ctx, form, user) => {
    const type = f(form, 'asset_type') as ModelledAssetType;
    const input = {
      bcId: f(form, 'bc_id'),
      assetId: f(form, 'asset_id'),
      roles: form.role ? [f(form, 'role')] : [],
    };
    if (type === 'TT_ACCOUNT')
      shareTikTokAccount(ctx, user.userId, { ...input, partnerBcId: f(form, 'partner_id') });
    else
      addPartner(ctx, user.userId, {
        bcId: input.bcId,
        partnerRef: f(form, 'partner_id'),
        assetType: type,
        assetIds: [input.assetId],
        roles: input.roles,
      });
    return 'accounts';
  });
  post(
    'partners/remove',
    (ctx, form, user) => (
      deletePartner(ctx, user.userId, { bcId: f(form, 'bc_id'), partnerId: f(form, 'partner_id') }),
      'partners'
    ),
  );
  post(
    'partners/accept',
    (ctx, form, user) => (
      acceptPartner(ctx, user.userId, {
        bcId: f(form, 'bc_id'),
        ownerBcId: f(form, 'owner_bc_id'),
      }),
      'partners'
    ),
  );
  post(
    'partners/decline',
    (ctx, form, user) => (
      declinePartner(ctx, user.userId, {
        bcId: f(form, 'bc_id'),
        ownerBcId: f(form, 'owner_bc_id'),
      }),
      'notifications'
    ),
  );
  post('requests/new', (ctx, form, user) => {
    const request = createAccessRequest(ctx, user.userId, {
      bcId: f(form, 'bc_id'),
      assetType: f(form, 'asset_type'),
      ...(form.asset_id ? { assetId: f(form, 'asset_id') } : {}),
      advertiserRole: f(form, 'advertiser_role') || 'ANALYST',
      primaryMediaAgency: form.primary === '1',
    });
    if (request.qrToken !== null)
      return { location: `${base}/console/qr?request_id=${request.requestId}` };
    return {
      location: `${base}/console?bc_id=${f(form, 'bc_id')}&tab=accounts&notice=${encodeURIComponent('Request sent; the owner must approve it.')}`,
    };
  });
  post(
    'requests/decide',
    (ctx, form, user) => (
      decideAdAccountRequest(ctx, user.userId, f(form, 'request_id'), form.decision === 'approve'),
      'notifications'
    ),
  );
  post('transfers/new', (ctx, form, user) => {
    requestTransfer(ctx, user.userId, {
      advertiserId: f(form, 'advertiser_id'),
      fromBcId: f(form, 'bc_id'),
      toBcId: f(form, 'to_bc_id'),
    });
    return 'accounts';
  });
  post(
    'transfers/decide',
    (ctx, form, user) => (
      decideTransfer(ctx, user.userId, f(form, 'transfer_id'), form.decision === 'accept'),
      'notifications'
    ),
  );
}
