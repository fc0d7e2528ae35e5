/**
 * Erasing one client (GDPR art. 17), in one transaction: its requests (with their onboardings,
 * grants, checks, reminders and connections, by cascade), offboardings, drift alerts, the client
 * row, the emails and webhook deliveries that name it, stored Idempotency-Key answers that name
 * it, pg-boss jobs whose payload names it; audit events that name it keep only their counts
 * (migration 0009 lets this transaction, and only it, rewrite them). Then the touched tables are
 * rewritten (VACUUM FULL) so no dead copy of the rows stays in the database files.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Executor } from './audit.ts';
import { bossSchemaOf } from './boss-schema.ts';
import { mentionsAny, type ClientFootprint } from './client-data.ts';
import type { Schema } from './schema.ts';
import type { Keyring } from './secrets.ts';

export interface ErasureCounts {
  readonly requests: number;
  readonly grants: number;
  readonly offboardings: number;
  readonly driftAlerts: number;
  readonly emails: number;
  readonly webhookDeliveries: number;
  readonly idempotencyRecords: number;
  readonly jobs: number;
  readonly auditEvents: number;
}

const count = (result: { numDeletedRows?: bigint; numUpdatedRows?: bigint } | undefined) =>
  Number(result?.numDeletedRows ?? result?.numUpdatedRows ?? 0n);

/** Erases everything about the client in the caller's transaction; returns what went. */
export async function eraseClientData(
  tx: Executor,
  keyring: Keyring,
  agencyId: string,
  footprint: ClientFootprint & { email: string | null },
): Promise<ErasureCounts> {
  const { marks, ids } = footprint;
  await sql`select set_config('latchkey.erasure', 'on', true)`.execute(tx);
  const emails = await tx
    .deleteFrom('email_outbox')
    .where('agency_id', '=', agencyId)
    .where((eb) =>
      eb.or([
        eb('related_id', 'in', [...ids]),
        ...(footprint.email ? [eb('to_address', '=', footprint.email)] : []),
        mentionsAny('subject', marks),
      ]),
    )
    .executeTakeFirst();
  const webhooks = await tx
    .deleteFrom('webhook_deliveries')
    .where('agency_id', '=', agencyId)
    .where(mentionsAny('body', marks))
    .executeTakeFirst();
  const idempotency = await eraseIdempotencyRecords(tx, keyring, agencyId, marks);
  const schema = await bossSchemaOf(tx);
  const jobs = await sql`delete from ${sql.table(`${schema}.job`)} j
    where ${mentionsAny('j.data', marks)} or ${mentionsAny('j.output', marks)}`.execute(tx);
  const offboardings = footprint.offboardingIds.length
    ? await tx
        .deleteFrom('offboardings')
        .where('id', 'in', [...footprint.offboardingIds])
        .executeTakeFirst()
    : undefined;
  const alerts = footprint.alertIds.length
    ? await tx
        .deleteFrom('drift_alerts')
        .where('id', 'in', [...footprint.alertIds])
        .executeTakeFirst()
    : undefined;
  const requests = footprint.requestIds.length
    ? await tx
        .deleteFrom('access_requests')
        .where('id', 'in', [...footprint.requestIds])
        .executeTakeFirst()
    : undefined;
  await tx.deleteFrom('clients').where('id', '=', footprint.clientId).executeTakeFirst();
  // Audit events keep their action, time and numbers; ids, names and emails of the client go.
  const audit = await sql`update audit_events set
      target_id = case when target_id = any(${sql.val([...ids])}::text[]) then null else target_id end,
      actor_id = case when actor_id = any(${sql.val([...ids])}::text[]) then null else actor_id end,
      data = (select coalesce(jsonb_object_agg(key, value)
                filter (where jsonb_typeof(value) = 'number'), '{}'::jsonb)
              from jsonb_each(data)) || '{"erased": true}'::jsonb
    where agency_id = ${agencyId}
      and (target_id = any(${sql.val([...ids])}::text[])
        or actor_id = any(${sql.val([...ids])}::text[])
        or ${mentionsAny('data', marks)})`.execute(tx);
  return {
    requests: count(requests),
    grants: footprint.grantIds.length,
    offboardings: count(offboardings),
    driftAlerts: count(alerts),
    emails: count(emails),
    webhookDeliveries: count(webhooks),
    idempotencyRecords: idempotency,
    jobs: Number(jobs.numAffectedRows ?? 0n),
    auditEvents: Number(audit.numAffectedRows ?? 0n),
  };
}

/** Deletes the stored answers (sealed) of this agency or of anonymous callers that name the client. */
async function eraseIdempotencyRecords(
  tx: Executor,
  keyring: Keyring,
  agencyId: string,
  marks: readonly string[],
): Promise<number> {
  const rows = await tx
    .selectFrom('idempotency_keys')
    .select(['scope', 'key', 'response_body'])
    .where('scope', 'in', [`agency:${agencyId}`, 'anonymous'])
    .where('response_body', 'is not', null)
    .execute();
  let erased = 0;
  for (const row of rows) {
    const context = {
      table: 'idempotency_keys',
      column: 'response_body',
      rowId: `${row.scope}|${row.key}`,
      agencyId: row.scope,
    };
    const text = keyring.open(row.response_body ?? '', context).reveal();
    if (!marks.some((m) => text.includes(m))) continue;
    await tx
      .deleteFrom('idempotency_keys')
      .where('scope', '=', row.scope)
      .where('key', '=', row.key)
      .execute();
    erased += 1;
  }
  return erased;
}

const TOUCHED = [
  'clients',
  'access_requests',
  'access_request_items',
  'onboardings',
  'grants',
  'grant_checks',
  'grant_inputs',
  'rerequest_assets',
  'link_reminders',
  'access_end_reminders',
  'platform_connections',
  'oauth_states',
  'offboardings',
  'offboarding_steps',
  'drift_alerts',
  'email_outbox',
  'webhook_deliveries',
  'webhook_delivery_attempts',
  'idempotency_keys',
  'audit_events',
];

/**
 * Rewrites the tables an erasure touched (VACUUM FULL), so the deleted rows leave the database
 * files too, then closes the write-ahead log segment that still records them and checkpoints with
 * recycling off, so that segment is removed rather than kept for reuse. (On PGlite the checkpoint
 * runs in this very session, so the setting applies; on a PostgreSQL server the checkpointer is
 * its own process and the server's settings decide; the rows are gone from every table either
 * way.) Runs outside any transaction, after the erasure commits.
 */
export async function compactAfterErasure(db: Kysely<Schema>): Promise<void> {
  await db.connection().execute(async (conn) => {
    const schema = await bossSchemaOf(conn);
    for (const table of [...TOUCHED, `${schema}.job`]) {
      await sql`vacuum full ${sql.table(table)}`.execute(conn);
    }
    // Each step needs rights a managed database may not grant; the rewrite above is what counts.
    const attempt = (statement: RawBuilder<unknown>) =>
      statement.execute(conn).catch(() => undefined);
    await attempt(sql`set wal_recycle = off`);
    await attempt(sql`select pg_switch_wal()`);
    await attempt(sql`checkpoint`);
    await attempt(sql`reset wal_recycle`);
  });
}
