/**
 * Webhook endpoints and their delivery log under /api/v1/webhooks, for managers and owners (API
 * keys need the write scope to change anything). The signing secret is returned once, by the
 * create route. Every change writes its audit event in the same transaction.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { withAudit } from '../../store/audit.ts';
import type { Schema } from '../../store/schema.ts';
import type { Keyring } from '../../store/secrets.ts';
import {
  findWebhookDeliveries,
  webhookDeliveriesOrder,
  findWebhookDelivery,
  replayWebhookDelivery,
} from '../../store/webhook-deliveries.ts';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  findWebhookEndpoint,
  findWebhookEndpoints,
  webhookEndpointsOrder,
  updateWebhookEndpoint,
} from '../../store/webhook-endpoints.ts';
import { NextCursorSchema, nextCursor, PageQuerySchema, pageRequest } from '../cursor.ts';
import { requireActor } from '../auth/actor.ts';
import { noStore } from '../no-store.ts';
import { AppError } from '../errors.ts';
import { auditActor } from './audit-actor.ts';
import { changeRowAudited } from './audited-row-change.ts';
import {
  WebhookDeliveryDetailSchema,
  WebhookDeliverySchema,
  WebhookEndpointSchema,
  WebhookEventTypeSchema,
  presentWebhookDelivery,
  presentWebhookDeliveryDetail,
  presentWebhookEndpoint,
} from './webhook-presenters.ts';

export interface WebhookRouteDeps {
  readonly db: Kysely<Schema>;
  readonly keyring: Keyring;
  readonly now: () => Date;
}

/** Only http(s) URLs, never with credentials in them. */
export const WebhookUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .max(2048)
  .refine(
    (value) => {
      const url = URL.canParse(value) ? new URL(value) : undefined;
      return !url?.username && !url?.password;
    },
    { message: 'must not contain credentials' },
  );

const EventTypesSchema = z.array(WebhookEventTypeSchema).min(1).max(20);

const CreateBodySchema = z
  .object({
    url: WebhookUrlSchema,
    description: z.string().trim().max(200).nullable().optional(),
    eventTypes: EventTypesSchema,
  })
  .strict();

const UpdateBodySchema = z
  .object({
    url: WebhookUrlSchema.optional(),
    description: z.string().trim().max(200).nullable().optional(),
    eventTypes: EventTypesSchema.optional(),
    active: z.boolean().optional(),
  })
  .strict();

const IdParamsSchema = z.object({ id: z.uuid() }).strict();

const DeliveriesQuerySchema = z
  .object({
    status: z.enum(['pending', 'sending', 'succeeded', 'failed']).optional(),
  })
  .extend(PageQuerySchema.shape)
  .strict();

const notFound = () => new AppError('not_found', 'No such webhook endpoint');

