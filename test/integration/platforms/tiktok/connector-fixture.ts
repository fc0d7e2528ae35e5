// The TikTok connector against the TikTok sandbox over loopback HTTP: the sandbox on a Fastify
// listener (port 0) under /sandbox/tiktok, the connector pointed at it by base URLs only.
import Fastify, { type FastifyInstance } from 'fastify';
import {
  createTikTokConnector,
  sandboxBaseUrls,
  type TikTokConnectorConfig,
} from '../../../../src/platforms/tiktok/connector.ts';
import {
  createTikTokSandbox,
  type RequestLogEntry,
  type TikTokFaults,
  type TikTokSandbox,
  type TikTokWorld,
} from '../../../../src/platforms/tiktok/sandbox/index.ts';
import { readDefaultWorld } from '../../../../src/platforms/tiktok/sandbox/world.ts';
import type { AgencyIdentity, Platform } from '../../../../src/platforms/types.ts';
import type { ConnectorContractFixture } from '../connector-contract.ts';
import { controlAuth, openControl } from '../../../support/sandbox-control.ts';

/** IDs of the default world (worlds/tiktok-default.json). */
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

const APP = {
  appId: 'latchkey-connector-test',
  secret: 'connector-secret-1',
  redirectUris: ['https://latchkey.example/oauth/callback/tiktok'],
};
export const REDIRECT_URI = APP.redirectUris[0]!;

export interface TikTokFixture {
  readonly platform: Platform;
  readonly sandbox: TikTokSandbox;
  readonly base: string;
  readonly clock: { t: number };
  /** Another connector on the same sandbox, e.g. with a fetch that loses answers. */
  connectorWith(extra: Pick<TikTokConnectorConfig, 'fetch' | 'timeoutMs'>): Platform;
  /** Signs the user in and consents on portal/auth; returns the auth code from the redirect. */
  consent(userId: string, advertiserIds?: string[]): Promise<string>;
  /** A token for the user through the connector's own exchange. */
  tokenFor(userId: string, advertiserIds?: string[]): Promise<string>;
  /** Nora's token on Northwind Media's BC. */
  agency(): Promise<AgencyIdentity>;
  control(path: string, body?: unknown): Promise<{ code: number; message: string; data: unknown }>;
  log(): Promise<RequestLogEntry[]>;
  setFaults(faults: TikTokFaults): void;
  reset(world?: TikTokWorld): Promise<void>;
  close(): Promise<void>;
}

/** Starts the sandbox on loopback and a connector pointed at it. */
export async function startTikTokFixture(): Promise<TikTokFixture> {
  const clock = { t: Date.parse('2025-03-01T09:00:00Z') };
  const sandbox = createTikTokSandbox({
    apps: [APP],
    now: () => new Date(clock.t),
    ...openControl,
  });
  const app: FastifyInstance = Fastify({ logger: false });
  await app.register(sandbox.plugin, { prefix: '/sandbox/tiktok' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const publicUrl = `http://127.0.0.1:${port}`;
  const base = `${publicUrl}/sandbox/tiktok`;
  const connectorWith = (extra: Pick<TikTokConnectorConfig, 'fetch' | 'timeoutMs'>) =>
    createTikTokConnector({
      baseUrls: sandboxBaseUrls(base),
      appId: APP.appId,
      appSecret: APP.secret,
      ...extra,
    });
  const platform = connectorWith({});
  let agencyIdentity: AgencyIdentity | undefined;

  const consent = async (userId: string, advertiserIds?: string[]): Promise<string> => {
    const signIn = await fetch(`${base}/signin`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user_id: userId }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const ids =
      advertiserIds ??
      sandbox.model.state.assets
        .filter((a) => a.assetType === 'ADVERTISER')
        .map((a) => a.assetId)
        .filter((id) => sandbox.model.effectiveAccess(id).some((p) => p.userId === userId));
    const form = new URLSearchParams({
      app_id: APP.appId,
      redirect_uri: REDIRECT_URI,
      state: 'fixture-state',
      decision: 'approve',
    });
    for (const id of ids) form.append('advertiser_ids', id);
    const res = await fetch(`${base}/portal/auth`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    const code = new URL(res.headers.get('location') ?? 'x:/').searchParams.get('auth_code');
    if (!code) throw new Error(`consent for ${userId} gave no auth_code (HTTP ${res.status})`);
    return code;
  };
  const tokenFor = async (userId: string, advertiserIds?: string[]): Promise<string> => {
    const code = await consent(userId, advertiserIds);
    return (await platform.exchangeCode({ code, redirectUri: REDIRECT_URI })).accessToken;
  };
  const control = async (path: string, body?: unknown) => {
    const init: RequestInit =
      body === undefined
        ? { headers: controlAuth }
        : {
            method: 'POST',
            headers: { ...controlAuth, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          };
    const res = await fetch(`${base}/_control/${path}`, init);
    return (await res.json()) as { code: number; message: string; data: unknown };
  };
  return {
    platform,
    sandbox,
    base,
    clock,
    connectorWith,
    consent,
    tokenFor,
    agency: async () => {
      agencyIdentity ??= { businessId: W.northwindBc, accessToken: await tokenFor(W.nora, []) };
      return agencyIdentity;
    },
    control,
    log: async () => ((await control('log')).data as { list: RequestLogEntry[] }).list,
    setFaults: (faults) => sandbox.setFaults(faults),
    reset: async (world) => {
      sandbox.setFaults({});
      // The sandbox keeps the last world it was given; always say which one we want.
      sandbox.reset(world ?? readDefaultWorld());
      agencyIdentity = undefined;
      await control('log/clear', {});
    },
    close: async () => {
      await app.close();
      await sandbox.close();
    },
  };
}

/** The TikTok fixture seen through the shared connector contract. */
export async function startTikTokContractFixture(): Promise<ConnectorContractFixture> {
  const f = await startTikTokFixture();
  return {
    platform: f.platform,
    redirectUri: REDIRECT_URI,
    authorizeClient: () => f.consent(W.dana),
    agency: () => f.agency(),
    apiAsset: { asset: { type: 'advertiser', id: W.ad1, ownerId: W.acmeBc }, level: 'OPERATOR' },
    acceptPending: async () => {
      const answer = await f.control('partners/accept', {
        bc_id: W.northwindBc,
        owner_bc_id: W.acmeBc,
        user_id: W.nora,
      });
      if (answer.code !== 0) throw new Error(`accept failed: ${answer.message}`);
    },
    grantWriteCount: async () =>
      (await f.log()).filter((e) => e.path.endsWith('/bc/partner/add/')).length,
    setFaults: async (faults) => {
      if (faults === 'none') f.setFaults({});
      if (faults === 'throttle') f.setFaults({ rateLimit: { requests: 1, perMs: 60_000 } });
      if (faults === 'transient') f.setFaults({ errorRate: 1 });
    },
    reset: () => f.reset(),
    close: () => f.close(),
  };
}
