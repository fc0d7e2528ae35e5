/**
 * Serves the built React front end. Client-side routes (`/`, `/app/*`) get index.html and the
 * client's page (`/l/*`) its own client.html; anything else that is not a file is a JSON 404,
 * like every other unknown route. Files are sent brotli- or gzip-compressed as the build wrote
 * them (vite.config.ts); hashed assets (`/assets/*`) are cached for a year as immutable, the
 * HTML never (it names the current hashes).
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
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, file) => {
      const relative = path.relative(webDir, file);
      const policy = relative.startsWith(`assets${path.sep}`)
        ? 'public, max-age=31536000, immutable'
        : /\.html(\.br|\.gz)?$/.test(relative)
          ? 'no-store'
          : 'public, max-age=3600';
      reply.header('cache-control', policy);
    },
  });
  const sendHtml =
    (name: string) => async (_request: unknown, reply: { sendFile(name: string): unknown }) =>
      reply.sendFile(name);
  const client = existsSync(path.join(webDir, 'client.html')) ? 'client.html' : 'index.html';
  app.get('/', sendHtml('index.html'));
  app.get('/app', sendHtml('index.html'));
  app.get('/app/*', sendHtml('index.html'));
  app.get('/l/*', sendHtml(client));
};
