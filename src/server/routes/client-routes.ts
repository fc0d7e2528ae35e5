/**
 * Clients CRUD under /api/v1/clients. Viewers read; members and above write. Every query is
 * scoped to the actor's agency, so another agency's id is simply not found (404).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withAudit } from '../../store/audit.ts';
import {
  clientsOrder,
  deleteClient,
  findClient,
  insertClient,
  listClients,
  updateClient,
  type Client,
} from '../../store/clients.ts';
import { requireActor } from '../auth/actor.ts';
import { NextCursorSchema, nextCursor, PageQuerySchema, pageRequest } from '../cursor.ts';
import { AppError } from '../errors.ts';
import type { Workspace } from '../workspace.ts';
import { auditActor } from './audit-actor.ts';
import { changeRowAudited } from './audited-row-change.ts';
import { IdParamsSchema, TimestampSchema } from './presenters.ts';

export const ClientSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});

const ClientEnvelopeSchema = z.object({ client: ClientSchema });

const ClientBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(254).nullable().optional(),
  })
  .strict();

const ClientPatchSchema = ClientBodySchema.partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

/** Presents a client. */
export function presentClient(client: Client): z.infer<typeof ClientSchema> {
  return {
    id: client.id,
    name: client.name,
    email: client.email,
    createdAt: client.createdAt.toISOString(),
    updatedAt: client.updatedAt.toISOString(),
  };
}

const notFound = () => new AppError('not_found', 'No such client');
const tags = ['clients'];

/** Creates the clients routes plugin. */
export function createClientRoutes(workspace: Workspace): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const { db } = workspace;

    app.get(
      '/api/v1/clients',
      {
        schema: {
          tags,
          summary: 'List clients, by name, a page at a time',
          querystring: PageQuerySchema,
          response: {
            200: z.object({ clients: z.array(ClientSchema), nextCursor: NextCursorSchema }),
          },
        },
      },
      async (request) => {
        const actor = requireActor(request, 'viewer');
        const page = await listClients(
          db,
          actor.agencyId,
          pageRequest(request.query, clientsOrder),
        );
        return { clients: page.rows.map(presentClient), nextCursor: nextCursor(page.next) };
      },
    );

    app.post(
      '/api/v1/clients',
      {
        schema: {
          tags,
          summary: 'Create a client',
          body: ClientBodySchema,
          response: { 201: ClientEnvelopeSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, 'member', { write: true });
        const client = await withAudit(db, async (tx) => {
          const created = await insertClient(tx, actor.agencyId, {
            name: request.body.name,
            email: request.body.email ?? null,
          });
          return {
            result: created,
            audit: {
              agencyId: actor.agencyId,
              actor: auditActor(actor),
              action: 'client.created',
              target: { kind: 'client', id: created.id },
            },
          };
        });
        return reply.status(201).send({ client: presentClient(client) });
      },
    );

    app.get(
      '/api/v1/clients/:id',
      {
        schema: {
          tags,
          summary: 'Read a client',
          params: IdParamsSchema,
          response: { 200: ClientEnvelopeSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request, 'viewer');
        const client = await findClient(db, actor.agencyId, request.params.id);
        if (!client) throw notFound();
        return { client: presentClient(client) };
      },
    );

    app.patch(
      '/api/v1/clients/:id',
      {
        schema: {
          tags,
          summary: 'Change a client',
          params: IdParamsSchema,
          body: ClientPatchSchema,
          response: { 200: ClientEnvelopeSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request, 'member', { write: true });
        const { name, email } = request.body;
        const client = await changeRowAudited(
          db,
          actor,
          (tx) =>
            updateClient(
              tx,
              actor.agencyId,
              request.params.id,
              {
                ...(name === undefined ? {} : { name }),
                ...(email === undefined ? {} : { email }),
              },
              workspace.now(),
            ),
          notFound,
          (changed) => ({
            action: 'client.updated',
            kind: 'client',
            id: changed.id,
            data: { fields: Object.keys(request.body) },
          }),
        );
        return { client: presentClient(client) };
      },
    );

    app.delete(
      '/api/v1/clients/:id',
      { schema: { tags, summary: 'Delete a client', params: IdParamsSchema } },
      async (request, reply) => {
        const actor = requireActor(request, 'member', { write: true });
        await changeRowAudited(
          db,
          actor,
          (tx) => deleteClient(tx, actor.agencyId, request.params.id),
          notFound,
          () => ({ action: 'client.deleted', kind: 'client', id: request.params.id }),
        );
        return reply.status(204).send();
      },
    );
  };
}
