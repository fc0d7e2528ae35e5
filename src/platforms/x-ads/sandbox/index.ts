// The X sandbox: OAuth 1.0a (signatures checked), the Ads API's read side (`/12/…`) and ads
// manager's "Edit access to account" page, as a Fastify plugin built with sandbox-kit. Imports
// nothing from the rest of Latchkey. Contract: docs/platforms/x-ads-api.md.
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { gateControl, type ControlAccess } from '../../sandbox-kit/control-gate.ts';
import { registerCommonControls } from '../../sandbox-kit/control.ts';
import type { BasicFaults } from '../../sandbox-kit/faults.ts';
import {
  sandboxHandle,
  sandboxRuntime,
  type InstanceOptions,
  type SandboxHandle,
} from '../../sandbox-kit/instance.ts';
import type { TransactionalModel } from '../../sandbox-kit/model.ts';
import { appendBounded } from '../../sandbox-kit/request-log.ts';
import { errorBody, registerApiRoutes, type XLogEntry, type XRuntime } from './api.ts';
import {
  ACCESS_LEVELS,
  addAccess,
  removeAccess,
  XError,
  type XSandboxApp,
  type XState,
} from './model.ts';
import { registerPages } from './pages.ts';
import { defaultWorld, stateFromWorld, worldSchema, type XWorld } from './world.ts';

export type { XSandboxApp, XState } from './model.ts';
export { IDS, defaultWorld, type XWorld } from './world.ts';

export interface XSandboxOptions extends InstanceOptions<XWorld, BasicFaults> {
  apps: XSandboxApp[];
  control?: ControlAccess;
  basePath?: string;
}

export type XSandbox = SandboxHandle<TransactionalModel<XState>, XWorld, BasicFaults, XLogEntry>;

const faultsSchema = z.strictObject({
  latencyMs: z.number().min(0).max(60_000).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  failNext: z.number().int().min(0).max(1_000).optional(),
  rateLimit: z
    .strictObject({ requests: z.number().int().min(1), perMs: z.number().int().min(1) })
    .optional(),
});

/** Paths answered in X's JSON error shape (the rest are pages). */
const isMachinePath = (url: string) =>
  /\/(12\/|oauth\/request_token|oauth\/access_token|_control\/)/.test(url);

/** Creates the X sandbox. */
export function createXSandbox(options: XSandboxOptions): XSandbox {
  const rt: XRuntime = sandboxRuntime<
    XState,
    XWorld,
    BasicFaults,
    XLogEntry,
    Pick<XRuntime, 'apps' | 'nonces'>
  >(
    options,
    { readDefaultWorld: defaultWorld, stateFromWorld },
    { apps: options.apps, nonces: new Map() },
  );
  const plugin: FastifyPluginAsync = async (app) =>
    register(app, rt, options.basePath ?? app.prefix, options.control);
  return sandboxHandle(rt, plugin, options.dataFile);
}

async function register(
  app: FastifyInstance,
  rt: XRuntime,
  base: string,
  control: ControlAccess | undefined,
): Promise<void> {
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_req, body, done) => {
        // Plain string values only: a repeated field keeps its last value.
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
    if (error instanceof XError)
      return isMachinePath(request.url)
        ? reply.code(error.status).send(errorBody(error.code, error.message))
        : reply.code(error.status).type('text/plain').send(error.message);
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    const client = status >= 400 && status < 500;
    if (!isMachinePath(request.url))
      return reply
        .code(client ? status : 500)
        .type('text/plain')
        .send(client ? 'Bad request' : 'Internal error');
    return reply
      .code(client ? 400 : 500)
      .send(
        errorBody(
          client ? 'INVALID_PARAMETER' : 'INTERNAL_ERROR',
          client ? 'Invalid request' : 'Internal error',
        ),
      );
  });
  app.setNotFoundHandler(async (request, reply) =>
    isMachinePath(request.url)
      ? reply.code(404).send(errorBody('NOT_FOUND', 'Route not found'))
      : reply.code(404).type('text/plain').send('Not found'),
  );
  registerApiRoutes(app, rt);
  registerPages(app, rt, base);
  gateControl(app, control, () => {
    registerCommonControls(app, rt, {
      faultsSchema,
      invalid: (message) => errorBody('INVALID_PARAMETER', message),
    });
    const parse = <S extends z.ZodType>(schema: S, value: unknown): z.output<S> => {
      const r = schema.safeParse(value ?? {});
      if (!r.success) throw new XError(400, 'INVALID_PARAMETER', r.error.message);
      return r.data;
    };
    app.post('/_control/world', async (request) => {
      rt.reset(parse(z.strictObject({ world: worldSchema }), request.body).world);
      return { ok: true };
    });
    app.get('/_control/state', async () => ({
      users: rt.model.state.users,
      accounts: rt.model.state.accounts,
    }));
    // The manual step without a browser: what an administrator does on the access page.
    app.post('/_control/access', async (request) => {
      const b = parse(
        z.strictObject({
          account_id: z.string().max(64),
          actor_id: z.string().max(20),
          handle: z.string().max(40),
          permission: z.enum(ACCESS_LEVELS),
        }),
        request.body,
      );
      const user = rt.model.mutate((ctx) =>
        addAccess(ctx.state, {
          accountId: b.account_id,
          actorId: b.actor_id,
          handle: b.handle,
          permission: b.permission,
        }),
      );
      return { ok: true, user_id: user.id };
    });
    app.delete('/_control/access', async (request) => {
      const b = parse(
        z.strictObject({
          account_id: z.string().max(64),
          actor_id: z.string().max(20),
          user_id: z.string().max(20),
        }),
        request.body,
      );
      rt.model.mutate((ctx) =>
        removeAccess(ctx.state, {
          accountId: b.account_id,
          actorId: b.actor_id,
          userId: b.user_id,
        }),
      );
      return { ok: true };
    });
  });
  app.get('/', async (_request, reply) => reply.redirect(`${base}/ads`, 303));
}
