/* eslint-disable @typescript-eslint/no-explicit-any -- loose JSON envelopes in tests */
// Loopback harness: a TikTok sandbox on 127.0.0.1:<random port> under /sandbox/tiktok, driven by fetch.
import Fastify, { type FastifyInstance } from 'fastify';
import {
  createTikTokSandbox,
  type TikTokSandbox,
  type TikTokSandboxOptions,
} from '../../../../../src/platforms/tiktok/sandbox/index.ts';
import { controlAuth, openControl } from '../../../../support/sandbox-control.ts';

export const W = {
  acmeBc: '7200000000000000001',
  northwindBc: '7200000000000000002',
  dana: '7100000000000000001',
  sam: '7100000000000000002',
  nora: '7100000000000000003',
  zoe: '7100000000000000004',
  ad1: '7300000000000000001',
  ad2: '7300000000000000002',
  ttAccount: '7400000000000000001',
  pixel: '7500000000000000001',
  catalog: '7600000000000000001',
} as const;

export const APP = {
  appId: 'latchkey-test-app',
  secret: 'test-secret-123',
  redirectUris: ['https://latchkey.example/oauth/callback/tiktok'],
};
export const REDIRECT = APP.redirectUris[0]!;

export interface Envelope<T = any> {
  code: number;
  message: string;
  request_id: string;
  data: T;
}

export interface Harness {
  app: FastifyInstance;
  sandbox: TikTokSandbox;
  base: string;
  clock: { t: number };
  get<T = any>(path: string, query?: Record<string, unknown>, token?: string): Promise<Envelope<T>>;
  post<T = any>(path: string, body: unknown, token?: string): Promise<Envelope<T>>;
  control<T = any>(path: string, body?: unknown): Promise<Envelope<T>>;
  signIn(userId: string): Promise<string>;
  authorize(userId: string, advertiserIds?: string[]): Promise<string>;
  consent(userId: string, advertiserIds: string[] | 'all'): Promise<string>;
  tokenFor(userId: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts a sandbox on loopback. */
export async function startHarness(options: Partial<TikTokSandboxOptions> = {}): Promise<Harness> {
  const clock = { t: Date.parse('2025-01-15T12:00:00Z') };
  const sandbox = createTikTokSandbox({
    apps: [APP],
    now: () => new Date(clock.t),
    ...openControl,
    ...options,
  });
  const app = Fastify({ logger: false });
  await app.register(sandbox.plugin, { prefix: '/sandbox/tiktok' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const base = `http://127.0.0.1:${port}/sandbox/tiktok`;
  const api = `${base}/open_api/v1.3/`;
  const tokens = new Map<string, string>();

  const get = async (path: string, query: Record<string, unknown> = {}, token?: string) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query))
      qs.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    const res = await fetch(`${api}${path}?${qs}`, {
      headers: token ? { 'Access-Token': token } : {},
    });
    return (await res.json()) as Envelope;
  };
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${api}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { 'Access-Token': token } : {}) },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Envelope;
  };
  const control = async (path: string, body?: unknown) => {
    const res = await fetch(
      `${base}/_control/${path}`,
      body === undefined
        ? { headers: controlAuth }
        : {
            method: 'POST',
            headers: { ...controlAuth, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          },
    );
    return (await res.json()) as Envelope;
  };
  const signIn = async (userId: string) => {
    const res = await fetch(`${base}/signin`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user_id: userId }),
    });
    return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  };
  const consent = async (userId: string, advertiserIds: string[] | 'all') => {
    const cookie = await signIn(userId);
    const form = new URLSearchParams({
      app_id: APP.appId,
      redirect_uri: REDIRECT,
      state: 'st',
      decision: 'approve',
    });
    const ids =
      advertiserIds === 'all'
        ? sandbox.model.state.assets
            .filter((a) => a.assetType === 'ADVERTISER')
            .map((a) => a.assetId)
            .filter((id) => sandbox.model.effectiveAccess(id).some((p) => p.userId === userId))
        : advertiserIds;
    for (const id of ids) form.append('advertiser_ids', id);
    const res = await fetch(`${base}/portal/auth`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    const location = res.headers.get('location') ?? '';
    return new URL(location).searchParams.get('auth_code') ?? '';
  };
  const authorize = async (userId: string, advertiserIds?: string[]) => {
    const code = await consent(userId, advertiserIds ?? 'all');
    const res = await post('oauth2/access_token/', {
      app_id: APP.appId,
      secret: APP.secret,
      auth_code: code,
    });
    return res.data.access_token as string;
  };
  const tokenFor = async (userId: string) => {
    const known = tokens.get(userId);
    if (known) return known;
    const token = await authorize(userId);
    tokens.set(userId, token);
    return token;
  };
  return {
    app,
    sandbox,
    base,
    clock,
    get,
    post,
    control,
    signIn,
    authorize,
    consent,
    tokenFor,
    close: async () => {
      await app.close();
      await sandbox.close();
    },
  };
}
