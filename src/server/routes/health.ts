/** GET /healthz: 200 with the database kind, 503 when the database does not answer. */
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../store/database.ts';

export const healthRoutes: FastifyPluginAsync<{
  database: Pick<Database, 'kind' | 'ping'>;
}> = async (app, { database }) => {
  app.get('/healthz', { logLevel: 'warn' }, async (_request, reply) => {
    const ok = await database.ping(2_000);
    if (!ok) {
      return reply.status(503).send({
        status: 'unavailable',
        database: database.kind,
        error: { code: 'unavailable', message: 'The database does not answer' },
      });
    }
    return { status: 'ok', database: database.kind };
  });
};
