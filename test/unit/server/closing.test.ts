import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/server/app.ts';
import { captureLogger } from '../../support/logger.ts';

// A request that arrives on a kept-alive connection while the server drains gets our error shape,
// not Fastify's own `{"error":"Service Unavailable",…}`.
describe('while the server closes', () => {
  it('answers a pipelined request with 503 in the documented shape and closes the connection', async () => {
    let release = (): void => undefined;
    let entered = (): void => undefined;
    const inFlight = new Promise<void>((resolve) => (entered = resolve));
    const app = await buildApp({
      logger: captureLogger().logger,
      database: { kind: 'pglite', ping: async () => true },
      plugins: [
        {
          plugin: async (instance) => {
            instance.get('/slow', async () => {
              entered();
              await new Promise<void>((resolve) => (release = resolve));
              return { ok: true };
            });
          },
        },
      ],
    });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = new URL(address);
    const socket = connect({ host: '127.0.0.1', port: Number(port) });
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
    await inFlight;
    const closed = app.close();
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await ended;
    await closed;
    const text = Buffer.concat(received).toString('utf8');
    const answers = text.split(/(?=HTTP\/1\.1 )/);
    expect(answers).toHaveLength(2);
    expect(answers[0]).toMatch(/^HTTP\/1\.1 200/);
    const second = answers[1] ?? '';
    expect(second).toMatch(/^HTTP\/1\.1 503/);
    expect(second.toLowerCase()).toContain('retry-after: 5');
    expect(second.toLowerCase()).toContain('connection: close');
    const body = JSON.parse(second.slice(second.indexOf('\r\n\r\n') + 4)) as unknown;
    expect(body).toEqual({
      error: { code: 'unavailable', message: 'Latchkey is restarting; try again in a few seconds' },
    });
  });
});
