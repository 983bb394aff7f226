/**
 * Per-day counts on a gap-aware calendar: every day from the first page to the last, where a day
 * without any page is missing data (null), never zero.
 */
import type { TrendSeries } from '../schema/artifacts.ts';
import { calendarDays, dayNumber } from './calendar.ts';

/** A paper as the trend stage needs it. */
export interface DatedPaper {
  id: string;
  /** ISO days the paper appeared on; empty for an undated paper, which takes no part. */
  dates: readonly string[];
}

/** The calendar of a set of papers. */
export interface DayIndex {
  /** Every ISO day from the first to the last page day, inclusive. */
  calendar: string[];
  /** Papers per calendar day; null on a day with no page. */
  dayTotals: (number | null)[];
  /** Per paper (input order): the calendar positions of its days, unique, ascending. */
  positions: number[][];
}

/** The paper's days, validated and without repeats. */
export function paperDays(paper: DatedPaper): string[] {
  const days = [...new Set(paper.dates)];
  for (const day of days) {
    try {
      dayNumber(day);
    } catch {
      throw new RangeError(`paper ${paper.id}: date "${day}" is not an ISO day (YYYY-MM-DD)`);
    }
  }
  return days;
}

/** Builds the calendar and the day totals. A paper counts once on each of its days. */
export function buildDayIndex(papers: readonly DatedPaper[]): DayIndex {
  const days = papers.map(paperDays);
  const totals = new Map<string, number>();
  for (const list of days) for (const day of list) totals.set(day, (totals.get(day) ?? 0) + 1);
  const pageDays = [...totals.keys()].sort();
  if (pageDays.length === 0) {
    return { calendar: [], dayTotals: [], positions: papers.map(() => []) };
  }
  const calendar = calendarDays(pageDays[0]!, pageDays.at(-1)!);
  const position = new Map(calendar.map((day, i) => [day, i]));
  const dayTotals = calendar.map((day) => totals.get(day) ?? null);
  const positions = days.map((list) => list.map((day) => position.get(day)!).sort((a, b) => a - b));
  return { calendar, dayTotals, positions };
}

/**
 * Counts, per key and calendar day, the papers `keysOf` assigns to that key.
 *
 * @param papers the papers `index` was built from, in the same order.
 * @param keys every key that gets a series, even one with no paper (all zeros).
 * @param keysOf the keys of one paper; each must be in `keys`.
 */
export function countByDay<P extends DatedPaper>(
  papers: readonly P[],
  index: DayIndex,
  keys: readonly string[],
  keysOf: (paper: P) => readonly string[],
): Map<string, Int32Array> {
  const counts = new Map(keys.map((key) => [key, new Int32Array(index.calendar.length)]));
  papers.forEach((paper, i) => {
    const days = index.positions[i]!;
    if (days.length === 0) return;
    for (const key of keysOf(paper)) {
      const row = counts.get(key);
      if (!row) throw new RangeError(`paper ${paper.id}: "${key}" has no series`);
      for (const day of days) row[day]! += 1;
    }
  });
  return counts;
}

/** Rounds a share to the 4 decimals of the artifacts. */
function round4(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

/** The artifact form of one key's counts: nulls on days with no page, shares of the day. */
export function toSeries(counts: Int32Array, dayTotals: readonly (number | null)[]): TrendSeries {
  const out: TrendSeries = { counts: [], shares: [] };
  dayTotals.forEach((total, i) => {
    if (total === null) {
      out.counts.push(null);
      out.shares.push(null);
    } else {
      out.counts.push(counts[i]!);
      out.shares.push(round4(counts[i]! / total));
    }
  });
  return out;
}
