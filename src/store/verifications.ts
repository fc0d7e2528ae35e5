/**
 * Verification sweeps: runs (who asked, when, the counts) and each granted asset's latest check
 * (`grant_checks`). Agency-facing reads are scoped by agency id.
 */
import { fetchPage, type ListOrder, type Page, type PageRequest } from './keyset.ts';
import type { CheckState } from '../domain/drift.ts';
import type { Executor } from './audit.ts';
import type {
  CheckOutcome,
  GrantCheckRow,
  VerificationRunRow,
  VerificationTrigger,
} from './schema.ts';

export interface VerificationRun {
  readonly id: string;
  readonly agencyId: string;
  readonly trigger: VerificationTrigger;
  readonly status: 'queued' | 'running' | 'completed';
  readonly summary: Record<string, number>;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
}

function toRun(row: VerificationRunRow): VerificationRun {
  return {
    id: row.id,
    agencyId: row.agency_id,
    trigger: row.trigger,
    status: row.status,
    summary: row.summary,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/** Creates a queued run for one agency. */
export async function insertVerificationRun(
  db: Executor,
  input: { agencyId: string; trigger: VerificationTrigger; requestedBy: string | null; now: Date },
): Promise<VerificationRun> {
  const row = await db
    .insertInto('verification_runs')
    .values({
      agency_id: input.agencyId,
      trigger: input.trigger,
      requested_by: input.requestedBy,
      created_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRun(row);
}

/** One run (agency-scoped when agencyId is given). */
export async function findVerificationRun(
  db: Executor,
  id: string,
  agencyId?: string,
): Promise<VerificationRun | undefined> {
  let query = db.selectFrom('verification_runs').selectAll().where('id', '=', id);
  if (agencyId !== undefined) query = query.where('agency_id', '=', agencyId);
  const row = await query.executeTakeFirst();
  return row ? toRun(row) : undefined;
}

/** How the runs list is ordered: newest first. */
export const verificationRunsOrder: ListOrder = {
  key: 'created_at',
  id: 'id',
  kind: 'time',
  direction: 'desc',
};

/** One page of the agency's runs, newest first. */
export async function listVerificationRuns(
  db: Executor,
  agencyId: string,
  page: PageRequest,
): Promise<Page<VerificationRun>> {
  const query = db.selectFrom('verification_runs').selectAll().where('agency_id', '=', agencyId);
  const found = await fetchPage(query, verificationRunsOrder, page);
  return { rows: found.rows.map(toRun), next: found.next };
}

/** Marks a run started / completed with its counts. */
export async function updateVerificationRun(
  db: Executor,
  id: string,
  change:
    | { status: 'running'; at: Date }
    | { status: 'completed'; at: Date; summary: Record<string, number> },
): Promise<void> {
  await db
    .updateTable('verification_runs')
    .set(
      change.status === 'running'
        ? { status: 'running', started_at: change.at }
        : { status: 'completed', finished_at: change.at, summary: JSON.stringify(change.summary) },
    )
    .where('id', '=', id)
    .execute();
}

/** When the agency's last scheduled (or any) run was created, to decide whether one is due. */
export async function lastRunAt(db: Executor, agencyId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('verification_runs')
    .select((eb) => eb.fn.max('created_at').as('last'))
    .where('agency_id', '=', agencyId)
    .where('trigger', 'in', ['schedule', 'dashboard', 'api', 'cli'])
    .executeTakeFirst();
  return row?.last ? new Date(row.last) : null;
}

/** Agencies that have granted assets to verify. */
export async function listAgenciesWithGrants(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('grants')
    .select('agency_id')
    .distinct()
    .where('status', '=', 'granted')
    .execute();
  return rows.map((r) => r.agency_id);
}

export interface GrantCheck extends CheckState {
  readonly grantId: string;
  readonly expectedLevel: string;
  readonly checkedAt: Date;
  readonly alertId: string | null;
}

function toCheck(row: GrantCheckRow): GrantCheck {
  return {
    grantId: row.grant_id,
    outcome: row.outcome,
    expectedLevel: row.expected_level,
    levelFound: row.level_found,
    driftSince: row.drift_since,
    verifiedAt: row.verified_at,
    failures: row.failures,
    lastError: row.last_error,
    checkedAt: row.checked_at,
    alertId: row.alert_id,
  };
}

/** The latest checks of these grants, by grant id. */
export async function findGrantChecks(
  db: Executor,
  grantIds: readonly string[],
): Promise<Map<string, GrantCheck>> {
  if (grantIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('grant_checks')
    .selectAll()
    .where('grant_id', 'in', grantIds)
    .execute();
  return new Map(rows.map((r) => [r.grant_id, toCheck(r)]));
}

/** Writes a grant's latest check (insert or replace). */
export async function saveGrantCheck(
  db: Executor,
  input: {
    grantId: string;
    agencyId: string;
    runId: string | null;
    expectedLevel: string;
    state: CheckState;
    checkedAt: Date;
    alertId?: string | null;
  },
): Promise<void> {
  const values = {
    run_id: input.runId,
    outcome: input.state.outcome,
    expected_level: input.expectedLevel,
    level_found: input.state.levelFound,
    verified_at: input.state.verifiedAt,
    checked_at: input.checkedAt,
    failures: input.state.failures,
    last_error: input.state.lastError,
    drift_since: input.state.driftSince,
    ...(input.alertId !== undefined ? { alert_id: input.alertId } : {}),
  };
  await db
    .insertInto('grant_checks')
    .values({ grant_id: input.grantId, agency_id: input.agencyId, ...values })
    .onConflict((oc) => oc.column('grant_id').doUpdateSet(values))
    .execute();
  if (input.state.outcome !== 'unknown') {
    await db
      .updateTable('grants')
      .set({ verified_at: input.checkedAt })
      .where('id', '=', input.grantId)
      .execute();
  }
}

/** Grants of an agency whose latest check is one of these outcomes. */
export async function listGrantIdsByOutcome(
  db: Executor,
  agencyId: string,
  outcomes: readonly CheckOutcome[],
): Promise<string[]> {
  const rows = await db
    .selectFrom('grant_checks')
    .select('grant_id')
    .where('agency_id', '=', agencyId)
    .where('outcome', 'in', [...outcomes])
    .execute();
  return rows.map((r) => r.grant_id);
}
