/**
 * The emails a client gets for an access request: the first link, then reminders, in the request's
 * language. Pure text building; the link is a capability URL, so callers seal these bodies at rest
 * and never log them.
 */
import { clientWords, type ClientLanguage } from './client-languages.ts';

export interface LinkEmailInput {
  readonly agencyName: string;
  readonly linkUrl: string;
  /** 0 for the first email, 1.. for reminders. */
  readonly reminder: number;
  /** The agency's own words to the client (the request's message), quoted as written. */
  readonly message?: string | null | undefined;
  /** The request's language; English when not given. */
  readonly language?: ClientLanguage | null | undefined;
}

export interface BuiltEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Builds the subject, plain text and HTML of a link email or reminder. */
export function buildLinkEmail(input: LinkEmailInput): BuiltEmail {
  const { linkUrl, reminder } = input;
  const language = input.language ?? 'en';
  const words = (key: Parameters<typeof clientWords>[1]) =>
    clientWords(language, key, { agency: input.agencyName });
  const message = input.message?.trim() ? input.message.trim() : undefined;
  const subject = words(reminder === 0 ? 'subjectFirst' : 'subjectReminder');
  const opening = words(reminder === 0 ? 'openingFirst' : 'openingReminder');
  const steps = words('steps');
  const quoted = message ? `${words('writes')}\n\n${message}\n\n` : '';
  const text = `${words('hello')}\n\n${opening}\n\n${quoted}${steps}\n\n${linkUrl}\n\n${words('personal')}\n`;
  const html = [
    `<div lang="${language}">`,
    `<p>${escapeHtml(words('hello'))}</p>`,
    `<p>${escapeHtml(opening)}</p>`,
    ...(message ? messageHtml(words('writes'), message) : []),
    `<p>${escapeHtml(steps)}</p>`,
    `<p><a href="${escapeHtml(linkUrl)}">${escapeHtml(words('button'))}</a></p>`,
    `<p>${escapeHtml(words('personal'))}</p>`,
    '</div>',
  ].join('\n');
  return { subject, text, html };
}

/** The agency's message as a quote; every line escaped, line breaks kept. */
function messageHtml(writes: string, message: string): string[] {
  const lines = message.split(/\r?\n/).map(escapeHtml).join('<br>');
  return [
    `<p>${escapeHtml(writes)}</p>`,
    `<blockquote style="margin:0 0 1em;padding-left:1em;border-left:3px solid #ccc">${lines}</blockquote>`,
  ];
}

/** Escapes the five HTML-significant characters. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
