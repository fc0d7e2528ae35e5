/**
 * The Meta sandbox: a local, faithful Graph API + Facebook Login + Business Settings console.
 * Mount `plugin` under a prefix (e.g. `/sandbox/meta`): the login dialog is then
 * `<prefix>/{version}/dialog/oauth` (the www host) and Graph is `<prefix>/graph/{version}/...`.
 */
import formbody from '@fastify/formbody';
import type { FastifyPluginAsync } from 'fastify';
import {
  sandboxHandle,
  sandboxRuntime,
  startStandalone,
  type InstanceOptions,
  type ListenOptions,
  type SandboxHandle,
} from '../../sandbox-kit/instance.ts';
import { graphErrorHandler, registerGraphRoutes } from './api/graph-routes.ts';
import { gateControl, type ControlAccess } from '../../sandbox-kit/control-gate.ts';
import { registerControlRoutes } from './control-routes.ts';
import type { MetaModel } from './model/model.ts';
import type { SandboxApp } from './model/types.ts';
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

export interface MetaSandboxOptions extends InstanceOptions<MetaWorld, MetaFaults> {
  apps: SandboxApp[];
  versions?: string[];
  /** Opens the control API (`_control/`) to calls carrying this token; closed (404) when absent. */
  control?: ControlAccess;
}

export type MetaSandbox = SandboxHandle<MetaModel, MetaWorld, MetaFaults, RequestLogEntry>;

/** Creates a sandbox instance; nothing listens until `plugin` is registered on a Fastify app. */
export function createMetaSandbox(options: MetaSandboxOptions): MetaSandbox {
  const rt: SandboxRuntime = sandboxRuntime(
    options,
    { readDefaultWorld, stateFromWorld },
    {
      apps: options.apps,
      versions: options.versions ?? DEFAULT_GRAPH_VERSIONS,
    },
  );
  const plugin: FastifyPluginAsync = async (app) => {
    await app.register(formbody);
    app.setErrorHandler(graphErrorHandler);
    registerGraphRoutes(app, rt);
    registerSigninPages(app, rt);
    registerDialogPages(app, rt);
    registerConsolePages(app, rt);
    gateControl(app, options.control, () => registerControlRoutes(app, rt));
  };
  return sandboxHandle(rt, plugin, options.dataFile);
}

/** Runs a sandbox on its own listener (dev, tests): returns its base URLs and a stop function. */
export async function startMetaSandbox(options: MetaSandboxOptions & ListenOptions): Promise<{
  sandbox: MetaSandbox;
  url: string;
  authBaseUrl: string;
  graphBaseUrl: string;
  close(): Promise<void>;
}> {
  const started = await startStandalone(createMetaSandbox(options), options);
  return { ...started, authBaseUrl: started.url, graphBaseUrl: `${started.url}/graph` };
}
