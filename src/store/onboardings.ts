/** Onboardings: one client answering one link (one per request; two tabs share it). */
import { sql } from 'kysely';
import type { Executor } from './audit.ts';
import type { OnboardingRow, OnboardingStatus } from './schema.ts';

export interface Onboarding {
  readonly id: string;
  readonly agencyId: string;
  readonly requestId: string;
  readonly status: OnboardingStatus;
  readonly startedAt: Date;
  readonly approvedAt: Date | null;
  readonly completedAt: Date | null;
  readonly assetListing: unknown;
  readonly listedAt: Date | null;
}

function toOnboarding(row: OnboardingRow): Onboarding {
  return {
    id: row.id,
    agencyId: row.agency_id,
    requestId: row.request_id,
    status: row.status,
    startedAt: row.started_at,
    approvedAt: row.approved_at,
    completedAt: row.completed_at,
    assetListing: row.asset_listing,
    listedAt: row.listed_at,
  };
}

/** The request's onboarding, created on first use; `created` says whether this call made it. */
export async function findOrCreateOnboarding(
  db: Executor,
  input: { agencyId: string; requestId: string },
): Promise<{ onboarding: Onboarding; created: boolean }> {
  const inserted = await db
    .insertInto('onboardings')
    .values({ agency_id: input.agencyId, request_id: input.requestId })
    .onConflict((oc) => oc.column('request_id').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { onboarding: toOnboarding(inserted), created: true };
  const existing = await db
    .selectFrom('onboardings')
    .selectAll()
    .where('request_id', '=', input.requestId)
    .executeTakeFirstOrThrow();
  return { onboarding: toOnboarding(existing), created: false };
}

/** The onboarding of a request, if the link was ever opened. */
export async function findOnboardingByRequest(
  db: Executor,
  requestId: string,
): Promise<Onboarding | undefined> {
  const row = await db
    .selectFrom('onboardings')
    .selectAll()
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  return row ? toOnboarding(row) : undefined;
}

/** One onboarding by id. */
export async function findOnboarding(db: Executor, id: string): Promise<Onboarding | undefined> {
  const row = await db
    .selectFrom('onboardings')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toOnboarding(row) : undefined;
}

/** Reads the onboarding under a row lock (serialises approvals from two tabs). */
export async function lockOnboarding(db: Executor, id: string): Promise<Onboarding | undefined> {
  const row = await db
    .selectFrom('onboardings')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? toOnboarding(row) : undefined;
}

/**
 * Locks the onboarding row and reads its state only (not the cached asset listing, which can be
 * large): what settling each grant needs, many times per approval.
 */
export async function lockOnboardingState(
  db: Executor,
  id: string,
): Promise<OnboardingState | undefined> {
  const [state] = await lockOnboardingStates(db, [id]);
  return state;
}

export type OnboardingState = Pick<Onboarding, 'id' | 'agencyId' | 'requestId' | 'status'>;

/**
 * lockOnboardingState for several onboardings in one statement. The rows are locked in id order,
 * so two transactions settling grants of the same onboardings (two worker processes) queue
 * behind each other instead of deadlocking.
 */
export async function lockOnboardingStates(
  db: Executor,
  ids: readonly string[],
): Promise<OnboardingState[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('onboardings')
    .select(['id', 'agency_id', 'request_id', 'status'])
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((row) => ({
    id: row.id,
    agencyId: row.agency_id,
    requestId: row.request_id,
    status: row.status,
  }));
}

/** Keeps what the client was shown, so approval is checked against exactly that. */
export async function saveAssetListing(
  db: Executor,
  id: string,
  listing: unknown,
  now: Date,
): Promise<void> {
  await db
    .updateTable('onboardings')
    .set({ asset_listing: JSON.stringify(listing), listed_at: now })
    .where('id', '=', id)
    .execute();
}

/**
 * Stores what one platform listed for the client, beside the other platforms' listings, while
 * the onboarding is still being filled in. One statement (a jsonb merge), so two platforms
 * listed at once (the client page loads them side by side) cannot overwrite each other.
 */
export async function savePlatformListing(
  db: Executor,
  id: string,
  platform: string,
  listing: unknown,
  now: Date,
): Promise<void> {
  await db
    .updateTable('onboardings')
    .set({
      asset_listing: sql`(case when jsonb_typeof(asset_listing) = 'object' then asset_listing else '{}'::jsonb end) || jsonb_build_object(${platform}::text, ${JSON.stringify(listing)}::jsonb)`,
      listed_at: now,
    })
    .where('id', '=', id)
    .where('status', '=', 'started')
    .execute();
}

/** Moves the onboarding to `status`; false when it already was there. */
export async function setOnboardingStatus(
  db: Executor,
  id: string,
  status: OnboardingStatus,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('onboardings')
    .set({
      status,
      ...(status === 'approved' ? { approved_at: now } : {}),
      ...(status === 'completed' || status === 'partial' ? { completed_at: now } : {}),
    })
    .where('id', '=', id)
    .where('status', '!=', status)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Onboardings with grants still waiting for a person or a job (for the periodic sweep). */
export async function listOpenOnboardingIds(db: Executor, limit = 500): Promise<string[]> {
  const rows = await db
    .selectFrom('onboardings')
    .select('id')
    .where('status', '=', 'approved')
    .orderBy(sql`approved_at`)
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}
