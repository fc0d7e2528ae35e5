// A control endpoint: JSON in, TikTok-style envelope out; no token, no faults. Never under open_api/.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { fail, newRequestId, ok } from '../api/envelope.ts';
import { TikTokCode, TikTokError } from '../model/errors.ts';
import type { SandboxRuntime } from '../runtime.ts';

export const CONTROL_ROOT = '/_control/';

/** Registers one control endpoint. */
export function controlRoute<S extends z.ZodType>(
  app: FastifyInstance,
  rt: SandboxRuntime,
  method: 'GET' | 'POST',
  path: string,
  input: S,
  handle: (input: z.output<S>, request: FastifyRequest) => unknown,
): void {
  app.route({
    method,
    url: `${CONTROL_ROOT}${path}`,
    handler: async (request) => {
      const requestId = newRequestId(rt.model);
      try {
        const parsed = input.safeParse(method === 'GET' ? request.query : (request.body ?? {}));
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new TikTokError(
            TikTokCode.param,
            `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
          );
        }
        return ok(requestId, handle(parsed.data, request) ?? {});
      } catch (error) {
        if (error instanceof TikTokError) return fail(requestId, error.code, error.message);
        if (error instanceof Error && error.name === 'ZodError')
          return fail(requestId, TikTokCode.param, error.message);
        throw error;
      }
    },
  });
}
