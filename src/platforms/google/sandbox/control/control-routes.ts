// The control API for tests and demos: reset, load a world, faults, request log, state, clock levers.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { expireAccessTokens } from '../model/oauth.ts';
import type { GoogleFaults, SandboxRuntime } from '../runtime.ts';
import { GoogleWorldSchema, type GoogleWorld } from '../world.ts';

export const GoogleFaultsSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    errorRate: z.number().min(0).max(1).optional(),
    rateLimit: z
      .object({ requests: z.number().int().min(0), perMs: z.number().int().min(1) })
      .optional(),
  })
  .strict();

/** Registers `/_control/*`. */
export function registerControlRoutes(app: FastifyInstance, rt: SandboxRuntime): void {
  const bad = (message: string) => ({ error: { code: 400, message, status: 'INVALID_ARGUMENT' } });

  app.post('/_control/reset', async () => {
    rt.reset();
    return { ok: true };
  });

  app.put('/_control/world', async (request, reply) => {
    const parsed = GoogleWorldSchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send(bad(parsed.error.message));
    rt.reset(request.body as GoogleWorld);
    return { ok: true };
  });

  app.get('/_control/faults', async () => rt.faults);
  app.put('/_control/faults', async (request, reply) => {
    const parsed = GoogleFaultsSchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send(bad(parsed.error.message));
    rt.faults = parsed.data as GoogleFaults;
    rt.recentCalls = [];
    return rt.faults;
  });

  app.get('/_control/log', async () => ({ entries: rt.log }));
  app.delete('/_control/log', async () => {
    rt.log.length = 0;
    return { ok: true };
  });

  // State without secrets: codes and tokens appear only as counts and metadata.
  app.get('/_control/state', async () => {
    const { authCodes, tokens, ...rest } = rt.model.state;
    return {
      ...rest,
      authCodes: authCodes.map(({ codeHash: _c, ...c }) => c),
      tokens: tokens.map(({ tokenHash: _t, ...t }) => t),
    };
  });

  app.post('/_control/expire-tokens', async (request, reply) => {
    const email = (request.body as { email?: unknown } | undefined)?.email;
    if (typeof email !== 'string') return reply.code(400).send(bad('email is required'));
    return { expired: rt.model.mutate((ctx) => expireAccessTokens(ctx, email)) };
  });
}
