/**
 * Drift alerts (what the dashboard shows until dismissed) and the exact assets a one-click
 * re-request asks for again. An alert is about one client (or one request made without a
 * client): its items, its emails and its re-request never name another client's assets.
 */
import { fetchPage, type ListOrder, type Page, type PageRequest } from './keyset.ts';
import type { Executor } from './audit.ts';
import type { DriftAlertItem, DriftAlertRow } from './schema.ts';

export interface DriftAlert {
  readonly id: string;
  readonly agencyId: string;
  readonly runId: string | null;
  readonly items: readonly DriftAlertItem[];
  readonly createdAt: Date;
  readonly dismissedAt: Date | null;
  readonly rerequestId: string | null;
  /** The client whose access changed; null for a request made without a client. */
  readonly clientId: string | null;
  /** The request, when the alert has no client. */
  readonly requestId: string | null;
}

/** Whom an alert is about: a client, or (clientId null) a request made without one. */
export interface DriftSubject {
  readonly clientId: string | null;
  readonly requestId: string | null;
}

function toAlert(row: DriftAlertRow): DriftAlert {
  return {
    id: row.id,
    agencyId: row.agency_id,
    runId: row.run_id,
    items: row.items,
    createdAt: row.created_at,
    dismissedAt: row.dismissed_at,
    rerequestId: row.rerequest_id,
    clientId: row.client_id,
    requestId: row.request_id,
  };
}

/** Records an alert for the drifts one sweep found at one client (or client-less request). */
export async function insertDriftAlert(
  db: Executor,
  input: {
    agencyId: string;
    runId: string | null;
    subject: DriftSubject;
    items: readonly DriftAlertItem[];
    now: Date;
  },
): Promise<DriftAlert> {
  const row = await db
    .insertInto('drift_alerts')
    .values({
      agency_id: input.agencyId,
      run_id: input.runId,
      client_id: input.subject.clientId,
      request_id: input.subject.clientId === null ? input.subject.requestId : null,
      items: JSON.stringify(input.items),
      created_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAlert(row);
}

/** How the alerts list is ordered: newest first. */
export const driftAlertsOrder: ListOrder = {
  key: 'a.created_at',
  id: 'a.id',
  kind: 'time',
  direction: 'desc',
};

/** One page of the agency's alerts, newest first (open ones only unless `all`), with the client's name. */
export async function listDriftAlerts(
  db: Executor,
  agencyId: string,
  options: { all?: boolean },
  page: PageRequest,
): Promise<Page<DriftAlert & { clientName: string | null }>> {
  let query = db
    .selectFrom('drift_alerts as a')
    .leftJoin('clients as c', 'c.id', 'a.client_id')
    .selectAll('a')
    .select('c.name as client_name')
    .where('a.agency_id', '=', agencyId);
  if (!options.all) query = query.where('a.dismissed_at', 'is', null);
  const found = await fetchPage(query, driftAlertsOrder, page);
  return {
    rows: found.rows.map((row) => ({ ...toAlert(row), clientName: row.client_name })),
    next: found.next,
  };
}

/** One alert of one agency. */
export async function findDriftAlert(
  db: Executor,
  agencyId: string,
  id: string,
): Promise<DriftAlert | undefined> {
  const row = await db
    .selectFrom('drift_alerts')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toAlert(row) : undefined;
}

/** Dismisses an alert, or links the re-request made from it; false when nothing matched. */
export async function updateDriftAlert(
  db: Executor,
  agencyId: string,
  id: string,
  change: { dismissedAt: Date } | { rerequestId: string },
): Promise<boolean> {
  const result = await db
    .updateTable('drift_alerts')
    .set(
      'dismissedAt' in change
        ? { dismissed_at: change.dismissedAt }
        : { rerequest_id: change.rerequestId },
    )
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records the exact assets (grant, asset, old level) a re-request asks for. */
export async function insertRerequestAssets(
  db: Executor,
  requestId: string,
  agencyId: string,
  items: readonly DriftAlertItem[],
): Promise<void> {
  if (items.length === 0) return;
  await db
    .insertInto('rerequest_assets')
    .values(
      items.map((item) => ({
        request_id: requestId,
        agency_id: agencyId,
        grant_id: item.grantId,
        platform: item.platform,
        asset_type: item.assetType,
        asset_id: item.assetId,
        permission_level: item.expectedLevel,
      })),
    )
    .onConflict((oc) => oc.columns(['request_id', 'grant_id']).doNothing())
    .execute();
}

/** The exact assets a re-request asks for (empty for an ordinary request). */
export async function listRerequestAssets(
  db: Executor,
  requestId: string,
): Promise<
  { grantId: string; platform: string; assetType: string; assetId: string; level: string }[]
> {
  const rows = await db
    .selectFrom('rerequest_assets')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('asset_type')
    .orderBy('asset_id')
    .execute();
  return rows.map((r) => ({
    grantId: r.grant_id,
    platform: r.platform,
    assetType: r.asset_type,
    assetId: r.asset_id,
    level: r.permission_level,
  }));
}
