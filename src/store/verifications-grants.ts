/**
 * The grants the lifecycle works on, with the request and client they came from: every granted
 * asset of an agency (sweeps), or of one client or request (offboarding), optionally one platform.
 */
import { sql } from 'kysely';
import type { Executor } from './audit.ts';
import type { GrantStatus } from './schema.ts';

export interface LifecycleGrant {
  readonly id: string;
  readonly agencyId: string;
  readonly onboardingId: string;
  readonly requestId: string;
  readonly clientId: string | null;
  readonly platform: string;
  readonly assetType: string;
  readonly assetId: string;
  readonly assetName: string;
  readonly ownerId: string | null;
  readonly level: string;
  readonly status: GrantStatus;
}

export interface LifecycleGrantFilter {
  readonly agencyId: string;
  readonly clientId?: string;
  readonly requestId?: string;
  readonly platform?: string;
  readonly grantIds?: readonly string[];
  readonly statuses?: readonly GrantStatus[];
}

/** Grants matching the filter (default: status granted), oldest first. */
export async function listLifecycleGrants(
  db: Executor,
  filter: LifecycleGrantFilter,
): Promise<LifecycleGrant[]> {
  let query = db
    .selectFrom('grants as g')
    .innerJoin('onboardings as o', 'o.id', 'g.onboarding_id')
    .innerJoin('access_requests as r', 'r.id', 'o.request_id')
    .select([
      'g.id',
      'g.agency_id',
      'g.onboarding_id',
      'o.request_id',
      'r.client_id',
      'g.platform',
      'g.asset_type',
      'g.asset_id',
      'g.asset_name',
      'g.owner_id',
      'g.permission_level',
      'g.status',
    ])
    .where('g.agency_id', '=', filter.agencyId)
    .where('g.status', 'in', [...(filter.statuses ?? ['granted'])])
    .orderBy('g.created_at')
    .orderBy('g.id');
  if (filter.clientId !== undefined) query = query.where('r.client_id', '=', filter.clientId);
  if (filter.requestId !== undefined) query = query.where('o.request_id', '=', filter.requestId);
  if (filter.platform !== undefined) query = query.where('g.platform', '=', filter.platform);
  if (filter.grantIds !== undefined) {
    if (filter.grantIds.length === 0) return [];
    query = query.where('g.id', 'in', [...filter.grantIds]);
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    agencyId: r.agency_id,
    onboardingId: r.onboarding_id,
    requestId: r.request_id,
    clientId: r.client_id,
    platform: r.platform,
    assetType: r.asset_type,
    assetId: r.asset_id,
    assetName: r.asset_name,
    ownerId: r.owner_id,
    level: r.permission_level,
    status: r.status,
  }));
}

/**
 * Marks a grant revoked (from any state that can still hold access); returns its onboarding's id,
 * or undefined when it already was.
 */
export async function markGrantRevoked(
  db: Executor,
  grantId: string,
  detail: string,
  now: Date,
): Promise<string | undefined> {
  const step = JSON.stringify([{ name: 'revoked', at: now.toISOString(), detail }]);
  const row = await db
    .updateTable('grants')
    .set({ status: 'revoked', steps: sql`steps || ${step}::jsonb`, updated_at: now })
    .where('id', '=', grantId)
    .where('status', 'in', ['granted', 'pending_acceptance', 'needs_manual_step'])
    .returning('onboarding_id')
    .executeTakeFirst();
  return row?.onboarding_id;
}

/** The emails of the agency's owners and managers (who get lifecycle alerts). */
export async function listAgencyAlertRecipients(db: Executor, agencyId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('email')
    .where('agency_id', '=', agencyId)
    .where('role', 'in', ['owner', 'manager'])
    .where('disabled_at', 'is', null)
    .orderBy('email')
    .execute();
  return rows.map((r) => r.email);
}
