/**
 * Records every route registered after it (method and URL), so whole-surface checks (the tenancy
 * walk, the Idempotency-Key sweep, the OpenAPI coverage) see routes whoever adds them.
 */
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

export interface CatalogRoute {
  readonly method: string;
  readonly url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after the catalog plugin, HEAD routes left out. */
    routeCatalog(): readonly CatalogRoute[];
  }
}

/** Creates the route catalog plugin; register it before any route plugin. */
export function createRouteCatalogPlugin(): FastifyPluginAsync {
  const routes: CatalogRoute[] = [];
  const plugin: FastifyPluginAsync = async (app) => {
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        if (method !== 'HEAD') routes.push({ method, url: route.url });
      }
    });
    app.decorate('routeCatalog', () => [...routes]);
  };
  return fp(plugin, { name: 'latchkey-route-catalog', fastify: '5.x' });
}
