/**
 * The OpenAPI 3.1 document of /api/v1, generated from the routes' own zod schemas by
 * @fastify/swagger with fastify-type-provider-zod's transform. Registered globally before any
 * route (fastify-plugin) so it sees every /api/v1 route, whoever adds it; other routes (sandboxes,
 * web pages) are left out of the document.
 */
import swagger from '@fastify/swagger';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

export const OPENAPI_PATH = '/api/v1/openapi.json';

const inDocument = (url: string) => url.startsWith('/api/v1/') && url !== OPENAPI_PATH;

/** Creates the OpenAPI plugin: the generator plus GET /api/v1/openapi.json. */
export function createOpenApiPlugin(): FastifyPluginAsync {
  const plugin: FastifyPluginAsync = async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Latchkey API',
          version: '1',
          description:
            'Client access for marketing agencies. Authenticate with `Authorization: Bearer lk_<id>.<secret>`. ' +
            'POST requests accept an `Idempotency-Key` header. Errors are `{"error":{"code","message","details"?}}`.',
        },
        components: {
          securitySchemes: {
            apiKey: { type: 'http', scheme: 'bearer', description: 'lk_<id>.<secret>' },
          },
        },
        security: [{ apiKey: [] }],
      },
      transform: (input) => {
        if (!inDocument(input.url))
          return { schema: { ...input.schema, hide: true }, url: input.url };
        return jsonSchemaTransform(input);
      },
    });
    app.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
  };
  return fp(plugin, { name: 'latchkey-openapi', fastify: '5.x' });
}
