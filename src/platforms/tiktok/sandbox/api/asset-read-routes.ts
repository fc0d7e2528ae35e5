// Read endpoints on BC assets: bc/asset/get/ (§4), bc/asset/admin/get/ (§4a),
// bc/asset/member/get/ (§7), bc/asset/partner/get/ (§10).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listBcHoldings, listMemberAssets } from '../model/assets.ts';
import { denyPermission, failAssetNotFound, failNotFound, rejectParam } from '../model/errors.ts';
import { findAsset } from '../model/indexes.ts';
import { readPerVersion } from '../../../sandbox-kit/model.ts';
import { findUserByEmail, requireMember } from '../model/lookup.ts';
import { listAssetMembers, listAssetPartners } from '../model/queries.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { defineEndpoint } from './endpoint.ts';
import { paginate } from './envelope.ts';
import {
  isModelledType,
  matchesKeyword,
  presentAdminAsset,
  presentAsset,
  presentMember,
} from './present.ts';
import {
  bcAsset,
  bcAssetListable,
  filteringQuery,
  idString,
  pagingQuery,
  relationStatus,
  strict,
} from './schemas.ts';

/** bc/asset/admin/get/'s `filtering`, as its schema below checked it. */
interface AdminFiltering {
  readonly keyword?: string;
  readonly relation_status?: string;
  readonly relation_type?: string;
  readonly advertiser_show_status?: string;
}

