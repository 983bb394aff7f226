/**
 * Calendar arithmetic on ISO `YYYY-MM-DD` days as UTC day numbers (days since 1970-01-01), so
 * that no time zone or daylight-saving shift can move a day.
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * Day number of an ISO day (1970-01-01 is 0).
 *
 * @throws {RangeError} for anything but a real calendar day written `YYYY-MM-DD`.
 */
export function dayNumber(day: string): number {
  const match = ISO_DAY.exec(day);
  if (match) {
    const [, y, m, d] = match;
    const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
    const n = ms / MS_PER_DAY;
    if (Number(y) >= 1000 && isoDay(n) === day) return n;
  }
  throw new RangeError(`"${day}" is not an ISO day (YYYY-MM-DD, a real calendar date)`);
}

/** ISO day of a day number. */
export function isoDay(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The ISO day `offset` days after `day` (before it when negative). */
export function addDays(day: string, offset: number): string {
  return isoDay(dayNumber(day) + offset);
}

/** Every ISO day from `first` to `last`, inclusive; empty when `last` is before `first`. */
export function calendarDays(first: string, last: string): string[] {
  const start = dayNumber(first);
  const end = dayNumber(last);
  const days: string[] = [];
  for (let n = start; n <= end; n++) days.push(isoDay(n));
  return days;
}
