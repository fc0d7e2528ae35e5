/**
 * One change to one agency-scoped row, audited in the same transaction: the pattern behind the
 * PATCH and DELETE routes of clients, templates, webhook endpoints and invitations.
 */
import type { Kysely, Transaction } from 'kysely';
import { withAudit } from '../../store/audit.ts';
import type { Schema } from '../../store/schema.ts';
import type { RequestActor } from '../auth/actor.ts';
import type { AppError } from '../errors.ts';
import { auditActor } from './audit-actor.ts';

/** The audit event of a row change: what was done to which row, with ids and facts only. */
export interface AuditedRowEvent {
  action: string;
  kind: string;
  id: string;
  data?: Record<string, unknown>;
}

/**
 * Runs `change` in a transaction. When it answers undefined or false (the agency has no such row)
 * `missing()` is thrown and nothing is kept; otherwise the actor's `action` on the row is recorded
 * with it (so history and state cannot disagree) and the change's answer is returned. `describe` names the event from that answer.
 */
export async function changeRowAudited<T>(
  db: Kysely<Schema>,
  actor: RequestActor,
  change: (tx: Transaction<Schema>) => Promise<T | undefined | false>,
  missing: () => AppError,
  describe: (result: T) => AuditedRowEvent,
): Promise<T> {
  return withAudit(db, async (tx) => {
    const result = await change(tx);
    if (result === undefined || result === false) throw missing();
    const event = describe(result);
    return {
      result,
      audit: {
        agencyId: actor.agencyId,
        actor: auditActor(actor),
        action: event.action,
        target: { kind: event.kind, id: event.id },
        ...(event.data === undefined ? {} : { data: event.data }),
      },
    };
  });
}
