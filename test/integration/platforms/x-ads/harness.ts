/* eslint-disable @typescript-eslint/no-explicit-any -- loose JSON envelopes in tests */
// Loopback harness: an X sandbox on 127.0.0.1:<random port> under /sandbox/x, and the X Ads
// connector pointed at it. The clock is real time plus an offset (signatures carry real time).
import Fastify, { type FastifyInstance } from 'fastify';
import {
  createXAdsConnector,
  xAdsSandboxBaseUrls,
} from '../../../../src/platforms/x-ads/connector.ts';
import { createSigner, signedHeader, unpackXToken } from '../../../../src/platforms/x-ads/oauth.ts';
import {
  createXSandbox,
  type XSandbox,
  type XSandboxOptions,
} from '../../../../src/platforms/x-ads/sandbox/index.ts';
import type { Platform } from '../../../../src/platforms/types.ts';
import { controlAuth, openControl } from '../../../support/sandbox-control.ts';

export const APP = {
  consumerKey: 'xtestconsumerkey',
  consumerSecret: 'x-test-consumer-secret',
  callbacks: ['https://latchkey.example/oauth/callback/x_ads'],
};
export const CALLBACK = APP.callbacks[0]!;

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface XHarness {
  app: FastifyInstance;
  sandbox: XSandbox;
  base: string;
  clock: { offsetMs: number };
  connector: Platform;
  /** A signed Ads API GET with a packed access token (as the connector stores it). */
  adsGet<T = any>(path: string, packed: string, secret?: string): Promise<Answer<T>>;
  control<T = any>(method: string, path: string, body?: unknown): Promise<Answer<T>>;
  signIn(userId: string): Promise<string>;
  /** POSTs a form to a page (signed in with `cookie`) and returns the status and HTML. */
  form(path: string, cookie: string, fields: Record<string, string>): Promise<Answer<string>>;
  /** The whole OAuth 1.0a dance through the connector; returns the packed access token. */
  connect(userId: string): Promise<string>;
  close(): Promise<void>;
}

export async function startHarness(options: Partial<XSandboxOptions> = {}): Promise<XHarness> {
  const clock = { offsetMs: 0 };
  const sandbox = createXSandbox({
    apps: [APP],
    now: () => new Date(Date.now() + clock.offsetMs),
    ...openControl,
    ...options,
  });
  const app = Fastify({ logger: false });
  await app.register(sandbox.plugin, { prefix: '/sandbox/x' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const base = `http://127.0.0.1:${port}/sandbox/x`;
  const connector = createXAdsConnector({
    baseUrls: xAdsSandboxBaseUrls(base),
    consumerKey: APP.consumerKey,
    consumerSecret: APP.consumerSecret,
  });
  const answer = async (res: Response): Promise<Answer> => {
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // pages and form answers stay text
    }
    return { status: res.status, headers: res.headers, body };
  };
  const h: XHarness = {
    app,
    sandbox,
    base,
    clock,
    connector,
    adsGet: async (path, packed, secret = APP.consumerSecret) => {
      const token = unpackXToken(packed);
      const url = `${base}/12/${path}`;
      const header = signedHeader(
        createSigner({ consumerKey: APP.consumerKey, consumerSecret: secret }),
        { url, method: 'GET' },
        { key: token.token, secret: token.secret },
      );
      return answer(await fetch(url, { headers: { authorization: header } }));
    },
    control: async (method, path, body) =>
      answer(
        await fetch(`${base}/_control/${path}`, {
          method,
          headers: {
            ...controlAuth,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      ),
    signIn: async (userId) => {
      const res = await fetch(`${base}/signin`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ user_id: userId }).toString(),
        redirect: 'manual',
      });
      return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    },
    form: async (path, cookie, fields) =>
      answer(
        await fetch(`${base}${path}`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(fields).toString(),
          redirect: 'manual',
        }),
      ),
    connect: async (userId) => {
      const started = await connector.startRequestToken!({ redirectUri: CALLBACK });
      const cookie = await h.signIn(userId);
      const res = await h.form('/oauth/authorize', cookie, {
        oauth_token: started.requestToken,
      });
      const back = new URL(res.headers.get('location')!);
      const tokens = await connector.exchangeCode({
        code: back.searchParams.get('oauth_verifier')!,
        redirectUri: CALLBACK,
        codeVerifier: started.requestTokenSecret,
        requestToken: back.searchParams.get('oauth_token')!,
      });
      return tokens.accessToken;
    },
    close: async () => {
      await app.close();
    },
  };
  return h;
}
