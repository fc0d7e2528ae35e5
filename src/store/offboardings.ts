/**
 * Offboardings and their steps (one per asset of the plan). A worker takes a step's short lease,
 * records `requested` before the revoke call and the result after it, so a rerun after a crash
 * knows the platform may have acted and reads it back first.
 */
import { fetchPage, type ListOrder, type Page, type PageRequest } from './keyset.ts';
import { sql } from 'kysely';
import type { PlanStep } from '../domain/offboarding-plan.ts';
import type { Executor } from './audit.ts';
import type {
  OffboardingRow,
  OffboardingStatus,
  OffboardingStepRow,
  OffboardingStepStatus,
  OffboardingVerified,
  PlannedHolding,
} from './schema.ts';

export interface Offboarding {
  readonly id: string;
  readonly agencyId: string;
  readonly clientId: string | null;
  readonly requestId: string | null;
  readonly platform: string | null;
  readonly reason: 'manual' | 'expiry';
  readonly status: OffboardingStatus;
  readonly createdBy: string | null;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
  /** When the plan read what the agency holds (null: it could not). */
  readonly plannedAt: Date | null;
}

export interface OffboardingStep {
  readonly id: string;
  readonly offboardingId: string;
  readonly agencyId: string;
  readonly grantId: string | null;
  readonly position: number;
  readonly platform: string;
  readonly assetType: string;
  readonly assetId: string;
  readonly assetName: string;
  readonly ownerId: string | null;
  readonly level: string;
  readonly action: PlanStep['action'];
  readonly scope: string;
  readonly status: OffboardingStepStatus;
  readonly verified: OffboardingVerified | null;
  readonly manualStep: unknown;
  readonly detail: string | null;
  readonly attempts: number;
  readonly requestedAt: Date | null;
  readonly doneAt: Date | null;
  readonly verifiedAt: Date | null;
  /** What the plan's read found for this asset (null: not read). */
  readonly plannedHolding: PlannedHolding | null;
}

function toOffboarding(row: OffboardingRow): Offboarding {
  return {
    id: row.id,
    agencyId: row.agency_id,
    clientId: row.client_id,
    requestId: row.request_id,
    platform: row.platform,
    reason: row.reason,
    status: row.status,
    createdBy: row.created_by,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    plannedAt: row.planned_at,
  };
}

function toStep(row: OffboardingStepRow): OffboardingStep {
  return {
    id: row.id,
    offboardingId: row.offboarding_id,
    agencyId: row.agency_id,
    grantId: row.grant_id,
    position: row.position,
    platform: row.platform,
    assetType: row.asset_type,
    assetId: row.asset_id,
    assetName: row.asset_name,
    ownerId: row.owner_id,
    level: row.level,
    action: row.action,
    scope: row.scope,
    status: row.status,
    verified: row.verified,
    manualStep: row.manual_step,
    detail: row.detail,
    attempts: row.attempts,
    requestedAt: row.requested_at,
    doneAt: row.done_at,
    verifiedAt: row.verified_at,
    plannedHolding: row.planned_holding,
  };
}

export interface NewOffboarding {
  readonly agencyId: string;
  readonly clientId: string | null;
  readonly requestId: string | null;
  readonly platform: string | null;
  readonly reason: 'manual' | 'expiry';
  readonly createdBy: string | null;
  readonly steps: readonly PlanStep[];
  readonly now: Date;
  /** The plan's read: what the agency held, by `platform asset type asset id` (plannedKey). */
  readonly planned?: { readonly at: Date; readonly holdings: ReadonlyMap<string, PlannedHolding> };
}

/** The key of one asset in a plan's read. */
export function plannedKey(platform: string, assetType: string, assetId: string): string {
  return `${platform} ${assetType} ${assetId}`;
}

/**
 * Inserts an offboarding with its steps; for an expiry, an existing one for the same request is
 * returned instead (unique index), so two sweeps never start two.
 */
export async function insertOffboarding(
  db: Executor,
  input: NewOffboarding,
): Promise<{ offboarding: Offboarding; created: boolean }> {
  const row = await db
    .insertInto('offboardings')
    .values({
      agency_id: input.agencyId,
      client_id: input.clientId,
      request_id: input.requestId,
      platform: input.platform,
      reason: input.reason,
      created_by: input.createdBy,
      created_at: input.now,
      planned_at: input.planned?.at ?? null,
    })
    .onConflict((oc) => oc.column('request_id').where('reason', '=', 'expiry').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) {
    const existing = await db
      .selectFrom('offboardings')
      .selectAll()
      .where('request_id', '=', input.requestId)
      .where('reason', '=', 'expiry')
      .executeTakeFirstOrThrow();
    return { offboarding: toOffboarding(existing), created: false };
  }
  if (input.steps.length > 0) {
    await db
      .insertInto('offboarding_steps')
      .values(
        input.steps.map((s) => ({
          offboarding_id: row.id,
          agency_id: input.agencyId,
          grant_id: s.grantId,
          position: s.position,
          platform: s.platform,
          asset_type: s.assetType,
          asset_id: s.assetId,
          asset_name: s.assetName,
          owner_id: s.ownerId,
          level: s.level,
          action: s.action,
          scope: s.scope,
          status: s.action === 'keep' ? ('kept' as const) : ('pending' as const),
          manual_step: s.manualStep ? JSON.stringify(s.manualStep) : null,
          detail: s.explanation,
          planned_holding:
            input.planned?.holdings.get(plannedKey(s.platform, s.assetType, s.assetId)) ?? null,
        })),
      )
      .execute();
  }
  return { offboarding: toOffboarding(row), created: true };
}

