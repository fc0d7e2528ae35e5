// GET bc/get/ (tiktok-api.md §3, [Y:bc_get]).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireMember } from '../model/lookup.ts';
import { listUserBcs } from '../model/queries.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { defineEndpoint } from './endpoint.ts';
import { paginate } from './envelope.ts';
import { matchesKeyword, presentBcInfo, withoutNulls } from './present.ts';
import { filteringQuery, idString, pagingQuery, strict } from './schemas.ts';

/** Registers bc/get/. */
export function registerBcRoutes(app: FastifyInstance, rt: SandboxRuntime): void {
  defineEndpoint(app, rt, {
    method: 'GET',
    path: 'bc/get/',
    auth: true,
    input: strict({
      bc_id: idString.optional(),
      scene: z.enum(['SINGLE_ACCOUNT', 'TIERED_ACCOUNT']).optional(),
      filtering: filteringQuery(
        strict({
          keyword: z.string().optional(),
          keyword_type: z.enum(['ASSET', 'MEMBER', 'PARTNER', 'TIER']).optional(),
          relation_type: z.enum(['CHILD', 'PARENT']).optional(),
        }),
      ),
      ...pagingQuery(50),
    }),
    handle: (q, token) => {
      const userId = token?.userId ?? '';
      if (q.bc_id !== undefined) requireMember(rt.model, q.bc_id, userId);
      const rows = listUserBcs(rt.model, userId)
        .filter(({ bc }) => q.bc_id === undefined || bc.bcId === q.bc_id)
        .filter(({ bc }) => matchesKeyword(q.filtering?.keyword, bc.name, bc.company, bc.bcId))
        .map(({ bc, member }) =>
          withoutNulls({
            bc_info: presentBcInfo(bc),
            user_role: member.userRole,
            ext_user_role: withoutNulls({ finance_role: member.financeRole }),
          }),
        );
      return paginate(rows, q.page, q.page_size);
    },
  });
}
