import { describe, expect, it } from 'vitest';
import type { TrendFlag } from '../../src/lib/data/artifacts.ts';
import {
  byMovement,
  movers,
  periodLines,
  periodSpans,
  stackPeriods,
  wilson,
} from '../../src/lib/trends/period-model.ts';
import { OTHER_KEY, trendLines } from '../../src/lib/trends/trend-model.ts';
import { themeColors, topicColors } from '../../src/lib/map/palette.ts';
import { fixtureDataset } from '../support/fixture-dataset.ts';

describe('period series', () => {
  const { dataset } = fixtureDataset();
  const colors = {
    topics: topicColors(dataset.broadTopics, dataset.fineTopics),
    themes: themeColors(dataset.themes.map((t) => t.id)),
  };
  const lines = trendLines(dataset, 'broad', colors, null);

  it('adds up to every paper of each period, the remainder included', () => {
    for (const scale of ['week', 'month'] as const) {
      const periods = periodLines(dataset, lines, scale);
      const totals = dataset.trends.periods[scale].totals;
      totals.forEach((total, p) => {
        const sum = periods.reduce((s, line) => s + (line.counts[p] ?? 0), 0);
        expect(sum).toBe(total ?? 0);
        if (total !== null) {
          const shares = periods.reduce((s, line) => s + (line.shares[p] ?? 0), 0);
          expect(shares).toBeCloseTo(1, 9);
        }
      });
      const top = stackPeriods(periods).at(-1)!;
      for (const [, high] of top) expect(high).toBeLessThanOrEqual(1 + 1e-9);
    }
  });

  it('gives each smoothed share a band around it', () => {
    for (const line of periodLines(dataset, lines, 'week')) {
      line.smooth.forEach((share, p) => {
        if (share === null) return;
        expect(line.low[p]!).toBeLessThanOrEqual(share + 1e-12);
        expect(line.high[p]!).toBeGreaterThanOrEqual(share - 1e-12);
      });
    }
  });

  it('computes the Wilson interval', () => {
    // Wilson (1927) score interval for 5 of 20 at 95 %, worked by hand: 0.1119 – 0.4687.
    const [low, high] = wilson(5, 20);
    expect(low).toBeCloseTo(0.1119, 4);
    expect(high).toBeCloseTo(0.4687, 4);
    expect(wilson(0, 10)[0]).toBe(0);
  });

  it('sorts by movement with the remainder last, and covers the calendar with spans', () => {
    const sorted = byMovement(periodLines(dataset, lines, 'week'));
    expect(sorted.at(-1)!.line.key).toBe(OTHER_KEY);
    for (let i = 1; i < sorted.length - 1; i++) {
      expect(Math.abs(sorted[i]!.change)).toBeLessThanOrEqual(Math.abs(sorted[i - 1]!.change));
    }
    const spans = periodSpans(dataset, 'week');
    expect(spans[0]![0]).toBe(0);
    expect(spans.at(-1)![1]).toBe(dataset.trends.calendar.length - 1);
  });
});

describe('movers', () => {
  const { dataset } = fixtureDataset();
  const flag = (
    key: string,
    status: TrendFlag['status'],
    effect: number,
    start: string,
    end: string,
  ): TrendFlag => ({
    kind: 'topic',
    key,
    status,
    scale: 'month',
    window: { start, end },
    baseline: { start: '2024-01-01', end: '2024-01-31' },
    recentCount: 10,
    baselineCount: 5,
    recentTotal: 100,
    baselineTotal: 100,
    effect,
    effectLow: effect / 2,
    effectHigh: effect * 2,
    pValue: 0.001,
    qValue: 0.01,
  });
  const data = {
    ...dataset,
    trends: {
      ...dataset.trends,
      calendar: ['2024-01-01', '2024-06-30'],
      history: [
        flag('1', 'rising', 2, '2024-02-01', '2024-02-29'),
        flag('1', 'rising', 3, '2024-03-01', '2024-03-31'),
        flag('2', 'fading', 0.5, '2024-03-01', '2024-03-31'),
        flag('3', 'rising', 9, '2024-05-01', '2024-05-31'),
        flag('4', 'new', 9, '2024-03-01', '2024-03-31'),
      ],
    },
  } as unknown as typeof dataset;

  it('keeps the strongest flag per series inside the range, rising and fading apart', () => {
    const found = movers(data, { start: '2024-02-01', end: '2024-03-31' });
    expect(found.rising.map((m) => [m.flag.key, m.flag.effect, m.flags])).toEqual([['1', 3, 2]]);
    expect(found.fading.map((m) => m.flag.key)).toEqual(['2']);
    const all = movers(data, null);
    expect(all.rising.map((m) => m.flag.key)).toEqual(['3', '1']);
  });
});
