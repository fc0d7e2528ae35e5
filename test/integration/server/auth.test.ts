import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/server/app.ts';
import { prepareSetupLink } from '../../../src/server/auth/setup.ts';
import { buildAgency, buildTestApp, TEST_PASSWORD, type TestAgency } from '../../support/agency.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { captureLogger } from '../../support/logger.ts';

let database: TestDatabase;
let app: App;
let clock = new Date('2026-06-01T10:00:00Z');
const log = captureLogger('debug');

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database, {
    now: () => clock,
    logger: log.logger,
    timeouts: { idleMs: 30 * 60_000, absoluteMs: 8 * 60 * 60_000 },
  });
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

const tokenOf = (url: string) => new URL(url).hash.replace('#token=', '');
const cookieFrom = (setCookie: string | string[] | undefined) =>
  String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0]!;

describe('setup link', () => {
  it('creates the agency and owner once, with a hashed, expiring, single-use token', async () => {
    const url = await prepareSetupLink(database.db, 'http://127.0.0.1:3000', clock);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/app\/setup#token=[\w-]{43}$/);
    const token = tokenOf(url!);
    const stored = await database.db.selectFrom('setup_tokens').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    const body = {
      token,
      agencyName: 'Northwind Media',
      name: 'Nora Lindqvist',
      email: 'nora@northwind-media.example',
      password: TEST_PASSWORD,
    };
    const first = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: body });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      user: { role: 'owner' },
      agency: { slug: 'northwind-media' },
    });
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/^__Host-latchkey_session=[\w-]{22};/);
    expect(setCookie).toContain('Secure');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Domain');

    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { ...body, email: 'eve@northwind-media.example' },
    });
    expect(again.statusCode).toBe(404);
    expect(await prepareSetupLink(database.db, 'http://127.0.0.1:3000', clock)).toBeUndefined();
    const audit = await database.db
      .selectFrom('audit_events')
      .select('action')
      .where('agency_id', '=', first.json<{ agency: { id: string } }>().agency.id)
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['agency.created', 'user.created']);
  });

  it('refuses an expired setup token', async () => {
    const fresh = await createTestDatabase();
    try {
      const url = await prepareSetupLink(fresh.db, 'http://x', clock);
      const freshApp = await buildTestApp(fresh, {
        now: () => new Date(clock.getTime() + 61 * 60_000),
      });
      const response = await freshApp.inject({
        method: 'POST',
        url: '/api/v1/setup',
        payload: {
          token: tokenOf(url!),
          agencyName: 'Late',
          name: 'Late Owner',
          email: 'late@example.com',
          password: TEST_PASSWORD,
        },
      });
      expect(response.statusCode).toBe(404);
      await freshApp.close();
    } finally {
      await fresh.destroy();
    }
  });
});

