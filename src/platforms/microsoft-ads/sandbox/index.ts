/**
 * The Microsoft Advertising sandbox: a local, faithful Customer Management v13 REST API
 * (`<prefix>/CustomerManagement/v13/...`), the Microsoft identity platform's sign-in, consent and
 * token endpoints (`<prefix>/common/oauth2/v2.0/...`) and the client's link-requests page. The
 * contract is docs/platforms/microsoft-ads-api.md; switching base URLs is the only change.
 */
import formbody from '@fastify/formbody';
import type { FastifyPluginAsync } from 'fastify';
import { gateControl, type ControlAccess } from '../../sandbox-kit/control-gate.ts';
import { listenStandalone } from '../../sandbox-kit/listen.ts';
import { createTransactionalModel } from '../../sandbox-kit/model.ts';
import { readJsonFile, writeJsonFileAtomic } from '../../sandbox-kit/state-file.ts';
import { apiErrorHandler, registerApiRoutes } from './api-routes.ts';
import { registerControlRoutes } from './control-routes.ts';
import type { MsModel, SandboxState } from './model.ts';
import { registerOauthRoutes } from './oauth-routes.ts';
import type { MicrosoftAdsFaults, RequestLogEntry, SandboxApp, SandboxRuntime } from './runtime.ts';
import { readDefaultWorld, stateFromWorld, type MicrosoftAdsWorld } from './world.ts';

export type { MicrosoftAdsFaults, RequestLogEntry, SandboxApp } from './runtime.ts';
export type { MicrosoftAdsWorld } from './world.ts';

export interface MicrosoftAdsSandboxOptions {
  /** JSON file holding the state; loaded when it exists, rewritten after each change. */
  dataFile?: string;
  /** Starting world (default: worlds/microsoft-ads-default.json). */
  world?: MicrosoftAdsWorld;
  apps: SandboxApp[];
  /** Developer tokens the API accepts in the `DeveloperToken` header. */
  developerTokens: string[];
  now?: () => Date;
  random?: () => number;
  faults?: MicrosoftAdsFaults;
  /** Opens the control API (`_control/`) to calls carrying this token; closed (404) when absent. */
  control?: ControlAccess;
}

export interface MicrosoftAdsSandbox {
  plugin: FastifyPluginAsync;
  model: MsModel;
  log: RequestLogEntry[];
  setFaults(faults: MicrosoftAdsFaults): void;
  reset(world?: MicrosoftAdsWorld): void;
  close(): Promise<void>;
}

/** Creates a sandbox instance; nothing listens until `plugin` is registered on a Fastify app. */
export function createMicrosoftAdsSandbox(
  options: MicrosoftAdsSandboxOptions,
): MicrosoftAdsSandbox {
  const now = options.now ?? (() => new Date());
  const world = options.world ?? readDefaultWorld();
  const file = options.dataFile;
  const saved = file === undefined ? undefined : (readJsonFile(file) as SandboxState | undefined);
  const model = createTransactionalModel<SandboxState>({
    state: saved ?? stateFromWorld(world, now()),
    now,
    random: options.random ?? Math.random,
    ...(file === undefined
      ? {}
      : { onChange: (state: SandboxState) => writeJsonFileAtomic(file, state) }),
  });
  if (file !== undefined) writeJsonFileAtomic(file, model.state);
  const rt: SandboxRuntime = {
    model,
    apps: options.apps,
    developerTokens: options.developerTokens,
    faults: options.faults ?? {},
    recentCalls: [],
    log: [],
    sessions: new Map(),
    reset(next) {
      model.replaceState(stateFromWorld(next ?? world, now()));
      rt.sessions.clear();
      rt.recentCalls = [];
      rt.log.length = 0;
    },
  };
  const plugin: FastifyPluginAsync = async (app) => {
    await app.register(formbody);
    app.setErrorHandler(apiErrorHandler);
    registerApiRoutes(app, rt);
    registerOauthRoutes(app, rt);
    gateControl(app, options.control, () => registerControlRoutes(app, rt));
  };
  return {
    plugin,
    model,
    log: rt.log,
    setFaults: (faults) => {
      rt.faults = faults;
      rt.recentCalls = [];
    },
    reset: (next) => rt.reset(next),
    close: async () => {
      if (file !== undefined) writeJsonFileAtomic(file, model.state);
    },
  };
}

/** The base URLs a connector uses against a sandbox at `url`. */
export function microsoftAdsSandboxUrls(url: string): { authBaseUrl: string; apiBaseUrl: string } {
  return { authBaseUrl: `${url}/common/oauth2/v2.0`, apiBaseUrl: `${url}/CustomerManagement/v13` };
}

/** Runs a sandbox on its own listener (dev, tests, `latchkey sandbox microsoft_ads`). */
export async function startMicrosoftAdsSandbox(
  options: MicrosoftAdsSandboxOptions & { host?: string; port?: number; prefix?: string },
): Promise<{ sandbox: MicrosoftAdsSandbox; url: string; close(): Promise<void> }> {
  const sandbox = createMicrosoftAdsSandbox(options);
  const { app, url } = await listenStandalone(sandbox.plugin, {
    host: options.host ?? '127.0.0.1',
    port: options.port,
    prefix: options.prefix ?? '',
  });
  return {
    sandbox,
    url,
    close: async () => {
      await app.close();
      await sandbox.close();
    },
  };
}
