// Control-API routes that behave alike in the sandboxes that use plain JSON control answers:
// reset, faults (read and replace) and the request log (read and clear), under `/_control/`.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { BasicFaults } from './faults.ts';

/** The runtime parts these routes touch. */
export interface ControlTarget<F extends BasicFaults> {
  faults: F;
  recentCalls: number[];
  log: unknown[];
  reset(): void;
}

/**
 * Registers POST reset, GET/PUT faults and GET/DELETE log. A faults body failing `faultsSchema`
 * answers 400 with the sandbox's own error body; new faults restart the rate window.
 */
export function registerCommonControls<F extends BasicFaults>(
  app: FastifyInstance,
  rt: ControlTarget<F>,
  options: {
    /** Validates a faults body; its output is taken as the sandbox's faults. */
    faultsSchema: z.ZodType;
    invalid: (message: string) => unknown;
    /** Parse a missing faults body as `{}` (clears every fault). */
    emptyFaultsBodyClears?: boolean;
  },
): void {
  app.post('/_control/reset', async () => {
    rt.reset();
    return { ok: true };
  });
  app.get('/_control/faults', async () => rt.faults);
  app.put('/_control/faults', async (request, reply) => {
    const body = options.emptyFaultsBodyClears === true ? (request.body ?? {}) : request.body;
    const parsed = options.faultsSchema.safeParse(body);
    if (!parsed.success) return reply.code(400).send(options.invalid(parsed.error.message));
    rt.faults = parsed.data as F;
    rt.recentCalls = [];
    return rt.faults;
  });
  app.get('/_control/log', async () => ({ entries: rt.log }));
  app.delete('/_control/log', async () => {
    rt.log.length = 0;
    return { ok: true };
  });
}
