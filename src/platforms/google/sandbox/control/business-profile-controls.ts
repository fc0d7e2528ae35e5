// Control hooks for Business Profile: stand in for a person acting in the Business Profile UI
// (an owner adding or removing an admin, an invitee accepting in the email), so tests and demos
// can set up "already an admin", "removed by the client" and "accepted by hand".
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { bp } from '../model/business-profile.ts';
import { nextId } from '../model/ids.ts';
import type { SandboxRuntime } from '../runtime.ts';

const AdminSchema = z
  .object({
    parent: z.string().regex(/^(accounts|locations)\/\d{1,20}$/),
    email: z.email().max(320),
    role: z.enum(['PRIMARY_OWNER', 'OWNER', 'MANAGER', 'SITE_MANAGER']),
    pending: z.boolean().default(false),
  })
  .strict();

const RemoveSchema = z
  .object({
    parent: z.string().regex(/^(accounts|locations)\/\d{1,20}$/),
    email: z.email().max(320),
  })
  .strict();

/** Registers `/_control/business-profile/*` (behind the control gate). */
export function registerBusinessProfileControls(
  app: FastifyInstance,
  rt: SandboxRuntime,
  bad: (message: string) => unknown,
): void {
  // Puts (or replaces) a person's admin entry, as an owner would in the UI.
  app.post('/_control/business-profile/admins', async (request, reply) => {
    const parsed = AdminSchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send(bad(parsed.error.message));
    const { parent, role, pending } = parsed.data;
    const email = parsed.data.email.toLowerCase();
    const exists = rt.model.mutate((ctx) => {
      const state = bp(ctx);
      const [kind, id] = parent.split('/');
      const found =
        kind === 'accounts'
          ? state.accounts.some((a) => a.accountId === id)
          : state.locations.some((l) => l.locationId === id);
      if (!found) return false;
      state.admins = state.admins.filter((a) => !(a.parent === parent && a.email === email));
      state.admins.push({ adminId: nextId(ctx), parent, email, role, pending });
      return true;
    });
    if (!exists) return reply.code(404).send(bad(`${parent} does not exist`));
    return { ok: true };
  });

  // Removes a person's admin entry, as the owner would in the UI.
  app.post('/_control/business-profile/remove-admin', async (request, reply) => {
    const parsed = RemoveSchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send(bad(parsed.error.message));
    const email = parsed.data.email.toLowerCase();
    const removed = rt.model.mutate((ctx) => {
      const before = bp(ctx).admins.length;
      bp(ctx).admins = bp(ctx).admins.filter(
        (a) => !(a.parent === parsed.data.parent && a.email === email),
      );
      return before - bp(ctx).admins.length;
    });
    return { removed };
  });
}
