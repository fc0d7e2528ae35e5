/**
 * Webhook endpoints of an agency. Each has a signing secret, shown once at creation and stored
 * sealed (the server must sign with it, so a hash would not do). Every query is scoped to the
 * agency; the caller wraps changes in `withAudit`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Executor } from './audit.ts';
import { fetchPage, type ListOrder, type Page, type PageRequest } from './keyset.ts';
import type { WebhookEndpointRow } from './schema.ts';
import { Secret, type Keyring, type SecretContext } from './secrets.ts';
import type { WebhookEventType } from './webhook-events.ts';

export interface WebhookEndpointInput {
  readonly url: string;
  readonly description?: string | null | undefined;
  readonly eventTypes: readonly WebhookEventType[];
}

export interface WebhookEndpointChanges {
  readonly url?: string | undefined;
  readonly description?: string | null | undefined;
  readonly eventTypes?: readonly WebhookEventType[] | undefined;
  readonly active?: boolean | undefined;
}

/** Where an endpoint's secret ciphertext lives. */
export function endpointSecretContext(row: { id: string; agency_id: string }): SecretContext {
  return {
    table: 'webhook_endpoints',
    column: 'secret_ciphertext',
    rowId: row.id,
    agencyId: row.agency_id,
  };
}

/** Creates an endpoint with a fresh secret; the plaintext secret is returned once, here only. */
export async function createWebhookEndpoint(
  db: Executor,
  keyring: Keyring,
  agencyId: string,
  createdBy: string | null,
  input: WebhookEndpointInput,
): Promise<{ endpoint: WebhookEndpointRow; secret: Secret }> {
  const id = randomUUID();
  const secret = new Secret(`whsec_${randomBytes(32).toString('base64url')}`);
  const endpoint = await db
    .insertInto('webhook_endpoints')
    .values({
      id,
      agency_id: agencyId,
      url: input.url,
      description: input.description ?? null,
      event_types: [...input.eventTypes],
      secret_ciphertext: keyring.seal(secret, endpointSecretContext({ id, agency_id: agencyId })),
      created_by: createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { endpoint, secret };
}

/** How the endpoints list is ordered: oldest first. */
export const webhookEndpointsOrder: ListOrder = {
  key: 'created_at',
  id: 'id',
  kind: 'time',
  direction: 'asc',
};

/** One page of the agency's endpoints, oldest first. */
export async function findWebhookEndpoints(
  db: Executor,
  agencyId: string,
  page: PageRequest,
): Promise<Page<WebhookEndpointRow>> {
  const query = db.selectFrom('webhook_endpoints').selectAll().where('agency_id', '=', agencyId);
  return fetchPage(query, webhookEndpointsOrder, page);
}

/** One endpoint of the agency, or undefined (another agency's id finds nothing). */
export async function findWebhookEndpoint(
  db: Executor,
  agencyId: string,
  id: string,
): Promise<WebhookEndpointRow | undefined> {
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Applies the given changes; undefined when the endpoint is not the agency's. */
export async function updateWebhookEndpoint(
  db: Executor,
  agencyId: string,
  id: string,
  changes: WebhookEndpointChanges,
): Promise<WebhookEndpointRow | undefined> {
  return db
    .updateTable('webhook_endpoints')
    .set({
      ...(changes.url === undefined ? {} : { url: changes.url }),
      ...(changes.description === undefined ? {} : { description: changes.description }),
      ...(changes.eventTypes === undefined ? {} : { event_types: [...changes.eventTypes] }),
      ...(changes.active === undefined ? {} : { active: changes.active }),
      updated_at: new Date(),
    })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes the endpoint and its delivery log; false when it is not the agency's. */
export async function deleteWebhookEndpoint(
  db: Executor,
  agencyId: string,
  id: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('webhook_endpoints')
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
