/**
 * Serves the built React front end. Client-side routes (`/`, `/app/*`, `/l/*`) get index.html;
 * anything else that is not a file is a JSON 404, like every other unknown route.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

export const webRoutes: FastifyPluginAsync<{ webDir: string }> = async (app, { webDir }) => {
  const index = path.join(webDir, 'index.html');
  if (!existsSync(index)) {
    app.log.warn({ webDir }, 'web front end is not built: run `npm run build`');
    app.get('/', async (_request, reply) =>
      reply
        .type('text/plain')
        .send('Latchkey is running. Build the web front end with `npm run build`.'),
    );
    return;
  }
  await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false });
  const sendIndex = async (
    _request: unknown,
    reply: { sendFile(name: string): unknown; header(k: string, v: string): unknown },
  ) => {
    reply.header('cache-control', 'no-store');
    return reply.sendFile('index.html');
  };
  app.get('/', sendIndex);
  app.get('/app', sendIndex);
  app.get('/app/*', sendIndex);
  app.get('/l/*', sendIndex);
};
