// Partners: bc/partner/add/ (§9a), get (§9b), delete (§9c), asset/get (§9d), asset/delete (§9e).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { failNotFound, rejectParam } from '../model/errors.ts';
import { requireMember } from '../model/lookup.ts';
import { addPartner, deletePartner, deletePartnerAssets } from '../model/partners.ts';
import { listPartnerAssets, listPartners } from '../model/queries.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { defineEndpoint } from './endpoint.ts';
import { paginate } from './envelope.ts';
import { matchesKeyword, presentAsset } from './present.ts';
import {
  advertiserRole,
  bcAsset,
  catalogRole,
  filteringQuery,
  idString,
  pagingQuery,
  strict,
} from './schemas.ts';

/** Registers the partner endpoints. */
export function registerPartnerRoutes(app: FastifyInstance, rt: SandboxRuntime): void {
  const m = rt.model;
  defineEndpoint(app, rt, {
    method: 'POST',
    path: 'bc/partner/add/',
    auth: true,
    input: strict({
      bc_id: idString,
      partner_id: idString.optional(),
      // Required per the JS SDK's PartnerAddBody.md (the yml leaves it optional): docs/platforms/tiktok.md.
      asset_type: z.enum(['ADVERTISER']),
      asset_ids: z.array(idString).max(50).optional(),
      advertiser_role: advertiserRole.optional(),
      catalog_role: catalogRole.optional(),
      source_child_bc_id: idString.optional(),
      target_child_bc_id: idString.optional(),
    }),
    handle: (b, token) => {
      if (b.partner_id === undefined) rejectParam('partner_id is required');
      const child = b.source_child_bc_id ?? b.target_child_bc_id;
      if (child !== undefined) failNotFound(`child BC ${child} does not exist`);
      const partnerRef = b.partner_id;
      m.mutate((ctx) =>
        addPartner(ctx, token?.userId ?? '', {
          bcId: b.bc_id,
          partnerRef,
          assetType: 'ADVERTISER',
          assetIds: b.asset_ids ?? [],
          roles: [b.advertiser_role ?? 'ANALYST'],
        }),
      );
      return {};
    },
  });

  defineEndpoint(app, rt, {
    method: 'GET',
    path: 'bc/partner/get/',
    auth: true,
    input: strict({
      bc_id: idString,
      filtering: filteringQuery(strict({ name: z.string().optional() })),
      ...pagingQuery(50),
    }),
    handle: (q, token) => {
      requireMember(m, q.bc_id, token?.userId ?? '');
      const seen = new Set<string>();
      const list = listPartners(m, q.bc_id)
        .filter((p) => p.link.status === 'BOUND' || p.direction === 'SHARING')
        .filter((p) => matchesKeyword(q.filtering?.name, p.partner.name))
        .filter((p) => !seen.has(p.partner.bcId) && seen.add(p.partner.bcId) !== undefined)
        .map((p) => ({ bc_id: p.partner.bcId, bc_name: p.partner.name }));
      return paginate(list, q.page, q.page_size);
    },
  });

  defineEndpoint(app, rt, {
    method: 'POST',
    path: 'bc/partner/delete/',
    auth: true,
    input: strict({ bc_id: idString, partner_id: idString }),
    handle: (b, token) => {
      m.mutate((ctx) =>
        deletePartner(ctx, token?.userId ?? '', { bcId: b.bc_id, partnerId: b.partner_id }),
      );
      return {};
    },
  });

  defineEndpoint(app, rt, {
    method: 'GET',
    path: 'bc/partner/asset/get/',
    auth: true,
    input: strict({
      bc_id: idString,
      partner_id: idString,
      asset_type: z.enum(['ADVERTISER', 'CATALOG', 'DOMAIN']),
      share_type: z.enum(['SHARING', 'SHARED']),
      filtering: filteringQuery(strict({ keyword: z.string().optional() })),
      ...pagingQuery(50),
    }),
    handle: (q, token) => {
      requireMember(m, q.bc_id, token?.userId ?? '');
      const list = listPartnerAssets(m, q.bc_id, q.partner_id, q.share_type, q.asset_type)
        .filter((r) => matchesKeyword(q.filtering?.keyword, r.asset.name, r.asset.assetId))
        .map((r) => presentAsset(m, r.asset, r.holding.roles));
      return paginate(list, q.page, q.page_size);
    },
  });

  defineEndpoint(app, rt, {
    method: 'POST',
    path: 'bc/partner/asset/delete/',
    auth: true,
    input: strict({
      bc_id: idString,
      partner_id: idString,
      asset_type: bcAsset,
      asset_ids: z.array(idString).min(1),
    }),
    handle: (b, token) => {
      m.mutate((ctx) =>
        deletePartnerAssets(ctx, token?.userId ?? '', {
          bcId: b.bc_id,
          partnerId: b.partner_id,
          assetType: b.asset_type,
          assetIds: b.asset_ids,
        }),
      );
      return {};
    },
  });
}
