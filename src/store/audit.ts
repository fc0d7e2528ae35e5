/**
 * The audit log. Every state change writes its event in the same transaction as the change, through
 * `withAudit`, so history and state cannot disagree. The table is append-only (a trigger refuses
 * UPDATE and DELETE).
 */
import type { Kysely, Transaction } from 'kysely';
import type { ActorKind, AuditEventRow, Schema } from './schema.ts';

export type Executor = Kysely<Schema> | Transaction<Schema>;

export interface Actor {
  readonly kind: ActorKind;
  readonly id: string | null;
}

export const systemActor: Actor = { kind: 'system', id: null };

export interface AuditEvent {
  readonly agencyId: string | null;
  readonly actor: Actor;
  readonly action: string;
  readonly target: { readonly kind: string; readonly id: string | null };
  /** Ids and facts only: never a token, password or secret. */
  readonly data?: Record<string, unknown>;
}

/** Appends one audit event with the given executor (a transaction, in practice). */
export async function recordAudit(db: Executor, event: AuditEvent): Promise<void> {
  await recordAuditEvents(db, [event]);
}

/** Appends several audit events in one statement, in order. */
export async function recordAuditEvents(
  db: Executor,
  events: readonly AuditEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('audit_events')
    .values(
      events.map((event) => ({
        agency_id: event.agencyId,
        actor_kind: event.actor.kind,
        actor_id: event.actor.id,
        action: event.action,
        target_kind: event.target.kind,
        target_id: event.target.id,
        data: JSON.stringify(event.data ?? {}),
      })),
    )
    .execute();
}

/**
 * Runs `change` in a transaction and records the audit event it returns in that same transaction.
 * The change returns `{ result, audit }`; when it throws, neither the change nor the event is kept.
 */
export async function withAudit<T>(
  db: Kysely<Schema>,
  change: (tx: Transaction<Schema>) => Promise<{ result: T; audit: AuditEvent | AuditEvent[] }>,
): Promise<T> {
  return db.transaction().execute(async (tx) => {
    const { result, audit } = await change(tx);
    await recordAuditEvents(tx, Array.isArray(audit) ? audit : [audit]);
    return result;
  });
}

/** The newest audit events of one agency, newest first. */
export async function findAuditEvents(
  db: Executor,
  agencyId: string,
  options: { limit?: number; beforeId?: number } = {},
): Promise<AuditEventRow[]> {
  let query = db
    .selectFrom('audit_events')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('id', 'desc')
    .limit(options.limit ?? 100);
  if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId);
  return query.execute();
}
