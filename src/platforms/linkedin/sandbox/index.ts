/**
 * The LinkedIn sandbox: the www side (sign-in, OAuth consent, the Page admin view) and the API
 * side (`/v2/userinfo`, `/rest/...` in Rest.li 2.0) of docs/platforms/linkedin-api.md on one
 * listener. Mounted at the root of its own origin, the same base URL serves as LinkedIn's
 * `https://www.linkedin.com` and `https://api.linkedin.com`: `/oauth/v2/...`, `/rest/...`.
 */
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
import type { LinkedInModel } from './model.ts';
import { registerOAuthRoutes } from './oauth-routes.ts';
import { registerPages } from './pages.ts';
import { rememberForm } from './restli.ts';
import type {
  LinkedInFaults,
  LinkedInSandboxApp,
  RequestLogEntry,
  SandboxRuntime,
} from './runtime.ts';
import { readDefaultWorld, stateFromWorld, type LinkedInWorld } from './world.ts';

export type { LinkedInFaults, LinkedInSandboxApp, RequestLogEntry } from './runtime.ts';
export type { LinkedInWorld } from './world.ts';

/**
 * `LinkedIn-Version` values answered by default: the twelve months up to 202612 and 202512;
 * LinkedIn serves each version about a year (linkedin-api.md, Version).
 */
export const DEFAULT_LINKEDIN_VERSIONS = [
  '202512',
  ...Array.from({ length: 12 }, (_, i) => `2026${String(i + 1).padStart(2, '0')}`),
];

export interface LinkedInSandboxOptions extends InstanceOptions<LinkedInWorld, LinkedInFaults> {
  apps: LinkedInSandboxApp[];
  versions?: string[];
  /** Opens the control API (`_control/`) to calls carrying this token; closed (404) when absent. */
  control?: ControlAccess;
}

export type LinkedInSandbox = SandboxHandle<
  LinkedInModel,
  LinkedInWorld,
  LinkedInFaults,
  RequestLogEntry
>;

/** Creates a sandbox instance; nothing listens until `plugin` is registered on a Fastify app. */
export function createLinkedInSandbox(options: LinkedInSandboxOptions): LinkedInSandbox {
  const rt: SandboxRuntime = sandboxRuntime(
    options,
    { readDefaultWorld, stateFromWorld },
    {
      apps: options.apps,
      versions: options.versions ?? DEFAULT_LINKEDIN_VERSIONS,
    },
  );
  const plugin: FastifyPluginAsync = async (app) => {
    // Form bodies (the sign-in and consent pages, tunnelled queries) are kept raw as well, so a
    // tunnelled Rest.li query decodes exactly like one in a URL.
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (request, body, done) => {
        const text = typeof body === 'string' ? body : body.toString('utf8');
        rememberForm(request, text);
        done(null, Object.fromEntries(new URLSearchParams(text)));
      },
    );
    // LinkedIn's official client sends `Content-Type: application/json` on a DELETE with no body;
    // LinkedIn accepts that, so the sandbox reads an empty JSON body as no body.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') return done(null, undefined);
      try {
        done(null, JSON.parse(text) as unknown);
      } catch {
        done(Object.assign(new Error('Request body is not valid JSON'), { statusCode: 400 }));
      }
    });
    app.setErrorHandler(apiErrorHandler);
    registerApiRoutes(app, rt);
    registerOAuthRoutes(app, rt);
    registerPages(app, rt);
    gateControl(app, options.control, () => registerControlRoutes(app, rt));
  };
  return sandboxHandle(rt, plugin, options.dataFile);
}

/** Runs a sandbox on its own listener (dev, CLI, tests): returns its URL and a stop function. */
export async function startLinkedInSandbox(
  options: LinkedInSandboxOptions & ListenOptions,
): Promise<{ sandbox: LinkedInSandbox; url: string; close(): Promise<void> }> {
  return startStandalone(createLinkedInSandbox(options), { ...options, prefix: '' });
}
