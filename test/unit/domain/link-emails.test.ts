import { describe, expect, it } from 'vitest';
import { buildLinkEmail, escapeHtml } from '../../../src/domain/link-emails.ts';

describe('link emails', () => {
  it('puts the link in both bodies and escapes the agency name in HTML', () => {
    const email = buildLinkEmail({
      agencyName: 'Ads & <Co>',
      linkUrl: 'https://l.test/l/a.b?x="1"',
      reminder: 0,
    });
    expect(email.subject).toBe('Ads & <Co> asks for access to your marketing accounts');
    expect(email.text).toContain('https://l.test/l/a.b?x="1"');
    expect(email.html).toContain('Ads &amp; &lt;Co&gt;');
    expect(email.html).toContain('href="https://l.test/l/a.b?x=&quot;1&quot;"');
    expect(email.html).not.toContain('<Co>');
  });

  it('words reminders as reminders', () => {
    const email = buildLinkEmail({ agencyName: 'Acme', linkUrl: 'https://l', reminder: 2 });
    expect(email.subject).toMatch(/^Reminder: Acme is waiting/);
    expect(email.text).toContain('still waiting');
  });

  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
