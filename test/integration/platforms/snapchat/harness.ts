/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- loose JSON envelopes in tests */
// Loopback harness: a Snapchat sandbox on 127.0.0.1:<random port> under /sandbox/snapchat.
import Fastify, { type FastifyInstance } from 'fastify';
import {
  createSnapchatSandbox,
  type SnapchatSandbox,
  type SnapchatSandboxOptions,
} from '../../../../src/platforms/snapchat/sandbox/index.ts';
import { controlAuth, openControl } from '../../../support/sandbox-control.ts';

export const APP = {
  clientId: 'latchkey-snap-client',
  clientSecret: 'snap-secret-123',
  redirectUris: ['https://latchkey.example/oauth/callback/snapchat'],
};
export const REDIRECT = APP.redirectUris[0]!;

export interface Answer<T = any> {
  status: number;
  body: T;
}

export interface SnapHarness {
  app: FastifyInstance;
  sandbox: SnapchatSandbox;
  base: string;
  clock: { t: number };
  api<T = any>(
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
  ): Promise<Answer<T>>;
  control<T = any>(path: string, body?: unknown): Promise<Answer<T>>;
  signIn(email: string): Promise<string>;
  /** Runs sign-in, consent and the code exchange; returns the token answer. */
  tokens(email: string): Promise<any>;
  close(): Promise<void>;
}

export async function startHarness(
  options: Partial<SnapchatSandboxOptions> = {},
): Promise<SnapHarness> {
  const clock = { t: Date.parse('2026-01-15T12:00:00Z') };
  const sandbox = createSnapchatSandbox({
    apps: [APP],
    now: () => new Date(clock.t),
    ...openControl,
    ...options,
  });
  const app = Fastify({ logger: false });
  await app.register(sandbox.plugin, { prefix: '/sandbox/snapchat' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const base = `http://127.0.0.1:${port}/sandbox/snapchat`;
  const json = async (res: Response) => ({
    status: res.status,
    body: await res.json().catch(() => null),
  });
  const h: SnapHarness = {
    app,
    sandbox,
    base,
    clock,
    api: async (method, path, token, body) =>
      json(
        await fetch(path.startsWith('http') ? path : `${base}/v1/${path}`, {
          method,
          headers: {
            ...(token === null ? {} : { authorization: `Bearer ${token}` }),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      ),
    control: async (path, body) =>
      json(
        await fetch(`${base}/_control/${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: {
            ...controlAuth,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      ),
    signIn: async (email) => {
      const res = await fetch(`${base}/signin`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email }).toString(),
        redirect: 'manual',
      });
      const cookie = res.headers.get('set-cookie') ?? '';
      return cookie.split(';')[0]!;
    },
    tokens: async (email) => {
      const cookie = await h.signIn(email);
      const res = await fetch(`${base}/login/oauth2/authorize`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: APP.clientId,
          redirect_uri: REDIRECT,
          scope: 'snapchat-marketing-api',
          state: 's1',
          decision: 'allow',
        }).toString(),
        redirect: 'manual',
      });
      const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
      const token = await fetch(`${base}/login/oauth2/access_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: APP.clientId,
          client_secret: APP.clientSecret,
          code,
          redirect_uri: REDIRECT,
        }).toString(),
      });
      return token.json();
    },
    close: async () => {
      await app.close();
    },
  };
  return h;
}
