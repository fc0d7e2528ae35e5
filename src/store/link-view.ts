/**
 * Everything the client page's GETs show about one link, in one query: the request and its
 * items, its onboarding (if the link was opened), the agency's branding and which platforms the
 * agency and the client have connected. The page reads it on every load and polls progress every
 * second, so it is one round trip instead of one per table and platform.
 */
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { toItem, toRequest, type AccessRequestWithHash } from './access-requests.ts';
import type { Executor } from './audit.ts';

export interface LinkView {
  readonly request: AccessRequestWithHash;
  readonly onboarding:
    | {
        readonly id: string;
        readonly status: string;
        readonly approvedAt: Date | null;
        readonly completedAt: Date | null;
      }
    | undefined;
  readonly agency: {
    readonly name: string;
    readonly brandColor: string | null;
    readonly logoUrl: string | null;
  };
  /** The agency's connection per platform (its business), without tokens. */
  readonly agencyConnections: ReadonlyMap<
    string,
    { readonly businessId: string | null; readonly businessName: string | null }
  >;
  /** Platforms the client has connected during this onboarding. */
  readonly clientConnected: ReadonlySet<string>;
}

/** Reads a link's view by its public id; the caller checks the secret and the link's state. */
export async function findLinkView(db: Executor, linkId: string): Promise<LinkView | undefined> {
  const row = await db
    .selectFrom('access_requests as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('onboardings as o', 'o.request_id', 'r.id')
    .selectAll('r')
    .select([
      'a.name as agency_name',
      'a.brand_color as agency_brand_color',
      'a.logo_url as agency_logo_url',
      'o.id as onboarding_id',
      'o.status as onboarding_status',
      'o.approved_at as onboarding_approved_at',
      'o.completed_at as onboarding_completed_at',
    ])
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('access_request_items as i')
          .select(['i.platform', 'i.asset_type', 'i.permission_level'])
          .whereRef('i.request_id', '=', 'r.id')
          .orderBy('i.created_at')
          .orderBy('i.platform')
          .orderBy('i.asset_type'),
      ).as('items'),
      jsonArrayFrom(
        eb
          .selectFrom('platform_connections as c')
          .select(['c.platform', 'c.owner_kind', 'c.business_id', 'c.business_name'])
          .where((w) =>
            w.or([
              w.and([
                w('c.owner_kind', '=', 'agency'),
                w('c.agency_id', '=', w.ref('r.agency_id')),
              ]),
              w.and([
                w('c.owner_kind', '=', 'onboarding'),
                w('c.onboarding_id', '=', sql<string>`o.id`),
              ]),
            ]),
          ),
      ).as('connections'),
    ])
    .where('r.link_id', '=', linkId)
    .executeTakeFirst();
  if (!row) return undefined;
  const request: AccessRequestWithHash = {
    ...toRequest(row, row.items.map(toItem)),
    linkSecretHash: row.link_secret_hash,
  };
  return {
    request,
    onboarding:
      row.onboarding_id && row.onboarding_status
        ? {
            id: row.onboarding_id,
            status: row.onboarding_status,
            approvedAt: row.onboarding_approved_at,
            completedAt: row.onboarding_completed_at,
          }
        : undefined,
    agency: {
      name: row.agency_name,
      brandColor: row.agency_brand_color,
      logoUrl: row.agency_logo_url,
    },
    agencyConnections: new Map(
      row.connections
        .filter((c) => c.owner_kind === 'agency')
        .map((c) => [c.platform, { businessId: c.business_id, businessName: c.business_name }]),
    ),
    clientConnected: new Set(
      row.connections.filter((c) => c.owner_kind === 'onboarding').map((c) => c.platform),
    ),
  };
}
