// Merchant API accounts sub-API, at the paths @googleapis/merchantapi (accounts_v1) calls:
// accounts.list/get/listSubaccounts, accounts.users.* and users.me.verifySelf
// (docs/platforms/merchant-center-api.md).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fail } from '../model/errors.ts';
import {
  accessibleAccounts,
  accountIdOf,
  createUser,
  deleteUser,
  findAccount,
  merchantOf,
  patchUser,
  presentAccount,
  presentUser,
  readUser,
  requireAccess,
  verifySelf,
} from '../model/merchant.ts';
import { SCOPES } from '../model/scopes.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { bodyOf, pageOffset, paginate, rejectUnknown, text } from './body.ts';
import { defineEndpoint } from './endpoint.ts';

const BASE = '/accounts/v1/accounts';
const USER_FIELDS = ['name', 'state', 'accessRights'];

const params = (request: FastifyRequest): Record<string, string> =>
  request.params as Record<string, string>;
const query = (request: FastifyRequest): Record<string, unknown> =>
  (request.query ?? {}) as Record<string, unknown>;

/** `pageSize`: absent is `fallback`, above `max` is coerced to it ([NPM]); not a count is 400. */
function pageSize(raw: unknown, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw))
    fail(
      'INVALID_ARGUMENT',
      `Invalid value at 'page_size' (TYPE_INT32), ${text(raw).slice(0, 40)}`,
    );
  const n = Number(raw);
  return n === 0 ? fallback : Math.min(n, max);
}

/** One page of a list, under `key`. */
function page<T>(
  request: FastifyRequest,
  items: T[],
  key: string,
  sizes: { fallback: number; max: number },
): Record<string, unknown> {
  const q = query(request);
  const { page: slice, nextPageToken } = paginate(
    items,
    pageOffset(q.pageToken),
    pageSize(q.pageSize, sizes.fallback, sizes.max),
  );
  return { [key]: slice, ...(nextPageToken !== undefined ? { nextPageToken } : {}) };
}

/** The User body's access rights, with unknown fields refused by name. */
function rightsFrom(request: FastifyRequest): unknown {
  const body = bodyOf(request);
  rejectUnknown(body, USER_FIELDS, 'user');
  return body.accessRights;
}

/** `updateMask`: absent (every updatable field) or `access_rights` / `accessRights` ([NPM]). */
function checkMask(raw: unknown): void {
  if (raw === undefined || raw === '') return;
  const fields = typeof raw === 'string' ? raw.split(',') : null;
  if (!fields || fields.some((f) => f !== 'access_rights' && f !== 'accessRights'))
    fail('INVALID_ARGUMENT', `Invalid update mask: ${text(raw).slice(0, 60)}`);
}

/** Registers the Merchant API accounts endpoints. */
export function registerMerchantRoutes(app: FastifyInstance, rt: SandboxRuntime): void {
  defineEndpoint(app, rt, {
    method: 'GET',
    url: BASE,
    scopes: SCOPES.content,
    handle: (request, caller) => {
      if (query(request).filter !== undefined)
        fail('INVALID_ARGUMENT', 'The sandbox does not support accounts.list filters.');
      const accounts = accessibleAccounts(rt.model, caller.email).map(presentAccount);
      return page(request, accounts, 'accounts', { fallback: 250, max: 500 });
    },
  });

  // accounts.get, and accounts.listSubaccounts (`accounts/{provider}:listSubaccounts`).
  defineEndpoint(app, rt, {
    method: 'GET',
    url: `${BASE}/:account`,
    scopes: SCOPES.content,
    handle: (request, caller) => {
      const raw = params(request).account ?? '';
      const sub = raw.endsWith(':listSubaccounts');
      const accountId = accountIdOf(sub ? raw.slice(0, -':listSubaccounts'.length) : raw);
      requireAccess(rt.model, accountId, caller.email, false);
      if (!sub) return presentAccount(findAccount(rt.model, accountId));
      const children = merchantOf(rt.model.state)
        .accounts.filter((a) => a.aggregatorId === accountId)
        .map(presentAccount);
      return page(request, children, 'accounts', { fallback: 250, max: 500 });
    },
  });

  defineEndpoint(app, rt, {
    method: 'POST',
    url: `${BASE}/:account/users`,
    scopes: SCOPES.content,
    handle: (request, caller) => {
      const accountId = accountIdOf(params(request).account);
      const rights = rightsFrom(request);
      return presentUser(
        rt.model.mutate((ctx) =>
          createUser(ctx, caller.email, accountId, query(request).userId, rights),
        ),
      );
    },
  });

  defineEndpoint(app, rt, {
    method: 'GET',
    url: `${BASE}/:account/users`,
    scopes: SCOPES.content,
    handle: (request, caller) => {
      const accountId = accountIdOf(params(request).account);
      requireAccess(rt.model, accountId, caller.email, true);
      const users = merchantOf(rt.model.state)
        .users.filter((u) => u.accountId === accountId)
        .map(presentUser);
      return page(request, users, 'users', { fallback: 50, max: 100 });
    },
  });

  defineEndpoint(app, rt, {
    method: 'GET',
    url: `${BASE}/:account/users/:user`,
    scopes: SCOPES.content,
    handle: (request, caller) =>
      presentUser(
        readUser(
          rt.model,
          caller.email,
          accountIdOf(params(request).account),
          params(request).user ?? '',
        ),
      ),
  });

  // users.patch, and users.me.verifySelf (`users/me:verifySelf`, PATCH with an empty body).
  defineEndpoint(app, rt, {
    method: 'PATCH',
    url: `${BASE}/:account/users/:user`,
    scopes: SCOPES.content,
    handle: (request, caller) => {
      const accountId = accountIdOf(params(request).account);
      const name = params(request).user ?? '';
      if (name === 'me:verifySelf') {
        rejectUnknown(bodyOf(request), []);
        return presentUser(rt.model.mutate((ctx) => verifySelf(ctx, caller.email, accountId)));
      }
      checkMask(query(request).updateMask);
      const rights = rightsFrom(request);
      return presentUser(
        rt.model.mutate((ctx) => patchUser(ctx, caller.email, accountId, name, rights)),
      );
    },
  });

  defineEndpoint(app, rt, {
    method: 'DELETE',
    url: `${BASE}/:account/users/:user`,
    scopes: SCOPES.content,
    handle: (request, caller) => {
      const accountId = accountIdOf(params(request).account);
      rt.model.mutate((ctx) =>
        deleteUser(ctx, caller.email, accountId, params(request).user ?? ''),
      );
      return {};
    },
  });
}
