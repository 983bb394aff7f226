/**
 * Calendar days as ISO `YYYY-MM-DD` strings, checked without `Date` so that no time zone and no
 * clock can move them.
 */

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1–12) of `year`. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `YYYY-MM-DD` for a real calendar day (year 1000–9999), or null when there is no such day. */
export function isoDay(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const ISO_PREFIX = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

/**
 * The ISO day written in `text`: `2024-03-17`, or the day part of an ISO timestamp
 * (`2024-03-17T08:00:00Z` → `2024-03-17`, the day as written, not shifted to any time zone).
 * Null when `text` is neither or names no real day.
 */
export function parseIsoDay(text: string): string | null {
  const match = ISO_PREFIX.exec(text.trim());
  if (!match) return null;
  return isoDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const ORDINAL = '(\\d{1,2})(?:st|nd|rd|th)?';
const MONTH_FIRST = new RegExp(`^${MONTH}\\s+${ORDINAL}(?:,?\\s+(\\d{4}))?$`, 'i');
const DAY_FIRST = new RegExp(`^${ORDINAL}\\s+${MONTH},?(?:\\s+(\\d{4}))?$`, 'i');
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date line of a copied page, before a year is settled. */
export interface PageDate {
  /** Month, 1–12. */
  month: number;
  /** Day of the month as written, 1–31 (not yet checked against the month). */
  day: number;
  /** Four-digit year, or null when the line shows none (`Mar 17`). */
  year: number | null;
}

/**
 * Reads a page's date line: `Mar 17`, `March 17`, `Mar 17, 2024`, `March 17 2024`, `17 March 2024`
 * or `2024-03-17` (month names in English, any case, abbreviated or not). Null when the line is
 * not a date line.
 */
export function parsePageDate(line: string): PageDate | null {
  const text = line.trim();
  const monthFirst = MONTH_FIRST.exec(text);
  if (monthFirst) return pageDate(monthFirst[1]!, monthFirst[2]!, monthFirst[3]);
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) return pageDate(dayFirst[2]!, dayFirst[1]!, dayFirst[3]);
  const iso = ISO.exec(text);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  return null;
}

function pageDate(monthName: string, day: string, year: string | undefined): PageDate {
  const month = MONTHS[monthName.slice(0, 3).toLowerCase()]!;
  return { month, day: Number(day), year: year === undefined ? null : Number(year) };
}