describe('sign-in, sessions and sign-out', () => {
  let acme: TestAgency;
  beforeAll(async () => {
    acme = await buildAgency(database, { ownerEmail: 'olga@owner.example' });
  });

  const signIn = (password = TEST_PASSWORD) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'Olga@Owner.example', password },
    });

  it('signs in with a fresh session id each time and refuses a wrong password', async () => {
    const one = await signIn();
    const two = await signIn();
    expect(one.statusCode).toBe(200);
    expect(cookieFrom(one.headers['set-cookie'])).not.toBe(cookieFrom(two.headers['set-cookie']));
    const wrong = await signIn('not the password');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({
      error: { code: 'unauthorized', message: 'Wrong email or password' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'nobody@example.com', password: TEST_PASSWORD },
    });
    expect(unknown.statusCode).toBe(401);
  });

  it('stores only a hash of the session id', async () => {
    const cookie = cookieFrom((await signIn()).headers['set-cookie']);
    const id = cookie.split('=')[1]!;
    const rows = await database.db.selectFrom('sessions').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(id);
  });

  it('signs out server-side: the old cookie no longer works', async () => {
    const cookie = cookieFrom((await signIn()).headers['set-cookie']);
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: { email: 'olga@owner.example' },
      actor: { kind: 'user' },
    });
    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: { cookie },
    });
    expect(out.statusCode).toBe(204);
    const after = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('ends a session after the idle timeout and after the absolute timeout', async () => {
    const start = clock;
    try {
      const idleCookie = cookieFrom((await signIn()).headers['set-cookie']);
      clock = new Date(start.getTime() + 31 * 60_000);
      expect(
        (await app.inject({ url: '/api/v1/me', headers: { cookie: idleCookie } })).statusCode,
      ).toBe(401);

      const activeCookie = cookieFrom((await signIn()).headers['set-cookie']);
      for (let minutes = 25; minutes < 8 * 60; minutes += 25) {
        clock = new Date(start.getTime() + 31 * 60_000 + minutes * 60_000);
        const me = await app.inject({ url: '/api/v1/me', headers: { cookie: activeCookie } });
        expect(me.statusCode).toBe(200);
      }
      clock = new Date(start.getTime() + 31 * 60_000 + 8 * 60 * 60_000 + 1);
      expect(
        (await app.inject({ url: '/api/v1/me', headers: { cookie: activeCookie } })).statusCode,
      ).toBe(401);
    } finally {
      clock = start;
    }
  });

  it('refuses cross-site and non-JSON cookie-authenticated mutations', async () => {
    const cookie = acme.sessionCookie;
    const evil = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(evil.statusCode).toBe(403);
    const crossSite = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.statusCode).toBe(403);
    const textPlain = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: { cookie, 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(textPlain.statusCode).toBe(415);
    const form = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: {
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'email=olga%40owner.example&password=x',
    });
    expect(form.statusCode).toBe(403);
    const stillIn = await app.inject({ url: '/api/v1/me', headers: { cookie } });
    expect(stillIn.statusCode).toBe(200);
    const sameOrigin = await app.inject({
      url: '/api/v1/me',
      headers: { cookie, origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' },
    });
    expect(sameOrigin.statusCode).toBe(200);
  });

  it('authenticates API keys and refuses wrong or revoked ones', async () => {
    const key = await acme.apiKey('read');
    const me = await app.inject({ url: '/api/v1/me', headers: key.headers });
    expect(me.json()).toMatchObject({ actor: { kind: 'api_key', canWrite: false } });
    const wrongSecret = key.token.slice(0, -4) + 'AAAA';
    const wrong = await app.inject({
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${wrongSecret}` },
    });
    expect(wrong.statusCode).toBe(401);
    await database.db
      .updateTable('api_keys')
      .set({ revoked_at: clock })
      .where('id', '=', key.id)
      .execute();
    expect((await app.inject({ url: '/api/v1/me', headers: key.headers })).statusCode).toBe(401);
    const rows = await database.db.selectFrom('api_keys').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(key.token.split('.')[1]);
  });

  it('never writes session ids or API keys to the logs', async () => {
    const key = await acme.apiKey('write');
    const signedIn = await signIn();
    const cookie = cookieFrom(signedIn.headers['set-cookie']);
    await app.inject({ url: '/api/v1/me', headers: { cookie } });
    await app.inject({ url: '/api/v1/me', headers: key.headers });
    await app.inject({ url: '/api/v1/nothing-here', headers: { ...key.headers, cookie } });
    const text = log.text();
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain(cookie.split('=')[1]);
    expect(text).not.toContain(key.token.split('.')[1]);
    expect(text).not.toContain(TEST_PASSWORD);
  });
});

describe('sign-in rate limit', () => {
  it('answers 429 with Retry-After after the limit, whatever X-Forwarded-For says', async () => {
    const limited = await buildTestApp(database, { signInLimit: { max: 3, windowMs: 60_000 } });
    try {
      const attempt = (forwarded: string) =>
        limited.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          headers: { 'x-forwarded-for': forwarded },
          payload: { email: 'x@example.com', password: 'wrong password' },
        });
      for (let index = 0; index < 3; index += 1) {
        expect((await attempt(`10.0.0.${index}`)).statusCode).toBe(401);
      }
      const blocked = await attempt('10.0.0.99');
      expect(blocked.statusCode).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(blocked.json()).toMatchObject({ error: { code: 'rate_limited' } });
    } finally {
      await limited.close();
    }
  });
});
