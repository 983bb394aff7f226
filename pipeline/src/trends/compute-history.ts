/**
 * The history half of the trends stage: per-period series at every scale, flags at every period
 * boundary (the history and the latest flags) and bursts, from per-day counts. Reads no text,
 * so it needs nothing from the topic stage.
 */
import type {
  PeriodSeries,
  TrendBurst,
  TrendFlag,
  TrendScale,
  TrendsFile,
} from '../schema/artifacts.ts';
import { burstArtifact, findBursts, type BurstOptions } from './bursts.ts';
import type { DayIndex } from './day-counts.ts';
import { periodArtifact, periodsOf, sumByPeriod, TREND_SCALES, type Periods } from './periods.ts';
import { chooseFlagScale, flagEveryPeriod, type FlagOptions } from './trend-flags.ts';

/** What {@link computeHistory} adds to `trends.json`. */
export type TrendHistory = Pick<
  TrendsFile,
  'flagScale' | 'flags' | 'history' | 'periods' | 'bursts'
>;

/**
 * Per-period series, flags at every week, month and quarter boundary, the latest flags at the
 * flag scale, and weekly bursts, of every topic and theme.
 *
 * @param topicCounts per topic id (as a string), papers per calendar day of `index`.
 * @param themeCounts per theme id, the same.
 * @param broadTopics ids of the broad topics among `topicCounts`: they are tested in one
 *   family with the themes, apart from the fine topics (empty: every topic is fine).
 */
export function computeHistory(
  index: DayIndex,
  topicCounts: ReadonlyMap<string, Int32Array>,
  themeCounts: ReadonlyMap<string, Int32Array>,
  flagOptions: FlagOptions,
  burstOptions: BurstOptions,
  broadTopics: ReadonlySet<string> = new Set(),
): TrendHistory {
  const byScale = Object.fromEntries(
    TREND_SCALES.map((scale) => [scale, periodsOf(index, scale)]),
  ) as Record<TrendScale, Periods>;
  const sums = (rows: ReadonlyMap<string, Int32Array>, periods: Periods) =>
    new Map([...rows].map(([key, row]) => [key, sumByPeriod(row, periods)]));
  const pick = (rows: ReadonlyMap<string, Int32Array>, broad: boolean) =>
    new Map([...rows].filter(([key]) => broadTopics.has(key) === broad));
  const periodArtifacts = {} as Record<TrendScale, PeriodSeries>;
  const history: TrendFlag[] = [];
  const flagScale = chooseFlagScale(byScale, flagOptions);
  let flags: TrendFlag[] = [];
  let weekly: { topics: Map<string, Int32Array>; themes: Map<string, Int32Array> } | undefined;
  for (const scale of TREND_SCALES) {
    const periods = byScale[scale];
    const topicRows = sums(topicCounts, periods);
    const themeRows = sums(themeCounts, periods);
    if (scale === 'week') weekly = { topics: topicRows, themes: themeRows };
    periodArtifacts[scale] = periodArtifact(periods, topicRows, themeRows);
    const perPeriod = flagEveryPeriod(
      index,
      periods,
      [
        { kind: 'topic', family: 'fine', rows: pick(topicRows, false) },
        { kind: 'topic', family: 'broad', rows: pick(topicRows, true) },
        { kind: 'theme', family: 'broad', rows: themeRows },
      ],
      flagOptions,
    );
    for (const periodFlags of perPeriod) {
      for (const flag of periodFlags) if (flag.status !== 'steady') history.push(flag);
    }
    if (scale === flagScale) flags = perPeriod.at(-1) ?? [];
  }

  const bursts: TrendBurst[] = [];
  if (weekly) {
    const week = byScale.week;
    const totals = week.totals.map((t) => t ?? 0);
    const starts = Array.from(week.from, (i) => index.calendar[i]!);
    for (const [kind, rows] of [
      ['topic', weekly.topics],
      ['theme', weekly.themes],
    ] as const) {
      for (const [key, row] of rows) {
        for (const burst of findBursts(row, totals, burstOptions)) {
          bursts.push(burstArtifact(kind, key, burst, starts, week.ends));
        }
      }
    }
  }

  const keyOrder = (a: string, b: string) =>
    Number.isFinite(Number(a)) && Number.isFinite(Number(b))
      ? Number(a) - Number(b)
      : a < b
        ? -1
        : a > b
          ? 1
          : 0;
  bursts.sort(
    (a, b) =>
      (a.kind === b.kind ? 0 : a.kind === 'topic' ? -1 : 1) ||
      keyOrder(a.key, b.key) ||
      (a.start < b.start ? -1 : a.start > b.start ? 1 : 0),
  );

  return { flagScale, flags, history, periods: periodArtifacts, bursts };
}
