/**
 * ISO day arithmetic for the fetcher. Days are `YYYY-MM-DD` strings in UTC; a `Date` appears only
 * where the clock is read, and is turned into a day at once.
 */
import { parseIsoDay } from '../ingest/iso-day.ts';

const DAY_MS = 86_400_000;

function toEpochDay(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function fromEpochDay(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

/** The ISO day `n` days after `day` (negative `n`: before). */
export function addDays(day: string, n: number): string {
  return fromEpochDay(toEpochDay(day) + n);
}

/** Every ISO day from `from` to `to`, inclusive, ascending; empty when `from` is after `to`. */
export function dayRange(from: string, to: string): string[] {
  const days: string[] = [];
  for (let e = toEpochDay(from), end = toEpochDay(to); e <= end; e++) days.push(fromEpochDay(e));
  return days;
}

/** The UTC day of an instant. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Milliseconds since the epoch at which `day` ends (the next day's 00:00 UTC). */
export function dayEndMs(day: string): number {
  return (toEpochDay(day) + 1) * DAY_MS;
}

/** `text` as an ISO day when it is a real calendar day written `YYYY-MM-DD`, else null. */
export function strictIsoDay(text: string): string | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseIsoDay(text) : null;
}
