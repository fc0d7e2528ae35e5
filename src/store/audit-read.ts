/** Reading the audit log: one agency's events, newest first, in pages by id. */
import type { Executor } from './audit.ts';
import type { AuditEventRow } from './schema.ts';

/** One page of events with ids below `beforeId` (all when absent), newest first. */
export async function findAuditPage(
  db: Executor,
  agencyId: string,
  options: { limit: number; beforeId?: number | undefined },
): Promise<AuditEventRow[]> {
  let query = db
    .selectFrom('audit_events')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('id', 'desc')
    .limit(options.limit);
  if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId);
  return query.execute();
}
