import { describe, expect, it } from 'vitest';
import {
  clientEmailWords,
  clientLanguages,
  type ClientEmailWords,
} from '../../../src/domain/client-languages.ts';
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
    const email = buildLinkEmail({
      agencyName: 'Northwind Media',
      linkUrl: 'https://l',
      reminder: 2,
    });
    expect(email.subject).toMatch(/^Reminder: Northwind Media is waiting/);
    expect(email.text).toContain('still waiting');
  });

  it("quotes the agency's message in both bodies, escaped in HTML with its line breaks", () => {
    const email = buildLinkEmail({
      agencyName: 'Northwind Media',
      linkUrl: 'https://l',
      reminder: 0,
      message: 'Hi Ana,\n<script>alert(1)</script> & thanks',
    });
    expect(email.text).toContain(
      'Northwind Media writes:\n\nHi Ana,\n<script>alert(1)</script> & thanks',
    );
    expect(email.html).toContain('Hi Ana,<br>&lt;script&gt;alert(1)&lt;/script&gt; &amp; thanks');
    expect(email.html).not.toContain('<script>');
  });

  it('leaves the quote out when there is no message or only spaces', () => {
    for (const message of [undefined, null, '  \n ']) {
      const email = buildLinkEmail({
        agencyName: 'Northwind Media',
        linkUrl: 'https://l',
        reminder: 0,
        message,
      });
      expect(email.text).not.toContain('writes:');
      expect(email.html).not.toContain('blockquote');
    }
  });

  it("is written in the request's language, every word of it, with the agency's message quoted", () => {
    const english = clientEmailWords.en;
    for (const language of clientLanguages.filter((l) => l !== 'en')) {
      const words = clientEmailWords[language];
      for (const key of Object.keys(english) as (keyof ClientEmailWords)[]) {
        // Every word exists, keeps its placeholders, and is not left in English.
        expect(words[key], `${language}.${key}`).toBeTruthy();
        expect(words[key].match(/\{\w+\}/g), `${language}.${key}`).toEqual(
          english[key].match(/\{\w+\}/g),
        );
        expect(words[key], `${language}.${key}`).not.toBe(english[key]);
      }
      for (const reminder of [0, 1]) {
        const email = buildLinkEmail({
          agencyName: 'Northwind Media',
          linkUrl: 'https://l.test/l/x',
          reminder,
          message: 'Hola Dana',
          language,
        });
        expect(email.subject).toBe(
          (reminder ? words.subjectReminder : words.subjectFirst).replace(
            '{agency}',
            'Northwind Media',
          ),
        );
        expect(email.text).toContain(words.writes.replace('{agency}', 'Northwind Media'));
        expect(email.text).toContain('Hola Dana');
        expect(email.text).toContain(words.personal);
        expect(email.html).toContain(`lang="${language}"`);
        expect(email.html).toContain(`>${escapeHtml(words.button)}</a>`);
        expect(email.text).not.toContain(english.steps);
      }
    }
  });

  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
