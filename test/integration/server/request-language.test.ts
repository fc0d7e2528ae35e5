/**
 * A request speaks its client's language: the agency picks it, the link email and its reminders
 * are written in it, and the client page's API says it so the page opens in it. Without a choice
 * the emails are in English and the page follows the browser. A language Latchkey does not speak
 * is refused with nothing created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientEmailWords } from '../../../src/domain/client-languages.ts';
import { openEmailBody } from '../../../src/store/email-outbox.ts';
import { sweepLinkReminders } from '../../../src/store/link-reminders.ts';
import { TEST_PUBLIC_URL } from '../../support/agency.ts';
import { createHarness, type Harness } from '../../support/onboarding.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h.close());

const item = { platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'ANALYST' };
const create = (payload: Record<string, unknown>) =>
  h.app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: {
      ...h.agency.owner.headers,
      'content-type': 'application/json',
      origin: TEST_PUBLIC_URL,
    },
    payload,
  });

/** The emails queued for a request, opened, oldest first. */
async function emailsOf(requestId: string) {
  const rows = await h.database.db
    .selectFrom('email_outbox')
    .selectAll()
    .where('related_id', '=', requestId)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({
    subject: row.subject,
    ...openEmailBody(h.keyring, { ...row, body_ciphertext: row.body_ciphertext! }),
  }));
}

describe('the language of a request', () => {
  it('writes the link email and its reminder in the chosen language and tells the client page', async () => {
    const sent = [];
    for (const [language, to] of [
      ['de', 'dana@acme-outdoor.example'],
      ['pl', 'bea@birch.example'],
    ] as const) {
      const answer = await create({
        title: 'TikTok',
        message: 'Hallo Dana',
        clientEmail: to,
        language,
        items: [item],
      });
      expect(answer.statusCode).toBe(201);
      const body = answer.json<{
        request: { id: string; language: string };
        link: { url: string };
      }>();
      expect(body.request.language).toBe(language);
      sent.push({ language, id: body.request.id, url: body.link.url });
    }
    // Reminders come due a day later; each is written in its own request's language.
    await h.database.db
      .transaction()
      .execute((tx) =>
        sweepLinkReminders(
          tx,
          h.keyring,
          { firstAfterMs: 1, everyMs: 1, max: 1 },
          new Date(Date.now() + 86_400_000),
        ),
      );
    for (const { language, id, url } of sent) {
      const words = clientEmailWords[language];
      const [first, reminder] = await emailsOf(id);
      expect(first?.subject).toBe(words.subjectFirst.replace('{agency}', 'Northwind Media'));
      expect(first?.text).toContain(words.steps);
      expect(first?.text).toContain('Hallo Dana');
      expect(first?.text).toContain(url);
      expect(first?.html).toContain(`lang="${language}"`);
      expect(reminder?.subject).toBe(words.subjectReminder.replace('{agency}', 'Northwind Media'));
      // The emailed link opens the request, which names the language for the page.
      const token = url.split('/l/')[1] ?? '';
      const page = await h.app.inject({ method: 'GET', url: `/api/v1/onboarding/${token}` });
      expect(page.statusCode).toBe(200);
      expect(page.json<{ request: { language: string } }>().request.language).toBe(language);
    }
  });

  it('writes English and leaves the page to the browser when the agency does not choose', async () => {
    const answer = await create({
      title: 'TikTok',
      clientEmail: 'sam@acme-outdoor.example',
      items: [item],
    });
    expect(answer.statusCode).toBe(201);
    const body = answer.json<{ request: { id: string; language: string | null } }>();
    expect(body.request.language).toBeNull();
    const [first] = await emailsOf(body.request.id);
    expect(first?.subject).toBe(
      clientEmailWords.en.subjectFirst.replace('{agency}', 'Northwind Media'),
    );
  });

  it('refuses a language it does not speak, and hostile values, with nothing created', async () => {
    const before = await h.database.db
      .selectFrom('access_requests')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    for (const language of [
      'xx',
      'EN',
      'de\u0000',
      '__proto__',
      'constructor',
      7,
      ['de'],
      { de: 1 },
      'd'.repeat(100_000),
    ]) {
      const answer = await create({
        title: 'TikTok',
        clientEmail: 'x@acme.example',
        language,
        items: [item],
      });
      expect(answer.statusCode, JSON.stringify(language).slice(0, 40)).toBe(400);
      expect(answer.json<{ error: { code: string } }>().error.code).toBe('invalid_body');
    }
    const after = await h.database.db
      .selectFrom('access_requests')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
