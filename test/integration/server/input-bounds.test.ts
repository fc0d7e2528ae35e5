/**
 * Hostile input on the real runtime (every plugin registered): deep JSON, NUL characters,
 * prototype names as path parameters, and requests Node or Fastify would answer themselves. Each
 * answer is a 4xx in the documented shape that repeats nothing of the request; nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/server/app.ts';
import { buildAgency, type TestAgency } from '../../support/agency.ts';
import { rawRequest } from '../../support/raw-http.ts';
import { startTestRuntime, type TestRuntime } from '../../support/runtime.ts';

let started: TestRuntime;
let app: App;
let url: string;
let agency: TestAgency;

beforeAll(async () => {
  started = await startTestRuntime();
  app = started.runtime.app!;
  url = started.runtime.listenUrl!;
  agency = await buildAgency(started.runtime.database);
}, 120_000);

afterAll(async () => {
  await started?.stop();
});

type ErrorShape = { error: { code: string; message: string } };

function expectErrorShape(body: string, status: number, code?: string): ErrorShape {
  const parsed = JSON.parse(body) as ErrorShape;
  expect(Object.keys(parsed)).toEqual(['error']);
  expect(typeof parsed.error.code).toBe('string');
  expect(typeof parsed.error.message).toBe('string');
  expect(status).toBeGreaterThanOrEqual(400);
  expect(status).toBeLessThan(500);
  if (code) expect(parsed.error.code).toBe(code);
  return parsed;
}

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('deep JSON', () => {
  it('refuses 100,000 levels of nesting with an Idempotency-Key, signed in or not, before any work', async () => {
    for (const [path, headers] of [
      ['/api/v1/auth/sign-in', {}],
      ['/api/v1/setup', {}],
      ['/api/v1/clients', agency.owner.headers],
      ['/api/v1/requests', agency.owner.headers],
    ] as const) {
      const response = await app.inject({
        method: 'POST',
        url: path,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'idempotency-key': `deep-${path}`,
        },
        payload: `{"name":${nested(100_000)}}`,
      });
      expect(response.statusCode, path).toBe(400);
      expect(expectErrorShape(response.body, 400, 'invalid_body').error.message).toMatch(/64/);
    }
    const stored = await started.runtime.database.db
      .selectFrom('idempotency_keys')
      .select('key')
      .execute();
    expect(stored.filter((row) => row.key.startsWith('deep-'))).toEqual([]);
  });

  it('reads 64 levels and leaves them to validation', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/clients',
      headers: { ...agency.owner.headers, 'content-type': 'application/json' },
      payload: `{"name":${nested(63)}}`,
    });
    expect(response.statusCode).toBe(400);
    const body = response.json<ErrorShape & { error: { details: { path: string[] }[] } }>();
    expect(body.error.code).toBe('invalid_body');
    expect(body.error.details.map((d) => d.path.join('.'))).toContain('name');
  });
});

describe('NUL characters', () => {
  const nul = 'a\u0000b';
  const cases: [string, string, 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', unknown, string][] = [
    ['client name', '/api/v1/clients', 'POST', { name: nul }, 'invalid_body'],
    [
      'client email',
      '/api/v1/clients',
      'POST',
      { name: 'A', email: `x${nul}@y.example` },
      'invalid_body',
    ],
    ['template', '/api/v1/templates', 'POST', { name: nul, items: [] }, 'invalid_body'],
    ['branding', '/api/v1/branding', 'PATCH', { displayName: nul }, 'invalid_body'],
    ['API key', '/api/v1/api-keys', 'POST', { name: nul, scope: 'read' }, 'invalid_body'],
    [
      'webhook',
      '/api/v1/webhooks',
      'POST',
      { url: `https://a.example/${nul}`, eventTypes: ['request.completed'] },
      'invalid_body',
    ],
    ['request', '/api/v1/requests', 'POST', { clientId: nul, templateId: nul }, 'invalid_body'],
    ['an object key', '/api/v1/clients', 'POST', { [nul]: 'x', name: 'A' }, 'invalid_body'],
    [
      'agency business',
      '/api/v1/agency/connections/tiktok/business',
      'PUT',
      { businessId: nul },
      'invalid_body',
    ],
    ['a path parameter', '/api/v1/clients/%00', 'GET', undefined, 'invalid_params'],
    [
      'a platform parameter',
      '/api/v1/agency/connections/tik%00tok/businesses',
      'GET',
      undefined,
      'invalid_params',
    ],
    ['a query parameter', '/api/v1/requests?status=open%00', 'GET', undefined, 'invalid_query'],
  ];
  it.each(cases)('refuses NUL in %s with 400 %s', async (_name, path, method, payload, code) => {
    const response = await app.inject({
      method,
      url: path,
      headers: agency.owner.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    expect(response.statusCode, response.body).toBe(400);
    expectErrorShape(response.body, 400, code);
  });
});

describe('prototype names', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'answers 404 for the platform "%s" on every platform route',
    async (name) => {
      for (const [method, path, payload] of [
        ['GET', `/api/v1/agency/connections/${name}/businesses`, undefined],
        ['PUT', `/api/v1/agency/connections/${name}/business`, { businessId: 'x' }],
        ['POST', `/api/v1/agency/connections/${name}/start`, undefined],
        ['DELETE', `/api/v1/agency/connections/${name}`, undefined],
      ] as const) {
        const response = await app.inject({
          method,
          url: path,
          headers: agency.owner.headers,
          ...(payload ? { payload } : {}),
        });
        expect(response.statusCode, `${method} ${path}: ${response.body}`).toBeLessThan(500);
        expectErrorShape(response.body, response.statusCode);
      }
      const listed = await app.inject({
        method: 'GET',
        url: `/api/v1/agency/connections/${name}/businesses`,
        headers: agency.owner.headers,
      });
      expect(listed.statusCode).toBe(404);
    },
  );
});

describe('answers from every layer in the documented shape, never echoing the request', () => {
  const canary = 'echo-canary-7f3a';

  it('unknown route', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/${canary}?q=${canary}` });
    expect(response.statusCode).toBe(404);
    expectErrorShape(response.body, 404, 'not_found');
    expect(response.body).not.toContain(canary);
  });

  it('bad JSON, wrong content type, empty JSON, body too large', async () => {
    const answers = await Promise.all([
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        headers: { 'content-type': 'application/json' },
        payload: `{"${canary}": nope`,
      }),
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        headers: { 'content-type': `text/${canary}` },
        payload: canary,
      }),
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        headers: { 'content-type': 'application/json' },
        payload: '',
      }),
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        headers: { 'content-type': 'application/json' },
        payload: `"${canary}${'x'.repeat(1_100_000)}"`,
      }),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([400, 415, 400, 413]);
    for (const answer of answers) {
      expectErrorShape(answer.body, answer.statusCode);
      expect(answer.body).not.toContain(canary);
    }
  });

  it('an oversized URL over a real socket: 431', async () => {
    const answer = await rawRequest(
      url,
      `GET /api/v1/clients?${canary}=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    expect(answer.status).toBe(431);
    expectErrorShape(answer.body, answer.status, 'headers_too_large');
    expect(answer.text).not.toContain(canary);
  });

  it('an oversized header over a real socket: 431', async () => {
    const answer = await rawRequest(
      url,
      `GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-${canary}: ${'b'.repeat(20_000)}\r\n\r\n`,
    );
    expect(answer.status).toBe(431);
    expectErrorShape(answer.body, answer.status, 'headers_too_large');
    expect(answer.text).not.toContain(canary);
  });

  it('a malformed request line, a bad header and a bad method over a real socket: 400', async () => {
    for (const request of [
      `${canary} \r\n\r\n`,
      `GET /api/v1/me HTTP/1.1\r\nHost: x\r\nBad Header ${canary}\r\n\r\n`,
      `G{T /api/v1/me HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET /api/v1/me HTTP/9.9\r\nHost: x\r\n\r\n`,
    ]) {
      const answer = await rawRequest(url, request);
      expect(answer.status, request).toBe(400);
      expectErrorShape(answer.body, answer.status, 'bad_request');
      expect(answer.text).not.toContain(canary);
    }
  });

  it('a URL the router cannot decode, and a parameter too long: 400 and 414 without the URL', async () => {
    const bad = await rawRequest(
      url,
      `GET /api/v1/clients/%ZZ${canary} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    expect(bad.status).toBe(400);
    expectErrorShape(bad.body, bad.status, 'bad_request');
    expect(bad.text).not.toContain(canary);
    const long = await rawRequest(
      url,
      `GET /api/v1/clients/${canary}${'c'.repeat(500)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    expect(long.status).toBe(414);
    expectErrorShape(long.body, long.status, 'uri_too_long');
    expect(long.text).not.toContain(canary);
  });

  it('an unknown Expect and a missing Host over a real socket', async () => {
    const expectation = await rawRequest(
      url,
      `POST /api/v1/auth/sign-in HTTP/1.1\r\nHost: x\r\nExpect: ${canary}\r\nContent-Length: 2\r\n\r\n{}`,
    );
    expect(expectation.status).toBe(417);
    expectErrorShape(expectation.body, expectation.status, 'expectation_failed');
    expect(expectation.text).not.toContain(canary);
    const noHost = await rawRequest(url, `GET /api/v1/me HTTP/1.1\r\nConnection: close\r\n\r\n`);
    expect(noHost.status).toBe(401);
    expectErrorShape(noHost.body, noHost.status, 'unauthorized');
  });
});
