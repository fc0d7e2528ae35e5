/**
 * The Meta sandbox: a local, faithful Graph API + Facebook Login + Business Settings console.
 * Mount `plugin` under a prefix (e.g. `/sandbox/meta`): the login dialog is then
 * `<prefix>/{version}/dialog/oauth` (the www host) and Graph is `<prefix>/graph/{version}/...`.
 */
import formbody from '@fastify/formbody';
import type { FastifyPluginAsync } from 'fastify';
import { listenStandalone } from '../../sandbox-kit/listen.ts';
import { readJsonFile, writeJsonFileAtomic } from '../../sandbox-kit/state-file.ts';
import { graphErrorHandler, registerGraphRoutes } from './api/graph-routes.ts';
import { gateControl, type ControlAccess } from '../../sandbox-kit/control-gate.ts';
import { registerControlRoutes } from './control-routes.ts';
import { createMetaModel, type MetaModel } from './model/model.ts';
import type { SandboxApp, SandboxState } from './model/types.ts';
import { registerConsolePages } from './pages/console-pages.ts';
import { registerDialogPages } from './pages/dialog-pages.ts';
import { registerSigninPages } from './pages/signin-pages.ts';
import type { MetaFaults, RequestLogEntry, SandboxRuntime } from './runtime.ts';
import { readDefaultWorld, stateFromWorld, type MetaWorld } from './world.ts';

export type { MetaFaults, RequestLogEntry } from './runtime.ts';
export type { SandboxApp } from './model/types.ts';
export type { MetaWorld } from './world.ts';

/**
 * Graph versions answered by default: every version Meta still serves at the end of 2026. Meta
 * keeps each version for at least two years after its release (Graph API versioning policy,
 * developers.facebook.com/docs/graph-api/guides/versioning): v22.0 (Jan 2025) to v26.0 (the
 * Node SDK's, meta-api.md); v21.0 (Oct 2024) has reached its end. See docs/platforms/meta.md.
 */
export const DEFAULT_GRAPH_VERSIONS = ['v22.0', 'v23.0', 'v24.0', 'v25.0', 'v26.0'];

export interface MetaSandboxOptions {
  /** JSON file holding the state; loaded when it exists, rewritten after each change. */
  dataFile?: string;
  /** Starting world (default: worlds/meta-default.json). */
  world?: MetaWorld;
  apps: SandboxApp[];
  versions?: string[];
  now?: () => Date;
  random?: () => number;
  faults?: MetaFaults;
  /** Opens the control API (`_control/`) to calls carrying this token; closed (404) when absent. */
  control?: ControlAccess;
}

export interface MetaSandbox {
  plugin: FastifyPluginAsync;
  model: MetaModel;
  /** The request log (token values are never recorded). */
  log: RequestLogEntry[];
  setFaults(faults: MetaFaults): void;
  reset(world?: MetaWorld): void;
  loadWorld(world: MetaWorld): void;
  close(): Promise<void>;
}

/** Creates a sandbox instance; nothing listens until `plugin` is registered on a Fastify app. */
export function createMetaSandbox(options: MetaSandboxOptions): MetaSandbox {
  const now = options.now ?? (() => new Date());
  const world = options.world ?? readDefaultWorld();
  const file = options.dataFile;
  const saved = file === undefined ? undefined : (readJsonFile(file) as SandboxState | undefined);
  const initial = saved !== undefined ? saved : stateFromWorld(world, now());
  const model = createMetaModel({
    state: initial,
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
    versions: options.versions ?? DEFAULT_GRAPH_VERSIONS,
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
    loadWorld(next) {
      rt.reset(next);
    },
  };
  const plugin: FastifyPluginAsync = async (app) => {
    await app.register(formbody);
    app.setErrorHandler(graphErrorHandler);
    registerGraphRoutes(app, rt);
    registerSigninPages(app, rt);
    registerDialogPages(app, rt);
    registerConsolePages(app, rt);
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
    loadWorld: (next) => rt.loadWorld(next),
    close: async () => {
      if (file !== undefined) writeJsonFileAtomic(file, model.state);
    },
  };
}

/** Runs a sandbox on its own listener (dev, tests): returns its base URLs and a stop function. */
export async function startMetaSandbox(
  options: MetaSandboxOptions & { host?: string; port?: number; prefix?: string },
): Promise<{
  sandbox: MetaSandbox;
  url: string;
  authBaseUrl: string;
  graphBaseUrl: string;
  close(): Promise<void>;
}> {
  const sandbox = createMetaSandbox(options);
  const { app, url } = await listenStandalone(sandbox.plugin, {
    host: options.host ?? '127.0.0.1',
    port: options.port,
    prefix: options.prefix ?? '',
  });
  return {
    sandbox,
    url,
    authBaseUrl: url,
    graphBaseUrl: `${url}/graph`,
    close: async () => {
      await app.close();
      await sandbox.close();
    },
  };
}
