/**
 * The Microsoft Advertising sandbox: a local, faithful Customer Management v13 REST API
 * (`<prefix>/CustomerManagement/v13/...`), the Microsoft identity platform's sign-in, consent and
 * token endpoints (`<prefix>/common/oauth2/v2.0/...`) and the client's link-requests page. The
 * contract is docs/platforms/microsoft-ads-api.md; switching base URLs is the only change.
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
import { apiErrorHandler, registerApiRoutes } from './api-routes.ts';
import { registerControlRoutes } from './control-routes.ts';
import type { MsModel } from './model.ts';
import { registerOauthRoutes } from './oauth-routes.ts';
import type { MicrosoftAdsFaults, RequestLogEntry, SandboxApp, SandboxRuntime } from './runtime.ts';
import { readDefaultWorld, stateFromWorld, type MicrosoftAdsWorld } from './world.ts';

export type { MicrosoftAdsFaults, RequestLogEntry, SandboxApp } from './runtime.ts';
export type { MicrosoftAdsWorld } from './world.ts';

export interface MicrosoftAdsSandboxOptions extends InstanceOptions<
  MicrosoftAdsWorld,
  MicrosoftAdsFaults
> {
  apps: SandboxApp[];
  /** Developer tokens the API accepts in the `DeveloperToken` header. */
  developerTokens: string[];
  /** Opens the control API (`_control/`) to calls carrying this token; closed (404) when absent. */
  control?: ControlAccess;
}

export type MicrosoftAdsSandbox = SandboxHandle<
  MsModel,
  MicrosoftAdsWorld,
  MicrosoftAdsFaults,
  RequestLogEntry
>;

/** Creates a sandbox instance; nothing listens until `plugin` is registered on a Fastify app. */
export function createMicrosoftAdsSandbox(
  options: MicrosoftAdsSandboxOptions,
): MicrosoftAdsSandbox {
  const rt: SandboxRuntime = sandboxRuntime(
    options,
    { readDefaultWorld, stateFromWorld },
    {
      apps: options.apps,
      developerTokens: options.developerTokens,
    },
  );
  const plugin: FastifyPluginAsync = async (app) => {
    await app.register(formbody);
    app.setErrorHandler(apiErrorHandler);
    registerApiRoutes(app, rt);
    registerOauthRoutes(app, rt);
    gateControl(app, options.control, () => registerControlRoutes(app, rt));
  };
  return sandboxHandle(rt, plugin, options.dataFile);
}

/** The base URLs a connector uses against a sandbox at `url`. */
export function microsoftAdsSandboxUrls(url: string): { authBaseUrl: string; apiBaseUrl: string } {
  return { authBaseUrl: `${url}/common/oauth2/v2.0`, apiBaseUrl: `${url}/CustomerManagement/v13` };
}

/** Runs a sandbox on its own listener (dev, tests, `latchkey sandbox microsoft_ads`). */
export async function startMicrosoftAdsSandbox(
  options: MicrosoftAdsSandboxOptions & ListenOptions,
): Promise<{ sandbox: MicrosoftAdsSandbox; url: string; close(): Promise<void> }> {
  return startStandalone(createMicrosoftAdsSandbox(options), options);
}
