/**
 * Grants: one asset, one level, one state, unique by idempotency key. A worker leases a grant
 * while it works (a crashed worker's lease just expires) and appends each step before the next
 * remote call, guarded by its lease so a stale worker cannot write.
 */
import { sql } from 'kysely';
import type { GrantOnPlatform } from '../domain/onboarding.ts';
import type { Executor } from './audit.ts';
import type { GrantRow, GrantStatus, GrantStep } from './schema.ts';

export interface Grant {
  readonly id: string;
  readonly agencyId: string;
  readonly onboardingId: string;
  readonly platform: string;
  readonly assetType: string;
  readonly assetId: string;
  readonly assetName: string;
  readonly ownerId: string | null;
  readonly permissionLevel: string;
  readonly status: GrantStatus;
  readonly idempotencyKey: string;
  readonly steps: readonly GrantStep[];
  readonly manualStep: unknown;
  readonly failureReason: string | null;
  readonly attempts: number;
  readonly verifiedAt: Date | null;
  readonly leaseUntil: Date | null;
  readonly leaseOwner: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

function toGrant(row: GrantRow): Grant {
  return {
    id: row.id,
    agencyId: row.agency_id,
    onboardingId: row.onboarding_id,
    platform: row.platform,
    assetType: row.asset_type,
    assetId: row.asset_id,
    assetName: row.asset_name,
    ownerId: row.owner_id,
    permissionLevel: row.permission_level,
    status: row.status,
    idempotencyKey: row.idempotency_key,
    steps: row.steps,
    manualStep: row.manual_step,
    failureReason: row.failure_reason,
    attempts: row.attempts,
    verifiedAt: row.verified_at,
    leaseUntil: row.lease_until,
    leaseOwner: row.lease_owner,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface NewGrantInput {
  readonly agencyId: string;
  readonly onboardingId: string;
  readonly platform: string;
  readonly assetType: string;
  readonly assetId: string;
  readonly assetName: string;
  readonly ownerId: string | null;
  readonly permissionLevel: string;
  readonly idempotencyKey: string;
}

/** A claim made with the insert (insertGrants' `claimedBy`). */
export type GrantClaim = Omit<ClaimInput, 'id'>;

/**
 * Inserts grants; an existing idempotency key keeps its row. Returns the rows now stored. With
 * `claimedBy`, fresh rows are inserted already claimed, as claimGrant would leave them (running,
 * first attempt, the owner's lease, the `claimed` and intent steps): the approval of a process
 * that works grants runs them at once, without the queue's fetch and a claim of their own.
 */
export async function insertGrants(
  db: Executor,
  grants: readonly NewGrantInput[],
  options: { readonly claimedBy?: GrantClaim } = {},
): Promise<Grant[]> {
  if (grants.length === 0) return [];
  // A fresh row is what was given plus its id and time: only those come back (returning whole
  // rows cost as much as the insert itself at 1,000 grants on the embedded database, issue #16).
  // The rows go as one JSON parameter: a VALUES list of 1,000 rows is 9,000 parameters to bind
  // and a statement of its own size to parse and plan (50-70 ms against 40 on PGlite).
  const values = grants.map((g) => ({
    agency_id: g.agencyId,
    onboarding_id: g.onboardingId,
    platform: g.platform,
    asset_type: g.assetType,
    asset_id: g.assetId,
    asset_name: g.assetName,
    owner_id: g.ownerId,
    permission_level: g.permissionLevel,
    idempotency_key: g.idempotencyKey,
  }));
  // The claim's columns are the same for every row: bound once, not repeated in the JSON.
  const claim = options.claimedBy;
  const state = claim
    ? { ...claimColumns(claim), steps: JSON.stringify(claimSteps(claim)) }
    : { status: 'queued', attempts: 0, lease_owner: null, lease_until: null, steps: '[]' };
  const { rows: inserted } = await sql<{ id: string; idempotency_key: string; created_at: Date }>`
    insert into grants (agency_id, onboarding_id, platform, asset_type, asset_id, asset_name,
      owner_id, permission_level, idempotency_key, status, attempts, lease_owner, lease_until,
      steps)
    select agency_id, onboarding_id, platform, asset_type, asset_id, asset_name, owner_id,
      permission_level, idempotency_key, ${state.status}, ${state.attempts}::integer,
      ${state.lease_owner}::text, ${state.lease_until}::timestamptz, ${state.steps}::jsonb
    from json_to_recordset(${JSON.stringify(values)}::json) as x(agency_id uuid,
      onboarding_id uuid, platform text, asset_type text, asset_id text, asset_name text,
      owner_id text, permission_level text, idempotency_key text)
    on conflict (idempotency_key) do nothing
    returning id, idempotency_key, created_at`.execute(db);
  const fresh = new Map(inserted.map((row) => [row.idempotency_key, row]));
  // Keys that existed already (a retried insert) are read; a fresh insert needs no second trip.
  const existing = grants.filter((g) => !fresh.has(g.idempotencyKey));
  const rows =
    existing.length === 0
      ? []
      : await db
          .selectFrom('grants')
          .selectAll()
          .where(
            'idempotency_key',
            'in',
            existing.map((g) => g.idempotencyKey),
          )
          .execute();
  const stored = new Map(rows.map((row) => [row.idempotency_key, toGrant(row)]));
  const seen = new Set<string>();
  return grants.flatMap((g) => {
    if (seen.has(g.idempotencyKey)) return [];
    seen.add(g.idempotencyKey);
    const row = fresh.get(g.idempotencyKey);
    if (row) return [newGrant(g, row, claim)];
    const grant = stored.get(g.idempotencyKey);
    return grant ? [grant] : [];
  });
}

/** What claimGrants writes, for rows inserted claimed (but the steps: claimSteps). */
function claimColumns(claim: GrantClaim) {
  return {
    status: 'running' as const,
    attempts: 1,
    lease_owner: claim.owner,
    lease_until: new Date(claim.now.getTime() + claim.leaseMs).toISOString(),
  };
}

/** The steps a claim appends: `claimed`, and the intent given with it. */
function claimSteps(claim: GrantClaim): GrantStep[] {
  const claimed: GrantStep = { name: 'claimed', at: claim.now.toISOString() };
  return claim.intent ? [claimed, claim.intent] : [claimed];
}

/** A row just inserted, as the table's defaults (or its claim) made it. */
function newGrant(
  input: NewGrantInput,
  row: { id: string; idempotency_key: string; created_at: Date },
  claim: GrantClaim | undefined,
): Grant {
  return {
    id: row.id,
    agencyId: input.agencyId,
    onboardingId: input.onboardingId,
    platform: input.platform,
    assetType: input.assetType,
    assetId: input.assetId,
    assetName: input.assetName,
    ownerId: input.ownerId,
    permissionLevel: input.permissionLevel,
    idempotencyKey: row.idempotency_key,
    status: claim ? 'running' : 'queued',
    steps: claim ? claimSteps(claim) : [],
    manualStep: null,
    failureReason: null,
    attempts: claim ? 1 : 0,
    verifiedAt: null,
    leaseUntil: claim ? new Date(claim.now.getTime() + claim.leaseMs) : null,
    leaseOwner: claim?.owner ?? null,
    createdAt: row.created_at,
    updatedAt: row.created_at,
  };
}

/** The grants of one client's approval on one platform that have not been tried yet. */
export interface UntriedGrants {
  readonly agencyId: string;
  readonly onboardingId: string;
  readonly platform: string;
  readonly assetTypes: readonly string[];
  /**
   * The earliest start of a read of the agency's side that can decide their first attempts:
   * before it nothing of Latchkey's can have touched their access. That is the moment their
   * approval began (onboardings.approved_at, on the app's clock, which also times the reads), or
   * the latest creation among them where the approval's time is not a few seconds before it
   * (grants created otherwise, or clocks that disagree).
   */
  readonly readsFrom: Date;
}

/** How long before the grants' creation their approval may have begun (its reads, its lock). */
const APPROVAL_LEAD_MS = 10_000;

/** Which of these grants are still queued and never tried, by onboarding and platform. */
export async function listUntriedGrants(
  db: Executor,
  ids: readonly string[],
): Promise<UntriedGrants[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('grants as g')
    .innerJoin('onboardings as o', 'o.id', 'g.onboarding_id')
    .select(['g.agency_id', 'g.onboarding_id', 'g.platform', 'g.asset_type', 'o.approved_at'])
    .select((eb) => eb.fn.max('g.created_at').as('created_at'))
    .where('g.id', 'in', ids)
    .where('g.status', '=', 'queued')
    .where('g.attempts', '=', 0)
    .groupBy(['g.agency_id', 'g.onboarding_id', 'g.platform', 'g.asset_type', 'o.approved_at'])
    .execute();
  const groups = new Map<string, UntriedGrants & { assetTypes: string[] }>();
  for (const row of rows) {
    const key = `${row.agency_id} ${row.onboarding_id} ${row.platform}`;
    const createdAt = new Date(row.created_at);
    const approvedAt = row.approved_at ? new Date(row.approved_at) : undefined;
    const readsFrom =
      approvedAt &&
      approvedAt <= createdAt &&
      createdAt.getTime() - approvedAt.getTime() <= APPROVAL_LEAD_MS
        ? approvedAt
        : createdAt;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, {
        agencyId: row.agency_id,
        onboardingId: row.onboarding_id,
        platform: row.platform,
        assetTypes: [row.asset_type],
        readsFrom,
      });
      continue;
    }
    group.assetTypes.push(row.asset_type);
    if (readsFrom > group.readsFrom) groups.set(key, { ...group, readsFrom });
  }
  return [...groups.values()];
}

/** The grants of one onboarding, in creation order. */
export async function listGrantsByOnboarding(db: Executor, onboardingId: string): Promise<Grant[]> {
  const rows = await db
    .selectFrom('grants')
    .selectAll()
    .where('onboarding_id', '=', onboardingId)
    .orderBy('created_at')
    .orderBy('asset_type')
    .orderBy('asset_id')
    .execute();
  return rows.map(toGrant);
}

/**
 * The statuses of one onboarding's grants with their platform (what its own status is derived
 * from, and which of the client's tokens it still needs).
 */
export async function listGrantStatuses(
  db: Executor,
  onboardingId: string,
): Promise<GrantOnPlatform[]> {
  return db
    .selectFrom('grants')
    .select(['platform', 'status'])
    .where('onboarding_id', '=', onboardingId)
    .execute();
}

/** listGrantStatuses for several onboardings, in one statement, by onboarding. */
export async function listGrantStatusesByOnboarding(
  db: Executor,
  onboardingIds: readonly string[],
): Promise<Map<string, GrantOnPlatform[]>> {
  const byOnboarding = new Map<string, GrantOnPlatform[]>(onboardingIds.map((id) => [id, []]));
  if (onboardingIds.length === 0) return byOnboarding;
  const rows = await db
    .selectFrom('grants')
    .select(['onboarding_id', 'platform', 'status'])
    .where('onboarding_id', 'in', onboardingIds)
    .execute();
  for (const row of rows) {
    byOnboarding.get(row.onboarding_id)?.push({ platform: row.platform, status: row.status });
  }
  return byOnboarding;
}

/** The grants of several onboardings (dashboard lists). */
export async function listGrantsByOnboardings(
  db: Executor,
  onboardingIds: readonly string[],
): Promise<Grant[]> {
  if (onboardingIds.length === 0) return [];
  const rows = await db
    .selectFrom('grants')
    .selectAll()
    .where('onboarding_id', 'in', onboardingIds)
    .orderBy('created_at')
    .execute();
  return rows.map(toGrant);
}

/** One grant by id. */
export async function findGrant(db: Executor, id: string): Promise<Grant | undefined> {
  const row = await db.selectFrom('grants').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toGrant(row) : undefined;
}

export interface ClaimInput {
  readonly id: string;
  readonly owner: string;
  readonly now: Date;
  readonly leaseMs: number;
  readonly intent?: GrantStep;
}

/**
 * Takes the grant's lease for `owner` when it is queued or running and nobody else holds a live
 * lease; counts the attempt and records a `claimed` step, and the `intent` step with it when
 * given (the recovery point before the first remote effect, saving a round trip). Undefined when
 * it cannot be taken.
 */
export async function claimGrant(db: Executor, input: ClaimInput): Promise<Grant | undefined> {
  const [claimed] = await claimGrants(db, [input]);
  return claimed;
}

/**
 * claimGrant for many grants in one statement (workers that start together): each row is
 * guarded exactly as claimGrant guards it; one result per input, in order.
 */
export async function claimGrants(
  db: Executor,
  inputs: readonly ClaimInput[],
): Promise<(Grant | undefined)[]> {
  if (inputs.length === 0) return [];
  const claims = inputs.map((input) => ({
    id: input.id,
    owner: input.owner,
    now: input.now.toISOString(),
    lease_until: new Date(input.now.getTime() + input.leaseMs).toISOString(),
    steps: claimSteps(input),
  }));
  const { rows } = await sql<GrantRow>`
    update grants as g set
      status = 'running',
      attempts = g.attempts + 1,
      lease_owner = c.owner,
      lease_until = c.lease_until,
      steps = g.steps || c.steps,
      updated_at = c.now
    from jsonb_to_recordset(${JSON.stringify(claims)}::jsonb)
      as c(id uuid, owner text, now timestamptz, lease_until timestamptz, steps jsonb)
    where g.id = c.id
      and g.status in ('queued', 'running')
      and (g.lease_until is null or g.lease_until <= c.now or g.lease_owner = c.owner)
    returning g.*`.execute(db);
  const byId = new Map(rows.map((row) => [row.id, toGrant(row)]));
  return inputs.map((input) => {
    const grant = byId.get(input.id);
    return grant?.leaseOwner === input.owner ? grant : undefined;
  });
}

/**
 * Appends a step and renews the lease, only while `owner` still holds it. Returns false when the
 * lease was lost (another worker took over): the caller must stop before any remote call.
 */
export async function appendGrantStep(
  db: Executor,
  input: { id: string; owner: string; step: GrantStep; now: Date; leaseMs: number },
): Promise<boolean> {
  const result = await db
    .updateTable('grants')
    .set({
      steps: sql`steps || ${JSON.stringify([input.step])}::jsonb`,
      lease_until: new Date(input.now.getTime() + input.leaseMs),
      updated_at: input.now,
    })
    .where('id', '=', input.id)
    .where('lease_owner', '=', input.owner)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface GrantSettlement {
  readonly status: GrantStatus;
  readonly step: GrantStep;
  readonly manualStep?: unknown;
  readonly failureReason?: string | null;
  readonly verified?: boolean;
}

/**
 * Moves a grant to its next state with a final step and releases the lease. With `owner`, only
 * while that worker holds the lease; with `from`, only from those states. Returns the row or
 * undefined when the guard did not match.
 */
export async function settleGrant(
  db: Executor,
  input: SettleGrantInput & { now: Date },
): Promise<Grant | undefined> {
  const [settled] = await settleGrants(db, [input], input.now);
  return settled;
}

export interface SettleGrantInput {
  readonly id: string;
  readonly owner?: string;
  readonly from?: readonly GrantStatus[];
  readonly settlement: GrantSettlement;
}

/**
 * settleGrant for many grants in one statement (grants that finish together): each row keeps its
 * own guard (lease owner, expected states) and gets its own settlement; one result per input, in
 * order, undefined where the guard did not match. A grant named twice is settled once.
 */
export async function settleGrants(
  db: Executor,
  inputs: readonly SettleGrantInput[],
  now: Date,
): Promise<(Grant | undefined)[]> {
  if (inputs.length === 0) return [];
  const rows = inputs.map((input) => ({
    id: input.id,
    owner: input.owner ?? null,
    from_statuses: input.from ?? null,
    status: input.settlement.status,
    step: [input.settlement.step],
    manual_step: input.settlement.manualStep ?? null,
    failure_reason: input.settlement.failureReason ?? null,
    verified: input.settlement.verified === true,
  }));
  const { rows: updated } = await sql<GrantRow>`
    update grants as g set
      status = s.status,
      steps = g.steps || s.step,
      manual_step = s.manual_step,
      failure_reason = s.failure_reason,
      lease_owner = null,
      lease_until = null,
      updated_at = ${now},
      verified_at = case when s.verified then ${now}::timestamptz else g.verified_at end
    from (
      select distinct on (id) * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
        id uuid, owner text, from_statuses jsonb, status text, step jsonb, manual_step jsonb,
        failure_reason text, verified boolean
      )
    ) as s
    where g.id = s.id
      and (s.owner is null or g.lease_owner = s.owner)
      and (s.from_statuses is null or s.from_statuses ? g.status)
    returning g.*`.execute(db);
  const byId = new Map(updated.map((row) => [row.id, toGrant(row)]));
  const seen = new Set<string>();
  return inputs.map((input) => {
    const grant = byId.get(input.id);
    if (!grant || seen.has(input.id) || grant.status !== input.settlement.status) return undefined;
    seen.add(input.id);
    return grant;
  });
}

/** Grants whose job may have been lost: queued or running with no live lease. */
export async function listStrandedGrants(
  db: Executor,
  now: Date,
  olderThan: Date,
  limit = 200,
): Promise<Grant[]> {
  const rows = await db
    .selectFrom('grants')
    .selectAll()
    .where('status', 'in', ['queued', 'running'])
    .where('updated_at', '<=', olderThan)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
    .orderBy('updated_at')
    .limit(limit)
    .execute();
  return rows.map(toGrant);
}

/**
 * Grants whose worker died mid-run: running, still naming an owner (a worker that ends a run
 * settles or releases it, clearing the owner), and past the lease that the owner kept renewing.
 */
export async function listCrashedGrants(db: Executor, now: Date, limit = 200): Promise<Grant[]> {
  const rows = await db
    .selectFrom('grants')
    .selectAll()
    .where('status', '=', 'running')
    .where('lease_owner', 'is not', null)
    .where('lease_until', '<=', now)
    .orderBy('lease_until')
    .limit(limit)
    .execute();
  return rows.map(toGrant);
}

/**
 * Renews the leases of grants a live worker is running, in one statement: each row only while
 * that owner still holds it. `updated_at` stays: a renewal is not progress. Returns how many held.
 */
export async function renewGrantLeases(
  db: Executor,
  held: readonly { readonly id: string; readonly owner: string }[],
  until: Date,
): Promise<number> {
  if (held.length === 0) return 0;
  const { rows } = await sql<{ id: string }>`
    update grants as g set lease_until = ${until}
    from jsonb_to_recordset(${JSON.stringify(held)}::jsonb) as h(id uuid, owner text)
    where g.id = h.id and g.lease_owner = h.owner and g.status = 'running'
    returning g.id`.execute(db);
  return rows.length;
}

/** Grants waiting for a person (acceptance, manual step), least recently checked first. */
export async function listAwaitingGrants(
  db: Executor,
  checkedBefore: Date,
  limit = 200,
): Promise<Grant[]> {
  const rows = await db
    .selectFrom('grants')
    .selectAll()
    .where('status', 'in', ['pending_acceptance', 'needs_manual_step'])
    .where('updated_at', '<=', checkedBefore)
    .orderBy('updated_at')
    .limit(limit)
    .execute();
  return rows.map(toGrant);
}

/** Gives the lease up early (the job failed and will be retried): the next run may claim at once. */
export async function releaseGrant(
  db: Executor,
  id: string,
  owner: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('grants')
    // No owner: the grant waits for its job's retry, and nobody mistakes it for a crashed run.
    .set({ lease_owner: null, lease_until: now, updated_at: now })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .execute();
}

/** Records that an awaiting grant was checked and nothing changed (keeps the sweep fair). */
export async function touchGrantCheck(
  db: Executor,
  id: string,
  verification: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('grants')
    .set({ verification, verified_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
}
