import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAudit, systemActor } from '../../../src/store/audit.ts';
import { enqueueEmail, openEmailBody } from '../../../src/store/email-outbox.ts';
import { pruneOutboxes } from '../../../src/store/outbox-retention.ts';
import { emitWebhookEvent } from '../../../src/store/webhook-events.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { insertAgency, testKeyring } from '../../support/outbox-fixtures.ts';

let database: TestDatabase;
const keyring = testKeyring();

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

async function insertEndpoint(agencyId: string, types: string[], active = true): Promise<string> {
  const row = await database.db
    .insertInto('webhook_endpoints')
    .values({
      agency_id: agencyId,
      url: 'https://example.test/hook',
      event_types: types,
      secret_ciphertext: 'unused',
      active,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('emitWebhookEvent', () => {
  it('writes one delivery per active subscribed endpoint of the agency only', async () => {
    const agency = await insertAgency(database.db);
    const other = await insertAgency(database.db, 'Other');
    const subscribed = await insertEndpoint(agency, ['grant.granted', 'grant.failed']);
    await insertEndpoint(agency, ['request.completed']);
    await insertEndpoint(agency, ['grant.granted'], false);
    await insertEndpoint(other, ['grant.granted']);
    await emitWebhookEvent(database.db, {
      agencyId: agency,
      type: 'grant.granted',
      data: { grant_id: 'g1' },
    });
    const rows = await database.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('agency_id', 'in', [agency, other])
      .execute();
    expect(rows.map((row) => row.endpoint_id)).toEqual([subscribed]);
    expect(rows[0]!.status).toBe('pending');
    expect(JSON.parse(rows[0]!.body)).toMatchObject({
      type: 'grant.granted',
      agency_id: agency,
      data: { grant_id: 'g1' },
      id: rows[0]!.event_id,
    });
  });

  it('leaves no delivery when the caller transaction rolls back', async () => {
    const agency = await insertAgency(database.db);
    await insertEndpoint(agency, ['request.completed']);
    await expect(
      withAudit(database.db, async (tx) => {
        await emitWebhookEvent(tx, { agencyId: agency, type: 'request.completed', data: {} });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from webhook_deliveries where agency_id = ${agency}`.execute(
      database.db,
    );
    expect(rows[0]!.n).toBe(0);
    await withAudit(database.db, async (tx) => {
      await emitWebhookEvent(tx, { agencyId: agency, type: 'request.completed', data: {} });
      return {
        result: null,
        audit: {
          agencyId: agency,
          actor: systemActor,
          action: 't',
          target: { kind: 't', id: null },
        },
      };
    });
    const after = await database.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('agency_id', '=', agency)
      .execute();
    expect(after).toHaveLength(1);
  });
});

describe('enqueueEmail', () => {
  it('stores the body sealed and bound to its row', async () => {
    const agency = await insertAgency(database.db);
    const id = await enqueueEmail(database.db, keyring, {
      agencyId: agency,
      to: 'client@example.test',
      subject: 'Your link',
      text: 'Open https://latchkey.test/l/abc.SECRETCANARY',
      kind: 'request_link',
    });
    const row = await database.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.body_ciphertext).not.toContain('SECRETCANARY');
    expect(
      openEmailBody(keyring, { ...row, body_ciphertext: row.body_ciphertext! }).text,
    ).toContain('SECRETCANARY');
    expect(() =>
      openEmailBody(keyring, {
        ...row,
        id: crypto.randomUUID(),
        body_ciphertext: row.body_ciphertext!,
      }),
    ).toThrow();
  });

  it('refuses a malformed address', async () => {
    await expect(
      enqueueEmail(database.db, keyring, {
        agencyId: null,
        to: 'not an address',
        subject: 's',
        text: 't',
        kind: 'x',
      }),
    ).rejects.toThrow();
  });
});

describe('pruneOutboxes', () => {
  it('deletes finished rows past retention and keeps pending ones', async () => {
    const agency = await insertAgency(database.db);
    const old = new Date(Date.now() - 40 * 86_400_000);
    const ids = [];
    for (const status of ['sent', 'failed', 'pending'] as const) {
      const id = await enqueueEmail(database.db, keyring, {
        agencyId: agency,
        to: 'a@example.test',
        subject: 's',
        text: 't',
        kind: 'test',
      });
      await database.db
        .updateTable('email_outbox')
        .set({ status, updated_at: old })
        .where('id', '=', id)
        .execute();
      ids.push(id);
    }
    const fresh = await enqueueEmail(database.db, keyring, {
      agencyId: agency,
      to: 'a@example.test',
      subject: 's',
      text: 't',
      kind: 'test',
    });
    await database.db
      .updateTable('email_outbox')
      .set({ status: 'sent' })
      .where('id', '=', fresh)
      .execute();
    const result = await pruneOutboxes(database.db, new Date(Date.now() - 30 * 86_400_000));
    expect(result.emails).toBeGreaterThanOrEqual(2);
    const left = await database.db
      .selectFrom('email_outbox')
      .select('id')
      .where('id', 'in', [...ids, fresh])
      .execute();
    expect(left.map((row) => row.id).sort()).toEqual([ids[2]!, fresh].sort());
  });
});
