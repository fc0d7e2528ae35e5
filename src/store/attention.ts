/**
 * What needs the agency's attention, for the dashboard's front page: links the client has not
 * finished, grants waiting for a person or failed, open drift alerts, access ending soon, and the
 * latest audit events. Every query is scoped to one agency.
 */
import { sql } from 'kysely';
import type { Executor } from './audit.ts';
import type { AuditEventRow, GrantStatus } from './schema.ts';

/** A list cut to `limit` rows, with how many there are in all. */
export interface Slice<T> {
  readonly total: number;
  readonly items: readonly T[];
}

export interface WaitingLink {
  readonly requestId: string;
  readonly title: string;
  readonly clientName: string | null;
  readonly linkOpenedAt: Date | null;
  readonly linkExpiresAt: Date;
}

export interface WaitingGrant {
  readonly grantId: string;
  readonly requestId: string;
  readonly clientName: string | null;
  readonly platform: string;
  readonly assetType: string;
  readonly assetName: string;
  readonly status: GrantStatus;
  readonly updatedAt: Date;
}

export interface OpenDriftAlert {
  readonly alertId: string;
  readonly createdAt: Date;
  readonly assetNames: readonly string[];
}

export interface EndingAccess {
  readonly requestId: string;
  readonly title: string;
  readonly clientName: string | null;
  readonly accessEndsAt: Date;
}

export interface Attention {
  readonly linksWaiting: Slice<WaitingLink>;
  readonly grantsWaiting: Slice<WaitingGrant>;
  readonly driftAlerts: Slice<OpenDriftAlert>;
  readonly accessEnding: Slice<EndingAccess>;
  readonly recentActivity: readonly AuditEventRow[];
}

/** Grant states a person must act on (accept, do a manual step, look at a failure). */
export const WAITING_GRANT_STATUSES = [
  'pending_acceptance',
  'needs_manual_step',
  'failed',
] as const;

const toCount = (row: { n: string | number | bigint } | undefined) => Number(row?.n ?? 0);

/** Reads every attention list of one agency at `now`; `endingWithinDays` bounds "ending soon". */
export async function findAttention(
  db: Executor,
  agencyId: string,
  options: { now: Date; limit: number; endingWithinDays: number },
): Promise<Attention> {
  const { now, limit } = options;
  const endBy = new Date(now.getTime() + options.endingWithinDays * 86_400_000);
  const links = db
    .selectFrom('access_requests as a')
    .leftJoin('clients as c', 'c.id', 'a.client_id')
    .where('a.agency_id', '=', agencyId)
    .where('a.status', '=', 'open')
    .where('a.link_revoked_at', 'is', null)
    .where('a.link_expires_at', '>', now)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('onboardings as o')
            .select('o.id')
            .whereRef('o.request_id', '=', 'a.id')
            .where('o.status', 'in', ['approved', 'completed', 'partial']),
        ),
      ),
    );
  const grants = db
    .selectFrom('grants as g')
    .innerJoin('onboardings as o', 'o.id', 'g.onboarding_id')
    .innerJoin('access_requests as a', 'a.id', 'o.request_id')
    .leftJoin('clients as c', 'c.id', 'a.client_id')
    .where('g.agency_id', '=', agencyId)
    .where('g.status', 'in', [...WAITING_GRANT_STATUSES]);
  const alerts = db
    .selectFrom('drift_alerts')
    .where('agency_id', '=', agencyId)
    .where('dismissed_at', 'is', null)
    .where('rerequest_id', 'is', null);
  const ending = db
    .selectFrom('access_requests as a')
    .leftJoin('clients as c', 'c.id', 'a.client_id')
    .where('a.agency_id', '=', agencyId)
    .where('a.status', 'in', ['open', 'completed', 'partial'])
    .where('a.access_ends_at', '>', now)
    .where('a.access_ends_at', '<=', endBy);
  const count = sql<number>`count(*)`.as('n');
  const [linkRows, linkCount, grantRows, grantCount, alertRows, alertCount, endRows, endCount] =
    await Promise.all([
      links
        .select([
          'a.id',
          'a.title',
          'c.name as client_name',
          'a.link_opened_at',
          'a.link_expires_at',
        ])
        .orderBy('a.link_expires_at')
        .limit(limit)
        .execute(),
      links.select(count).executeTakeFirst(),
      grants
        .select([
          'g.id',
          'a.id as request_id',
          'c.name as client_name',
          'g.platform',
          'g.asset_type',
          'g.asset_name',
          'g.status',
          'g.updated_at',
        ])
        .orderBy('g.updated_at', 'desc')
        .limit(limit)
        .execute(),
      grants.select(count).executeTakeFirst(),
      alerts
        .select(['id', 'created_at', 'items'])
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute(),
      alerts.select(count).executeTakeFirst(),
      ending
        .select(['a.id', 'a.title', 'c.name as client_name', 'a.access_ends_at'])
        .orderBy('a.access_ends_at')
        .limit(limit)
        .execute(),
      ending.select(count).executeTakeFirst(),
    ]);
  const recentActivity = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return {
    linksWaiting: {
      total: toCount(linkCount),
      items: linkRows.map((r) => ({
        requestId: r.id,
        title: r.title,
        clientName: r.client_name,
        linkOpenedAt: r.link_opened_at,
        linkExpiresAt: r.link_expires_at,
      })),
    },
    grantsWaiting: {
      total: toCount(grantCount),
      items: grantRows.map((r) => ({
        grantId: r.id,
        requestId: r.request_id,
        clientName: r.client_name,
        platform: r.platform,
        assetType: r.asset_type,
        assetName: r.asset_name,
        status: r.status,
        updatedAt: r.updated_at,
      })),
    },
    driftAlerts: {
      total: toCount(alertCount),
      items: alertRows.map((r) => ({
        alertId: r.id,
        createdAt: r.created_at,
        assetNames: r.items.map((i) => i.assetName),
      })),
    },
    accessEnding: {
      total: toCount(endCount),
      items: endRows.map((r) => ({
        requestId: r.id,
        title: r.title,
        clientName: r.client_name,
        // The where clause keeps only rows with an end date.
        accessEndsAt: r.access_ends_at ?? endBy,
      })),
    },
    recentActivity,
  };
}
