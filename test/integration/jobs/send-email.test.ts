import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainEmailOutbox } from '../../../src/jobs/send-email.ts';
import { createMailer, type Mailer } from '../../../src/lib/mailer.ts';
import { enqueueEmail } from '../../../src/store/email-outbox.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { captureLogger } from '../../support/logger.ts';
import { insertAgency, testKeyring } from '../../support/outbox-fixtures.ts';
import { startSmtpListener, type SmtpListener } from '../../support/smtp-listener.ts';

let database: TestDatabase;
let dataDir: string;
let smtp: SmtpListener;
let agencyId: string;
const keyring = testKeyring();
const link = 'https://latchkey.test/l/abc.MAILCANARY';

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'latchkey-mail-'));
  smtp = await startSmtpListener();
  agencyId = await insertAgency(database.db);
});
afterAll(async () => {
  await smtp.close();
  await rm(dataDir, { recursive: true, force: true });
  await database.destroy();
});

async function queue(): Promise<string> {
  // Clear what earlier tests left due, so each drain sees only its own message.
  await database.db
    .updateTable('email_outbox')
    .set({ status: 'failed', next_attempt_at: null })
    .where('status', 'in', ['pending', 'sending'])
    .execute();
  return enqueueEmail(database.db, keyring, {
    agencyId,
    to: 'client@example.test',
    subject: 'Northwind Media asks for access',
    text: `Open ${link}`,
    html: `<a href="${link}">Open</a>`,
    kind: 'request_link',
  });
}

async function row(id: string) {
  return database.db
    .selectFrom('email_outbox')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

function deps(mailer: Mailer, clock = () => new Date(Date.now() + 1_000)) {
  return { database, keyring, mailer, clock, random: () => 0.5 };
}

describe('email sending', () => {
  it('writes an .eml file without SMTP and logs its path, never the body', async () => {
    const log = captureLogger();
    const mailer = createMailer({
      smtpUrl: undefined,
      from: 'Latchkey <noreply@latchkey.test>',
      dataDir,
      logger: log.logger,
    });
    const id = await queue();
    expect(await drainEmailOutbox(deps(mailer))).toBe(1);
    const name = (await readdir(path.join(dataDir, 'mail'))).find((file) => file.includes(id));
    const file = path.join(dataDir, 'mail', name!);
    const raw = await readFile(file, 'utf8');
    expect(raw).toContain('Subject: Northwind Media asks for access');
    expect(raw).toContain('To: client@example.test');
    expect(raw).toContain('MAILCANARY');
    expect(log.text()).toContain(file);
    expect(log.text()).not.toContain('MAILCANARY');
    expect(log.text()).not.toContain('client@example.test');
    const sent = await row(id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, body_ciphertext: null });
    mailer.close();
  });

  it('sends over SMTP', async () => {
    const mailer = createMailer({
      smtpUrl: smtp.url,
      from: 'Latchkey <noreply@latchkey.test>',
      dataDir,
      logger: captureLogger().logger,
    });
    const id = await queue();
    await drainEmailOutbox(deps(mailer));
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.to.join()).toContain('client@example.test');
    expect(smtp.messages[0]!.data).toContain('Subject: Northwind Media asks for access');
    expect(smtp.messages[0]!.data).toContain('MAILCANARY');
    expect(await row(id)).toMatchObject({ status: 'sent', body_ciphertext: null });
    mailer.close();
  });

  it('retries later when the server refuses, keeping the sealed body until sent', async () => {
    const mailer = createMailer({
      smtpUrl: smtp.url,
      from: 'Latchkey <noreply@latchkey.test>',
      dataDir,
      logger: captureLogger().logger,
    });
    smtp.refuse = true;
    const id = await queue();
    const now = new Date(Date.now() + 1_000);
    await drainEmailOutbox(deps(mailer, () => now));
    const failed = await row(id);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed.last_error).toMatch(/554|refused/i);
    expect(failed.body_ciphertext).not.toBeNull();
    expect(failed.next_attempt_at!.getTime()).toBeGreaterThan(now.getTime());
    smtp.refuse = false;
    const later = new Date(failed.next_attempt_at!.getTime() + 1);
    await drainEmailOutbox(deps(mailer, () => later));
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, body_ciphertext: null });
    mailer.close();
  });
});
