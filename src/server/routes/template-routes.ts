/**
 * Request templates under /api/v1/templates: a name plus {platform, assetType, permissionLevel}
 * items checked against the platform manifests. Viewers read; managers and owners write.
 * GET /api/v1/template-options lists what the manifests allow, for the template form.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  checkAgainstManifests,
  findTemplateProblems,
  TemplateItemSchema,
} from '../../domain/template-items.ts';
import { withCustomPlatforms } from '../../platforms/custom/manifests.ts';
import { listCustomPlatforms } from '../../store/custom-platforms.ts';
import { platformManifests } from '../../platforms/registry.ts';
import { withAudit } from '../../store/audit.ts';
import {
  deleteTemplate,
  findTemplate,
  insertTemplate,
  listTemplates,
  templatesOrder,
  updateTemplate,
  type RequestTemplate,
} from '../../store/templates.ts';
import { NextCursorSchema, nextCursor, PageQuerySchema, pageRequest } from '../cursor.ts';
import { requireActor } from '../auth/actor.ts';
import { AppError } from '../errors.ts';
import type { Workspace } from '../workspace.ts';
import { auditActor } from './audit-actor.ts';
import { changeRowAudited } from './audited-row-change.ts';
import { IdParamsSchema, TimestampSchema } from './presenters.ts';

export const TemplateSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  items: z.array(TemplateItemSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
const EnvelopeSchema = z.object({ template: TemplateSchema });

const TemplateBodySchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    items: z.array(TemplateItemSchema).min(1).max(50),
  })
  .strict();
const TemplatePatchSchema = TemplateBodySchema.partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

const OptionsSchema = z.object({
  platforms: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      /** Whether "Who has access?" can be read on this platform (the effective-access explainer). */
      explainsAccess: z.boolean(),
      assetTypes: z.array(
        z.object({
          id: z.string(),
          label: z.string(),
          levels: z.array(z.object({ id: z.string(), label: z.string() })),
        }),
      ),
    }),
  ),
});

/** Presents a template. */
export function presentTemplate(template: RequestTemplate): z.infer<typeof TemplateSchema> {
  return {
    id: template.id,
    name: template.name,
    items: template.items.map((item) => ({ ...item })),
    createdAt: template.createdAt.toISOString(),
    updatedAt: template.updatedAt.toISOString(),
  };
}

const notFound = () => new AppError('not_found', 'No such template');
const tags = ['templates'];

/** Creates the templates routes plugin. */
export function createTemplateRoutes(workspace: Workspace): FastifyPluginAsync {
  const { db } = workspace;
  // The agency's own (custom) tools are checked against its active definitions.
  const checkItems = async (
    agencyId: string,
    items: readonly z.infer<typeof TemplateItemSchema>[],
  ) => {
    const custom = items.some((i) => i.platform === 'custom')
      ? checkAgainstManifests([
          withCustomPlatforms({}, await listCustomPlatforms(db, agencyId), { activeOnly: true })
            .custom!,
        ])
      : undefined;
    const problems = findTemplateProblems(items, (item) =>
      item.platform === 'custom' && custom ? custom(item) : workspace.checkTemplateItem(item),
    );
    if (problems.length > 0) {
      throw new AppError(
        'invalid_body',
        'Some items do not match the platforms',
        problems.map((problem) => ({ path: ['items', problem.index], message: problem.message })),
      );
    }
  };

  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/v1/template-options',
      {
        schema: {
          tags,
          summary: 'Platforms, asset types and levels',
          response: { 200: OptionsSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request, 'viewer');
        const known = withCustomPlatforms(
          platformManifests,
          await listCustomPlatforms(db, actor.agencyId),
          { activeOnly: true },
        );
        const platforms = Object.values(known)
          .filter((manifest) => manifest.assetTypes.length > 0)
          .map((manifest) => ({
            id: manifest.id,
            name: manifest.name,
            explainsAccess: manifest.accessExplainer !== undefined,
            assetTypes: manifest.assetTypes.map((type) => ({
              id: type.id,
              label: type.label,
              levels: type.levels.map((level) => ({ id: level.id, label: level.label })),
            })),
          }));
        return { platforms };
      },
    );

    app.get(
      '/api/v1/templates',
      {
        schema: {
          tags,
          summary: 'List request templates, by name, a page at a time',
          querystring: PageQuerySchema,
          response: {
            200: z.object({ templates: z.array(TemplateSchema), nextCursor: NextCursorSchema }),
          },
        },
      },
      async (request) => {
        const actor = requireActor(request, 'viewer');
        const page = await listTemplates(
          db,
          actor.agencyId,
          pageRequest(request.query, templatesOrder),
        );
        return { templates: page.rows.map(presentTemplate), nextCursor: nextCursor(page.next) };
      },
    );

    app.post(
      '/api/v1/templates',
      {
        schema: {
          tags,
          summary: 'Create a request template',
          body: TemplateBodySchema,
          response: { 201: EnvelopeSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, 'manager', { write: true });
        await checkItems(actor.agencyId, request.body.items);
        const template = await withAudit(db, async (tx) => {
          const created = await insertTemplate(tx, actor.agencyId, request.body);
          return {
            result: created,
            audit: {
              agencyId: actor.agencyId,
              actor: auditActor(actor),
              action: 'template.created',
              target: { kind: 'template', id: created.id },
              data: { items: created.items.length },
            },
          };
        });
        return reply.status(201).send({ template: presentTemplate(template) });
      },
    );

    app.get(
      '/api/v1/templates/:id',
      {
        schema: {
          tags,
          summary: 'Read a request template',
          params: IdParamsSchema,
          response: { 200: EnvelopeSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request, 'viewer');
        const template = await findTemplate(db, actor.agencyId, request.params.id);
        if (!template) throw notFound();
        return { template: presentTemplate(template) };
      },
    );

    app.patch(
      '/api/v1/templates/:id',
      {
        schema: {
          tags,
          summary: 'Change a request template',
          params: IdParamsSchema,
          body: TemplatePatchSchema,
          response: { 200: EnvelopeSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request, 'manager', { write: true });
        const { name, items } = request.body;
        if (items) await checkItems(actor.agencyId, items);
        const template = await changeRowAudited(
          db,
          actor,
          (tx) =>
            updateTemplate(
              tx,
              actor.agencyId,
              request.params.id,
              {
                ...(name === undefined ? {} : { name }),
                ...(items === undefined ? {} : { items }),
              },
              workspace.now(),
            ),
          notFound,
          (changed) => ({
            action: 'template.updated',
            kind: 'template',
            id: changed.id,
            data: { fields: Object.keys(request.body) },
          }),
        );
        return { template: presentTemplate(template) };
      },
    );

    app.delete(
      '/api/v1/templates/:id',
      { schema: { tags, summary: 'Delete a request template', params: IdParamsSchema } },
      async (request, reply) => {
        const actor = requireActor(request, 'manager', { write: true });
        await changeRowAudited(
          db,
          actor,
          (tx) => deleteTemplate(tx, actor.agencyId, request.params.id),
          notFound,
          () => ({ action: 'template.deleted', kind: 'template', id: request.params.id }),
        );
        return reply.status(204).send();
      },
    );
  };
}
