// GA4 Admin v1alpha accessBindings and accountSummaries (google-api.md §3, [AA]; [RUN] wire format).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fail } from '../model/errors.ts';
import {
  accountSummaries,
  createBinding,
  deleteBinding,
  findBinding,
  patchBinding,
  presentBinding,
  requireAdmin,
  requireReader,
} from '../model/ga4.ts';
import { SCOPES } from '../model/scopes.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { bodyOf, pageOffset, paginate, rejectUnknown, text } from './body.ts';
import { defineEndpoint } from './endpoint.ts';

const PARENT = '/v1alpha/:kind(^accounts|properties$)/:parentId';

function parentOf(request: FastifyRequest): string {
  const { kind, parentId } = request.params as { kind: string; parentId: string };
  return `${kind}/${parentId}`;
}

function nameOf(request: FastifyRequest): string {
  return `${parentOf(request)}/accessBindings/${(request.params as { bindingId: string }).bindingId}`;
}

/** Page size: default and maximum per method ([AA]); larger values are coerced to the maximum. */
function pageSize(raw: unknown, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    fail('INVALID_ARGUMENT', 'page_size must be a non-negative integer');
  return n === 0 ? fallback : Math.min(n, max);
}

/** Registers the GA4 Admin endpoints. */
export function registerGa4Routes(app: FastifyInstance, rt: SandboxRuntime): void {
  for (const version of ['v1alpha', 'v1beta']) {
    defineEndpoint(app, rt, {
      method: 'GET',
      url: `/${version}/accountSummaries`,
      scopes: SCOPES.analyticsRead,
      handle: (request, caller) => {
        const q = request.query as Record<string, unknown>;
        const { page, nextPageToken } = paginate(
          accountSummaries(rt.model, caller.email),
          pageOffset(q.pageToken),
          pageSize(q.pageSize, 50, 200),
        );
        return { accountSummaries: page, ...(nextPageToken ? { nextPageToken } : {}) };
      },
    });
  }

  defineEndpoint(app, rt, {
    method: 'POST',
    url: `${PARENT}/accessBindings`,
    scopes: SCOPES.analyticsUsersWrite,
    handle: (request, caller) => {
      const body = bodyOf(request);
      rejectUnknown(body, ['name', 'user', 'roles']);
      return presentBinding(
        rt.model.mutate((ctx) => createBinding(ctx, caller.email, parentOf(request), body)),
      );
    },
  });

  defineEndpoint(app, rt, {
    method: 'GET',
    url: `${PARENT}/accessBindings`,
    scopes: SCOPES.analyticsUsersRead,
    handle: (request, caller) => {
      const parent = parentOf(request);
      requireReader(rt.model, caller.email, parent);
      const q = request.query as Record<string, unknown>;
      const all = rt.model.state.ga4.bindings
        .filter((b) => b.parent === parent)
        .map(presentBinding);
      const { page, nextPageToken } = paginate(
        all,
        pageOffset(q.pageToken),
        pageSize(q.pageSize, 200, 500),
      );
      return { accessBindings: page, ...(nextPageToken ? { nextPageToken } : {}) };
    },
  });

  defineEndpoint(app, rt, {
    method: 'GET',
    url: `${PARENT}/accessBindings/:bindingId`,
    scopes: SCOPES.analyticsUsersRead,
    handle: (request, caller) => {
      requireReader(rt.model, caller.email, parentOf(request));
      return presentBinding(findBinding(rt.model, nameOf(request)));
    },
  });

  defineEndpoint(app, rt, {
    method: 'PATCH',
    url: `${PARENT}/accessBindings/:bindingId`,
    scopes: SCOPES.analyticsUsersWrite,
    handle: (request, caller) => {
      const body = bodyOf(request);
      rejectUnknown(body, ['name', 'user', 'roles']);
      return rt.model.mutate((ctx) => {
        requireAdmin(ctx, caller.email, parentOf(request));
        const binding = findBinding(ctx, nameOf(request));
        if (body.user !== undefined && text(body.user).toLowerCase() !== binding.user)
          fail('INVALID_ARGUMENT', 'user cannot be changed');
        return presentBinding(patchBinding(ctx, binding, body.roles));
      });
    },
  });

  defineEndpoint(app, rt, {
    method: 'DELETE',
    url: `${PARENT}/accessBindings/:bindingId`,
    scopes: SCOPES.analyticsUsersWrite,
    handle: (request, caller) =>
      rt.model.mutate((ctx) => {
        requireAdmin(ctx, caller.email, parentOf(request));
        deleteBinding(ctx, findBinding(ctx, nameOf(request)));
        return {};
      }),
  });
}
