/**
 * A client's data rights, for owners only: `GET /api/v1/clients/{id}/export` (everything held
 * about the client, JSON, with the audit trail; GDPR art. 15/20) and
 * `POST /api/v1/clients/{id}/erase` with `{"confirm": "<the client's name>"}` (art. 17). Another
 * agency's client is 404; the erasure is audited (counts only) in its own transaction.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withAudit } from '../../store/audit.ts';
import { findClientFootprint } from '../../store/client-data.ts';
import { compactAfterErasure, eraseClientData } from '../../store/client-erasure.ts';
import { exportClientData } from '../../store/client-export.ts';
import { requireActor } from '../auth/actor.ts';
import { AppError } from '../errors.ts';
import type { Workspace } from '../workspace.ts';
import { auditActor } from './audit-actor.ts';
import { IdParamsSchema } from './presenters.ts';

const tags = ['clients'];
const EraseBody = z
  .object({ confirm: z.string().min(1).max(200).describe("The client's name, as a confirmation") })
  .strict();

/** Creates the export and erasure routes. */
export function createClientDataRoutes(workspace: Workspace): FastifyPluginAsync {
  const { db } = workspace;
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/v1/clients/:id/export',
      {
        schema: {
          tags,
          summary: 'Export everything held about a client (JSON, with the audit trail); owners',
          params: IdParamsSchema,
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, 'owner');
        const footprint = await findClientFootprint(db, actor.agencyId, request.params.id);
        if (!footprint) throw new AppError('not_found', 'No such client');
        const data = await exportClientData(db, actor.agencyId, footprint);
        void reply.header('cache-control', 'no-store');
        void reply.header(
          'content-disposition',
          `attachment; filename="client-${footprint.clientId}.json"`,
        );
        return data;
      },
    );

    app.post(
      '/api/v1/clients/:id/erase',
      {
        schema: {
          tags,
          summary:
            "Erase a client and everything about it (confirm with the client's name); owners",
          params: IdParamsSchema,
          body: EraseBody,
        },
      },
      async (request) => {
        const actor = requireActor(request, 'owner', { write: true });
        const erased = await withAudit(db, async (tx) => {
          const footprint = await findClientFootprint(tx, actor.agencyId, request.params.id);
          if (!footprint) throw new AppError('not_found', 'No such client');
          if (request.body.confirm.trim() !== footprint.name.trim()) {
            throw new AppError('unprocessable', "Type the client's name to confirm the erasure");
          }
          const running = await tx
            .selectFrom('grants')
            .select('id')
            .where('id', 'in', footprint.grantIds.length ? [...footprint.grantIds] : [''])
            .where('status', 'in', ['queued', 'running'])
            .executeTakeFirst();
          if (running) {
            throw new AppError('conflict', 'Grants of this client are running; erase it after');
          }
          const counts = await eraseClientData(tx, workspace.keyring, actor.agencyId, footprint);
          return {
            result: counts,
            audit: {
              agencyId: actor.agencyId,
              actor: auditActor(actor),
              action: 'client.erased',
              target: { kind: 'client', id: null },
              data: { ...counts },
            },
          };
        });
        await compactAfterErasure(db);
        return { erased };
      },
    );
  };
}
