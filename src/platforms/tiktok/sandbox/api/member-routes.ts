// Members: bc/member/get/ (§8a), invite (§8b), update (§8c), delete (§8d).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { failNotFound } from '../model/errors.ts';
import { requireMember } from '../model/lookup.ts';
import { deleteMember, inviteMembers, updateMember } from '../model/members.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { defineEndpoint } from './endpoint.ts';
import { paginate } from './envelope.ts';
import { matchesKeyword, presentMember } from './present.ts';
import {
  advertiserRole,
  financeRole,
  filteringQuery,
  idString,
  pagingQuery,
  relationStatus,
  strict,
  userRole,
} from './schemas.ts';

const extUserRole = strict({ finance_role: financeRole.optional() });

/** Registers the member endpoints. */
export function registerMemberRoutes(app: FastifyInstance, rt: SandboxRuntime): void {
  const m = rt.model;
  defineEndpoint(app, rt, {
    method: 'GET',
    path: 'bc/member/get/',
    auth: true,
    input: strict({
      bc_id: idString,
      child_bc_id: idString.optional(),
      filtering: filteringQuery(
        strict({
          keyword: z.string().optional(),
          relation_status: relationStatus.optional(),
          user_role: userRole.optional(),
        }),
      ),
      ...pagingQuery(20),
    }),
    handle: (q, token) => {
      requireMember(m, q.bc_id, token?.userId ?? '');
      noChildBc(q.child_bc_id);
      const f = q.filtering ?? {};
      const list = m.state.members
        .filter((x) => x.bcId === q.bc_id)
        .filter((x) => f.relation_status === undefined || x.status === f.relation_status)
        .filter((x) => f.user_role === undefined || x.userRole === f.user_role)
        .map((x) => presentMember(m, x))
        .filter((x) =>
          matchesKeyword(f.keyword, x.user_name as string | null, x.user_email as string | null),
        );
      return paginate(list, q.page, q.page_size);
    },
  });

  defineEndpoint(app, rt, {
    method: 'POST',
    path: 'bc/member/invite/',
    auth: true,
    input: strict({
      bc_id: idString,
      emails: z.array(z.email()).min(1).max(50),
      user_role: userRole.optional(),
      ext_user_role: extUserRole.optional(),
      asset_type: z.enum(['ADVERTISER']).optional(),
      // Required per the JS SDK's MemberInviteBody.md (the yml leaves it optional); may be empty.
      asset_ids: z.array(idString).max(50),
      advertiser_role: advertiserRole.optional(),
    }),
    handle: (b, token) => {
      m.mutate((ctx) =>
        inviteMembers(ctx, token?.userId ?? '', {
          bcId: b.bc_id,
          emails: b.emails,
          userRole: b.user_role ?? 'STANDARD',
          financeRole: b.ext_user_role?.finance_role ?? null,
          assetIds: b.asset_ids,
          advertiserRole: b.advertiser_role ?? 'ANALYST',
        }),
      );
      return {};
    },
  });

  defineEndpoint(app, rt, {
    method: 'POST',
    path: 'bc/member/update/',
    auth: true,
    input: strict({
      bc_id: idString,
      user_id: idString,
      child_bc_id: idString.optional(),
      user_name: z.string().max(250).optional(),
      user_role: userRole.optional(),
      ext_user_role: extUserRole.optional(),
    }),
    handle: (b, token) => {
      noChildBc(b.child_bc_id);
      m.mutate((ctx) =>
        updateMember(ctx, token?.userId ?? '', {
          bcId: b.bc_id,
          userId: b.user_id,
          ...(b.user_name !== undefined ? { userName: b.user_name } : {}),
          ...(b.user_role !== undefined ? { userRole: b.user_role } : {}),
          ...(b.ext_user_role !== undefined
            ? { financeRole: b.ext_user_role.finance_role ?? null }
            : {}),
        }),
      );
      return {};
    },
  });

  defineEndpoint(app, rt, {
    method: 'POST',
    path: 'bc/member/delete/',
    auth: true,
    input: strict({
      bc_id: idString,
      user_id: idString.optional(),
      user_email: z.email().optional(),
      child_bc_id: idString.optional(),
    }),
    handle: (b, token) => {
      noChildBc(b.child_bc_id);
      m.mutate((ctx) =>
        deleteMember(ctx, token?.userId ?? '', {
          bcId: b.bc_id,
          ...(b.user_id !== undefined ? { userId: b.user_id } : {}),
          ...(b.user_email !== undefined ? { email: b.user_email } : {}),
        }),
      );
      return {};
    },
  });
}

function noChildBc(childBcId: string | undefined): void {
  if (childBcId !== undefined) failNotFound(`child BC ${childBcId} does not exist`);
}
