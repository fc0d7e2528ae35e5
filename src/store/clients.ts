/** The agency's clients (the businesses it asks for access). Every query is scoped to one agency. */
import type { Executor } from './audit.ts';
import { fetchPage, type ListOrder, type Page, type PageRequest } from './keyset.ts';

export interface Client {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

const columns = ['id', 'name', 'email', 'created_at', 'updated_at'] as const;

function toClient(row: {
  id: string;
  name: string;
  email: string | null;
  created_at: Date;
  updated_at: Date;
}): Client {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** How the clients list is ordered: by name. */
export const clientsOrder: ListOrder = { key: 'name', id: 'id', kind: 'text', direction: 'asc' };

/** One page of the agency's clients, by name. */
export async function listClients(
  db: Executor,
  agencyId: string,
  page: PageRequest,
): Promise<Page<Client>> {
  const query = db.selectFrom('clients').select(columns).where('agency_id', '=', agencyId);
  const found = await fetchPage(query, clientsOrder, page);
  return { rows: found.rows.map(toClient), next: found.next };
}

/** One client of the agency, or undefined (another agency's client is never found). */
export async function findClient(
  db: Executor,
  agencyId: string,
  id: string,
): Promise<Client | undefined> {
  const row = await db
    .selectFrom('clients')
    .select(columns)
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toClient(row) : undefined;
}

/** Inserts a client. */
export async function insertClient(
  db: Executor,
  agencyId: string,
  client: { name: string; email: string | null },
): Promise<Client> {
  const row = await db
    .insertInto('clients')
    .values({ agency_id: agencyId, name: client.name, email: client.email })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toClient(row);
}

/** Changes a client's fields; undefined when the agency has no such client. */
export async function updateClient(
  db: Executor,
  agencyId: string,
  id: string,
  changes: { name?: string; email?: string | null },
  now: Date,
): Promise<Client | undefined> {
  const row = await db
    .updateTable('clients')
    .set({
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(changes.email === undefined ? {} : { email: changes.email }),
      updated_at: now,
    })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirst();
  return row ? toClient(row) : undefined;
}

/** Deletes a client (its requests keep their history, unlinked); false when not found. */
export async function deleteClient(db: Executor, agencyId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('clients')
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
