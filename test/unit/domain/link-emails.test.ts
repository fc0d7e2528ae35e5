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

  it("quotes the agency's message in both bodies, escaped in HTML with its line breaks", () => {
    const email = buildLinkEmail({
      agencyName: 'Acme',
      linkUrl: 'https://l',
      reminder: 0,
      message: 'Hi Ana,\n<script>alert(1)</script> & thanks',
    });
    expect(email.text).toContain('Acme writes:\n\nHi Ana,\n<script>alert(1)</script> & thanks');
    expect(email.html).toContain('Hi Ana,<br>&lt;script&gt;alert(1)&lt;/script&gt; &amp; thanks');
    expect(email.html).not.toContain('<script>');
  });

  it('leaves the quote out when there is no message or only spaces', () => {
    for (const message of [undefined, null, '  \n ']) {
      const email = buildLinkEmail({
        agencyName: 'Acme',
        linkUrl: 'https://l',
        reminder: 0,
        message,
      });
      expect(email.text).not.toContain('writes:');
      expect(email.html).not.toContain('blockquote');
    }
  });

  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
