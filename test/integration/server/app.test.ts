import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp, type App } from '../../../src/server/app.ts';
import { openDatabase } from '../../../src/store/database.ts';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../../support/database.ts';
import { captureLogger } from '../../support/logger.ts';

// A plugin standing in for real routes: one validated input, one crash with a secret in it.
const probeRoutes: FastifyPluginAsync = async (app) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post(
    '/probe/:id',
    {
      schema: {
        params: z.object({ id: z.uuid() }),
        body: z.object({ name: z.string().min(1), level: z.enum(['ADMIN', 'ANALYST']) }).strict(),
      },
    },
    async (request) => ({ ok: true, name: request.body.name }),
  );
  typed.get('/probe/crash', async () => {
    throw new Error('relation "secret_table" does not exist; token=canary-token');
  });
};

let database: TestDatabase;
let app: App;
const log = captureLogger();

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ logger: log.logger, database, plugins: [{ plugin: probeRoutes }] });
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

describe(`HTTP foundation on ${testDatabaseKind}`, () => {
  it('answers /healthz with the database kind', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: testDatabaseKind });
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await app.inject({ method: 'GET', url: '/no/such/route?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'not_found', message: 'No route for that method and URL' },
    });
  });

  it('rejects invalid input with 400 and the failing paths', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/probe/00000000-0000-4000-8000-000000000000',
      payload: { name: '', level: 'OWNER', extra: true },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ error: { code: string; details: { path: string[] }[] } }>();
    expect(body.error.code).toBe('invalid_body');
    const paths = body.error.details.map((d) => d.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'level']));

    const badParam = await app.inject({
      method: 'POST',
      url: '/probe/not-a-uuid',
      payload: { name: 'x', level: 'ADMIN' },
    });
    expect(badParam.statusCode).toBe(400);
    expect(badParam.json<{ error: { code: string } }>().error.code).toBe('invalid_params');
  });

  it('rejects malformed JSON with a 400 error body', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/probe/00000000-0000-4000-8000-000000000000',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('bad_request');
  });

  it('hides internals of a 5xx but gives a request id, and logs no secret', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/probe/crash',
      headers: { authorization: 'Bearer canary-bearer' },
    });
    expect(response.statusCode).toBe(500);
    const body = response.json<{ error: { code: string; message: string; requestId: string } }>();
    expect(body.error.code).toBe('internal_error');
    expect(body.error.requestId).toMatch(/[0-9a-f-]{36}/);
    expect(response.body).not.toMatch(/secret_table|canary/);
    expect(log.text()).toContain(body.error.requestId);
    expect(log.text()).not.toContain('canary-bearer');
  });

  it('sends security headers', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(String(response.headers['content-security-policy'])).toMatch(/object-src 'none'/);
    expect(String(response.headers['content-security-policy'])).toMatch(/frame-ancestors 'none'/);
  });

  it('answers 503 when the database is unreachable', async () => {
    // PGlite: the embedded instance is closed. PostgreSQL: nothing listens at the server's address.
    const broken =
      testDatabaseKind === 'pglite'
        ? await createTestDatabase({ migrate: false })
        : await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/test' });
    if (testDatabaseKind === 'pglite') await broken.close();
    const brokenApp = await buildApp({ logger: log.logger, database: broken });
    const response = await brokenApp.inject({ method: 'GET', url: '/healthz' });
    await brokenApp.close();
    await broken.close();
    expect(response.statusCode).toBe(503);
    expect(response.json<{ status: string; database: string }>()).toMatchObject({
      status: 'unavailable',
      database: testDatabaseKind,
    });
  });
});
