/**
 * The Pinterest sandbox: a local, faithful Pinterest API v5 (business access) with its sign-in and
 * consent pages, on its own origin. `/oauth/` is the www.pinterest.com page, `/v5/...` is
 * api.pinterest.com/v5: a connector's base URLs are the only difference from Pinterest.
 */
import formbody from '@fastify/formbody';
import type { FastifyPluginAsync } from 'fastify';
import { gateControl, type ControlAccess } from '../../sandbox-kit/control-gate.ts';
import {
  sandboxHandle,
  sandboxRuntime,
  startStandalone,
  type InstanceOptions,
  type ListenOptions,
  type SandboxHandle,
} from '../../sandbox-kit/instance.ts';
import { pinterestErrorHandler, registerApiRoutes } from './api-routes.ts';
import { registerConsolePages } from './console-pages.ts';
import { registerControlRoutes } from './control-routes.ts';
import type { PinterestModel } from './model.ts';
import { registerPages } from './pages.ts';
import type { PinterestFaults, RequestLogEntry, SandboxRuntime } from './runtime.ts';
import type { SandboxApp } from './state.ts';
import { readDefaultWorld, stateFromWorld, type PinterestWorld } from './world.ts';

export type { PinterestFaults, RequestLogEntry } from './runtime.ts';
export type { SandboxApp as PinterestSandboxApp } from './state.ts';
export type { PinterestWorld } from './world.ts';

export interface PinterestSandboxOptions extends InstanceOptions<PinterestWorld, PinterestFaults> {
  apps: SandboxApp[];
  /** Opens the control API (`_control/`) to calls carrying this token; closed (404) when absent. */
  control?: ControlAccess;
}

export type PinterestSandbox = SandboxHandle<
  PinterestModel,
  PinterestWorld,
  PinterestFaults,
  RequestLogEntry
>;

/** Creates a sandbox instance; nothing listens until `plugin` is registered on a Fastify app. */
export function createPinterestSandbox(options: PinterestSandboxOptions): PinterestSandbox {
  const rt: SandboxRuntime = sandboxRuntime(
    options,
    { readDefaultWorld, stateFromWorld },
    { apps: options.apps },
  );
  const plugin: FastifyPluginAsync = async (app) => {
    await app.register(formbody);
    app.setErrorHandler(pinterestErrorHandler);
    registerApiRoutes(app, rt);
    registerPages(app, rt);
    registerConsolePages(app, rt);
    gateControl(app, options.control, () => registerControlRoutes(app, rt));
  };
  return sandboxHandle(rt, plugin, options.dataFile);
}

/** Runs a sandbox on its own listener (dev, tests): its URL and a stop function. */
export async function startPinterestSandbox(
  options: PinterestSandboxOptions & ListenOptions,
): Promise<{ sandbox: PinterestSandbox; url: string; close(): Promise<void> }> {
  return startStandalone(createPinterestSandbox(options), options);
}