/** One offboarding (agency-scoped when agencyId is given). */
export async function findOffboarding(
  db: Executor,
  id: string,
  agencyId?: string,
): Promise<Offboarding | undefined> {
  let query = db.selectFrom('offboardings').selectAll().where('id', '=', id);
  if (agencyId !== undefined) query = query.where('agency_id', '=', agencyId);
  const row = await query.executeTakeFirst();
  return row ? toOffboarding(row) : undefined;
}

/** How the offboardings list is ordered: newest first. */
export const offboardingsOrder: ListOrder = {
  key: 'created_at',
  id: 'id',
  kind: 'time',
  direction: 'desc',
};

/** One page of the agency's offboardings, newest first. */
export async function listOffboardings(
  db: Executor,
  agencyId: string,
  page: PageRequest,
): Promise<Page<Offboarding>> {
  const query = db.selectFrom('offboardings').selectAll().where('agency_id', '=', agencyId);
  const found = await fetchPage(query, offboardingsOrder, page);
  return { rows: found.rows.map(toOffboarding), next: found.next };
}

/** Steps of an offboarding in plan order. */
export async function listOffboardingSteps(
  db: Executor,
  offboardingId: string,
): Promise<OffboardingStep[]> {
  const rows = await db
    .selectFrom('offboarding_steps')
    .selectAll()
    .where('offboarding_id', '=', offboardingId)
    .orderBy('position')
    .execute();
  return rows.map(toStep);
}

/** One step of one of the agency's offboardings. */
export async function findOffboardingStep(
  db: Executor,
  agencyId: string,
  offboardingId: string,
  stepId: string,
): Promise<OffboardingStep | undefined> {
  const row = await db
    .selectFrom('offboarding_steps')
    .selectAll()
    .where('id', '=', stepId)
    .where('offboarding_id', '=', offboardingId)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  return row ? toStep(row) : undefined;
}

/** Takes a step's lease (nobody else holds a live one); undefined when another worker has it. */
export async function leaseOffboardingStep(
  db: Executor,
  id: string,
  now: Date,
  leaseMs: number,
): Promise<OffboardingStep | undefined> {
  const row = await db
    .updateTable('offboarding_steps')
    .set({ lease_until: new Date(now.getTime() + leaseMs) })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
    .returningAll()
    .executeTakeFirst();
  return row ? toStep(row) : undefined;
}

/**
 * Takes the leases of many steps in one statement; returns the steps taken (those another worker
 * holds are left out).
 */
export async function leaseOffboardingSteps(
  db: Executor,
  ids: readonly string[],
  now: Date,
  leaseMs: number,
): Promise<OffboardingStep[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable('offboarding_steps')
    .set({ lease_until: new Date(now.getTime() + leaseMs) })
    .where('id', 'in', ids)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
    .returningAll()
    .execute();
  return rows.map(toStep);
}

/** Records `requested` (before the removal call) on many steps in one statement. */
export async function markStepsRequested(
  db: Executor,
  ids: readonly string[],
  now: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('offboarding_steps')
    .set((eb) => ({ status: 'requested', requested_at: now, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', ids)
    .execute();
}

/** Records a step's progress (and releases its lease when it reaches a result). */
export async function updateOffboardingStep(
  db: Executor,
  id: string,
  change: {
    status?: OffboardingStepStatus;
    verified?: OffboardingVerified;
    detail?: string;
    manualStep?: unknown;
    requestedAt?: Date;
    doneAt?: Date;
    verifiedAt?: Date;
    countAttempt?: boolean;
    release?: boolean;
  },
): Promise<void> {
  await db
    .updateTable('offboarding_steps')
    .set((eb) => ({
      ...(change.status ? { status: change.status } : {}),
      ...(change.verified ? { verified: change.verified } : {}),
      ...(change.detail !== undefined ? { detail: change.detail } : {}),
      ...(change.manualStep !== undefined
        ? { manual_step: JSON.stringify(change.manualStep) }
        : {}),
      ...(change.requestedAt ? { requested_at: change.requestedAt } : {}),
      ...(change.doneAt ? { done_at: change.doneAt } : {}),
      ...(change.verifiedAt ? { verified_at: change.verifiedAt } : {}),
      ...(change.countAttempt ? { attempts: eb('attempts', '+', 1) } : {}),
      ...(change.release ? { lease_until: null } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

/** Moves an offboarding to a status (finished ones get their time). */
export async function setOffboardingStatus(
  db: Executor,
  id: string,
  status: OffboardingStatus,
  now: Date,
): Promise<void> {
  await db
    .updateTable('offboardings')
    .set({
      status,
      finished_at:
        status === 'completed' || status === 'needs_attention' ? now : sql<Date | null>`null`,
    })
    .where('id', '=', id)
    .execute();
}
