// Search Console v1 sites (the webmasters/v3 paths, google-api.md §5, [SC-D]). There is no
// method for users or permissions: access is only read back.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fail } from '../model/errors.ts';
import { SCOPES } from '../model/scopes.ts';
import type { ScSiteEntry } from '../model/types.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { defineEndpoint } from './endpoint.ts';

const present = (s: ScSiteEntry): { siteUrl: string; permissionLevel: string } => ({
  siteUrl: s.siteUrl,
  permissionLevel: s.permissionLevel,
});
const siteParam = (request: FastifyRequest): string =>
  (request.params as { siteUrl: string }).siteUrl;
const WRITE = ['https://www.googleapis.com/auth/webmasters'];

/** Registers sites.list/get/add/delete. */
export function registerSearchConsoleRoutes(app: FastifyInstance, rt: SandboxRuntime): void {
  const entries = (email: string) =>
    rt.model.state.searchConsole.sites.filter((s) => s.email === email);

  defineEndpoint(app, rt, {
    method: 'GET',
    url: '/webmasters/v3/sites',
    scopes: SCOPES.webmastersRead,
    // An empty list is sent as `{}` (choice: proto3 JSON omits empty repeated fields).
    handle: (_r, caller) =>
      entries(caller.email).length > 0 ? { siteEntry: entries(caller.email).map(present) } : {},
  });

  defineEndpoint(app, rt, {
    method: 'GET',
    url: '/webmasters/v3/sites/:siteUrl',
    scopes: SCOPES.webmastersRead,
    handle: (request, caller) => {
      const site = entries(caller.email).find((s) => s.siteUrl === siteParam(request));
      if (!site)
        fail(
          'PERMISSION_DENIED',
          `User does not have sufficient permission for site '${siteParam(request)}'. See also: https://support.google.com/webmasters/answer/2451999.`,
        );
      return present(site);
    },
  });

  defineEndpoint(app, rt, {
    method: 'PUT',
    url: '/webmasters/v3/sites/:siteUrl',
    scopes: WRITE,
    successCode: 204,
    handle: (request, caller) =>
      rt.model.mutate((ctx) => {
        const siteUrl = siteParam(request);
        if (!/^(https?:\/\/\S+\/|sc-domain:\S+)$/.test(siteUrl))
          fail('INVALID_ARGUMENT', `'${siteUrl}' is not a valid Search Console site URL.`);
        if (
          !ctx.state.searchConsole.sites.some(
            (s) => s.email === caller.email && s.siteUrl === siteUrl,
          )
        )
          ctx.state.searchConsole.sites.push({
            email: caller.email,
            siteUrl,
            permissionLevel: 'SITE_UNVERIFIED_USER',
          });
        return null;
      }),
  });

  defineEndpoint(app, rt, {
    method: 'DELETE',
    url: '/webmasters/v3/sites/:siteUrl',
    scopes: WRITE,
    successCode: 204,
    handle: (request, caller) =>
      rt.model.mutate((ctx) => {
        ctx.state.searchConsole.sites = ctx.state.searchConsole.sites.filter(
          (s) => !(s.email === caller.email && s.siteUrl === siteParam(request)),
        );
        return null;
      }),
  });
}
