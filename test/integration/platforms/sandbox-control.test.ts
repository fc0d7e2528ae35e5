/**
 * The sandboxes' control API (issue #15) is closed unless a sandbox is given a token (404: not
 * there at all), and then answers only calls carrying that token (401 without it or with another).
 */
import Fastify, { type FastifyPluginAsync } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildGoogleSandbox } from '../../../src/platforms/google/sandbox/index.ts';
import { createLinkedInSandbox } from '../../../src/platforms/linkedin/sandbox/index.ts';
import { createMetaSandbox } from '../../../src/platforms/meta/sandbox/index.ts';
import { createMicrosoftAdsSandbox } from '../../../src/platforms/microsoft-ads/sandbox/index.ts';
import type { ControlAccess } from '../../../src/platforms/sandbox-kit/control-gate.ts';
import { createTikTokSandbox } from '../../../src/platforms/tiktok/sandbox/index.ts';
import { createXSandbox } from '../../../src/platforms/x-ads/sandbox/index.ts';

const TOKEN = 'a-control-token-of-enough-length-42';
const redirectUris = ['http://127.0.0.1:9/cb'];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Starts one sandbox on loopback; returns its URL. */
async function serve(id: string, control: ControlAccess | undefined): Promise<string> {
  const opts = control === undefined ? {} : { control };
  if (id === 'google') {
    const { app } = buildGoogleSandbox({
      apps: [{ clientId: 'c', clientSecret: 's', redirectUris }],
      ...opts,
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    closers.push(() => app.close());
    return url;
  }
  const plugin: FastifyPluginAsync =
    id === 'tiktok'
      ? createTikTokSandbox({ apps: [{ appId: 'a', secret: 's', redirectUris }], ...opts }).plugin
      : id === 'linkedin'
        ? createLinkedInSandbox({
            apps: [{ clientId: 'c', clientSecret: 's', redirectUris }],
            ...opts,
          }).plugin
        : id === 'microsoft_ads'
          ? createMicrosoftAdsSandbox({
              apps: [{ clientId: 'c', clientSecret: 's', redirectUris }],
              developerTokens: ['d'],
              ...opts,
            }).plugin
          : id === 'x_ads'
            ? createXSandbox({
                apps: [{ consumerKey: 'k', consumerSecret: 's', callbacks: redirectUris }],
                ...opts,
              }).plugin
            : createMetaSandbox({ apps: [{ appId: '1', secret: 's', redirectUris }], ...opts })
                .plugin;
  const app = Fastify({ logger: false });
  await app.register(plugin, { prefix: '/sb' });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  closers.push(() => app.close());
  return `${url}/sb`;
}

const reset = (url: string, authorization?: string) =>
  fetch(`${url}/_control/reset`, {
    method: 'POST',
    headers: authorization === undefined ? {} : { authorization },
  });

describe.each(['tiktok', 'meta', 'google', 'linkedin', 'microsoft_ads', 'x_ads'])(
  'the %s sandbox control API',
  (id) => {
    it('is not there without a token (404)', async () => {
      const url = await serve(id, undefined);
      expect((await reset(url)).status).toBe(404);
      expect((await reset(url, `Bearer ${TOKEN}`)).status).toBe(404);
      expect((await fetch(`${url}/_control/log`)).status).toBe(404);
    });

    it('refuses a call without the token or with another one (401)', async () => {
      const url = await serve(id, { token: TOKEN });
      for (const header of [undefined, 'Bearer nope', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
        const answer = await reset(url, header);
        expect(answer.status).toBe(401);
        expect(await answer.json()).toMatchObject({ error: { code: 'unauthorized' } });
      }
      expect((await fetch(`${url}/_control/log`)).status).toBe(401);
    });

    it('answers a call carrying the token', async () => {
      const url = await serve(id, { token: TOKEN });
      expect((await reset(url, `Bearer ${TOKEN}`)).status).toBe(200);
      const log = await fetch(`${url}/_control/log`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(log.status).toBe(200);
    });
  },
);
