// Control API for tests and demos: `<prefix>/_control/...` (reset, world, faults, log, state).
// Not part of LinkedIn's API. Tokens and codes never appear in the state view.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { registerCommonControls } from '../../sandbox-kit/control.ts';
import type { SandboxRuntime } from './runtime.ts';

const FaultsSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    errorRate: z.number().min(0).max(1).optional(),
    failNext: z.number().int().min(0).max(1000).optional(),
    rateLimit: z
      .object({ requests: z.number().int().min(0), perMs: z.number().int().min(1) })
      .strict()
      .optional(),
  })
  .strict();

/** Registers the control routes. */
export function registerControlRoutes(app: FastifyInstance, rt: SandboxRuntime): void {
  registerCommonControls(app, rt, {
    faultsSchema: FaultsSchema,
    invalid: (message) => ({ error: { code: 'invalid_faults', message } }),
    emptyFaultsBodyClears: true,
  });
  app.post('/_control/world', async (request, reply) => {
    try {
      rt.loadWorld(request.body as never);
    } catch (error) {
      return reply
        .code(400)
        .send({ error: { code: 'invalid_world', message: (error as Error).message } });
    }
    return reply.send({ ok: true });
  });
  app.get('/_control/state', async () => {
    const { codes: _codes, tokens, ...rest } = rt.model.state;
    return { ...rest, tokenCount: tokens.length };
  });
}
