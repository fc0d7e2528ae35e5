// Control API for tests and demos: `<prefix>/_control/...` (reset, world, faults, log, state, and
// accepting a user invitation as the invitee would by email). Not part of Microsoft's API.
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
      .optional(),
    linkTransitionMs: z.number().int().min(0).max(3_600_000).optional(),
  })
  .strict();

const invalid = (message: string) => ({ error: { code: 'invalid_request', message } });

/** Registers the control routes. */
export function registerControlRoutes(app: FastifyInstance, rt: SandboxRuntime): void {
  registerCommonControls(app, rt, {
    faultsSchema: FaultsSchema,
    invalid,
    emptyFaultsBodyClears: true,
  });
  app.post('/_control/world', async (request, reply) => {
    try {
      rt.reset(request.body as never);
    } catch (error) {
      return reply.code(400).send(invalid((error as Error).message));
    }
    return { ok: true };
  });
  app.get('/_control/state', async () => {
    const { codes: _codes, tokens, ...rest } = rt.model.state;
    return { ...rest, tokenCount: tokens.length };
  });
  app.post('/_control/invitations/:id/accept', async (request, reply) => {
    const id = (request.params as { id: string }).id;
    const done = rt.model.mutate((ctx) => {
      const s = ctx.state;
      const inv = s.invitations.find((i) => i.id === id);
      if (!inv || new Date(inv.expirationDate) <= ctx.now()) return false;
      let user = s.users.find((u) => u.email === inv.email);
      if (!user) {
        s.nextId += 1;
        user = { id: String(s.nextId), name: `${inv.firstName} ${inv.lastName}`, email: inv.email };
        s.users.push(user);
      }
      s.roles.push({
        userId: user.id,
        customerId: inv.customerId,
        roleId: inv.roleId,
        accountIds: inv.accountIds.length === 0 ? null : inv.accountIds,
      });
      s.invitations = s.invitations.filter((i) => i.id !== id);
      return true;
    });
    if (!done)
      return reply
        .code(404)
        .send({ error: { code: 'not_found', message: 'No such pending invitation' } });
    return { ok: true };
  });
}
