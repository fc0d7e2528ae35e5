// Business Profile: the My Business Account Management API v1 paths exactly as
// @googleapis/mybusinessaccountmanagement builds them (`v1/accounts`, `v1/{+parent}/admins`,
// `v1/{+name}`, `v1/{+name}:accept`), and the Business Information API's locations list and get
// (docs/platforms/business-profile-api.md). Every answer or error is in Google's shape.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  answerInvitation,
  createAdmin,
  deleteAdmin,
  getAccount,
  getLocation,
  listAccounts,
  listAdmins,
  listInvitations,
  listLocations,
  patchAdmin,
  presentAccount,
  presentAdmin,
  presentLocation,
} from '../model/business-profile.ts';
import { fail } from '../model/errors.ts';
import { SCOPES } from '../model/scopes.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { bodyOf, pageOffset, paginate, rejectUnknown } from './body.ts';
import { defineEndpoint } from './endpoint.ts';

const ADMIN_FIELDS = ['name', 'admin', 'account', 'role', 'pendingInvitation'];
const scopes = SCOPES.businessManage;

/** `accounts/{a}` or `locations/{l}` from the route's params. */
function parentOf(request: FastifyRequest): string {
  const p = request.params as { accountId?: string; locationId?: string };
  return p.accountId !== undefined ? `accounts/${p.accountId}` : `locations/${p.locationId}`;
}

function adminName(request: FastifyRequest): string {
  return `${parentOf(request)}/admins/${(request.params as { adminId: string }).adminId}`;
}

/** Page size: default and maximum are choices (Google's reference names none for these). */
function pageSize(raw: unknown, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n)) fail('INVALID_ARGUMENT', 'page_size must be a non-negative integer');
  return n === 0 ? fallback : Math.min(n, max);
}

const query = (request: FastifyRequest): Record<string, unknown> =>
  request.query as Record<string, unknown>;

/** Registers the Business Profile endpoints. */
export function registerBusinessProfileRoutes(app: FastifyInstance, rt: SandboxRuntime): void {
  defineEndpoint(app, rt, {
    method: 'GET',
    url: '/v1/accounts',
    scopes,
    handle: (request, caller) => {
      const q = query(request);
      if (q.parentAccount !== undefined)
        fail('INVALID_ARGUMENT', 'parentAccount is not supported by this sandbox.');
      const { page, nextPageToken } = paginate(
        listAccounts(rt.model, caller.email, q.filter),
        pageOffset(q.pageToken),
        pageSize(q.pageSize, 20, 20),
      );
      return {
        accounts: page.map((a) => presentAccount(rt.model, caller.email, a)),
        ...(nextPageToken ? { nextPageToken } : {}),
      };
    },
  });

  defineEndpoint(app, rt, {
    method: 'GET',
    url: '/v1/accounts/:accountId',
    scopes,
    handle: (request, caller) =>
      presentAccount(rt.model, caller.email, getAccount(rt.model, caller.email, parentOf(request))),
  });

  for (const base of ['/v1/accounts/:accountId', '/v1/locations/:locationId']) {
    defineEndpoint(app, rt, {
      method: 'GET',
      url: `${base}/admins`,
      scopes,
      handle: (request, caller) => {
        const parent = parentOf(request);
        const admins = listAdmins(rt.model, caller.email, parent).map((a) =>
          presentAdmin(rt.model, a),
        );
        return parent.startsWith('accounts/') ? { accountAdmins: admins } : { admins };
      },
    });

    defineEndpoint(app, rt, {
      method: 'POST',
      url: `${base}/admins`,
      scopes,
      handle: (request, caller) => {
        const body = bodyOf(request);
        rejectUnknown(body, ADMIN_FIELDS);
        return rt.model.mutate((ctx) =>
          presentAdmin(ctx, createAdmin(ctx, caller.email, parentOf(request), body)),
        );
      },
    });

    defineEndpoint(app, rt, {
      method: 'PATCH',
      url: `${base}/admins/:adminId`,
      scopes,
      handle: (request, caller) => {
        const body = bodyOf(request);
        rejectUnknown(body, ADMIN_FIELDS);
        return rt.model.mutate((ctx) =>
          presentAdmin(
            ctx,
            patchAdmin(ctx, caller.email, adminName(request), query(request).updateMask, body),
          ),
        );
      },
    });

    defineEndpoint(app, rt, {
      method: 'DELETE',
      url: `${base}/admins/:adminId`,
      scopes,
      handle: (request, caller) =>
        rt.model.mutate((ctx) => {
          deleteAdmin(ctx, caller.email, adminName(request));
          return {};
        }),
    });
  }

  defineEndpoint(app, rt, {
    method: 'GET',
    url: '/v1/accounts/:accountId/invitations',
    scopes,
    handle: (request, caller) => ({
      invitations: listInvitations(
        rt.model,
        caller.email,
        parentOf(request),
        query(request).filter,
      ),
    }),
  });

  // `v1/{+name}:accept` and `:decline`: the verb rides on the last segment.
  defineEndpoint(app, rt, {
    method: 'POST',
    url: '/v1/accounts/:accountId/invitations/:invitation',
    scopes,
    handle: (request, caller) => {
      const m = /^(\d{1,20}):(accept|decline)$/.exec(
        (request.params as { invitation: string }).invitation,
      );
      if (!m) fail('NOT_FOUND', 'Method not found.');
      rejectUnknown(bodyOf(request), []);
      return rt.model.mutate((ctx) => {
        answerInvitation(ctx, caller.email, parentOf(request), m[1] as string, m[2] === 'accept');
        return {};
      });
    },
  });

  // Business Information API v1 (mybusinessbusinessinformation.googleapis.com): list and get.
  defineEndpoint(app, rt, {
    method: 'GET',
    url: '/v1/accounts/:accountId/locations',
    scopes,
    handle: (request, caller) => {
      const q = query(request);
      const locations = listLocations(rt.model, caller.email, parentOf(request));
      const { page, nextPageToken } = paginate(
        locations,
        pageOffset(q.pageToken),
        pageSize(q.pageSize, 10, 100),
      );
      return {
        locations: page.map((l) => presentLocation(l, q.readMask)),
        ...(nextPageToken ? { nextPageToken } : {}),
        totalSize: locations.length,
      };
    },
  });

  defineEndpoint(app, rt, {
    method: 'GET',
    url: '/v1/locations/:locationId',
    scopes,
    handle: (request, caller) =>
      presentLocation(
        getLocation(rt.model, caller.email, parentOf(request)),
        query(request).readMask,
      ),
  });
}
