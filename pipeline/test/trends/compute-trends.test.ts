import { describe, expect, it } from 'vitest';
import type { Topic, TrendFlag } from '../../src/schema/artifacts.ts';
import { addDays, calendarDays } from '../../src/trends/calendar.ts';
import { computeTrends, type TrendPaper } from '../../src/trends/compute-trends.ts';

type TopicRef = Pick<Topic, 'id' | 'level' | 'parent'>;

const fineTopic = (id: number, parent: number | null): TopicRef => ({ id, level: 0, parent });
const broadTopic = (id: number): TopicRef => ({ id, level: 1, parent: null });

describe('computeTrends on a tiny fixture', () => {
  const papers: TrendPaper[] = [
    { id: 'a', dates: ['2024-03-11'], topic: 1, themes: [{ theme: 'pruning', score: 0.5 }] },
    { id: 'b', dates: ['2024-03-11', '2024-03-13'], topic: 2, themes: [] },
    {
      id: 'c',
      dates: ['2024-03-13'],
      topic: null,
      themes: [
        { theme: 'merging', score: 0.6 },
        { theme: 'pruning', score: 0.45 },
      ],
    },
    { id: 'd', dates: [], topic: 1, themes: [{ theme: 'pruning', score: 0.7 }] },
    { id: 'e', dates: ['2024-03-14'], topic: 3, themes: [] },
  ];
  const topics = [broadTopic(100), fineTopic(1, 100), fineTopic(2, 100), fineTopic(3, null)];
  const themes = [{ id: 'pruning' }, { id: 'merging' }];
  const trends = computeTrends({ papers, topics, themes });

  it('runs the calendar over every day, with null for the day without a page', () => {
    expect(trends.calendar).toEqual(['2024-03-11', '2024-03-12', '2024-03-13', '2024-03-14']);
    expect(trends.dayTotals).toEqual([2, null, 2, 1]);
  });

  it('counts fine and broad topics and themes per day, with shares of the day', () => {
    expect(trends.topics).toEqual({
      '1': { counts: [1, null, 0, 0], shares: [0.5, null, 0, 0] },
      '2': { counts: [1, null, 1, 0], shares: [0.5, null, 0.5, 0] },
      '3': { counts: [0, null, 0, 1], shares: [0, null, 0, 1] },
      '100': { counts: [2, null, 1, 0], shares: [1, null, 0.5, 0] },
    });
    expect(trends.themes).toEqual({
      pruning: { counts: [1, null, 1, 0], shares: [0.5, null, 0.5, 0] },
      merging: { counts: [0, null, 1, 0], shares: [0, null, 0.5, 0] },
    });
  });

  it('lists first-seen papers and born topics per page day', () => {
    expect(trends.firstSeen).toEqual([
      { date: '2024-03-11', papers: ['a', 'b'], topics: [1, 2, 100] },
      { date: '2024-03-13', papers: ['c'], topics: [] },
      { date: '2024-03-14', papers: ['e'], topics: [3] },
    ]);
  });

  it('raises no flag when the baseline window has no page', () => {
    expect(trends.flags).toEqual([]);
    expect(trends.test).toMatch(/Fisher's exact test/);
    expect(trends.test).toMatch(/at every period boundary/);
    expect(trends.history).toEqual([]);
  });

  it('gives the same bytes for the same input in any paper order', () => {
    const again = computeTrends({ papers: [...papers].reverse(), topics, themes });
    expect(JSON.stringify(again)).toBe(JSON.stringify(trends));
  });

  it('names the paper and the fix for unknown topics, themes and bad dates', () => {
    const bad = (paper: TrendPaper) => () => computeTrends({ papers: [paper], topics, themes });
    expect(bad({ id: 'x', dates: ['2024-03-11'], topic: 7, themes: [] })).toThrow(
      /paper x: topic 7 is not a fine/,
    );
    expect(bad({ id: 'x', dates: ['2024-03-11'], topic: 100, themes: [] })).toThrow(
      /paper x: topic 100 is not a fine/,
    );
    expect(
      bad({ id: 'x', dates: ['2024-03-11'], topic: null, themes: [{ theme: 'rl', score: 1 }] }),
    ).toThrow(/paper x: theme "rl" is not in the theme list/);
    expect(bad({ id: 'x', dates: ['Mar 11'], topic: null, themes: [] })).toThrow(
      /paper x: date "Mar 11"/,
    );
    expect(() => computeTrends({ papers, topics, themes }, { minCount: 0 })).toThrow(
      /minCount must be an integer ≥ 1/,
    );
    expect(() => computeTrends({ papers, topics, themes }, { correction: 'holm' as 'bh' })).toThrow(
      /correction must be discrete-bh or bh, got holm/,
    );
  });

  it('handles input without any dated paper', () => {
    const empty = computeTrends({ papers: [papers[3]!], topics, themes });
    expect(empty.calendar).toEqual([]);
    expect(empty.topics['1']).toEqual({ counts: [], shares: [] });
    expect(empty.flags).toEqual([]);
    expect(empty.firstSeen).toEqual([]);
  });
});

/** 32-bit seeded generator (mulberry32), for reproducible random fixtures. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('computeTrends invariants on random inputs', () => {
  const topics = [
    broadTopic(10),
    broadTopic(11),
    fineTopic(0, 10),
    fineTopic(1, 10),
    fineTopic(2, 11),
    fineTopic(3, 11),
    fineTopic(4, null),
  ];
  const themes = [{ id: 't1' }, { id: 't2' }, { id: 't3' }];

  function randomPapers(seed: number): TrendPaper[] {
    const random = mulberry32(seed);
    const days = calendarDays('2024-01-01', '2024-03-10').filter(() => random() > 0.3);
    return Array.from({ length: 400 }, (_, i) => {
      const undated = random() < 0.05;
      const dates = undated
        ? []
        : [
            ...new Set(
              Array.from(
                { length: 1 + Math.floor(random() * 2) },
                () => days[Math.floor(random() * days.length)]!,
              ),
            ),
          ].sort();
      const pick = Math.floor(random() * 6);
      return {
        id: `p${String(i).padStart(3, '0')}`,
        dates,
        topic: pick === 5 ? null : pick,
        themes: themes.filter(() => random() < 0.3).map((t) => ({ theme: t.id, score: 0.5 })),
      };
    });
  }

  for (const seed of [1, 2, 3]) {
    it(`keeps every invariant (seed ${seed})`, () => {
      const papers = randomPapers(seed);
      const trends = computeTrends({ papers, topics, themes });
      const dated = papers.filter((p) => p.dates.length > 0);
      const allDays = dated.flatMap((p) => p.dates).sort();
      expect(trends.calendar).toEqual(calendarDays(allDays[0]!, allDays.at(-1)!));

      trends.calendar.forEach((day, i) => {
        const onDay = dated.filter((p) => p.dates.includes(day));
        const total = trends.dayTotals[i];
        if (onDay.length === 0) {
          expect(total, day).toBeNull();
          for (const series of [...Object.values(trends.topics), ...Object.values(trends.themes)]) {
            expect(series.counts[i]).toBeNull();
            expect(series.shares[i]).toBeNull();
          }
          return;
        }
        expect(total, day).toBe(onDay.length);
        const unassigned = onDay.filter((p) => p.topic === null).length;
        const fine = [0, 1, 2, 3, 4].reduce(
          (s, id) => s + trends.topics[String(id)]!.counts[i]!,
          0,
        );
        expect(fine + unassigned, day).toBe(total);
        expect(trends.topics['10']!.counts[i]).toBe(
          trends.topics['0']!.counts[i]! + trends.topics['1']!.counts[i]!,
        );
        expect(trends.topics['11']!.counts[i]).toBe(
          trends.topics['2']!.counts[i]! + trends.topics['3']!.counts[i]!,
        );
        for (const series of [...Object.values(trends.topics), ...Object.values(trends.themes)]) {
          expect(series.shares[i]).toBeGreaterThanOrEqual(0);
          expect(series.shares[i]).toBeLessThanOrEqual(1);
          expect(series.shares[i]).toBeCloseTo(series.counts[i]! / total!, 4);
        }
      });

      const firstSeenIds = trends.firstSeen.flatMap((day) => day.papers).sort();
      expect(firstSeenIds).toEqual(dated.map((p) => p.id).sort());

      for (const flag of trends.flags) {
        expect(flag.pValue).toBeGreaterThanOrEqual(0);
        expect(flag.pValue).toBeLessThanOrEqual(1);
        if (flag.qValue !== null) expect(flag.qValue).toBeGreaterThanOrEqual(flag.pValue);
        expect(flag.effect).toBeGreaterThan(0);
      }

      const shuffled = [...papers].reverse();
      expect(JSON.stringify(computeTrends({ papers: shuffled, topics, themes }))).toBe(
        JSON.stringify(trends),
      );
    });
  }
});

describe('trend flags', () => {
  /**
   * Papers for a run of days: `perDay(dayIndex)` gives the day's total and, per fine topic, how
   * many of those papers it holds (the rest are unassigned). Days where it returns null have no
   * page.
   */
  function series(
    start: string,
    days: number,
    perDay: (day: number) => { total: number; topics: Partial<Record<number, number>> } | null,
  ): TrendPaper[] {
    const papers: TrendPaper[] = [];
    for (let d = 0; d < days; d++) {
      const spec = perDay(d);
      if (!spec) continue;
      const date = addDays(start, d);
      let n = 0;
      for (const [topic, count] of Object.entries(spec.topics)) {
        for (let i = 0; i < (count ?? 0); i++) {
          papers.push({ id: `${date}-${n++}`, dates: [date], topic: Number(topic), themes: [] });
        }
      }
      while (n < spec.total)
        papers.push({ id: `${date}-${n++}`, dates: [date], topic: null, themes: [] });
    }
    return papers;
  }

  const topics = [fineTopic(1, null), fineTopic(2, null), fineTopic(3, null)];
  // Latest flags at the week scale, each week against the 4 before it: 2024-01-01 is a Monday,
  // so the last ISO week of the 35 days is the recent window and the 4 weeks before it the
  // baseline.
  const weekly = {
    flagScale: 'week',
    baselinePeriods: { week: 4, month: 3, quarter: 2 },
  } as const;
  const flagOf = (flags: TrendFlag[], key: string) => flags.find((f) => f.key === key);
  // 35 days: 2024-01-01 … 2024-02-04; the recent window is the last week, the baseline the 4 before.
  // Two days a week have no page, so every window holds 5 page days per 7.
  const weekend = (d: number) => d % 7 === 1 || d % 7 === 2;

  it('flags a clearly rising share as rising, with its evidence', () => {
    const papers = series('2024-01-01', 35, (d) =>
      weekend(d) ? null : { total: 20, topics: d < 28 ? { 1: 2 } : { 1: 6 } },
    );
    const { flags } = computeTrends({ papers, topics, themes: [] }, weekly);
    const flag = flagOf(flags, '1')!;
    expect(flag).toMatchObject({
      kind: 'topic',
      status: 'rising',
      window: { start: '2024-01-29', end: '2024-02-04' },
      baseline: { start: '2024-01-01', end: '2024-01-28' },
      recentCount: 30,
      recentTotal: 100,
      baselineCount: 40,
      baselineTotal: 400,
    });
    expect(flag.pValue).toBeLessThan(0.05);
    expect(flag.qValue).toBeLessThan(0.05);
    expect(flag.effect).toBeCloseTo((30.5 / 101) * (401 / 40.5), 3);
  });

  it('keeps a constant share steady although the recent pages are partial', () => {
    const papers = series('2024-01-01', 35, (d) =>
      weekend(d) ? null : d < 28 ? { total: 30, topics: { 1: 6 } } : { total: 5, topics: { 1: 1 } },
    );
    const { flags, topics: counts } = computeTrends({ papers, topics, themes: [] }, weekly);
    const flag = flagOf(flags, '1')!;
    expect(flag.status).toBe('steady');
    expect(flag.recentCount).toBe(5);
    expect(flag.baselineCount).toBe(120);
    expect(flag.effect).toBeGreaterThan(0.9);
    expect(flag.effect).toBeLessThan(1.2);
    expect(flag.pValue).toBeGreaterThan(0.5);
    // The counts fall sixfold, which a count-based rule would have read as a collapse.
    expect(counts['1']!.counts.at(-3)).toBe(1);
  });

  it('calls a series with no earlier paper new', () => {
    const papers = series('2024-01-01', 35, (d) =>
      weekend(d) ? null : { total: 20, topics: d >= 32 ? { 1: 2, 2: 1 } : { 1: 2 } },
    );
    const { flags } = computeTrends({ papers, topics, themes: [] }, weekly);
    const flag = flagOf(flags, '2')!;
    expect(flag.status).toBe('new');
    expect(flag.baselineCount).toBe(0);
    expect(flag.recentCount).toBe(3);
  });

  it('does not call a series new when it had papers before the baseline', () => {
    const papers = series('2024-01-01', 42, (d) =>
      weekend(d) ? null : { total: 20, topics: d < 3 || d >= 38 ? { 1: 2, 2: 1 } : { 1: 2 } },
    );
    const { flags } = computeTrends({ papers, topics, themes: [] }, weekly);
    const flag = flagOf(flags, '2')!;
    expect(flag.baselineCount).toBe(0);
    expect(flag.status).not.toBe('new');
  });

  it('tells emerging (tiny baseline, strong rise) from rising, and flags fading', () => {
    const papers = series('2024-01-01', 35, (d) => {
      if (weekend(d)) return null;
      if (d < 28) return { total: 20, topics: { 1: d === 3 ? 1 : 0, 3: 6 } };
      return { total: 20, topics: { 1: 4, 3: 0 } };
    });
    const { flags } = computeTrends({ papers, topics, themes: [] }, weekly);
    expect(flagOf(flags, '1')).toMatchObject({
      status: 'emerging',
      baselineCount: 1,
      recentCount: 20,
    });
    expect(flagOf(flags, '3')).toMatchObject({
      status: 'fading',
      baselineCount: 120,
      recentCount: 0,
    });
    expect(flagOf(flags, '3')!.qValue).toBeLessThan(0.05);
  });

  it('does not test series with too few papers, and orders flags by status then p-value', () => {
    const papers = series('2024-01-01', 35, (d) => {
      if (weekend(d)) return null;
      if (d === 3 || d === 31) return { total: 20, topics: { 1: 4, 2: 1 } };
      return { total: 20, topics: { 1: d < 28 ? 1 : 6 } };
    });
    const { flags } = computeTrends({ papers, topics, themes: [] }, weekly);
    expect(flagOf(flags, '2')).toBeUndefined();
    expect(flagOf(flags, '3')).toBeUndefined();
    expect(flags.map((f) => f.key)).toEqual(['1']);
  });

  it('flags themes as a family of their own', () => {
    const papers = series('2024-01-01', 35, (d) =>
      weekend(d) ? null : { total: 20, topics: { 1: 2 } },
    ).map((paper, i) => ({
      ...paper,
      themes:
        i % (paper.dates[0]! >= '2024-01-29' ? 2 : 10) === 0
          ? [{ theme: 'merging', score: 0.5 }]
          : [],
    }));
    const { flags } = computeTrends({ papers, topics, themes: [{ id: 'merging' }] }, weekly);
    expect(flags.map((f) => `${f.kind}:${f.key}:${f.status}`)).toEqual([
      'topic:1:steady',
      'theme:merging:rising',
    ]);
  });

  it('adjusts fine topics in one family and broad topics with themes in another', () => {
    const papers = series('2024-01-01', 35, (d) =>
      weekend(d)
        ? null
        : { total: 40, topics: d < 28 ? { 1: 2, 2: 3, 3: 1 } : { 1: 6, 2: 3, 3: 1 } },
    ).map((paper, i) => ({
      ...paper,
      themes: i % 3 === 0 ? [{ theme: 'merging', score: 0.5 }] : [],
    }));
    const q = (trends: ReturnType<typeof computeTrends>, key: string) =>
      trends.flags.find((f) => f.key === key)!.qValue;
    const nested = computeTrends(
      {
        papers,
        topics: [broadTopic(10), fineTopic(1, 10), fineTopic(2, 10), fineTopic(3, null)],
        themes: [{ id: 'merging' }],
      },
      weekly,
    );
    const fineOnly = computeTrends(
      {
        papers: papers.map((paper) => ({ ...paper, themes: [] })),
        topics: [fineTopic(1, null), fineTopic(2, null), fineTopic(3, null)],
        themes: [],
      },
      weekly,
    );
    // The broad topic and the theme change nothing in the fine topics' adjustment…
    for (const key of ['1', '2', '3']) expect(q(nested, key)).toBe(q(fineOnly, key));
    // …and the broad topic's q-value comes from its family of two tests (itself and the theme).
    const broad = nested.flags.find((f) => f.key === '10')!;
    const theme = nested.flags.find((f) => f.key === 'merging')!;
    expect(broad.qValue).toBeGreaterThanOrEqual(broad.pValue);
    expect(broad.qValue!).toBeLessThanOrEqual(Math.max(broad.pValue, theme.pValue) * 2 * 1.01);
    expect(broad.qValue).not.toBe(q(nested, '1'));
  });

  it('keeps every earlier non-steady flag in the history, with its scale', () => {
    const papers = series('2024-01-01', 35, (d) =>
      weekend(d) ? null : { total: 20, topics: d >= 14 && d < 21 ? { 1: 8 } : { 1: 1 } },
    );
    const { flags, history } = computeTrends({ papers, topics, themes: [] }, weekly);
    expect(flagOf(flags, '1')!.status).not.toBe('rising');
    const earlier = history.find((f) => f.key === '1' && f.scale === 'week');
    expect(earlier).toMatchObject({
      status: 'rising',
      window: { start: '2024-01-15', end: '2024-01-21' },
      baseline: { start: '2024-01-01', end: '2024-01-14' },
    });
    expect(earlier!.effectLow).toBeGreaterThan(1);
    expect(earlier!.effectHigh).toBeGreaterThan(earlier!.effect);
    expect(history.every((f) => f.status !== 'steady')).toBe(true);
  });
});

