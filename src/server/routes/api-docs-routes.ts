/**
 * GET /api/docs: a small self-contained page that renders /api/v1/openapi.json (no CDN, no
 * third-party script; the script is served from this origin so the CSP needs no 'unsafe-inline').
 */
import type { FastifyPluginAsync } from 'fastify';
import { docsPageHtml, docsPageScript } from './api-docs-page.ts';

/** Creates the API docs page plugin. */
export function createApiDocsRoutes(): FastifyPluginAsync {
  return async (app) => {
    app.get('/api/docs', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(docsPageHtml),
    );
    app.get('/api/docs/docs.js', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').send(docsPageScript),
    );
  };
}
