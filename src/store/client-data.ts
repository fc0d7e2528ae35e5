/**
 * Everything Latchkey holds about one client, found by the ids and words that name it: its row,
 * its requests (and their onboardings, grants, checks, re-request assets, reminders, connections),
 * offboardings, drift alerts, emails, webhook deliveries, stored Idempotency-Key answers, pg-boss
 * job payloads and audit events. Used by the export (GDPR art. 15) and the erasure (art. 17).
 */
import { sql } from 'kysely';
import type { Executor } from './audit.ts';
import { bossSchemaOf } from './boss-schema.ts';

export interface ClientFootprint {
  readonly clientId: string;
  /** Ids of every row about the client (requests, onboardings, grants, offboardings, alerts). */
  readonly ids: readonly string[];
  /** Words that name the client: ids, its name and its email. */
  readonly marks: readonly string[];
  readonly requestIds: readonly string[];
  readonly onboardingIds: readonly string[];
  readonly grantIds: readonly string[];
  readonly offboardingIds: readonly string[];
  readonly alertIds: readonly string[];
}

/** Finds the client's rows; undefined when the agency has no such client. */
export async function findClientFootprint(
  db: Executor,
  agencyId: string,
  clientId: string,
): Promise<(ClientFootprint & { name: string; email: string | null }) | undefined> {
  const client = await db
    .selectFrom('clients')
    .select(['id', 'name', 'email'])
    .where('agency_id', '=', agencyId)
    .where('id', '=', clientId)
    .executeTakeFirst();
  if (!client) return undefined;
  const requestIds = (
    await db
      .selectFrom('access_requests')
      .select('id')
      .where('agency_id', '=', agencyId)
      .where('client_id', '=', clientId)
      .execute()
  ).map((r) => r.id);
  const onboardingIds = requestIds.length
    ? (
        await db
          .selectFrom('onboardings')
          .select('id')
          .where('request_id', 'in', requestIds)
          .execute()
      ).map((r) => r.id)
    : [];
  const grantIds = onboardingIds.length
    ? (
        await db
          .selectFrom('grants')
          .select('id')
          .where('onboarding_id', 'in', onboardingIds)
          .execute()
      ).map((r) => r.id)
    : [];
  const ofRequests = requestIds.length ? requestIds : ['00000000-0000-0000-0000-000000000000'];
  const offboardingIds = (
    await db
      .selectFrom('offboardings')
      .select('id')
      .where('agency_id', '=', agencyId)
      .where((eb) => eb.or([eb('client_id', '=', clientId), eb('request_id', 'in', ofRequests)]))
      .execute()
  ).map((r) => r.id);
  const alertIds = (
    await db
      .selectFrom('drift_alerts')
      .select('id')
      .where('agency_id', '=', agencyId)
      .where((eb) => eb.or([eb('client_id', '=', clientId), eb('request_id', 'in', ofRequests)]))
      .execute()
  ).map((r) => r.id);
  const ids = [
    clientId,
    ...requestIds,
    ...onboardingIds,
    ...grantIds,
    ...offboardingIds,
    ...alertIds,
  ];
  const marks = [...ids, client.name, ...(client.email ? [client.email] : [])];
  return {
    clientId,
    name: client.name,
    email: client.email,
    ids,
    marks,
    requestIds,
    onboardingIds,
    grantIds,
    offboardingIds,
    alertIds,
  };
}

/** A SQL test: does this text column mention any of the marks? */
export function mentionsAny(column: string, marks: readonly string[]) {
  const patterns = marks.map((m) => `%${m.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return sql<boolean>`${sql.ref(column)}::text like any (${sql.val(patterns)}::text[])`;
}

/** The pg-boss jobs whose payload or output names the client (rows as JSON text). */
export async function listClientJobs(db: Executor, marks: readonly string[]): Promise<string[]> {
  const schema = await bossSchemaOf(db);
  const result = await sql<{ job: string }>`
    select row_to_json(j)::text as job from ${sql.table(`${schema}.job`)} j
    where ${mentionsAny('j.data', marks)} or ${mentionsAny('j.output', marks)}`.execute(db);
  return result.rows.map((r) => r.job);
}
