/** JSON shapes of verification runs and of each granted asset's latest check. */
import { confirmedBy } from '../../domain/grant.ts';
import type { Executor } from '../../store/audit.ts';
import type { VerificationRun } from '../../store/verifications.ts';

/** A run as the API shows it. */
export function presentRun(run: VerificationRun) {
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    summary: run.summary,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

/** Every granted (or revoked) asset of the agency with its latest check, for the dashboard. */
export async function listAssetChecks(db: Executor, agencyId: string) {
  const rows = await db
    .selectFrom('grants as g')
    .innerJoin('onboardings as o', 'o.id', 'g.onboarding_id')
    .innerJoin('access_requests as r', 'r.id', 'o.request_id')
    .leftJoin('clients as c', 'c.id', 'r.client_id')
    .leftJoin('grant_checks as k', 'k.grant_id', 'g.id')
    .select([
      'g.id',
      'g.platform',
      'g.asset_type',
      'g.asset_id',
      'g.asset_name',
      'g.permission_level',
      'g.status',
      'g.steps',
      'r.id as request_id',
      'r.title as request_title',
      'r.access_ends_at',
      'c.id as client_id',
      'c.name as client_name',
      'k.outcome',
      'k.level_found',
      'k.verified_at',
      'k.checked_at',
      'k.last_error',
      'k.drift_since',
    ])
    .where('g.agency_id', '=', agencyId)
    .where('g.status', 'in', ['granted', 'revoked'])
    .orderBy('c.name')
    .orderBy('g.asset_type')
    .orderBy('g.asset_id')
    .execute();
  return rows.map((r) => ({
    grantId: r.id,
    platform: r.platform,
    assetType: r.asset_type,
    assetId: r.asset_id,
    assetName: r.asset_name,
    level: r.permission_level,
    grantStatus: r.status,
    requestId: r.request_id,
    requestTitle: r.request_title,
    accessEndsAt: r.access_ends_at?.toISOString() ?? null,
    clientId: r.client_id,
    clientName: r.client_name,
    outcome: r.outcome ?? (r.status === 'granted' ? 'not_checked' : null),
    levelFound: r.level_found,
    verifiedAt: r.verified_at?.toISOString() ?? null,
    checkedAt: r.checked_at?.toISOString() ?? null,
    lastError: r.outcome === 'unknown' ? r.last_error : null,
    driftSince: r.drift_since?.toISOString() ?? null,
    // A person's word where no API can read the access (guided and custom tools): never verified.
    confirmedBy: confirmedBy({ steps: Array.isArray(r.steps) ? r.steps : [] }),
  }));
}
