// The Snapchat sandbox: a local Snap Marketing API (adsapi /v1), accounts OAuth and Business
// Manager pages as a Fastify plugin, built with sandbox-kit. Imports nothing from the rest of
// Latchkey. Contract: docs/platforms/snapchat-api.md.
import { randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { gateControl, type ControlAccess } from '../../sandbox-kit/control-gate.ts';
import { registerCommonControls } from '../../sandbox-kit/control.ts';
import type { BasicFaults } from '../../sandbox-kit/faults.ts';
import { appendBounded } from '../../sandbox-kit/request-log.ts';
import { readJsonFile, writeJsonFileAtomic } from '../../sandbox-kit/state-file.ts';
import { errorBody, registerApiRoutes, type SnapRuntime } from './api.ts';
import {
  acceptInvitation,
  createSnapModel,
  ErrorCode,
  expireTokens,
  SnapError,
  stateFromWorld,
  type SnapModel,
  type SnapSandboxApp,
  type SnapState,
} from './model.ts';
import { registerPages } from './pages.ts';
import { defaultWorld, worldSchema, type SnapWorld } from './world.ts';

export type { SnapSandboxApp, SnapModel } from './model.ts';
export type { SnapWorld } from './world.ts';
export { IDS, defaultWorld } from './world.ts';

export interface SnapchatSandboxOptions {
  apps: SnapSandboxApp[];
  world?: SnapWorld;
  /** JSON file the state persists to; in memory when absent. */
  dataFile?: string;
  now?: () => Date;
  random?: () => number;
  faults?: BasicFaults;
  basePath?: string;
  control?: ControlAccess;
  /**
   * Whether a refresh spends the refresh token and answers a new one. Whether Snap rotates is not
   * known (contract item 8), so the sandbox plays both; off by default, as it was.
   */
  rotateRefreshTokens?: boolean;
}

export interface SnapchatSandbox {
  plugin: FastifyPluginAsync;
  model: SnapModel;
  setFaults(faults: BasicFaults): void;
  reset(world?: SnapWorld): void;
  close(): Promise<void>;
}

const faultsSchema = z.strictObject({
  latencyMs: z.number().min(0).max(60_000).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  failNext: z.number().int().min(0).max(1_000).optional(),
  rateLimit: z
    .strictObject({ requests: z.number().int().min(1), perMs: z.number().int().min(1) })
    .optional(),
});

export function createSnapchatSandbox(options: SnapchatSandboxOptions): SnapchatSandbox {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? (() => randomInt(0, 2 ** 47) / 2 ** 47);
  let world = options.world ?? defaultWorld();
  const dataFile = options.dataFile;
  const saved =
    dataFile === undefined
      ? undefined
      : (readJsonFile(dataFile) as { state?: SnapState } | undefined);
  const model = createSnapModel({
    state: saved?.state ?? stateFromWorld(world, now()),
    now,
    random,
    ...(dataFile === undefined
      ? {}
      : { onChange: (s) => writeJsonFileAtomic(dataFile, { version: 1, state: s }) }),
  });
  const rt: SnapRuntime = {
    model,
    apps: options.apps,
    faults: { ...options.faults },
    recentCalls: [],
    log: [],
    sessions: new Map(),
    rotateRefreshTokens: options.rotateRefreshTokens ?? false,
    reset(next) {
      if (next !== undefined) world = worldSchema.parse(next);
      model.replaceState(stateFromWorld(world, now()));
      rt.sessions.clear();
      rt.recentCalls = [];
    },
  };
  return {
    plugin: async (app) => register(app, rt, options.basePath ?? app.prefix, options.control),
    model,
    setFaults(faults) {
      rt.faults = { ...faults };
      rt.recentCalls = [];
    },
    reset: (next) => rt.reset(next),
    close: async () => undefined,
  };
}

async function register(
  app: FastifyInstance,
  rt: SnapRuntime,
  base: string,
  control: ControlAccess | undefined,
): Promise<void> {
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );
  }
  app.addHook('onRequest', async (request) => {
    appendBounded(
      rt.log,
      {
        method: request.method,
        path: request.url.split('?')[0] ?? '',
        time: rt.model.now().toISOString(),
      },
      1000,
    );
  });
  app.setErrorHandler(async (error, request, reply) => {
    const isApi = request.url.includes('/v1/');
    if (error instanceof SnapError)
      return reply.code(error.status).send(errorBody(error.code, error.message));
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (!isApi)
      return reply
        .code(status)
        .type('text/plain')
        .send(status === 500 ? 'Internal error' : 'Bad request');
    return reply
      .code(status >= 400 && status < 500 ? 400 : 500)
      .send(
        errorBody(
          status < 500 ? ErrorCode.badRequest : ErrorCode.internal,
          status < 500 ? 'invalid request' : 'internal error',
        ),
      );
  });
  app.setNotFoundHandler(async (request, reply) => {
    if (!request.url.includes('/v1/')) return reply.code(404).type('text/plain').send('Not found');
    return reply.code(404).send(errorBody(ErrorCode.notFound, 'route not found'));
  });
  registerApiRoutes(app, rt);
  registerPages(app, rt, base);
  gateControl(app, control, () => {
    registerCommonControls(app, rt, {
      faultsSchema,
      invalid: (message) => ({ error: { code: 'invalid_request', message } }),
    });
    const parseOr400 = <S extends z.ZodType>(s: S, v: unknown) => {
      const r = s.safeParse(v ?? {});
      if (!r.success) throw new SnapError(400, ErrorCode.badRequest, r.error.message);
      return r.data;
    };
    app.post('/_control/world', async (request) => {
      const b = parseOr400(z.object({ world: worldSchema }), request.body);
      rt.reset(b.world);
      return { ok: true };
    });
    app.get('/_control/state', async () => rt.model.state);
    app.post('/_control/invitations/accept', async (request) => {
      const b = parseOr400(
        z.strictObject({ email: z.string().max(320), member_id: z.string().max(100) }),
        request.body,
      );
      const member = rt.model.mutate((ctx) => acceptInvitation(ctx, b.email, b.member_id));
      return { ok: true, member_status: member.status };
    });
    app.post('/_control/tokens/expire', async (request) => {
      const b = parseOr400(z.strictObject({ email: z.string().max(320) }), request.body);
      return { expired: rt.model.mutate((ctx) => expireTokens(ctx, b.email)) };
    });
  });
  app.get('/', async (_request, reply) => reply.redirect(`${base}/business/invitations`, 303));
}
