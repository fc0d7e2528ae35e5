/** Rows the webhook, email and reminder tests build on: an agency, a request, an endpoint. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Executor } from '../../src/store/audit.ts';
import { parseKeyring, type Keyring } from '../../src/store/secrets.ts';

/** A keyring with one fresh key. */
export function testKeyring(): Keyring {
  return parseKeyring(`t1:${randomBytes(32).toString('base64')}`);
}

/** Inserts an agency and returns its id. */
export async function insertAgency(db: Executor, name = 'Acme Agency'): Promise<string> {
  const row = await db
    .insertInto('agencies')
    .values({ name, slug: `acme-${randomUUID().slice(0, 8)}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts an open access request for the agency and returns its id. */
export async function insertRequest(
  db: Executor,
  agencyId: string,
  options: { expiresAt?: Date } = {},
): Promise<string> {
  const row = await db
    .insertInto('access_requests')
    .values({
      agency_id: agencyId,
      title: 'Ads access',
      link_id: randomUUID(),
      link_secret_hash: randomBytes(32).toString('hex'),
      link_expires_at: options.expiresAt ?? new Date(Date.now() + 30 * 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
