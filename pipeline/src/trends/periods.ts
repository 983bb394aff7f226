/**
 * Calendar periods of the trend tests: ISO weeks (Monday to Sunday), months and quarters, laid
 * over the gap-aware day calendar, and per-period sums of per-day counts.
 */
import type { PeriodSeries, TrendScale, TrendSeries } from '../schema/artifacts.ts';
import { dayNumber, isoDay } from './calendar.ts';
import type { DayIndex } from './day-counts.ts';

/** The scales, shortest first. */
export const TREND_SCALES: readonly TrendScale[] = ['week', 'month', 'quarter'];

/** The periods of one scale over a calendar. */
export interface Periods {
  scale: TrendScale;
  /** First calendar day of each period (ISO; the real start, possibly before the calendar). */
  starts: string[];
  /** Last day of each period, clipped to the calendar. */
  ends: string[];
  /** Calendar positions of each period: [from[i], to[i]], inclusive, inside the calendar. */
  from: Int32Array;
  to: Int32Array;
  /** Papers per period; null when no day of the period has a page. */
  totals: (number | null)[];
  /** Page days per period. */
  pageDays: number[];
}

/** First day of the period of `scale` that holds `day`. */
export function periodStart(day: string, scale: TrendScale): string {
  if (scale === 'week') {
    const n = dayNumber(day);
    // Day 0 (1970-01-01) was a Thursday: (n + 3) mod 7 is 0 on Mondays.
    return isoDay(n - ((((n + 3) % 7) + 7) % 7));
  }
  const month = Number(day.slice(5, 7));
  const first = scale === 'month' ? month : month - ((month - 1) % 3);
  return `${day.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
}

/** The periods of `scale` covering the calendar of `index`, with their paper totals. */
export function periodsOf(index: DayIndex, scale: TrendScale): Periods {
  const starts: string[] = [];
  const from: number[] = [];
  index.calendar.forEach((day, i) => {
    const start = periodStart(day, scale);
    if (starts.at(-1) !== start) {
      starts.push(start);
      from.push(i);
    }
  });
  const to = from.map((_, p) =>
    p + 1 < from.length ? from[p + 1]! - 1 : index.calendar.length - 1,
  );
  const totals: (number | null)[] = [];
  const pageDays: number[] = [];
  from.forEach((f, p) => {
    let total = 0;
    let pages = 0;
    for (let i = f; i <= to[p]!; i++) {
      const dayTotal = index.dayTotals[i];
      if (dayTotal === null || dayTotal === undefined) continue;
      total += dayTotal;
      pages++;
    }
    totals.push(pages === 0 ? null : total);
    pageDays.push(pages);
  });
  return {
    scale,
    starts,
    ends: to.map((t) => index.calendar[t]!),
    from: Int32Array.from(from),
    to: Int32Array.from(to),
    totals,
    pageDays,
  };
}

/** Per period, the sum of a per-day count row (0 on days without a page). */
export function sumByPeriod(perDay: Int32Array, periods: Periods): Int32Array {
  const out = new Int32Array(periods.starts.length);
  for (let p = 0; p < out.length; p++) {
    let sum = 0;
    for (let i = periods.from[p]!; i <= periods.to[p]!; i++) sum += perDay[i]!;
    out[p] = sum;
  }
  return out;
}

function round4(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

/** The artifact form of one series at one scale: counts and shares, null where no page. */
export function periodSeries(counts: Int32Array, periods: Periods): TrendSeries {
  const out: TrendSeries = { counts: [], shares: [] };
  periods.totals.forEach((total, p) => {
    out.counts.push(total === null ? null : counts[p]!);
    out.shares.push(total === null ? null : round4(counts[p]! / total));
  });
  return out;
}

/** The `PeriodSeries` artifact of one scale. */
export function periodArtifact(
  periods: Periods,
  topics: ReadonlyMap<string, Int32Array>,
  themes: ReadonlyMap<string, Int32Array>,
): PeriodSeries {
  const asSeries = (rows: ReadonlyMap<string, Int32Array>): Record<string, TrendSeries> =>
    Object.fromEntries([...rows].map(([key, row]) => [key, periodSeries(row, periods)]));
  return {
    starts: periods.starts,
    ends: periods.ends,
    totals: periods.totals,
    pageDays: periods.pageDays,
    topics: asSeries(topics),
    themes: asSeries(themes),
  };
}
