// Write endpoints on BC assets: bc/asset/assign/ (§5), bc/asset/unassign/ (§6),
// bc/asset/admin/delete/ (§4b), and the TikTok-account QR link bc/asset/account/authorization/ (§11).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { adminDeleteAssets, assignAsset, unassignAsset } from '../model/assets.ts';
import { failNotFound, rejectParam } from '../model/errors.ts';
import { requestTikTokLink } from '../model/requests.ts';
import type { ModelledAssetType } from '../model/types.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { defineEndpoint } from './endpoint.ts';
import { isModelledType } from './present.ts';
import {
  advertiserRole,
  bcAsset,
  catalogRole,
  idString,
  storeRole,
  strict,
  ttAccountRole,
} from './schemas.ts';

const noData = {};

/** Registers the asset write endpoints; `qrUrl` turns a QR token into the TikTok-app link URL. */
export function registerAssetWriteRoutes(
  app: FastifyInstance,
  rt: SandboxRuntime,
  qrUrl: (request: FastifyRequest, token: string) => string,
): void {
  const m = rt.model;
  defineEndpoint(app, rt, {
    method: 'POST',
    path: 'bc/asset/assign/',
    auth: true,
    input: strict({
      bc_id: idString,
      user_id: idString,
      asset_type: bcAsset,
      asset_id: idString,
      advertiser_role: advertiserRole.optional(),
      catalog_role: catalogRole.optional(),
      form_library_role: z.enum(['ADMIN']).optional(),
      store_role: storeRole.optional(),
      tt_account_roles: z.array(ttAccountRole).optional(),
    }),
    handle: (b, token) => {
      const type = modelledOrMissing(b.asset_type, b.asset_id);
      const given: Record<ModelledAssetType, unknown> = {
        ADVERTISER: b.advertiser_role,
        CATALOG: b.catalog_role,
        TT_ACCOUNT: b.tt_account_roles,
        PIXEL: [],
      };
      const extra = [
        b.advertiser_role,
        b.catalog_role,
        b.tt_account_roles,
        b.form_library_role,
        b.store_role,
      ].filter((v) => v !== undefined && v !== given[type]);
      if (extra.length > 0) rejectParam(`only the role field of asset_type ${type} may be given`);
      const role = given[type];
      if (role === undefined) rejectParam(`the role for asset_type ${type} is required`);
      const roles = Array.isArray(role) ? (role as string[]) : [role as string];
      m.mutate((ctx) =>
        assignAsset(ctx, token?.userId ?? '', {
          bcId: b.bc_id,
          userId: b.user_id,
          assetType: type,
          assetId: b.asset_id,
          roles,
        }),
      );
      return noData;
    },
  });

  defineEndpoint(app, rt, {
    method: 'POST',
    path: 'bc/asset/unassign/',
    auth: true,
    input: strict({ bc_id: idString, user_id: idString, asset_type: bcAsset, asset_id: idString }),
    handle: (b, token) => {
      const type = modelledOrMissing(b.asset_type, b.asset_id);
      m.mutate((ctx) =>
        unassignAsset(ctx, token?.userId ?? '', {
          bcId: b.bc_id,
          userId: b.user_id,
          assetType: type,
          assetId: b.asset_id,
        }),
      );
      return noData;
    },
  });

  defineEndpoint(app, rt, {
    method: 'POST',
    path: 'bc/asset/admin/delete/',
    auth: true,
    input: strict({
      bc_id: idString,
      asset_type: bcAsset,
      asset_ids: z.array(idString).min(1),
      child_bc_id: idString.optional(),
    }),
    handle: (b, token) => {
      if (b.child_bc_id !== undefined) failNotFound(`child BC ${b.child_bc_id} does not exist`);
      const type = modelledOrMissing(b.asset_type, b.asset_ids[0] ?? '');
      m.mutate((ctx) =>
        adminDeleteAssets(ctx, token?.userId ?? '', {
          bcId: b.bc_id,
          assetType: type,
          assetIds: b.asset_ids,
        }),
      );
      return noData;
    },
  });

  defineEndpoint(app, rt, {
    method: 'GET',
    path: 'bc/asset/account/authorization/',
    auth: true,
    input: strict({ bc_id: idString }),
    handle: (q, token, request) => {
      const link = m.mutate((ctx) =>
        requestTikTokLink(ctx, token?.userId ?? '', q.bc_id, null, true),
      );
      return { bc_auth_qr_code: qrUrl(request, link.qrToken ?? '') };
    },
  });
}

function modelledOrMissing(type: string, assetId: string): ModelledAssetType {
  if (!isModelledType(type)) failNotFound(`asset ${assetId} of type ${type} does not exist`);
  return type;
}
