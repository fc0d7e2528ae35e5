/**
 * Expiring access: when the reminder before a request's end date is due, and whether the end date
 * has come (then the offboarding runs by itself). Pure: the clock is an argument.
 */
const DAY_MS = 86_400_000;

/** The moment the reminder is due: `reminderDays` before the end date. */
export function reminderDueAt(accessEndsAt: Date, reminderDays: number): Date {
  return new Date(accessEndsAt.getTime() - reminderDays * DAY_MS);
}

/** Whether a reminder should go out now (due, not sent for this end date, not yet ended). */
export function isReminderDue(
  accessEndsAt: Date,
  now: Date,
  reminderDays: number,
  sentForEndsAt: Date | null,
): boolean {
  if (now >= accessEndsAt) return false;
  if (sentForEndsAt && sentForEndsAt.getTime() === accessEndsAt.getTime()) return false;
  return now >= reminderDueAt(accessEndsAt, reminderDays);
}

/** Whether the end date has come. */
export function hasAccessEnded(accessEndsAt: Date, now: Date): boolean {
  return now >= accessEndsAt;
}

/** Whole days left until the end date (at least 0), for the reminder's words. */
export function daysLeft(accessEndsAt: Date, now: Date): number {
  return Math.max(0, Math.ceil((accessEndsAt.getTime() - now.getTime()) / DAY_MS));
}