/** Registers the asset read endpoints. */
export function registerAssetReadRoutes(app: FastifyInstance, rt: SandboxRuntime): void {
  const m = rt.model;
  // bc/asset/get/'s matching rows, by [bc_id, member's user id, asset_type, keyword].
  const memberRows = readPerVersion(m, (key) => {
    const [bcId, userId, assetType, keyword] = JSON.parse(key) as [string, string, string, string];
    const member = m.state.members.find(
      (x) => x.bcId === bcId && x.userId === userId && x.status === 'BOUND',
    );
    const rows =
      member && isModelledType(assetType) ? listMemberAssets(m, bcId, member, assetType) : [];
    return rows.filter((r) => matchesKeyword(keyword, r.asset.name, r.asset.assetId));
  });
  // bc/asset/admin/get/'s matching rows, by [bc_id, asset_type, filtering]: one pass over the BC's
  // holdings serves every page asked for before the next change (readPerVersion).
  const adminRows = readPerVersion(m, (key) => {
    const [bcId, assetType, f] = JSON.parse(key) as [string, string, AdminFiltering];
    const rows = isModelledType(assetType) ? listBcHoldings(m, bcId, assetType) : [];
    return rows.filter(
      (r) =>
        matchesKeyword(f.keyword, r.asset.name, r.asset.assetId) &&
        (f.relation_status === undefined || r.holding.status === f.relation_status) &&
        (f.relation_type === undefined || r.holding.relationType === f.relation_type) &&
        (f.advertiser_show_status === undefined ||
          r.asset.advertiserStatus === f.advertiser_show_status),
    );
  });
  defineEndpoint(app, rt, {
    method: 'GET',
    path: 'bc/asset/get/',
    auth: true,
    input: strict({
      bc_id: idString,
      asset_type: bcAssetListable,
      child_bc_id: idString.optional(),
      filtering: filteringQuery(
        strict({
          user_id: idString.optional(),
          user_email: z.email().optional(),
          keyword: z.string().optional(),
        }),
      ),
      ...pagingQuery(50),
    }),
    handle: (q, token) => {
      const caller = requireMember(m, q.bc_id, token?.userId ?? '');
      if (q.child_bc_id !== undefined) failNotFound(`child BC ${q.child_bc_id} does not exist`);
      const f = q.filtering ?? {};
      if (f.user_id !== undefined && f.user_email !== undefined)
        rejectParam('user_id and user_email are mutually exclusive');
      const targetId =
        f.user_id ??
        (f.user_email !== undefined ? findUserByEmail(m, f.user_email)?.userId : caller.userId);
      if (targetId !== caller.userId && caller.userRole !== 'ADMIN')
        denyPermission("only admins can view another member's assets");
      const target = m.state.members.find(
        (x) => x.bcId === q.bc_id && x.userId === targetId && x.status === 'BOUND',
      );
      if (!target) failNotFound('the user is not a member of this BC');
      const list = memberRows(JSON.stringify([q.bc_id, targetId, q.asset_type, f.keyword ?? '']));
      return paginate(list, q.page, q.page_size, (r) => presentAsset(m, r.asset, r.roles));
    },
  });

  defineEndpoint(app, rt, {
    method: 'GET',
    path: 'bc/asset/admin/get/',
    auth: true,
    input: strict({
      bc_id: idString,
      asset_type: bcAssetListable,
      child_bc_id: idString.optional(),
      filtering: filteringQuery(
        strict({
          keyword: z.string().optional(),
          advertiser_show_status: z
            .enum([
              'SHOW_ACCOUNT_STATUS_APPROVED',
              'SHOW_ACCOUNT_STATUS_IN_REVIEW',
              'SHOW_ACCOUNT_STATUS_NOT_APPROVED',
              'SHOW_ACCOUNT_STATUS_PUNISHED',
            ])
            .optional(),
          relation_status: relationStatus.optional(),
          relation_type: z.enum(['OWNER_BC', 'OWNER_PARTNER', 'OWNER_INDIVIDUAL']).optional(),
        }),
      ),
      ...pagingQuery(50),
    }),
    handle: (q, token) => {
      const caller = requireMember(m, q.bc_id, token?.userId ?? '');
      if (caller.userRole !== 'ADMIN') denyPermission('only admins can list all BC assets');
      if (q.child_bc_id !== undefined) failNotFound(`child BC ${q.child_bc_id} does not exist`);
      const list = adminRows(JSON.stringify([q.bc_id, q.asset_type, q.filtering ?? {}]));
      return paginate(list, q.page, q.page_size, (r) => presentAdminAsset(m, r.asset, r.holding));
    },
  });

  defineEndpoint(app, rt, {
    method: 'GET',
    path: 'bc/asset/member/get/',
    auth: true,
    input: strict({
      bc_id: idString,
      // LEAD is valid too ([Y:bc_asset_member_get] is_valid: true; tiktok-api.md §7 missed it).
      asset_type: z.enum(['ADVERTISER', 'CATALOG', 'LEAD']),
      asset_id: idString,
      filtering: filteringQuery(strict({ keyword: z.string().max(250).optional() })),
      ...pagingQuery(20),
    }),
    handle: (q, token) => {
      requireMember(m, q.bc_id, token?.userId ?? '');
      const asset = findAsset(m, q.asset_id);
      if (!asset || asset.assetType !== q.asset_type) failAssetNotFound(q.asset_type, q.asset_id);
      const key = q.asset_type === 'ADVERTISER' ? 'advertiser_role' : 'catalog_role';
      const list = listAssetMembers(m, q.bc_id, q.asset_id)
        .map(({ member, roles }) => ({ ...presentMember(m, member), [key]: roles[0] ?? null }))
        .filter((x) =>
          matchesKeyword(
            q.filtering?.keyword,
            x.user_name as string | null,
            x.user_email as string | null,
          ),
        );
      return paginate(list, q.page, q.page_size);
    },
  });

  defineEndpoint(app, rt, {
    method: 'GET',
    path: 'bc/asset/partner/get/',
    auth: true,
    input: strict({
      bc_id: idString,
      asset_type: bcAsset,
      asset_id: idString,
      filtering: filteringQuery(strict({ keyword: z.string().optional() })),
      ...pagingQuery(50),
    }),
    handle: (q, token) => {
      requireMember(m, q.bc_id, token?.userId ?? '');
      const asset = findAsset(m, q.asset_id);
      if (!asset || asset.assetType !== q.asset_type) failAssetNotFound(q.asset_type, q.asset_id);
      const list = listAssetPartners(m, q.bc_id, q.asset_id)
        .filter((p) => matchesKeyword(q.filtering?.keyword, p.partner.name))
        .map((p) => ({ bc_id: p.partner.bcId, bc_name: p.partner.name }));
      return paginate(list, q.page, q.page_size);
    },
  });
}
