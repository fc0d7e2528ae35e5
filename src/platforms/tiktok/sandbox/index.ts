// The TikTok sandbox: a local TikTok for Business (Business Center + Business API v1.3) as a
// Fastify plugin. Imports nothing from the rest of Latchkey.
import { randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { registerAssetReadRoutes } from './api/asset-read-routes.ts';
import { registerAssetWriteRoutes } from './api/asset-write-routes.ts';
import { registerBcRoutes } from './api/bc-routes.ts';
import { API_ROOT } from './api/endpoint.ts';
import { fail, newRequestId } from './api/envelope.ts';
import { registerMemberRoutes } from './api/member-routes.ts';
import { registerOauthRoutes } from './api/oauth-routes.ts';
import { registerPartnerRoutes } from './api/partner-routes.ts';
import { gateControl, type ControlAccess } from '../../sandbox-kit/control-gate.ts';
import { registerControlRoutes } from './control/control-routes.ts';
import { logRequest } from './log.ts';
import { TikTokCode } from './model/errors.ts';
import { createTikTokModel, type TikTokModel } from './model/model.ts';
import type { SandboxApp } from './model/oauth.ts';
import { registerAuthPages } from './pages/auth-pages.ts';
import { registerConsolePages } from './pages/console-pages.ts';
import { registerTikTokAppPages } from './pages/tiktok-app-pages.ts';
import { loadState, saveState } from './persistence.ts';
import type { SandboxRuntime, TikTokFaults } from './runtime.ts';
import { readDefaultWorld, stateFromWorld, type TikTokWorld } from './world.ts';

export type { TikTokFaults, RequestLogEntry } from './runtime.ts';
export type { TikTokWorld } from './world.ts';
export type { TikTokModel } from './model/model.ts';
export type { SandboxApp } from './model/oauth.ts';
export type { AccessPath } from './model/access.ts';

export interface TikTokSandboxOptions {
  /** JSON file the state persists to (atomic write after each change); in memory when absent. */
  dataFile?: string;
  /** The starting world; else `worlds/tiktok-default.json`. */
  world?: TikTokWorld;
  /** Registered developer apps; the consent page matches redirect_uri exactly. */
  apps: SandboxApp[];
  now?: () => Date;
  random?: () => number;
  faults?: TikTokFaults;
  /** Path prefix for links and the cookie; defaults to the prefix the plugin is registered under. */
  basePath?: string;
  /** Opens the control API (`_control/`) to calls carrying this token; closed (404) when absent. */
  control?: ControlAccess;
}

export interface TikTokSandbox {
  plugin: FastifyPluginAsync;
  model: TikTokModel;
  setFaults(faults: TikTokFaults): void;
  reset(world?: TikTokWorld): void;
  loadWorld(world: TikTokWorld): void;
  close(): Promise<void>;
}

/** Creates a TikTok sandbox; register `plugin` under any prefix (e.g. `/sandbox/tiktok`). */
export function createTikTokSandbox(options: TikTokSandboxOptions): TikTokSandbox {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? (() => randomInt(0, 2 ** 47) / 2 ** 47);
  let world = options.world ?? readDefaultWorld();
  const saved = options.dataFile === undefined ? null : loadState(options.dataFile);
  const dataFile = options.dataFile;
  const model = createTikTokModel({
    state: saved ?? stateFromWorld(world, now()),
    now,
    random,
    ...(dataFile === undefined ? {} : { onChange: (s) => saveState(dataFile, s) }),
  });
  if (dataFile !== undefined && saved === null) saveState(dataFile, model.state);
  const rt: SandboxRuntime = {
    model,
    apps: options.apps,
    faults: { ...options.faults },
    recentCalls: [],
    log: [],
    sessions: new Map(),
    reset(next) {
      if (next !== undefined) world = next;
      model.replaceState(stateFromWorld(world, now()));
      rt.sessions.clear();
      rt.recentCalls = [];
    },
    loadWorld(next) {
      rt.reset(next);
    },
  };
  return {
    plugin: async (app) =>
      registerSandbox(app, rt, options.basePath ?? app.prefix, options.control),
    model,
    setFaults(faults) {
      rt.faults = { ...faults };
      rt.recentCalls = [];
    },
    reset: (next) => rt.reset(next),
    loadWorld: (next) => rt.loadWorld(next),
    close: async () => undefined,
  };
}

async function registerSandbox(
  app: FastifyInstance,
  rt: SandboxRuntime,
  base: string,
  control: ControlAccess | undefined,
): Promise<void> {
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_req, body, done) => {
        const out: Record<string, string | string[]> = {};
        for (const [k, v] of new URLSearchParams(body as string)) {
          const prev = out[k];
          out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
        }
        done(null, out);
      },
    );
  }
  app.addHook('onRequest', async (request) => logRequest(rt, request));
  app.setErrorHandler(async (error, request, reply) => {
    if (!request.url.includes(API_ROOT)) return reply.send(error);
    const message = error instanceof Error ? error.message : 'invalid request';
    return reply.code(200).send(fail(newRequestId(rt.model), TikTokCode.param, message));
  });
  app.setNotFoundHandler(async (request, reply) => {
    if (!request.url.includes(API_ROOT))
      return reply.code(404).type('text/plain').send('Not found');
    return reply
      .code(200)
      .send(fail(newRequestId(rt.model), TikTokCode.routeNotFound, 'route not found'));
  });
  const qrUrl = (request: FastifyRequest, token: string): string =>
    `${request.protocol}://${request.host}${base}/tiktok-app/link?token=${encodeURIComponent(token)}`;
  registerOauthRoutes(app, rt);
  registerBcRoutes(app, rt);
  registerAssetReadRoutes(app, rt);
  registerAssetWriteRoutes(app, rt, qrUrl);
  registerMemberRoutes(app, rt);
  registerPartnerRoutes(app, rt);
  gateControl(app, control, () => registerControlRoutes(app, rt, qrUrl));
  registerAuthPages(app, rt, base);
  registerConsolePages(app, rt, base, qrUrl);
  registerTikTokAppPages(app, rt, base);
  app.get('/', async (_request, reply) => reply.redirect(`${base}/console`, 303));
}
