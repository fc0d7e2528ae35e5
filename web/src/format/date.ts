/**
 * The one date formatter of the web pages: every date a person reads goes through here, in their
 * locale (the browser's, or the client page's chosen language), never as an ISO timestamp.
 */

type When = string | Date | null | undefined;

const toDate = (value: When): Date | undefined => {
  if (value === null || value === undefined || value === '') return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

/** A date and time, "4 Dec 2026, 15:04" in the reader's locale; "—" for none. */
export function formatDateTime(value: When, locale?: string): string {
  const date = toDate(value);
  if (!date) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A date without the time, "4 Dec 2026"; "—" for none. */
export function formatDate(value: When, locale?: string): string {
  const date = toDate(value);
  if (!date) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

/** How long ago or ahead, "in 3 days", "2 hours ago", for lists where the moment matters less. */
export function formatRelative(value: When, now: Date = new Date(), locale?: string): string {
  const date = toDate(value);
  if (!date) return '—';
  const seconds = (date.getTime() - now.getTime()) / 1000;
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'minute');
}