/** Creates the webhook routes plugin. */
export function createWebhookRoutes(deps: WebhookRouteDeps): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['webhooks'];

    app.get(
      '/api/v1/webhooks',
      {
        schema: {
          tags,
          summary: 'List webhook endpoints, oldest first, a page at a time',
          querystring: PageQuerySchema,
          response: {
            200: z.object({
              endpoints: z.array(WebhookEndpointSchema),
              nextCursor: NextCursorSchema,
            }),
          },
        },
      },
      async (request) => {
        const actor = requireActor(request, 'manager');
        const page = await findWebhookEndpoints(
          deps.db,
          actor.agencyId,
          pageRequest(request.query, webhookEndpointsOrder),
        );
        return {
          endpoints: page.rows.map(presentWebhookEndpoint),
          nextCursor: nextCursor(page.next),
        };
      },
    );

    app.post(
      '/api/v1/webhooks',
      {
        schema: {
          tags,
          summary: 'Add a webhook endpoint; the signing secret is shown in this response only',
          body: CreateBodySchema,
          response: { 201: z.object({ endpoint: WebhookEndpointSchema, secret: z.string() }) },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, 'manager', { write: true });
        const { endpoint, secret } = await withAudit(deps.db, async (tx) => {
          const created = await createWebhookEndpoint(
            tx,
            deps.keyring,
            actor.agencyId,
            actor.userId,
            request.body,
          );
          return {
            result: created,
            audit: {
              agencyId: actor.agencyId,
              actor: auditActor(actor),
              action: 'webhook_endpoint.created',
              target: { kind: 'webhook_endpoint', id: created.endpoint.id },
              data: { url: created.endpoint.url, eventTypes: created.endpoint.event_types },
            },
          };
        });
        return noStore(reply)
          .status(201)
          .send({ endpoint: presentWebhookEndpoint(endpoint), secret: secret.reveal() });
      },
    );

    app.get(
      '/api/v1/webhooks/:id',
      {
        schema: {
          tags,
          summary: 'One webhook endpoint',
          params: IdParamsSchema,
          response: { 200: z.object({ endpoint: WebhookEndpointSchema }) },
        },
      },
      async (request) => {
        const actor = requireActor(request, 'manager');
        const row = await findWebhookEndpoint(deps.db, actor.agencyId, request.params.id);
        if (!row) throw notFound();
        return { endpoint: presentWebhookEndpoint(row) };
      },
    );

    app.patch(
      '/api/v1/webhooks/:id',
      {
        schema: {
          tags,
          summary: 'Change a webhook endpoint (URL, events, description, active)',
          params: IdParamsSchema,
          body: UpdateBodySchema,
          response: { 200: z.object({ endpoint: WebhookEndpointSchema }) },
        },
      },
      async (request) => {
        const actor = requireActor(request, 'manager', { write: true });
        const row = await withAudit(deps.db, async (tx) => {
          const updated = await updateWebhookEndpoint(
            tx,
            actor.agencyId,
            request.params.id,
            request.body,
          );
          if (!updated) throw notFound();
          return {
            result: updated,
            audit: {
              agencyId: actor.agencyId,
              actor: auditActor(actor),
              action: 'webhook_endpoint.updated',
              target: { kind: 'webhook_endpoint', id: updated.id },
              data: { fields: Object.keys(request.body) },
            },
          };
        });
        return { endpoint: presentWebhookEndpoint(row) };
      },
    );

    app.delete(
      '/api/v1/webhooks/:id',
      {
        schema: { tags, summary: 'Delete a webhook endpoint and its log', params: IdParamsSchema },
      },
      async (request, reply) => {
        const actor = requireActor(request, 'manager', { write: true });
        await changeRowAudited(
          deps.db,
          actor,
          (tx) => deleteWebhookEndpoint(tx, actor.agencyId, request.params.id),
          notFound,
          () => ({
            action: 'webhook_endpoint.deleted',
            kind: 'webhook_endpoint',
            id: request.params.id,
          }),
        );
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/v1/webhooks/:id/deliveries',
      {
        schema: {
          tags,
          summary: 'The delivery log of one endpoint, newest first',
          params: IdParamsSchema,
          querystring: DeliveriesQuerySchema,
          response: {
            200: z.object({
              deliveries: z.array(WebhookDeliverySchema),
              nextCursor: NextCursorSchema,
            }),
          },
        },
      },
      async (request) => {
        const actor = requireActor(request, 'manager');
        const endpoint = await findWebhookEndpoint(deps.db, actor.agencyId, request.params.id);
        if (!endpoint) throw notFound();
        const page = await findWebhookDeliveries(
          deps.db,
          actor.agencyId,
          {
            endpointId: endpoint.id,
            ...(request.query.status ? { status: request.query.status } : {}),
          },
          pageRequest(request.query, webhookDeliveriesOrder),
        );
        return {
          deliveries: page.rows.map(presentWebhookDelivery),
          nextCursor: nextCursor(page.next),
        };
      },
    );

    app.get(
      '/api/v1/webhooks/deliveries/:id',
      {
        schema: {
          tags,
          summary: 'One delivery with its payload and every attempt',
          params: IdParamsSchema,
          response: { 200: z.object({ delivery: WebhookDeliveryDetailSchema }) },
        },
      },
      async (request) => {
        const actor = requireActor(request, 'manager');
        const found = await findWebhookDelivery(deps.db, actor.agencyId, request.params.id);
        if (!found) throw new AppError('not_found', 'No such webhook delivery');
        return { delivery: presentWebhookDeliveryDetail(found.delivery, found.attempts) };
      },
    );

    app.post(
      '/api/v1/webhooks/deliveries/:id/replay',
      {
        schema: {
          tags,
          summary: 'Send the same event to the same endpoint again, now',
          params: IdParamsSchema,
          response: { 202: z.object({ delivery: WebhookDeliverySchema }) },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, 'manager', { write: true });
        const replay = await withAudit(deps.db, async (tx) => {
          const created = await replayWebhookDelivery(
            tx,
            actor.agencyId,
            request.params.id,
            deps.now(),
          );
          if (!created) throw new AppError('not_found', 'No such webhook delivery');
          return {
            result: created,
            audit: {
              agencyId: actor.agencyId,
              actor: auditActor(actor),
              action: 'webhook_delivery.replayed',
              target: { kind: 'webhook_delivery', id: created.id },
              data: { replayOf: request.params.id, eventId: created.event_id },
            },
          };
        });
        return reply.status(202).send({ delivery: presentWebhookDelivery(replay) });
      },
    );
  };
}
