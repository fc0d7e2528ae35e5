// The test and demo control API at <prefix>/_control/: the UI-only TikTok workflows (accepting
// invitations, approving requests, scanning QR codes, transfers) plus reset, worlds, faults, log.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { acceptInvitation, declineInvitation, resendInvitation } from '../model/members.ts';
import { expireToken } from '../model/oauth.ts';
import {
  acceptPartner,
  addPartner,
  declinePartner,
  shareTikTokAccount,
} from '../model/partners.ts';
import { listNotifications } from '../model/queries.ts';
import { createAccessRequest, decideAdAccountRequest, scanQrCode } from '../model/requests.ts';
import { decideTransfer, requestTransfer } from '../model/transfers.ts';
import type { SandboxRuntime } from '../runtime.ts';
import type { TikTokWorld } from '../world.ts';
import { controlRoute } from './control-route.ts';

const id = z.string().min(1);
const faultsSchema = z.strictObject({
  latencyMs: z.number().min(0).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  failNext: z.number().int().min(0).max(1_000).optional(),
  rateLimit: z
    .strictObject({ requests: z.number().int().min(1), perMs: z.number().int().min(1) })
    .optional(),
});

/** Registers the control API; `qrUrl` builds the TikTok-app link for a QR token. */
export function registerControlRoutes(
  app: FastifyInstance,
  rt: SandboxRuntime,
  qrUrl: (request: FastifyRequest, token: string) => string,
): void {
  const m = rt.model;
  const r = <S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    s: S,
    h: (input: z.output<S>, req: FastifyRequest) => unknown,
  ): void => controlRoute(app, rt, method, path, s, h);

  r('POST', 'reset', z.object({ world: z.unknown().optional() }), (b) =>
    rt.reset(b.world as TikTokWorld | undefined),
  );
  r('POST', 'world', z.object({ world: z.unknown() }), (b) => rt.loadWorld(b.world as TikTokWorld));
  r('POST', 'faults', faultsSchema, (b) => {
    rt.faults = { ...b } as typeof rt.faults;
    rt.recentCalls = [];
  });
  r('GET', 'log', z.object({}), () => ({ list: rt.log }));
  r('POST', 'log/clear', z.object({}), () => void (rt.log.length = 0));
  r('GET', 'state', z.object({}), () => m.state);
  r('GET', 'effective-access', z.object({ asset_id: id }), (q) => ({
    list: m.effectiveAccess(q.asset_id),
  }));
  r('GET', 'notifications', z.object({ bc_id: id }), (q) => listNotifications(m, q.bc_id));

  r('POST', 'invitations/accept', z.object({ bc_id: id, email: z.string() }), (b) =>
    m.mutate((c) => acceptInvitation(c, b.bc_id, b.email)),
  );
  r('POST', 'invitations/decline', z.object({ bc_id: id, email: z.string() }), (b) =>
    m.mutate((c) => declineInvitation(c, b.bc_id, b.email)),
  );
  r('POST', 'invitations/resend', z.object({ bc_id: id, email: z.string(), user_id: id }), (b) =>
    m.mutate((c) => resendInvitation(c, b.user_id, b.bc_id, b.email)),
  );
  r('POST', 'partners/accept', z.object({ bc_id: id, owner_bc_id: id, user_id: id }), (b) =>
    m.mutate((c) => acceptPartner(c, b.user_id, { bcId: b.bc_id, ownerBcId: b.owner_bc_id })),
  );
  r('POST', 'partners/decline', z.object({ bc_id: id, owner_bc_id: id, user_id: id }), (b) =>
    m.mutate((c) => declinePartner(c, b.user_id, { bcId: b.bc_id, ownerBcId: b.owner_bc_id })),
  );
  r(
    'POST',
    'partners/share',
    z.object({
      bc_id: id,
      partner_id: id,
      asset_type: z.enum(['ADVERTISER', 'CATALOG', 'PIXEL']),
      asset_ids: z.array(id),
      roles: z.array(z.string()).default([]),
      primary_media_agency: z.boolean().default(false),
      user_id: id,
    }),
    (b) =>
      m.mutate((c) =>
        addPartner(c, b.user_id, {
          bcId: b.bc_id,
          partnerRef: b.partner_id,
          assetType: b.asset_type,
          assetIds: b.asset_ids,
          roles: b.roles,
          primaryMediaAgency: b.primary_media_agency,
        }),
      ),
  );
  r(
    'POST',
    'partners/share-tiktok-account',
    z.object({
      bc_id: id,
      partner_bc_id: id,
      asset_id: id,
      roles: z.array(z.string()),
      user_id: id,
    }),
    (b) =>
      m.mutate((c) =>
        shareTikTokAccount(c, b.user_id, {
          bcId: b.bc_id,
          partnerBcId: b.partner_bc_id,
          assetId: b.asset_id,
          roles: b.roles,
        }),
      ),
  );
  r(
    'POST',
    'requests',
    z.object({
      bc_id: id,
      user_id: id,
      asset_type: z.string(),
      asset_id: id.optional(),
      advertiser_role: z.string().optional(),
      primary_media_agency: z.boolean().optional(),
    }),
    (b, req) => {
      const created = m.mutate((c) =>
        createAccessRequest(c, b.user_id, {
          bcId: b.bc_id,
          assetType: b.asset_type,
          ...(b.asset_id !== undefined ? { assetId: b.asset_id } : {}),
          ...(b.advertiser_role !== undefined ? { advertiserRole: b.advertiser_role } : {}),
          ...(b.primary_media_agency !== undefined
            ? { primaryMediaAgency: b.primary_media_agency }
            : {}),
        }),
      );
      return { ...created, qrUrl: created.qrToken === null ? null : qrUrl(req, created.qrToken) };
    },
  );
  r(
    'POST',
    'requests/decide',
    z.object({ request_id: id, user_id: id, approve: z.boolean() }),
    (b) => m.mutate((c) => decideAdAccountRequest(c, b.user_id, b.request_id, b.approve)),
  );
  r(
    'POST',
    'qr/scan',
    z.object({ token: id, user_id: id, asset_id: id.optional(), approve: z.boolean() }),
    (b) =>
      m.mutate((c) =>
        scanQrCode(c, b.user_id, {
          qrToken: b.token,
          approve: b.approve,
          ...(b.asset_id !== undefined ? { assetId: b.asset_id } : {}),
        }),
      ),
  );
  r(
    'POST',
    'transfers',
    z.object({ advertiser_id: id, from_bc_id: id, to_bc_id: id, user_id: id }),
    (b) =>
      m.mutate((c) =>
        requestTransfer(c, b.user_id, {
          advertiserId: b.advertiser_id,
          fromBcId: b.from_bc_id,
          toBcId: b.to_bc_id,
        }),
      ),
  );
  r(
    'POST',
    'transfers/decide',
    z.object({ transfer_id: id, user_id: id, accept: z.boolean() }),
    (b) => m.mutate((c) => decideTransfer(c, b.user_id, b.transfer_id, b.accept)),
  );
  r('POST', 'tokens/expire', z.object({ access_token: id }), (b) =>
    m.mutate((c) => expireToken(c, b.access_token)),
  );
}
