// The "TikTok app" page a QR code opens: the account owner approves or declines a link.
import type { FastifyInstance } from 'fastify';
import { TikTokError } from '../model/errors.ts';
import { findBc } from '../model/indexes.ts';
import { scanQrCode } from '../model/requests.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { esc, page } from './html.ts';
import { currentUser } from './session.ts';

type Form = Record<string, string | undefined>;

/** Registers GET/POST /tiktok-app/link. */
export function registerTikTokAppPages(
  app: FastifyInstance,
  rt: SandboxRuntime,
  base: string,
): void {
  app.get('/tiktok-app/link', async (request, reply) => {
    const user = currentUser(rt, request);
    if (!user) return reply.redirect(`${base}/signin?next=${encodeURIComponent(request.url)}`, 303);
    const token = (request.query as Form).token ?? '';
    const link = rt.model.state.requests.find((r) => r.qrToken === token);
    if (!link)
      return reply
        .code(404)
        .type('text/html')
        .send(
          page(
            base,
            'TikTok',
            '<p data-testid="qr-unknown">This QR code is unknown or has expired.</p>',
            user,
          ),
        );
    const bc = findBc(rt.model, link.requesterBcId)?.name ?? link.requesterBcId;
    const mine = rt.model.state.assets.filter(
      (a) =>
        a.assetType === 'TT_ACCOUNT' &&
        a.ownerUserId === user.userId &&
        (link.assetId === null || a.assetId === link.assetId),
    );
    const options = mine
      .map((a) => `<option value="${esc(a.assetId)}">${esc(a.name)}</option>`)
      .join('');
    const perms = link.roles.includes('POST')
      ? 'manage and advertise with your account'
      : 'deliver ads with your posts (Spark Ads), without managing your profile';
    const body = `<section><p><strong>${esc(bc)}</strong> wants to ${perms}.</p><p>Status: <strong data-testid="link-status">${link.status}</strong></p>
${
  link.status !== 'PENDING'
    ? ''
    : mine.length === 0
      ? '<p data-testid="no-accounts">You own no TikTok account that can be linked here.</p>'
      : `<form method="post" action="${base}/tiktok-app/link">
<input type="hidden" name="token" value="${esc(token)}"><label>Account <select name="asset_id" data-testid="link-account">${options}</select></label>
<button name="decision" value="approve" data-testid="link-approve">Authorize</button> <button class="secondary" name="decision" value="decline" data-testid="link-decline">Decline</button></form>`
}</section>`;
    return reply.type('text/html').send(page(base, 'TikTok', body, user));
  });

  app.post('/tiktok-app/link', async (request, reply) => {
    const user = currentUser(rt, request);
    if (!user) return reply.redirect(`${base}/signin`, 303);
    const form = (request.body ?? {}) as Form;
    const token = form.token ?? '';
    try {
      rt.model.mutate((ctx) =>
        scanQrCode(ctx, user.userId, {
          qrToken: token,
          approve: form.decision === 'approve',
          ...(form.asset_id ? { assetId: form.asset_id } : {}),
        }),
      );
      return reply.redirect(`${base}/tiktok-app/link?token=${encodeURIComponent(token)}`, 303);
    } catch (error) {
      if (!(error instanceof TikTokError)) throw error;
      return reply
        .code(403)
        .type('text/html')
        .send(
          page(
            base,
            'TikTok',
            `<p data-testid="link-error">Code ${error.code}: ${esc(error.message)}</p>`,
            user,
          ),
        );
    }
  });
}
