import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmailBody } from '../../../src/store/email-outbox.ts';
import {
  cancelLinkReminders,
  scheduleLinkEmail,
  sweepLinkReminders,
  type ReminderPolicy,
} from '../../../src/store/link-reminders.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { insertAgency, insertRequest, testKeyring } from '../../support/outbox-fixtures.ts';

let database: TestDatabase;
const keyring = testKeyring();
const hour = 3_600_000;
const policy: ReminderPolicy = { firstAfterMs: 48 * hour, everyMs: 72 * hour, max: 3 };

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

async function setUp(): Promise<{ agencyId: string; requestId: string; link: string }> {
  const agencyId = await insertAgency(database.db);
  const requestId = await insertRequest(database.db, agencyId);
  const link = `https://latchkey.test/l/${requestId}.LINKCANARY`;
  await scheduleLinkEmail(database.db, keyring, {
    agencyId,
    requestId,
    to: 'client@example.test',
    linkUrl: link,
    agencyName: 'Acme <Agency>',
  });
  return { agencyId, requestId, link };
}

async function emailsFor(requestId: string) {
  const rows = await database.db
    .selectFrom('email_outbox')
    .selectAll()
    .where('related_id', '=', requestId)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({
    kind: row.kind,
    subject: row.subject,
    body: openEmailBody(keyring, { ...row, body_ciphertext: row.body_ciphertext! }),
  }));
}

async function sweepAt(offsetMs: number) {
  return database.db
    .transaction()
    .execute((tx) => sweepLinkReminders(tx, keyring, policy, new Date(Date.now() + offsetMs)));
}

async function reminderRow(requestId: string) {
  return database.db
    .selectFrom('link_reminders')
    .selectAll()
    .where('request_id', '=', requestId)
    .executeTakeFirst();
}

describe('link email and reminders', () => {
  it('queues the link at once and keeps only a sealed copy of it', async () => {
    const { requestId, link } = await setUp();
    const emails = await emailsFor(requestId);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.kind).toBe('request_link');
    expect(emails[0]!.body.text).toContain(link);
    expect(emails[0]!.body.html).toContain('Acme &lt;Agency&gt;');
    const row = await reminderRow(requestId);
    expect(row?.link_ciphertext).toBeDefined();
    expect(row?.link_ciphertext).not.toContain('LINKCANARY');
  });

  it("carries the agency's message, escaped, in the link and in each reminder", async () => {
    const agencyId = await insertAgency(database.db);
    const requestId = await insertRequest(database.db, agencyId);
    await database.db
      .updateTable('access_requests')
      .set({ message: 'Hola <b>Ana</b>: the TikTok ads start Monday.' })
      .where('id', '=', requestId)
      .execute();
    await scheduleLinkEmail(database.db, keyring, {
      agencyId,
      requestId,
      to: 'client@example.test',
      linkUrl: `https://latchkey.test/l/${requestId}.X`,
      agencyName: 'Northwind Media',
    });
    await sweepAt(49 * hour);
    const emails = await emailsFor(requestId);
    expect(emails.map((email) => email.kind)).toEqual(['request_link', 'request_reminder']);
    for (const email of emails) {
      expect(email.body.text).toContain('Hola <b>Ana</b>: the TikTok ads start Monday.');
      expect(email.body.html).toContain(
        'Hola &lt;b&gt;Ana&lt;/b&gt;: the TikTok ads start Monday.',
      );
    }
  });

  it('sends at most three reminders on the schedule, then forgets the link', async () => {
    const { requestId, link } = await setUp();
    await sweepAt(1 * hour);
    expect(await emailsFor(requestId)).toHaveLength(1);
    await sweepAt(49 * hour);
    await sweepAt(50 * hour);
    let emails = await emailsFor(requestId);
    expect(emails.map((email) => email.kind)).toEqual(['request_link', 'request_reminder']);
    expect(emails[1]!.body.text).toContain(link);
    expect(emails[1]!.subject).toMatch(/^Reminder/);
    await sweepAt(100 * hour);
    expect(await emailsFor(requestId)).toHaveLength(2);
    await sweepAt(121 * hour);
    await sweepAt(193 * hour);
    emails = await emailsFor(requestId);
    expect(emails).toHaveLength(4);
    expect(await reminderRow(requestId)).toBeUndefined();
    await sweepAt(1000 * hour);
    expect(await emailsFor(requestId)).toHaveLength(4);
  });

  it('stops when the request completes, and deletes the stored link', async () => {
    const { requestId } = await setUp();
    await database.db
      .updateTable('access_requests')
      .set({ status: 'completed' })
      .where('id', '=', requestId)
      .execute();
    expect(await sweepAt(49 * hour)).toMatchObject({ queued: 0, stopped: 1 });
    expect(await emailsFor(requestId)).toHaveLength(1);
    expect(await reminderRow(requestId)).toBeUndefined();
  });

  it('stops once the client has approved, even before grants finish', async () => {
    const { agencyId, requestId } = await setUp();
    await database.db
      .insertInto('onboardings')
      .values({ agency_id: agencyId, request_id: requestId, status: 'approved' })
      .execute();
    await sweepAt(49 * hour);
    expect(await emailsFor(requestId)).toHaveLength(1);
    expect(await reminderRow(requestId)).toBeUndefined();
  });

  it('keeps reminding while an onboarding is started but unfinished', async () => {
    const { agencyId, requestId } = await setUp();
    await database.db
      .insertInto('onboardings')
      .values({ agency_id: agencyId, request_id: requestId })
      .execute();
    await sweepAt(49 * hour);
    expect(await emailsFor(requestId)).toHaveLength(2);
  });

  it('stops when the link expires or is revoked, or when cancelled', async () => {
    const expiring = await setUp();
    await database.db
      .updateTable('access_requests')
      .set({ link_expires_at: new Date(Date.now() + 24 * hour) })
      .where('id', '=', expiring.requestId)
      .execute();
    const revoked = await setUp();
    await database.db
      .updateTable('access_requests')
      .set({ link_revoked_at: new Date() })
      .where('id', '=', revoked.requestId)
      .execute();
    const cancelled = await setUp();
    await cancelLinkReminders(database.db, cancelled.requestId);
    await sweepAt(49 * hour);
    for (const { requestId } of [expiring, revoked, cancelled]) {
      expect(await emailsFor(requestId)).toHaveLength(1);
      expect(await reminderRow(requestId)).toBeUndefined();
    }
  });
});
