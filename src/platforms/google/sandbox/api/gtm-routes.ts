// Tag Manager v2: accounts, containers, user_permissions (google-api.md §4, [TM-D]).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fail } from '../model/errors.ts';
import {
  checkAccess,
  createPermission,
  findPermission,
  presentPermission,
  requireAccount,
  visibleContainers,
} from '../model/gtm.ts';
import { SCOPES } from '../model/scopes.ts';
import type { GtmContainer } from '../model/types.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { bodyOf, rejectUnknown, text } from './body.ts';
import { defineEndpoint } from './endpoint.ts';

const BASE = '/tagmanager/v2/accounts';
const URL_ROOT = 'https://tagmanager.google.com/#/';
const p = (request: FastifyRequest): Record<string, string> =>
  request.params as Record<string, string>;
const PERMISSION_FIELDS = ['path', 'accountId', 'emailAddress', 'accountAccess', 'containerAccess'];

function presentAccount(a: { accountId: string; name: string }): Record<string, unknown> {
  return {
    path: `accounts/${a.accountId}`,
    accountId: a.accountId,
    name: a.name,
    fingerprint: '1',
    tagManagerUrl: `${URL_ROOT}admin/accounts/${a.accountId}`,
    features: { supportUserPermissions: true, supportMultipleContainers: true },
  };
}

function presentContainer(c: GtmContainer): Record<string, unknown> {
  return {
    path: `accounts/${c.accountId}/containers/${c.containerId}`,
    accountId: c.accountId,
    containerId: c.containerId,
    name: c.name,
    publicId: c.publicId,
    usageContext: c.usageContext,
    fingerprint: '1',
    tagManagerUrl: `${URL_ROOT}container/accounts/${c.accountId}/containers/${c.containerId}`,
  };
}

/** Registers the Tag Manager endpoints. */
export function registerGtmRoutes(app: FastifyInstance, rt: SandboxRuntime): void {
  const state = () => rt.model.state.gtm;

  defineEndpoint(app, rt, {
    method: 'GET',
    url: BASE,
    scopes: SCOPES.tagmanagerAccounts,
    handle: (_r, caller) => ({
      account: state()
        .accounts.filter((a) =>
          state().permissions.some(
            (x) =>
              x.accountId === a.accountId &&
              x.emailAddress === caller.email &&
              (x.accountAccess !== 'noAccess' ||
                x.containerAccess.some((c) => c.permission !== 'noAccess')),
          ),
        )
        .map(presentAccount),
    }),
  });

  defineEndpoint(app, rt, {
    method: 'GET',
    url: `${BASE}/:accountId`,
    scopes: SCOPES.tagmanagerAccounts,
    handle: (request, caller) => {
      requireAccount(rt.model, p(request).accountId ?? '', caller.email, false);
      return presentAccount(
        state().accounts.find((a) => a.accountId === p(request).accountId) as {
          accountId: string;
          name: string;
        },
      );
    },
  });

  defineEndpoint(app, rt, {
    method: 'GET',
    url: `${BASE}/:accountId/containers`,
    scopes: SCOPES.tagmanagerContainers,
    handle: (request, caller) => {
      const accountId = p(request).accountId ?? '';
      const visible = visibleContainers(rt.model, accountId, caller.email);
      if (!state().accounts.some((a) => a.accountId === accountId))
        fail('NOT_FOUND', 'Not found or permission denied.');
      return {
        container: state()
          .containers.filter((c) => c.accountId === accountId && visible.includes(c.containerId))
          .map(presentContainer),
      };
    },
  });

  defineEndpoint(app, rt, {
    method: 'GET',
    url: `${BASE}/:accountId/containers/:containerId`,
    scopes: SCOPES.tagmanagerContainers,
    handle: (request, caller) => {
      const { accountId = '', containerId = '' } = p(request);
      if (!visibleContainers(rt.model, accountId, caller.email).includes(containerId))
        fail('NOT_FOUND', 'Not found or permission denied.');
      return presentContainer(
        state().containers.find(
          (c) => c.accountId === accountId && c.containerId === containerId,
        ) as GtmContainer,
      );
    },
  });

  defineEndpoint(app, rt, {
    method: 'POST',
    url: `${BASE}/:accountId/user_permissions`,
    scopes: SCOPES.tagmanagerUsers,
    handle: (request, caller) => {
      const body = bodyOf(request);
      rejectUnknown(body, PERMISSION_FIELDS);
      return presentPermission(
        rt.model.mutate((ctx) =>
          createPermission(ctx, caller.email, p(request).accountId ?? '', body),
        ),
      );
    },
  });

  defineEndpoint(app, rt, {
    method: 'GET',
    url: `${BASE}/:accountId/user_permissions`,
    scopes: SCOPES.tagmanagerUsers,
    handle: (request, caller) => {
      const accountId = p(request).accountId ?? '';
      requireAccount(rt.model, accountId, caller.email, true);
      return {
        userPermission: state()
          .permissions.filter((x) => x.accountId === accountId)
          .map(presentPermission),
      };
    },
  });

  defineEndpoint(app, rt, {
    method: 'GET',
    url: `${BASE}/:accountId/user_permissions/:permissionId`,
    scopes: SCOPES.tagmanagerUsers,
    handle: (request, caller) => {
      requireAccount(rt.model, p(request).accountId ?? '', caller.email, true);
      return presentPermission(
        findPermission(rt.model, p(request).accountId ?? '', p(request).permissionId ?? ''),
      );
    },
  });

  defineEndpoint(app, rt, {
    method: 'PUT',
    url: `${BASE}/:accountId/user_permissions/:permissionId`,
    scopes: SCOPES.tagmanagerUsers,
    handle: (request, caller) => {
      const body = bodyOf(request);
      rejectUnknown(body, PERMISSION_FIELDS);
      return rt.model.mutate((ctx) => {
        const { accountId = '', permissionId = '' } = p(request);
        requireAccount(ctx, accountId, caller.email, true);
        const permission = findPermission(ctx, accountId, permissionId);
        if (
          body.emailAddress !== undefined &&
          text(body.emailAddress).toLowerCase() !== permission.emailAddress
        )
          fail('INVALID_ARGUMENT', 'emailAddress cannot be changed');
        Object.assign(permission, checkAccess(ctx, accountId, body));
        return presentPermission(permission);
      });
    },
  });

  defineEndpoint(app, rt, {
    method: 'DELETE',
    url: `${BASE}/:accountId/user_permissions/:permissionId`,
    scopes: SCOPES.tagmanagerUsers,
    successCode: 204,
    handle: (request, caller) =>
      rt.model.mutate((ctx) => {
        const { accountId = '', permissionId = '' } = p(request);
        requireAccount(ctx, accountId, caller.email, true);
        const permission = findPermission(ctx, accountId, permissionId);
        ctx.state.gtm.permissions = ctx.state.gtm.permissions.filter((x) => x !== permission);
        return null;
      }),
  });
}
