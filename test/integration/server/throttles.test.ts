/**
 * Sign-in throttles per account and per address (in the database, shared by every process), with
 * back-off that ends; a known email and address pair is never locked out; and the client link's
 * throttle per link id and per address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/server/app.ts';
import { buildAgency, buildTestApp, TEST_PASSWORD, type TestAgency } from '../../support/agency.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { startTestRuntime, type TestRuntime } from '../../support/runtime.ts';

let database: TestDatabase;
let clock = new Date('2030-01-01T00:00:00Z');
const now = () => clock;
let app: App;
let other: App;
let agency: TestAgency;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTestApp(database, { now, signInLimit: { max: 10, windowMs: 60_000 } });
  // A second process on the same database.
  other = await buildTestApp(database, { now, signInLimit: { max: 10, windowMs: 60_000 } });
  agency = await buildAgency(database);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await other?.close();
  await database?.destroy();
});

const signIn = (target: App, ip: string, password: string, email = agency.owner.user.email) =>
  target.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    remoteAddress: ip,
    payload: { email, password },
  });
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

describe('sign-in throttle per account', () => {
  it('answers 5 of 300 guesses from 30 addresses, then locks with growing back-off that ends', async () => {
    const statuses: number[] = [];
    for (let round = 0; round < 10; round += 1) {
      for (let ip = 0; ip < 30; ip += 1) {
        const target = ip % 2 ? other : app;
        statuses.push((await signIn(target, `203.0.113.${ip}`, `wrong guess ${round}`)).statusCode);
      }
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(295);
    const locked = await signIn(app, '198.51.100.1', TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(locked.headers['retry-after'])).toBe(30);

    advance(31_000);
    expect((await signIn(other, '198.51.100.2', 'wrong again')).statusCode).toBe(401);
    expect(Number((await signIn(app, '198.51.100.3', TEST_PASSWORD)).headers['retry-after'])).toBe(
      60,
    );

    advance(61_000);
    const back = await signIn(app, '198.51.100.4', TEST_PASSWORD);
    expect(back.statusCode, back.body).toBe(200);
    // The success cleared the count: one wrong password is a plain 401 again.
    expect((await signIn(app, '198.51.100.5', 'one typo')).statusCode).toBe(401);
  });

  it('never locks for more than 15 minutes however many guesses', async () => {
    const target = await buildAgency(database);
    // 12 failures would earn 30 s × 2^7 = 64 minutes: the cap holds it at 15.
    for (let index = 0; index < 12; index += 1) {
      advance(16 * 60_000);
      await signIn(app, `192.0.2.${index}`, 'wrong', target.owner.user.email);
    }
    const locked = await signIn(app, '192.0.2.200', TEST_PASSWORD, target.owner.user.email);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    advance(15 * 60_000 + 1_000);
    expect(
      (await signIn(app, '192.0.2.201', TEST_PASSWORD, target.owner.user.email)).statusCode,
    ).toBe(200);
  });
});

describe('sign-in throttle per address', () => {
  it('locks an address after 10 failures, but not for a pair that signed in there before', async () => {
    advance(60 * 60_000);
    const user = await buildAgency(database);
    const shared = '100.64.0.7';
    expect((await signIn(app, shared, TEST_PASSWORD, user.owner.user.email)).statusCode).toBe(200);
    // Someone else behind the same address sprays other accounts and this one.
    for (let index = 0; index < 12; index += 1) {
      await signIn(other, shared, 'spray', `nobody${index}@example.com`);
    }
    for (let index = 0; index < 6; index += 1) {
      await signIn(app, '100.64.0.99', 'guess', user.owner.user.email);
    }
    expect((await signIn(app, shared, 'spray', 'fresh@example.com')).statusCode).toBe(429);
    expect(
      (await signIn(app, '100.64.0.98', TEST_PASSWORD, user.owner.user.email)).statusCode,
    ).toBe(429);
    const real = await signIn(other, shared, TEST_PASSWORD, user.owner.user.email);
    expect(real.statusCode, real.body).toBe(200);
  });
});

describe('client link throttle', () => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await startTestRuntime();
  }, 180_000);
  afterAll(async () => {
    await runtime?.stop();
  });

  it('locks a link id after 20 wrong secrets and an address after 50, with Retry-After', async () => {
    const server = runtime.runtime.app!;
    const owner = await buildAgency(runtime.runtime.database);
    const post = (url: string, payload: object) =>
      server.inject({ method: 'POST', url, headers: owner.owner.headers, payload });
    const client = await post('/api/v1/clients', { name: 'Throttle Client' });
    const template = await post('/api/v1/templates', {
      name: 'Throttle Template',
      items: [{ platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'ANALYST' }],
    });
    const created = await post('/api/v1/requests', {
      clientId: client.json<{ client: { id: string } }>().client.id,
      templateId: template.json<{ template: { id: string } }>().template.id,
    });
    const token = created.json<{ link: { url: string } }>().link.url.split('/l/')[1]!;
    const [linkId] = token.split('.');
    const open = (link: string, ip: string) =>
      server.inject({ method: 'GET', url: `/api/v1/onboarding/${link}`, remoteAddress: ip });

    expect((await open(token, '10.1.0.1')).statusCode).toBe(200);
    const statuses: number[] = [];
    for (let index = 0; index < 25; index += 1) {
      const wrong = `${linkId}.${'A'.repeat(30)}${String(index).padStart(3, '0')}`;
      statuses.push((await open(wrong, `10.2.0.${index}`)).statusCode);
    }
    expect(statuses.filter((s) => s === 404)).toHaveLength(20);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    const locked = await open(token, '10.1.0.1');
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);

    const fromOne: number[] = [];
    for (let index = 0; index < 55; index += 1) {
      fromOne.push((await open(`unknownid${index}.${'B'.repeat(30)}`, '10.3.0.1')).statusCode);
    }
    expect(fromOne.filter((s) => s === 404)).toHaveLength(50);
    expect(fromOne.slice(50)).toEqual([429, 429, 429, 429, 429]);
  });
});
