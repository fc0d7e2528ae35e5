/**
 * The Pinterest sandbox: a local, faithful Pinterest API v5 (business access) with its sign-in and
 * consent pages, on its own origin. `/oauth/` is the www.pinterest.com page, `/v5/...` is
 * api.pinterest.com/v5: a connector's base URLs are the only difference from Pinterest.
 */
import formbody from '@fastify/formbody';
import type { FastifyPluginAsync } from 'fastify';
import { gateControl, type ControlAccess } from '../../sandbox-kit/control-gate.ts';
import { listenStandalone } from '../../sandbox-kit/listen.ts';
import { readJsonFile, writeJsonFileAtomic } from '../../sandbox-kit/state-file.ts';
import { pinterestErrorHandler, registerApiRoutes } from './api-routes.ts';
import { registerConsolePages } from './console-pages.ts';
import { registerControlRoutes } from './control-routes.ts';
import { createPinterestModel, type PinterestModel } from './model.ts';
import { registerPages } from './pages.ts';
import type { PinterestFaults, RequestLogEntry, SandboxRuntime } from './runtime.ts';
import type { SandboxApp, SandboxState } from './state.ts';
import { readDefaultWorld, stateFromWorld, type PinterestWorld } from './world.ts';

export type { PinterestFaults, RequestLogEntry } from './runtime.ts';
export type { SandboxApp as PinterestSandboxApp } from './state.ts';
export type { PinterestWorld } from './world.ts';

export interface PinterestSandboxOptions {
  /** JSON file holding the state; loaded when it exists, rewritten after each change. */
  dataFile?: string;
  /** Starting world (default: worlds/pinterest-default.json). */
  world?: PinterestWorld;
  apps: SandboxApp[];
  now?: () => Date;
  random?: () => number;
  faults?: PinterestFaults;
  /** Opens the control API (`_control/`) to calls carrying this token; closed (404) when absent. */
  control?: ControlAccess;
}

export interface PinterestSandbox {
  plugin: FastifyPluginAsync;
  model: PinterestModel;
  /** The request log (token values are never recorded). */
  log: RequestLogEntry[];
  setFaults(faults: PinterestFaults): void;
  reset(world?: PinterestWorld): void;
  close(): Promise<void>;
}

/** Creates a sandbox instance; nothing listens until `plugin` is registered on a Fastify app. */
export function createPinterestSandbox(options: PinterestSandboxOptions): PinterestSandbox {
  const now = options.now ?? (() => new Date());
  const world = options.world ?? readDefaultWorld();
  const file = options.dataFile;
  const saved = file === undefined ? undefined : (readJsonFile(file) as SandboxState | undefined);
  const model = createPinterestModel({
    state: saved ?? stateFromWorld(world, now()),
    now,
    random: options.random ?? Math.random,
    ...(file === undefined ? {} : { onChange: (state) => writeJsonFileAtomic(file, state) }),
  });
  if (file !== undefined) writeJsonFileAtomic(file, model.state);
  const rt: SandboxRuntime = {
    model,
    apps: options.apps,
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
    app.setErrorHandler(pinterestErrorHandler);
    registerApiRoutes(app, rt);
    registerPages(app, rt);
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
    close: async () => {
      if (file !== undefined) writeJsonFileAtomic(file, model.state);
    },
  };
}

/** Runs a sandbox on its own listener (dev, tests): its URL and a stop function. */
export async function startPinterestSandbox(
  options: PinterestSandboxOptions & { host?: string; port?: number },
): Promise<{ sandbox: PinterestSandbox; url: string; close(): Promise<void> }> {
  const sandbox = createPinterestSandbox(options);
  const { app, url } = await listenStandalone(sandbox.plugin, {
    host: options.host ?? '127.0.0.1',
    port: options.port,
    prefix: '',
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
