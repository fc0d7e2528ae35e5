/**
 * The audit log, owners only: GET /api/v1/audit-events (newest first, paged with `before`) and
 * GET /api/v1/audit-events/export?format=csv|ndjson (a download of the whole log). There is no
 * route that writes, edits or deletes events; the table itself refuses UPDATE and DELETE.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  auditCsvLine,
  auditNdjsonLine,
  AUDIT_CSV_HEADER,
  type ExportedAuditEvent,
} from '../../domain/audit-export.ts';
import { describeActor, findActorNames } from '../../store/audit-actors.ts';
import { findAuditPage } from '../../store/audit-read.ts';
import type { AuditEventRow } from '../../store/schema.ts';
import { requireActor } from '../auth/actor.ts';
import type { Workspace } from '../workspace.ts';
import { TimestampSchema } from './presenters.ts';

const AuditEventSchema = z.object({
  id: z.number().int(),
  createdAt: TimestampSchema,
  actorKind: z.string(),
  actorId: z.string().nullable(),
  /** Who acted, in words: a member's name and email, an API key's name, "The client", ... */
  actorName: z.string(),
  action: z.string(),
  targetKind: z.string(),
  targetId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

function presentEvent(row: AuditEventRow): ExportedAuditEvent {
  return {
    id: row.id,
    createdAt: row.created_at.toISOString(),
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    action: row.action,
    targetKind: row.target_kind,
    targetId: row.target_id,
    data: row.data,
  };
}

const EXPORT_PAGE = 500;
const tags = ['audit'];

/** Creates the audit routes plugin. */
export function createAuditRoutes(workspace: Workspace): FastifyPluginAsync {
  const { db } = workspace;
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/v1/audit-events',
      {
        schema: {
          tags,
          summary: 'Audit events, newest first (owners)',
          querystring: z
            .object({
              limit: z.coerce.number().int().min(1).max(200).default(50),
              before: z.coerce.number().int().positive().optional(),
            })
            .strict(),
          response: {
            200: z.object({
              events: z.array(AuditEventSchema),
              nextBefore: z.number().int().nullable(),
            }),
          },
        },
      },
      async (request) => {
        const actor = requireActor(request, 'owner');
        const rows = await findAuditPage(db, actor.agencyId, {
          limit: request.query.limit,
          beforeId: request.query.before,
        });
        const last = rows.at(-1);
        const actors = rows.map((r) => ({ actorKind: r.actor_kind, actorId: r.actor_id }));
        const names = await findActorNames(db, actor.agencyId, actors);
        return {
          events: rows.map((row, i) => ({
            ...presentEvent(row),
            actorName: describeActor(names, actors[i]!),
          })),
          nextBefore: rows.length === request.query.limit && last ? last.id : null,
        };
      },
    );

    app.get(
      '/api/v1/audit-events/export',
      {
        schema: {
          tags,
          summary: 'Download the whole audit log as CSV or NDJSON (owners)',
          querystring: z.object({ format: z.enum(['csv', 'ndjson']).default('csv') }).strict(),
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, 'owner');
        const { format } = request.query;
        const parts: string[] = format === 'csv' ? [AUDIT_CSV_HEADER] : [];
        let beforeId: number | undefined;
        for (;;) {
          const rows = await findAuditPage(db, actor.agencyId, { limit: EXPORT_PAGE, beforeId });
          for (const row of rows) {
            const event = presentEvent(row);
            parts.push(format === 'csv' ? auditCsvLine(event) : auditNdjsonLine(event));
          }
          if (rows.length < EXPORT_PAGE) break;
          beforeId = rows.at(-1)?.id;
        }
        const day = workspace.now().toISOString().slice(0, 10);
        return reply
          .header(
            'content-type',
            format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
          )
          .header('content-disposition', `attachment; filename="audit-${day}.${format}"`)
          .header('cache-control', 'no-store')
          .send(parts.join(''));
      },
    );
  };
}
