/** Key rotation covers the outbox secrets: endpoint secrets, email bodies (with or without an agency) and stored links. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueEmail, openEmailBody } from '../../../src/store/email-outbox.ts';
import { scheduleLinkEmail } from '../../../src/store/link-reminders.ts';
import { rewrapSecrets } from '../../../src/store/rewrap.ts';
import { parseKeyring } from '../../../src/store/secrets.ts';
import {
  createWebhookEndpoint,
  endpointSecretContext,
} from '../../../src/store/webhook-endpoints.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { insertAgency, insertRequest } from '../../support/outbox-fixtures.ts';

let database: TestDatabase;
const k1 = `k1:${randomBytes(32).toString('base64')}`;
const k2 = `k2:${randomBytes(32).toString('base64')}`;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

describe('rewrap of outbox secrets', () => {
  it('re-encrypts every outbox column under the newest key', async () => {
    const old = parseKeyring(k1);
    const agencyId = await insertAgency(database.db);
    const { endpoint, secret } = await createWebhookEndpoint(database.db, old, agencyId, null, {
      url: 'https://hooks.example.com/a',
      eventTypes: ['grant.granted'],
    });
    const operatorMail = await enqueueEmail(database.db, old, {
      agencyId: null,
      to: 'ops@example.test',
      subject: 's',
      text: 'operator text',
      kind: 'operator',
    });
    const requestId = await insertRequest(database.db, agencyId);
    await scheduleLinkEmail(database.db, old, {
      agencyId,
      requestId,
      to: 'c@example.test',
      linkUrl: 'https://l.test/l/x.y',
      agencyName: 'A',
    });

    const rotated = parseKeyring(`${k2},${k1}`);
    const { rewrapped } = await rewrapSecrets(database, rotated);
    expect(rewrapped).toBeGreaterThanOrEqual(4);
    const onlyNew = parseKeyring(k2);
    const row = await database.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('id', '=', endpoint.id)
      .executeTakeFirstOrThrow();
    expect(onlyNew.open(row.secret_ciphertext, endpointSecretContext(row)).reveal()).toBe(
      secret.reveal(),
    );
    const mail = await database.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('id', '=', operatorMail)
      .executeTakeFirstOrThrow();
    expect(openEmailBody(onlyNew, { ...mail, body_ciphertext: mail.body_ciphertext! }).text).toBe(
      'operator text',
    );
    const reminder = await database.db
      .selectFrom('link_reminders')
      .select('link_ciphertext')
      .where('request_id', '=', requestId)
      .executeTakeFirstOrThrow();
    expect(reminder.link_ciphertext.startsWith('lk1.k2.')).toBe(true);
  });
});
