/**
 * The emails a client gets for an access request: the first link, then reminders. Pure text
 * building; the link is a capability URL, so callers seal these bodies at rest and never log them.
 */

export interface LinkEmailInput {
  readonly agencyName: string;
  readonly linkUrl: string;
  /** 0 for the first email, 1.. for reminders. */
  readonly reminder: number;
  /** The agency's own words to the client (the request's message), quoted as written. */
  readonly message?: string | null | undefined;
}

export interface BuiltEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Builds the subject, plain text and HTML of a link email or reminder. */
export function buildLinkEmail(input: LinkEmailInput): BuiltEmail {
  const { agencyName, linkUrl, reminder } = input;
  const message = input.message?.trim() ? input.message.trim() : undefined;
  const subject =
    reminder === 0
      ? `${agencyName} asks for access to your marketing accounts`
      : `Reminder: ${agencyName} is waiting for access to your marketing accounts`;
  const opening =
    reminder === 0
      ? `${agencyName} would like access to some of your marketing accounts.`
      : `${agencyName} is still waiting for access to some of your marketing accounts.`;
  const steps =
    'Open the link, sign in to each platform, pick the accounts and approve. ' +
    'You never share a password, and you can remove the access at any time in each platform.';
  const quoted = message ? `${agencyName} writes:\n\n${message}\n\n` : '';
  const text = `Hello,\n\n${opening}\n\n${quoted}${steps}\n\n${linkUrl}\n\nThis link is personal: do not forward it.\n`;
  const html = [
    '<p>Hello,</p>',
    `<p>${escapeHtml(opening)}</p>`,
    ...(message ? messageHtml(agencyName, message) : []),
    `<p>${escapeHtml(steps)}</p>`,
    `<p><a href="${escapeHtml(linkUrl)}">Give access</a></p>`,
    '<p>This link is personal: do not forward it.</p>',
  ].join('\n');
  return { subject, text, html };
}

/** The agency's message as a quote; every line escaped, line breaks kept. */
function messageHtml(agencyName: string, message: string): string[] {
  const lines = message.split(/\r?\n/).map(escapeHtml).join('<br>');
  return [
    `<p>${escapeHtml(agencyName)} writes:</p>`,
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
