/**
 * Every link Latchkey writes is followed: after the whole flow (request links and reminders, the
 * drift email, the re-request, the access-end reminder, the invitation and setup links, every
 * webhook delivered), each link in a sent email (parsed from the .eml files the server wrote), in
 * a webhook payload or in an API answer is fetched, and none answers 404 (or 5xx).
 */
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWholeFlow, sentEmails, type WholeFlow } from '../../support/whole-flow.ts';

let flow: WholeFlow;
beforeAll(async () => {
  flow = await runWholeFlow();
}, 240_000);
afterAll(async () => {
  await flow?.stop();
});

const URL_PATTERN = /https?:\/\/[^\s"'<>\\)]+/g;

/** The links of one text, trailing punctuation dropped. */
function linksIn(text: string): string[] {
  return [...text.matchAll(URL_PATTERN)].map((m) => m[0].replace(/[.,;:]+$/, ''));
}

describe('links Latchkey writes', () => {
  it('all lead to a page or an API answer', async () => {
    const written = new Map<string, string>();
    const emails = await sentEmails(flow.started.dataDir);
    const kinds = new Set<string>();
    for (const raw of emails) {
      const mail = await simpleParser(raw);
      kinds.add(mail.subject ?? '');
      const html = typeof mail.html === 'string' ? mail.html : '';
      const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) =>
        (m[1] ?? '').replace(/&amp;/g, '&'),
      );
      for (const link of [...linksIn(mail.text ?? ''), ...hrefs]) {
        written.set(link, `email "${mail.subject ?? ''}"`);
      }
    }
    for (const delivery of flow.receiver.received) {
      const type = (JSON.parse(delivery.body) as { type: string }).type;
      for (const link of linksIn(delivery.body)) written.set(link, `webhook ${type}`);
    }
    for (const link of flow.apiLinks) written.set(link, 'API answer');

    // The flow wrote the emails this test is about.
    const subjects = [...kinds].join('\n');
    expect(subjects).toMatch(/asks for access/);
    expect(subjects).toMatch(/Reminder/);
    expect(subjects).toMatch(/Access changed/);
    expect(subjects).toMatch(/ends in/);
    expect(flow.receiver.received.length).toBeGreaterThan(0);
    expect(written.size).toBeGreaterThan(5);

    const dead: string[] = [];
    for (const [link, where] of written) {
      expect(link.startsWith(flow.url), `${link} (${where}) points at Latchkey`).toBe(true);
      const answer = await fetch(link, { redirect: 'manual' });
      if (answer.status === 404 || answer.status >= 500) {
        dead.push(`${answer.status} ${link} (${where})`);
      }
      // A client's link also opens its request through the API the page calls.
      const token = /\/l\/([^/?#]+)/.exec(link)?.[1];
      if (token) {
        const api = await fetch(`${flow.url}/api/v1/onboarding/${token}`);
        if (api.status === 404) dead.push(`${api.status} onboarding API of ${link} (${where})`);
      }
    }
    expect(dead).toEqual([]);
  });
});