describe('the trends contract: history, per-period series, bursts', () => {
  // 400 days from 2024-01-01, 20 papers a page day (no page on Sundays); topic 1 holds 5 % of
  // them until 2024-07-01 and 20 % after, topic 2 a steady 10 %.
  const topics = [broadTopic(10), fineTopic(1, 10), fineTopic(2, 10)];
  const papers: TrendPaper[] = [];
  calendarDays('2024-01-01', addDays('2024-01-01', 399)).forEach((day, d) => {
    if (d % 7 === 6) return;
    const rise = day >= '2024-07-01' ? 4 : d % 2 === 0 ? 1 : 0;
    for (let i = 0; i < 20; i++) {
      const topic = i < rise ? 1 : i >= 18 ? 2 : null;
      papers.push({ id: `${day}-${i}`, dates: [day], topic, themes: [] });
    }
  });
  const trends = computeTrends({ papers, topics, themes: [] });
  const paperDays = papers.length;

  it('flags the rise in the history at the month and quarter scales, with evidence', () => {
    const rises = trends.history.filter((f) => f.key === '1' && f.status === 'rising');
    const scales = new Set(rises.map((f) => f.scale));
    expect(scales.has('month')).toBe(true);
    expect(scales.has('quarter')).toBe(true);
    const firstMonth = rises.find((f) => f.scale === 'month')!;
    expect(firstMonth.window).toEqual({ start: '2024-07-01', end: '2024-07-31' });
    expect(firstMonth.effectLow).toBeGreaterThan(1.25);
    expect(firstMonth.qValue).toBeLessThan(0.05);
    expect(trends.history.some((f) => f.key === '2' && f.status !== 'new')).toBe(false);
  });

  it('keeps only non-steady flags in the history, ordered by scale then window', () => {
    const order = { week: 0, month: 1, quarter: 2 };
    for (let i = 0; i < trends.history.length; i++) {
      const flag = trends.history[i]!;
      expect(flag.status).not.toBe('steady');
      expect(flag.effectLow).toBeLessThanOrEqual(flag.effect);
      expect(flag.effectHigh).toBeGreaterThanOrEqual(flag.effect);
      const prev = trends.history[i - 1];
      if (prev) {
        const cmp =
          order[prev.scale] - order[flag.scale] ||
          (prev.window.start <= flag.window.start ? -1 : 1);
        expect(cmp).toBeLessThan(0);
      }
    }
  });

  it('gives the latest flags at the chosen scale, ending on the last page day', () => {
    expect(trends.flagScale).toBe('month');
    expect(trends.flags.length).toBeGreaterThan(0);
    for (const flag of trends.flags) {
      expect(flag.scale).toBe('month');
      expect(flag.window.end).toBe(trends.calendar.at(-1));
    }
  });

  it('aggregates every series per week, month and quarter without losing a paper', () => {
    for (const scale of ['week', 'month', 'quarter'] as const) {
      const periods = trends.periods[scale];
      expect(periods.totals.reduce<number>((s, t) => s + (t ?? 0), 0)).toBe(paperDays);
      for (const [key, series] of Object.entries(trends.topics)) {
        const daily = series.counts.reduce<number>((s, c) => s + (c ?? 0), 0);
        const byPeriod = periods.topics[key]!.counts.reduce<number>((s, c) => s + (c ?? 0), 0);
        expect(byPeriod, `${scale} ${key}`).toBe(daily);
      }
    }
  });

  it('finds the rise as a burst from its onset week', () => {
    const burst = trends.bursts.find((b) => b.key === '1')!;
    expect(burst.start).toBe('2024-07-01');
    expect(burst.end).toBe(trends.calendar.at(-1));
    expect(trends.bursts.some((b) => b.key === '2')).toBe(false);
  });
});
