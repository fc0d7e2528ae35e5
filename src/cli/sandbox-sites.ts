/**
 * The sandboxes of sandbox mode as the separate sites they simulate: TikTok, Meta, Google and
 * LinkedIn each on its own listener, at the root of its own origin, named with the sandbox host (another host
 * than Latchkey's public URL, so no cookie of one reaches the other). None of Latchkey's hooks
 * (session, CSRF, content-type rule, security headers) runs on them, and theirs never on Latchkey.
 * A process that does not serve them (a worker) reaches them at their fixed ports.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { startGoogleSandbox, type GoogleSandbox } from '../platforms/google/sandbox/index.ts';
import type { GoogleSandboxApp } from '../platforms/google/sandbox/index.ts';
import { createMetaSandbox, type SandboxApp as MetaApp } from '../platforms/meta/sandbox/index.ts';
import { sandboxControlToken } from './sandbox-control-token.ts';
import { listenStandalone, originOf } from '../platforms/sandbox-kit/listen.ts';
import { createTikTokSandbox, type SandboxApp } from '../platforms/tiktok/sandbox/index.ts';
import {
  createLinkedInSandbox,
  type LinkedInSandboxApp,
} from '../platforms/linkedin/sandbox/index.ts';
import {
  createPinterestSandbox,
  type PinterestSandboxApp,
} from '../platforms/pinterest/sandbox/index.ts';
import {
  createMicrosoftAdsSandbox,
  type SandboxApp as MicrosoftAdsApp,
} from '../platforms/microsoft-ads/sandbox/index.ts';
import { createSnapchatSandbox, type SnapSandboxApp } from '../platforms/snapchat/sandbox/index.ts';
import { createXSandbox, type XSandboxApp } from '../platforms/x-ads/sandbox/index.ts';

export type SandboxId =
  'tiktok' | 'meta' | 'google' | 'linkedin' | 'pinterest' | 'microsoft_ads' | 'snapchat' | 'x_ads';
const SANDBOX_IDS = [
  'tiktok',
  'meta',
  'google',
  'linkedin',
  'pinterest',
  'microsoft_ads',
  'snapchat',
  'x_ads',
] as const;

/** The developer apps each sandbox accepts (their redirect URIs change when the URL is known). */
export interface SandboxApps {
  readonly tiktok: SandboxApp;
  readonly meta: MetaApp;
  readonly google: GoogleSandboxApp;
  readonly linkedin: LinkedInSandboxApp;
  readonly googleDeveloperTokens: readonly string[];
  readonly pinterest: PinterestSandboxApp;
  readonly microsoftAds?: MicrosoftAdsApp;
  readonly microsoftAdsDeveloperTokens?: readonly string[];
  readonly snapchat: SnapSandboxApp;
  /** The X sandbox's app (optional so callers without X keep working). */
  readonly xAds?: XSandboxApp;
}

