/**
 * Branding under /api/v1/branding: display name, logo (https URL or a small data:image URL),
 * brand colour and the custom link slug. Viewers read; managers and owners change it.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BrandColorSchema, LogoSchema, SlugSchema } from '../../domain/branding.ts';
import {
  findAgencyBranding,
  isSlugFree,
  updateAgencyBranding,
  type AgencyBranding,
} from '../../store/agencies.ts';
import { withAudit } from '../../store/audit.ts';
import { requireActor } from '../auth/actor.ts';
import { AppError } from '../errors.ts';
import type { Workspace } from '../workspace.ts';
import { auditActor } from './audit-actor.ts';

export const BrandingSchema = z.object({
  displayName: z.string(),
  slug: z.string(),
  brandColor: z.string().nullable(),
  logoUrl: z.string().nullable(),
});
const EnvelopeSchema = z.object({ branding: BrandingSchema });

const BrandingPatchSchema = z
  .object({
    displayName: z.string().trim().min(1).max(120).optional(),
    slug: SlugSchema.optional(),
    brandColor: BrandColorSchema.nullable().optional(),
    logoUrl: LogoSchema.nullable().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

function presentBranding(branding: AgencyBranding): z.infer<typeof BrandingSchema> {
  return {
    displayName: branding.displayName,
    slug: branding.slug,
    brandColor: branding.brandColor,
    logoUrl: branding.logoUrl,
  };
}

/** Creates the branding routes plugin. */
export function createBrandingRoutes(workspace: Workspace): FastifyPluginAsync {
  const { db } = workspace;
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['branding'];

    app.get(
      '/api/v1/branding',
      { schema: { tags, summary: "The agency's branding", response: { 200: EnvelopeSchema } } },
      async (request) => {
        const actor = requireActor(request, 'viewer');
        const branding = await findAgencyBranding(db, actor.agencyId);
        if (!branding) throw new AppError('not_found', 'No such agency');
        return { branding: presentBranding(branding) };
      },
    );

    app.patch(
      '/api/v1/branding',
      {
        schema: {
          tags,
          summary: 'Change the branding',
          body: BrandingPatchSchema,
          response: { 200: EnvelopeSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request, 'manager', { write: true });
        const body = request.body;
        const branding = await withAudit(db, async (tx) => {
          if (body.slug && !(await isSlugFree(tx, body.slug, actor.agencyId))) {
            throw new AppError('conflict', 'This link slug is taken');
          }
          const changed = await updateAgencyBranding(
            tx,
            actor.agencyId,
            {
              ...(body.displayName === undefined ? {} : { displayName: body.displayName }),
              ...(body.slug === undefined ? {} : { slug: body.slug }),
              ...(body.brandColor === undefined ? {} : { brandColor: body.brandColor }),
              ...(body.logoUrl === undefined ? {} : { logoUrl: body.logoUrl }),
            },
            workspace.now(),
          );
          return {
            result: changed,
            audit: {
              agencyId: actor.agencyId,
              actor: auditActor(actor),
              action: 'branding.updated',
              target: { kind: 'agency', id: actor.agencyId },
              data: { fields: Object.keys(body) },
            },
          };
        });
        return { branding: presentBranding(branding) };
      },
    );
  };
}
