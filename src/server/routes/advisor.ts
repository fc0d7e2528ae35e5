/**
 * `POST /api/v1/advisor`: from the tasks the agency states, the lowest level per asset type with
 * the reason, and warnings for chosen items that ask for more (or less) than needed.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AdvisorTaskSchema, checkChoice, proposeLevels } from '../../domain/access-advisor.ts';
import { RequestItemSchema } from '../../domain/access-request.ts';
import { platformManifests } from '../../platforms/registry.ts';
import { requireActor } from '../auth/actor.ts';

const Body = z
  .object({
    tasks: z.array(AdvisorTaskSchema).min(1).max(5),
    platforms: z.array(z.string().min(1).max(40)).max(10).optional(),
    items: z.array(RequestItemSchema).max(20).optional(),
  })
  .strict();

/** Creates the advisor route. */
export function createAdvisorRoutes(): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.post('/', { schema: { body: Body } }, async (req) => {
      requireActor(req, 'viewer');
      const all = Object.values(platformManifests);
      const chosen = req.body.platforms
        ? all.filter((m) => req.body.platforms?.includes(m.id))
        : all;
      return {
        proposals: chosen.flatMap((m) => proposeLevels(m, req.body.tasks)),
        warnings: checkChoice(chosen, req.body.tasks, req.body.items ?? []),
      };
    });
  };
}