export interface SandboxSites {
  /** Each sandbox's URL (its origin); a sandbox of a platform with credentials is absent. */
  urls(): Readonly<Partial<Record<SandboxId, string>>>;
  /** Sandbox ids whose port is 0 while this process does not serve them (unreachable). */
  unreachable(): SandboxId[];
  /** The control API's token when LATCHKEY_SANDBOX_CONTROL=on, else undefined (closed). */
  controlToken(): string | undefined;
  /** Starts the listeners (API processes); a worker only computes the URLs. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Creates the sandbox sites of the platforms that have no credentials in `config`. */
export function createSandboxSites(config: Config, apps: SandboxApps): SandboxSites {
  const dataFile = (name: string) => path.join(config.dataDir, 'sandbox', `${name}.json`);
  const ports: Partial<Record<SandboxId, number>> = {
    ...(config.tiktok ? {} : { tiktok: config.tiktokSandboxPort }),
    ...(config.meta ? {} : { meta: config.metaSandboxPort }),
    ...(config.google ? {} : { google: config.googleSandboxPort }),
    ...(config.linkedin ? {} : { linkedin: config.linkedinSandboxPort }),
    ...(config.pinterest ? {} : { pinterest: config.pinterestSandboxPort }),
    ...(config.microsoftAds || apps.microsoftAds === undefined
      ? {}
      : { microsoft_ads: config.microsoftAdsSandboxPort ?? 0 }),
    ...(config.snapchat ? {} : { snapchat: config.snapchatSandboxPort }),
    ...(config.xAds || apps.xAds === undefined ? {} : { x_ads: config.xAdsSandboxPort ?? 0 }),
  };
  let token: string | undefined;
  const control = () => (token === undefined ? {} : { control: { token } });
  const listening: Partial<Record<SandboxId, { url: string; close(): Promise<void> }>> = {};
  const urlOf = (id: SandboxId): string | undefined => {
    const port = ports[id];
    if (port === undefined) return undefined;
    return listening[id]?.url ?? originOf(config.sandboxHost, port);
  };
  const listen = async (
    id: 'tiktok' | 'meta' | 'linkedin' | 'pinterest' | 'microsoft_ads' | 'snapchat' | 'x_ads',
    plugin: Parameters<typeof listenStandalone>[0],
    onClose: () => Promise<void>,
  ) => {
    let started: Awaited<ReturnType<typeof listenStandalone>>;
    try {
      started = await listenStandalone(plugin, {
        host: config.host,
        port: ports[id],
        prefix: '',
        publicHost: config.sandboxHost,
      });
    } catch (error) {
      await onClose();
      throw error;
    }
    listening[id] = { url: started.url, close: closer(started.app, onClose) };
  };
  return {
    urls: () => {
      const out: Partial<Record<SandboxId, string>> = {};
      for (const id of SANDBOX_IDS) {
        const url = urlOf(id);
        if (url !== undefined) out[id] = url;
      }
      return out;
    },
    unreachable: () =>
      (Object.keys(ports) as SandboxId[]).filter((id) => ports[id] === 0 && !listening[id]),
    controlToken: () => token,
    start: async () => {
      token = sandboxControlToken(config);
      // Each sandbox is its own listener; they start side by side (reading their data files and
      // binding ports overlap), and a failed one does not leave the others half-started: every
      // start is waited for before the first error is thrown, so close() finds them all.
      const starts: Array<() => Promise<void>> = [];
      if (ports.tiktok !== undefined && !listening.tiktok) {
        const sandbox = createTikTokSandbox({
          dataFile: dataFile('tiktok'),
          apps: [apps.tiktok],
          ...control(),
        });
        starts.push(() => listen('tiktok', sandbox.plugin, () => sandbox.close()));
      }
      if (ports.meta !== undefined && !listening.meta) {
        const sandbox = createMetaSandbox({
          dataFile: dataFile('meta'),
          apps: [apps.meta],
          ...control(),
        });
        starts.push(() => listen('meta', sandbox.plugin, () => sandbox.close()));
      }
      if (ports.linkedin !== undefined && !listening.linkedin) {
        const sandbox = createLinkedInSandbox({
          dataFile: dataFile('linkedin'),
          apps: [apps.linkedin],
          ...control(),
        });
        starts.push(() => listen('linkedin', sandbox.plugin, () => sandbox.close()));
      }
      if (ports.pinterest !== undefined && !listening.pinterest) {
        const sandbox = createPinterestSandbox({
          dataFile: dataFile('pinterest'),
          apps: [apps.pinterest],
          ...control(),
        });
        starts.push(() => listen('pinterest', sandbox.plugin, () => sandbox.close()));
      }
      if (
        ports.microsoft_ads !== undefined &&
        !listening.microsoft_ads &&
        apps.microsoftAds !== undefined
      ) {
        const sandbox = createMicrosoftAdsSandbox({
          dataFile: dataFile('microsoft-ads'),
          apps: [apps.microsoftAds],
          developerTokens: [...(apps.microsoftAdsDeveloperTokens ?? [])],
          ...control(),
        });
        starts.push(() => listen('microsoft_ads', sandbox.plugin, () => sandbox.close()));
      }
      if (ports.snapchat !== undefined && !listening.snapchat) {
        const sandbox = createSnapchatSandbox({
          dataFile: dataFile('snapchat'),
          apps: [apps.snapchat],
          ...control(),
        });
        starts.push(() => listen('snapchat', sandbox.plugin, () => sandbox.close()));
      }
      if (ports.x_ads !== undefined && !listening.x_ads && apps.xAds !== undefined) {
        const sandbox = createXSandbox({
          dataFile: dataFile('x-ads'),
          apps: [apps.xAds],
          ...control(),
        });
        starts.push(() => listen('x_ads', sandbox.plugin, () => sandbox.close()));
      }
      if (ports.google !== undefined && !listening.google) {
        const port = ports.google;
        starts.push(async () => {
          const google: GoogleSandbox = await startGoogleSandbox({
            host: config.host,
            port,
            dataFile: dataFile('google'),
            apps: [apps.google],
            developerTokens: [...apps.googleDeveloperTokens],
            ...control(),
          });
          const bound = Number(new URL(google.url).port);
          listening.google = {
            url: originOf(config.sandboxHost, bound),
            close: () => google.close(),
          };
        });
      }
      const results = await Promise.allSettled(starts.map((begin) => begin()));
      const failed = results.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    },
    close: async () => {
      for (const id of SANDBOX_IDS) {
        await listening[id]?.close();
        delete listening[id];
      }
    },
  };
}

const closer = (app: FastifyInstance, onClose: () => Promise<void>) => async () => {
  await app.close();
  await onClose();
};
