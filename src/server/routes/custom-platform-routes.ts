/**
 * The agency's own platforms under /api/v1/custom-platforms ("any tool", docs/platforms/custom.md):
 * list, read, create, change, archive, and the ready-made definitions to add (a copy the agency
 * then edits). Viewers read; managers and owners write. Each write is audited in its transaction.
 * A definition is never deleted: DELETE archives it (requests and grants name it by slug).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CustomFieldSchema,
  CustomLevelSchema,
  DefinitionBodySchema,
  DefinitionPatchSchema,
  NewDefinitionSchema,
  type CustomPlatformDefinition,
  type DefinitionBody,
} from '../../platforms/custom/definition.ts';
import { findReadyMade, readyMadeDefinitions } from '../../platforms/custom/ready-made/index.ts';
import { withAudit } from '../../store/audit.ts';
import {
  findCustomPlatform,
  insertCustomPlatform,
  listCustomPlatforms,
  updateCustomPlatform,
} from '../../store/custom-platforms.ts';
import { requireActor } from '../auth/actor.ts';
import { AppError } from '../errors.ts';
import type { Workspace } from '../workspace.ts';
import { auditActor } from './audit-actor.ts';
import { changeRowAudited } from './audited-row-change.ts';
import { IdParamsSchema, TimestampSchema } from './presenters.ts';

const tags = ['custom-platforms'];

const BodyOutSchema = z.object({
  name: z.string(),
  logo: z.string().nullable(),
  actionUrl: z.string().nullable(),
  inviteEmail: z.string().nullable(),
  steps: z.array(z.string()),
  fields: z.array(CustomFieldSchema),
  levels: z.array(CustomLevelSchema),
  confirmedBy: z.enum(['client', 'agency']),
  removal: z.array(z.string()),
});
export const CustomPlatformSchema = BodyOutSchema.extend({
  id: z.uuid(),
  /** The asset type id under the `custom` platform in requests and templates. */
  slug: z.string(),
  platform: z.literal('custom'),
  readyMade: z.string().nullable(),
  archived: z.boolean(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
const EnvelopeSchema = z.object({ customPlatform: CustomPlatformSchema });
const ReadyMadeSchema = z.object({
  id: z.string(),
  slug: z.string(),
  source: z.string(),
  /** Whether the agency already has a definition with this slug. */
  added: z.boolean(),
  definition: BodyOutSchema,
});
const ReadyMadeParams = z
  .object({ readyMadeId: z.string().regex(/^[a-z][a-z0-9_]{1,59}$/) })
  .strict();
const FromReadyMadeBody = z
  .object({ inviteEmail: z.email().max(320).optional() })
  .strict()
  .nullish();

const bodyOf = (d: CustomPlatformDefinition | DefinitionBody): DefinitionBody => ({
  name: d.name,
  logo: d.logo,
  actionUrl: d.actionUrl,
  inviteEmail: d.inviteEmail,
  steps: [...d.steps],
  fields: d.fields.map((f) => ({ ...f })),
  levels: d.levels.map((l) => ({ ...l })),
  confirmedBy: d.confirmedBy,
  removal: [...d.removal],
});

/** A definition for the API. */
export function presentCustomPlatform(d: CustomPlatformDefinition) {
  return {
    ...bodyOf(d),
    id: d.id,
    slug: d.slug,
    platform: 'custom' as const,
    readyMade: d.readyMade,
    archived: d.archivedAt !== null,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

const notFound = () => new AppError('not_found', 'No such custom platform');
const slugTaken = (slug: string) =>
  new AppError('conflict', `This workspace already has a custom platform "${slug}"`, {
    reason: 'slug_taken',
  });

/** Creates the custom platforms routes plugin. */
export function createCustomPlatformRoutes(workspace: Workspace): FastifyPluginAsync {
  const { db } = workspace;

  const create = async (
    actor: ReturnType<typeof requireActor>,
    input: { slug: string; body: DefinitionBody; readyMade: string | null },
  ) =>
    withAudit(db, async (tx) => {
      const created = await insertCustomPlatform(tx, actor.agencyId, input);
      if (!created) throw slugTaken(input.slug);
      return {
        result: created,
        audit: {
          agencyId: actor.agencyId,
          actor: auditActor(actor),
          action: 'custom_platform.created',
          target: { kind: 'custom_platform', id: created.id },
          data: { slug: created.slug, ready_made: created.readyMade },
        },
      };
    });

  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/v1/custom-platforms',
      {
        schema: {
          tags,
          summary: "The workspace's own platforms (archived ones too)",
          response: { 200: z.object({ customPlatforms: z.array(CustomPlatformSchema) }) },
        },
      },
      async (request) => {
        const actor = requireActor(request, 'viewer');
        const found = await listCustomPlatforms(db, actor.agencyId);
        return { customPlatforms: found.map(presentCustomPlatform) };
      },
    );

    app.get(
      '/api/v1/custom-platforms/ready-made',
      {
        schema: {
          tags,
          summary: 'Ready-made definitions a workspace can add and then edit',
          response: { 200: z.object({ readyMade: z.array(ReadyMadeSchema) }) },
        },
      },
      async (request) => {
        const actor = requireActor(request, 'viewer');
        const slugs = new Set((await listCustomPlatforms(db, actor.agencyId)).map((d) => d.slug));
        return {
          readyMade: readyMadeDefinitions.map((r) => ({
            id: r.id,
            slug: r.slug,
            source: r.source,
            added: slugs.has(r.slug),
            definition: bodyOf(r.definition),
          })),
        };
      },
    );

    app.post(
      '/api/v1/custom-platforms/ready-made/:readyMadeId',
      {
        schema: {
          tags,
          summary: 'Add a ready-made definition to the workspace (a copy it can edit)',
          params: ReadyMadeParams,
          body: FromReadyMadeBody,
          response: { 201: EnvelopeSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, 'manager', { write: true });
        const ready = findReadyMade(request.params.readyMadeId);
        if (!ready) throw new AppError('not_found', 'No such ready-made definition');
        const body = DefinitionBodySchema.parse({
          ...bodyOf(ready.definition),
          inviteEmail: request.body?.inviteEmail ?? null,
        });
        const created = await create(actor, { slug: ready.slug, body, readyMade: ready.id });
        return reply.status(201).send({ customPlatform: presentCustomPlatform(created) });
      },
    );

    app.post(
      '/api/v1/custom-platforms',
      {
        schema: {
          tags,
          summary: 'Define a platform of your own',
          body: NewDefinitionSchema,
          response: { 201: EnvelopeSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, 'manager', { write: true });
        const { slug, ...body } = request.body;
        const created = await create(actor, { slug, body, readyMade: null });
        return reply.status(201).send({ customPlatform: presentCustomPlatform(created) });
      },
    );

    app.get(
      '/api/v1/custom-platforms/:id',
      {
        schema: {
          tags,
          summary: 'Read one custom platform',
          params: IdParamsSchema,
          response: { 200: EnvelopeSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request, 'viewer');
        const found = await findCustomPlatform(db, actor.agencyId, request.params.id);
        if (!found) throw notFound();
        return { customPlatform: presentCustomPlatform(found) };
      },
    );

    app.patch(
      '/api/v1/custom-platforms/:id',
      {
        schema: {
          tags,
          summary: 'Change a custom platform (its slug never changes); archived: true|false',
          params: IdParamsSchema,
          body: DefinitionPatchSchema,
          response: { 200: EnvelopeSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request, 'manager', { write: true });
        const { archived, ...patch } = request.body;
        const changed = await changeRowAudited(
          db,
          actor,
          async (tx) => {
            const current = await findCustomPlatform(tx, actor.agencyId, request.params.id);
            if (!current) return undefined;
            // The whole definition is checked again once changed (unique ids across old and new).
            const merged = DefinitionBodySchema.safeParse({ ...bodyOf(current), ...patch });
            if (!merged.success)
              throw new AppError(
                'invalid_body',
                'The changed definition does not hold together',
                merged.error.issues.map((i) => ({ path: i.path, message: i.message })),
              );
            const archivedAt =
              archived === undefined
                ? current.archivedAt
                : archived
                  ? (current.archivedAt ?? workspace.now())
                  : null;
            return updateCustomPlatform(
              tx,
              actor.agencyId,
              current.id,
              { body: merged.data, archivedAt },
              workspace.now(),
            );
          },
          notFound,
          (updated) => ({
            action: 'custom_platform.updated',
            kind: 'custom_platform',
            id: updated.id,
            data: { slug: updated.slug, fields: Object.keys(request.body) },
          }),
        );
        return { customPlatform: presentCustomPlatform(changed) };
      },
    );

    app.delete(
      '/api/v1/custom-platforms/:id',
      {
        schema: {
          tags,
          summary: 'Archive a custom platform (never deleted: requests and grants name it)',
          params: IdParamsSchema,
          response: { 200: EnvelopeSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request, 'manager', { write: true });
        const archived = await changeRowAudited(
          db,
          actor,
          async (tx) => {
            const current = await findCustomPlatform(tx, actor.agencyId, request.params.id);
            if (!current) return undefined;
            return updateCustomPlatform(
              tx,
              actor.agencyId,
              current.id,
              { body: bodyOf(current), archivedAt: current.archivedAt ?? workspace.now() },
              workspace.now(),
            );
          },
          notFound,
          (updated) => ({
            action: 'custom_platform.archived',
            kind: 'custom_platform',
            id: updated.id,
            data: { slug: updated.slug },
          }),
        );
        return { customPlatform: presentCustomPlatform(archived) };
      },
    );
  };
}
