// startGoogleSandbox: one Fastify listener answering at the ROOT of its origin (the Google Node
// clients drop any path in rootUrl, google-api.md item 11) for OAuth, Google Ads, GA4 Admin,
// Tag Manager, Search Console and Merchant Center; their path prefixes do not overlap.
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { appendBounded } from '../../sandbox-kit/request-log.ts';
import { readJsonFile, writeJsonFileAtomic } from '../../sandbox-kit/state-file.ts';
import { registerAdsRoutes } from './api/ads-routes.ts';
import { registerBusinessProfileRoutes } from './api/business-profile-routes.ts';
import { registerGa4Routes } from './api/ga4-routes.ts';
import { registerGtmRoutes } from './api/gtm-routes.ts';
import { registerMerchantRoutes } from './api/merchant-routes.ts';
import { registerOAuthRoutes } from './api/oauth-routes.ts';
import { registerSearchConsoleRoutes } from './api/search-console-routes.ts';
import { gateControl, type ControlAccess } from '../../sandbox-kit/control-gate.ts';
import { registerControlRoutes } from './control/control-routes.ts';
import { GoogleApiError, renderError } from './model/errors.ts';
import { createGoogleModel, type GoogleModel } from './model/model.ts';
import type { GoogleSandboxApp } from './model/oauth.ts';
import type { GoogleState } from './model/types.ts';
import { registerAuthPages } from './pages/auth-pages.ts';
import { LOG_LIMIT, type GoogleFaults, type SandboxRuntime } from './runtime.ts';
import { readDefaultWorld, stateFromWorld, type GoogleWorld } from './world.ts';

export type { GoogleSandboxApp } from './model/oauth.ts';
export type { GoogleFaults } from './runtime.ts';
export type { GoogleWorld } from './world.ts';

export interface GoogleSandboxOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** JSON file the state persists to; loaded at start when it exists. */
  dataFile?: string;
  apps: GoogleSandboxApp[];
  /** Google Ads developer tokens the sandbox accepts. */
  developerTokens?: string[];
  /** Starting world (default: worlds/google-default.json). */
  world?: GoogleWorld;
  faults?: GoogleFaults;
  /** Opens the control API (`/_control/`) to calls carrying this token; closed (404) when absent. */
  control?: ControlAccess;
  now?: () => Date;
  random?: () => number;
}

export interface GoogleSandbox {
  /** Origin of the listener, e.g. http://127.0.0.1:4010 (no trailing slash). */
  url: string;
  model: GoogleModel;
  runtime: SandboxRuntime;
  setFaults(faults: GoogleFaults): void;
  reset(world?: GoogleWorld): void;
  close(): Promise<void>;
}

function persist(dataFile: string | undefined): ((state: GoogleState) => void) | undefined {
  if (dataFile === undefined) return undefined;
  return (state) => writeJsonFileAtomic(dataFile, state);
}

/** Builds the Fastify app of a sandbox without listening (used by start, and handy for inject). */
export function buildGoogleSandbox(options: GoogleSandboxOptions): {
  app: FastifyInstance;
  runtime: SandboxRuntime;
} {
  const now = options.now ?? (() => new Date());
  let world = options.world ?? readDefaultWorld();
  const saved =
    options.dataFile === undefined
      ? undefined
      : (readJsonFile(options.dataFile) as GoogleState | undefined);
  const initial = saved !== undefined ? saved : stateFromWorld(world, now());
  const model = createGoogleModel({
    state: initial,
    now,
    random: options.random ?? Math.random,
    onChange: persist(options.dataFile),
  });
  const rt: SandboxRuntime = {
    model,
    apps: options.apps,
    developerTokens: options.developerTokens ?? [],
    faults: options.faults ?? {},
    recentCalls: [],
    log: [],
    sessions: new Map(),
    reset(next) {
      if (next !== undefined) world = next;
      model.replaceState(stateFromWorld(world, now()));
      rt.sessions.clear();
      rt.faults = {};
      rt.recentCalls = [];
    },
  };
  const app = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    // A bad or overlong URL (e.g. a 5,000-character email in a path) in Google's error shape too.
    frameworkErrors: (error, _request, reply) => {
      void (reply as unknown as FastifyReply)
        .code(400)
        .send(renderError(new GoogleApiError('INVALID_ARGUMENT', error.message), null, 'sandbox'));
    },
  });
  void app.register(formbody);
  app.addHook('onResponse', async (request, reply) => {
    if (request.url.startsWith('/_control/')) return;
    const url = new URL(request.url, 'http://sandbox');
    const h = request.headers;
    appendBounded(
      rt.log,
      {
        method: request.method,
        path: url.pathname,
        queryKeys: [...url.searchParams.keys()],
        hasBearer: (h.authorization ?? '').startsWith('Bearer '),
        hasDeveloperToken: typeof h['developer-token'] === 'string',
        loginCustomerId: typeof h['login-customer-id'] === 'string' ? h['login-customer-id'] : null,
        status: reply.statusCode,
        time: now().toISOString(),
      },
      LOG_LIMIT,
    );
  });
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const ads = /^\/v\d+\/customers/.test(request.url);
    const status =
      error.statusCode !== undefined && error.statusCode < 500 ? 'INVALID_ARGUMENT' : 'INTERNAL';
    const body = renderError(
      new GoogleApiError(
        status,
        status === 'INTERNAL'
          ? 'Internal error encountered.'
          : `Invalid JSON payload received. ${error.message}`,
      ),
      ads ? (/^\/(v\d+)\//.exec(request.url)?.[1] ?? null) : null,
      'sandbox',
    );
    return reply.code(status === 'INTERNAL' ? 500 : 400).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(
        renderError(
          new GoogleApiError(
            'NOT_FOUND',
            `The requested URL ${new URL(request.url, 'http://sandbox').pathname} was not found on this server.`,
          ),
          null,
          'sandbox',
        ),
      ),
  );
  registerOAuthRoutes(app, rt);
  registerAuthPages(app, rt);
  registerAdsRoutes(app, rt);
  registerGa4Routes(app, rt);
  registerGtmRoutes(app, rt);
  registerSearchConsoleRoutes(app, rt);
  registerBusinessProfileRoutes(app, rt);
  registerMerchantRoutes(app, rt);
  gateControl(app, options.control, () => registerControlRoutes(app, rt));
  return { app, runtime: rt };
}

/** Starts a Google sandbox on its own listener; `url` is its root. */
export async function startGoogleSandbox(options: GoogleSandboxOptions): Promise<GoogleSandbox> {
  const { app, runtime } = buildGoogleSandbox(options);
  const address = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  return {
    url: address.replace(/\/$/, ''),
    model: runtime.model,
    runtime,
    setFaults(faults) {
      runtime.faults = faults;
      runtime.recentCalls = [];
    },
    reset: (world) => runtime.reset(world),
    close: () => app.close(),
  };
}
