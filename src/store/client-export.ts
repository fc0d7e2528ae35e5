/**
 * The export of everything Latchkey holds about one client (GDPR art. 15 and 20): its row, its
 * requests with their items, onboardings, grants and their latest checks, re-request assets,
 * offboardings with their steps, drift alerts, the emails sent about it (metadata: bodies carry
 * links and are cleared once sent), webhook deliveries naming it, and the audit trail. No secret
 * is exported: no link hash, no token, no ciphertext.
 */
import type { Executor } from './audit.ts';
import { mentionsAny, type ClientFootprint } from './client-data.ts';

const some = (ids: readonly string[]) =>
  ids.length ? [...ids] : ['00000000-0000-0000-0000-000000000000'];

/** Builds the export (plain JSON-ready data). */
export async function exportClientData(
  db: Executor,
  agencyId: string,
  footprint: ClientFootprint & { email: string | null },
) {
  const client = await db
    .selectFrom('clients')
    .selectAll()
    .where('id', '=', footprint.clientId)
    .executeTakeFirstOrThrow();
  const requests = await db
    .selectFrom('access_requests')
    .select([
      'id',
      'title',
      'message',
      'status',
      'created_at',
      'link_expires_at',
      'access_ends_at',
      'client_id',
    ])
    .where('id', 'in', some(footprint.requestIds))
    .execute();
  const items = await db
    .selectFrom('access_request_items')
    .selectAll()
    .where('request_id', 'in', some(footprint.requestIds))
    .execute();
  const onboardings = await db
    .selectFrom('onboardings')
    .selectAll()
    .where('id', 'in', some(footprint.onboardingIds))
    .execute();
  const grants = await db
    .selectFrom('grants')
    .selectAll()
    .where('id', 'in', some(footprint.grantIds))
    .execute();
  const checks = await db
    .selectFrom('grant_checks')
    .selectAll()
    .where('grant_id', 'in', some(footprint.grantIds))
    .execute();
  const rerequestAssets = await db
    .selectFrom('rerequest_assets')
    .selectAll()
    .where('request_id', 'in', some(footprint.requestIds))
    .execute();
  const offboardings = await db
    .selectFrom('offboardings')
    .selectAll()
    .where('id', 'in', some(footprint.offboardingIds))
    .execute();
  const offboardingSteps = await db
    .selectFrom('offboarding_steps')
    .selectAll()
    .where('offboarding_id', 'in', some(footprint.offboardingIds))
    .execute();
  const driftAlerts = await db
    .selectFrom('drift_alerts')
    .selectAll()
    .where('id', 'in', some(footprint.alertIds))
    .execute();
  const emails = await db
    .selectFrom('email_outbox')
    .select([
      'id',
      'kind',
      'to_address',
      'subject',
      'status',
      'created_at',
      'sent_at',
      'related_id',
    ])
    .where('agency_id', '=', agencyId)
    .where((eb) =>
      eb.or([
        eb('related_id', 'in', [...footprint.ids]),
        ...(footprint.email ? [eb('to_address', '=', footprint.email)] : []),
      ]),
    )
    .execute();
  const webhookDeliveries = await db
    .selectFrom('webhook_deliveries')
    .select(['id', 'event_type', 'status', 'body', 'created_at', 'delivered_at'])
    .where('agency_id', '=', agencyId)
    .where(mentionsAny('body', footprint.marks))
    .execute();
  const auditEvents = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where((eb) =>
      eb.or([
        eb('target_id', 'in', [...footprint.ids]),
        eb('actor_id', 'in', [...footprint.ids]),
        mentionsAny('data', footprint.marks),
      ]),
    )
    .orderBy('id')
    .execute();
  return {
    exportedAt: new Date().toISOString(),
    client,
    requests: requests.map((r) => ({ ...r, items: items.filter((i) => i.request_id === r.id) })),
    onboardings,
    grants: grants.map((g) => ({ ...g, check: checks.find((c) => c.grant_id === g.id) ?? null })),
    rerequestAssets,
    offboardings: offboardings.map((o) => ({
      ...o,
      steps: offboardingSteps.filter((s) => s.offboarding_id === o.id),
    })),
    driftAlerts,
    emails,
    webhookDeliveries: webhookDeliveries.map((d) => ({
      ...d,
      body: JSON.parse(d.body) as unknown,
    })),
    auditEvents,
  };
}
