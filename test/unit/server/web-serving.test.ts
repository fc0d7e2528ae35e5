import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../src/server/app.ts';
import { captureLogger } from '../../support/logger.ts';

// The front end as a browser gets it: the build's .br/.gz sent as they are, hashed assets cached
// as immutable, the client's own page for /l/*, and API answers compressed as accepted.
let dir: string;
let app: App;
const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'latchkey-web-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'index.html'), '<title>dashboard</title>');
  await writeFile(path.join(dir, 'client.html'), '<title>client page</title>');
  await writeFile(
    path.join(dir, 'client.html.br'),
    brotliCompressSync('<title>client page</title>'),
  );
  await writeFile(path.join(dir, 'assets/main-AbC123.js'), script);
  await writeFile(path.join(dir, 'assets/main-AbC123.js.br'), brotliCompressSync(script));
  await writeFile(path.join(dir, 'assets/main-AbC123.js.gz'), 'gz-bytes');
  const big = async (appInstance: App) => {
    appInstance.get('/api/v1/big', async () => ({
      items: Array.from({ length: 200 }, (_, i) => ({ i })),
    }));
  };
  app = await buildApp({
    logger: captureLogger().logger,
    database: { kind: 'pglite', ping: async () => true },
    webDir: dir,
    plugins: [{ plugin: big }],
  });
});

afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

describe('serving the front end', () => {
  it('sends the prebuilt brotli or gzip file, cached for a year as immutable', async () => {
    const br = await app.inject({
      url: '/assets/main-AbC123.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.rawPayload).toEqual(brotliCompressSync(script));
    const gz = await app.inject({
      url: '/assets/main-AbC123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body).toBe('gz-bytes');
    const plain = await app.inject({
      url: '/assets/main-AbC123.js',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it("sends the client's own page for a link and the dashboard elsewhere, never cached", async () => {
    const client = await app.inject({ url: '/l/abc.def' });
    expect(client.body).toBe('<title>client page</title>');
    expect(client.headers['cache-control']).toBe('no-store');
    // The client page (its shell and inline CSS) goes out as the build compressed it.
    const compressed = await app.inject({
      url: '/l/abc.def',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.headers['cache-control']).toBe('no-store');
    expect(compressed.rawPayload).toEqual(brotliCompressSync('<title>client page</title>'));
    expect((await app.inject({ url: '/app/requests' })).body).toBe('<title>dashboard</title>');
  });

  it('compresses an API answer of 1 KB or more as the client accepts', async () => {
    const response = await app.inject({
      url: '/api/v1/big',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(response.rawPayload).toString('utf8')).items).toHaveLength(200);
    const health = await app.inject({ url: '/healthz', headers: { 'accept-encoding': 'gzip' } });
    expect(health.headers['content-encoding']).toBeUndefined();
  });
});
