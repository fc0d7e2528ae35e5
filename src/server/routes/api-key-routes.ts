/**
 * API keys under /api/v1/api-keys: list, create (the full `lk_<id>.<secret>` is in the creation
 * response only) and revoke. Managers and owners; a write-scoped key may create keys too (the
 * CLI does), never with more scope than its own. A key acts with its creator's role.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  insertApiKey,
  apiKeysOrder,
  listApiKeys,
  revokeApiKey,
  type ApiKey,
} from '../../store/api-keys.ts';
import { withAudit } from '../../store/audit.ts';
import { NextCursorSchema, nextCursor, PageQuerySchema, pageRequest } from '../cursor.ts';
import { requireActor } from '../auth/actor.ts';
import { generateApiKey } from '../auth/api-key-token.ts';
import { noStore } from '../no-store.ts';
import { AppError } from '../errors.ts';
import type { Workspace } from '../workspace.ts';
import { auditActor } from './audit-actor.ts';
import { TimestampSchema } from './presenters.ts';

const ApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(['read', 'write']),
  createdBy: z.uuid(),
  createdAt: TimestampSchema,
  lastUsedAt: TimestampSchema.nullable(),
  revokedAt: TimestampSchema.nullable(),
});
const KeyParamsSchema = z.object({ id: z.string().regex(/^[a-z0-9]{16}$/) }).strict();

function presentApiKey(key: ApiKey): z.infer<typeof ApiKeySchema> {
  return {
    id: key.id,
    name: key.name,
    scope: key.scope,
    createdBy: key.createdBy,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

const tags = ['api keys'];

/** Creates the API key routes plugin. */
export function createApiKeyRoutes(workspace: Workspace): FastifyPluginAsync {
  const { db } = workspace;
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/v1/api-keys',
      {
        schema: {
          tags,
          summary: "The agency's API keys (never their secrets)",
          querystring: PageQuerySchema,
          response: {
            200: z.object({ apiKeys: z.array(ApiKeySchema), nextCursor: NextCursorSchema }),
          },
        },
      },
      async (request) => {
        const actor = requireActor(request, 'manager');
        const page = await listApiKeys(
          db,
          actor.agencyId,
          pageRequest(request.query, apiKeysOrder),
        );
        return { apiKeys: page.rows.map(presentApiKey), nextCursor: nextCursor(page.next) };
      },
    );

    app.post(
      '/api/v1/api-keys',
      {
        schema: {
          tags,
          summary: 'Create an API key; `key` is shown in this response only',
          body: z
            .object({ name: z.string().trim().min(1).max(120), scope: z.enum(['read', 'write']) })
            .strict(),
          response: { 201: z.object({ apiKey: ApiKeySchema, key: z.string() }) },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, 'manager', { write: true });
        if (!actor.userId) throw new AppError('forbidden', 'This key has no creator');
        const creator = actor.userId;
        const generated = generateApiKey();
        const apiKey = await withAudit(db, async (tx) => {
          const created = await insertApiKey(tx, {
            id: generated.id,
            agencyId: actor.agencyId,
            createdBy: creator,
            name: request.body.name,
            scope: request.body.scope,
            secretHash: generated.secretHash,
          });
          return {
            result: created,
            audit: {
              agencyId: actor.agencyId,
              actor: auditActor(actor),
              action: 'api_key.created',
              target: { kind: 'api_key', id: created.id },
              data: { scope: created.scope },
            },
          };
        });
        return noStore(reply)
          .status(201)
          .send({ apiKey: presentApiKey(apiKey), key: generated.token });
      },
    );

    app.delete(
      '/api/v1/api-keys/:id',
      { schema: { tags, summary: 'Revoke an API key', params: KeyParamsSchema } },
      async (request, reply) => {
        const actor = requireActor(request, 'manager', { write: true });
        await withAudit(db, async (tx) => {
          const revoked = await revokeApiKey(
            tx,
            actor.agencyId,
            request.params.id,
            workspace.now(),
          );
          if (!revoked) throw new AppError('not_found', 'No such active API key');
          return {
            result: revoked,
            audit: {
              agencyId: actor.agencyId,
              actor: auditActor(actor),
              action: 'api_key.revoked',
              target: { kind: 'api_key', id: revoked.id },
            },
          };
        });
        return reply.status(204).send();
      },
    );
  };
}
