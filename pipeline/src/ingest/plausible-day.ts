/**
 * The span of days a paper can plausibly be dated: from the start of arXiv to a few days after
 * today. A date outside it is a typo or a placeholder (`9999-12-31`, `1000-01-01`), and letting it
 * through would stretch the trend calendar over centuries.
 */

/** The earliest plausible day: arXiv opened in August 1991. */
export const EARLIEST_DAY = '1991-01-01';

/** Days after today still accepted: a page published "tomorrow" in another time zone. */
export const DAYS_AHEAD = 3;

/** First and last accepted day, inclusive, as ISO `YYYY-MM-DD`. */
export interface DayRange {
  first: string;
  last: string;
}

const MS_PER_DAY = 86_400_000;

/** Today's ISO day in UTC by the system clock. */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The accepted range when today is `today` (ISO day): {@link EARLIEST_DAY} to today + {@link DAYS_AHEAD}. */
export function plausibleDayRange(today: string): DayRange {
  const last = new Date(Date.parse(`${today}T00:00:00Z`) + DAYS_AHEAD * MS_PER_DAY);
  return { first: EARLIEST_DAY, last: last.toISOString().slice(0, 10) };
}

/**
 * Why `day` (a real ISO day) is outside `range`, as a phrase for a reject message, or null when
 * it is inside (or no range is set).
 */
export function implausibleDay(day: string, range: DayRange | undefined): string | null {
  if (range === undefined) return null;
  if (day < range.first) return `${day} is before ${range.first}, earlier than any arXiv paper`;
  if (day > range.last)
    return `${day} is after ${range.last}, more than ${DAYS_AHEAD} days from today`;
  return null;
}
