import { describe, expect, it } from 'vitest';
import { buildDayIndex } from '../../src/trends/day-counts.ts';
import {
  periodArtifact,
  periodsOf,
  periodStart,
  sumByPeriod,
  TREND_SCALES,
} from '../../src/trends/periods.ts';

describe('periodStart', () => {
  it('starts ISO weeks on Mondays, months on the 1st, quarters in Jan/Apr/Jul/Oct', () => {
    expect(periodStart('2024-01-01', 'week')).toBe('2024-01-01'); // a Monday
    expect(periodStart('2024-01-07', 'week')).toBe('2024-01-01'); // the Sunday after
    expect(periodStart('2024-03-01', 'week')).toBe('2024-02-26'); // across a leap day
    expect(periodStart('1970-01-01', 'week')).toBe('1969-12-29');
    expect(periodStart('2025-02-28', 'month')).toBe('2025-02-01');
    expect(periodStart('2025-12-31', 'quarter')).toBe('2025-10-01');
    expect(periodStart('2025-06-30', 'quarter')).toBe('2025-04-01');
  });
});

describe('periodsOf', () => {
  const papers = [
    { id: 'a', dates: ['2024-01-31'] },
    { id: 'b', dates: ['2024-02-01', '2024-02-02'] },
    { id: 'c', dates: ['2024-04-15'] },
  ];
  const index = buildDayIndex(papers);

  it('covers the calendar with periods clipped to it, gaps as null totals', () => {
    const months = periodsOf(index, 'month');
    expect(months.starts).toEqual(['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01']);
    expect(months.ends).toEqual(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-15']);
    expect(months.totals).toEqual([1, 2, null, 1]);
    expect(months.pageDays).toEqual([1, 2, 0, 1]);
    const quarters = periodsOf(index, 'quarter');
    expect(quarters.starts).toEqual(['2024-01-01', '2024-04-01']);
    expect(quarters.totals).toEqual([3, 1]);
  });

  it('sums to the day totals at every scale', () => {
    const total = index.dayTotals.reduce<number>((s, t) => s + (t ?? 0), 0);
    for (const scale of TREND_SCALES) {
      const periods = periodsOf(index, scale);
      expect(periods.totals.reduce<number>((s, t) => s + (t ?? 0), 0)).toBe(total);
      expect(periods.from[0]).toBe(0);
      expect(periods.to.at(-1)).toBe(index.calendar.length - 1);
      for (let p = 1; p < periods.starts.length; p++) {
        expect(periods.from[p]).toBe(periods.to[p - 1]! + 1);
      }
    }
  });

  it('aggregates a series per period, null where no page', () => {
    const months = periodsOf(index, 'month');
    const row = new Int32Array(index.calendar.length);
    row[0] = 1; // 2024-01-31
    row[1] = 1; // 2024-02-01
    expect(Array.from(sumByPeriod(row, months))).toEqual([1, 1, 0, 0]);
    const artifact = periodArtifact(months, new Map([['7', sumByPeriod(row, months)]]), new Map());
    expect(artifact.topics['7']).toEqual({ counts: [1, 1, null, 0], shares: [1, 0.5, null, 0] });
  });
});
