/**
 * The trends stage: per-day and per-period counts and shares of every topic (fine and broad) and
 * theme on a gap-aware calendar; rising / fading / new flags at every week, month and quarter
 * boundary (the history) and for the latest period; bursts; each topic's keywords per quarter;
 * and what each page day brought for the first time. Pure: data in, the `trends.json` body out.
 */
import type {
  PeriodSeries,
  Theme,
  ThemeScore,
  Topic,
  TrendBurst,
  TrendFlag,
  TrendScale,
  TrendSeries,
  TrendsFile,
} from '../schema/artifacts.ts';
import { burstArtifact, DEFAULT_BURST_OPTIONS, findBursts, type BurstOptions } from './bursts.ts';
import { buildDayIndex, countByDay, toSeries } from './day-counts.ts';
import { firstSeen } from './first-seen.ts';
import { periodArtifact, periodsOf, sumByPeriod, TREND_SCALES, type Periods } from './periods.ts';
import {
  DEFAULT_EVOLUTION_OPTIONS,
  topicEvolution,
  type EvolutionOptions,
} from './topic-evolution.ts';
import {
  checkFlagOptions,
  chooseFlagScale,
  DEFAULT_FLAG_OPTIONS,
  describeTest,
  flagEveryPeriod,
  type FlagOptions,
} from './trend-flags.ts';

export { DEFAULT_FLAG_OPTIONS, type FlagOptions } from './trend-flags.ts';

/** Options of {@link computeTrends}; each field defaults as in {@link DEFAULT_FLAG_OPTIONS}. */
export type TrendOptions = Partial<FlagOptions> & {
  /** Burst model options (bursts.ts). */
  bursts?: BurstOptions;
  /** Topic evolution options (topic-evolution.ts). */
  evolution?: EvolutionOptions;
};

/** A paper as the trend stage needs it. */
export interface TrendPaper {
  id: string;
  /** ISO days the paper appeared on; an undated paper (empty) takes no part in trends. */
  dates: string[];
  /** Fine (level-0) topic id, or null when unassigned. */
  topic: number | null;
  /** Themes the paper belongs to. */
  themes: ThemeScore[];
  /** Title and abstract, for the topics' keywords per quarter; without them no evolution. */
  title?: string;
  abstract?: string;
}

/** Everything {@link computeTrends} reads. */
export interface TrendInput {
  papers: readonly TrendPaper[];
  /** Fine and broad topics; a fine topic's `parent` is its broad topic (or null). */
  topics: readonly Pick<Topic, 'id' | 'level' | 'parent'>[];
  themes: readonly Pick<Theme, 'id'>[];
}

/**
 * Computes the trends artifact body.
 *
 * A paper seen on several days counts on each of them; a broad topic's count is the sum of its
 * fine topics'. Flags compare shares, not counts, so a partial page does not read as a collapse.
 *
 * @throws {RangeError} when a paper names a topic or theme missing from the lists, a date is
 *   not an ISO day, or an option is out of range.
 */
export function computeTrends(
  input: TrendInput,
  options: TrendOptions = {},
): Omit<TrendsFile, 'schemaVersion'> {
  const { bursts: burstOptions, evolution: evolutionOptions, ...flagPart } = options;
  const flagOptions: FlagOptions = { ...DEFAULT_FLAG_OPTIONS, ...flagPart };
  checkFlagOptions(flagOptions);

  const fine = new Map<number, number | null>();
  for (const topic of input.topics) if (topic.level === 0) fine.set(topic.id, topic.parent);
  const themeIds = new Set(input.themes.map((theme) => theme.id));
  const topicsOf = (paper: TrendPaper): number[] => {
    if (paper.topic === null) return [];
    if (!fine.has(paper.topic)) {
      throw new RangeError(
        `paper ${paper.id}: topic ${paper.topic} is not a fine (level-0) topic of the topic list`,
      );
    }
    const parent = fine.get(paper.topic)!;
    return parent === null ? [paper.topic] : [paper.topic, parent];
  };
  const themesOf = (paper: TrendPaper): string[] =>
    paper.themes.map(({ theme }) => {
      if (!themeIds.has(theme)) {
        throw new RangeError(`paper ${paper.id}: theme "${theme}" is not in the theme list`);
      }
      return theme;
    });

  const index = buildDayIndex(input.papers);
  const topicKeys = input.topics.map((topic) => String(topic.id));
  const topicCounts = countByDay(input.papers, index, topicKeys, (paper) =>
    topicsOf(paper).map(String),
  );
  const themeCounts = countByDay(input.papers, index, [...themeIds], themesOf);

  const asSeries = (counts: Map<string, Int32Array>): Record<string, TrendSeries> =>
    Object.fromEntries([...counts].map(([key, row]) => [key, toSeries(row, index.dayTotals)]));

  const byScale = Object.fromEntries(
    TREND_SCALES.map((scale) => [scale, periodsOf(index, scale)]),
  ) as Record<TrendScale, Periods>;
  const sums = (rows: Map<string, Int32Array>, periods: Periods) =>
    new Map([...rows].map(([key, row]) => [key, sumByPeriod(row, periods)]));
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
        { kind: 'topic', rows: topicRows },
        { kind: 'theme', rows: themeRows },
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
        for (const burst of findBursts(row, totals, burstOptions ?? DEFAULT_BURST_OPTIONS)) {
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

  const withText = input.papers.every(
    (paper) => paper.title !== undefined && paper.abstract !== undefined,
  );
  const evolution = withText
    ? topicEvolution(
        input.papers.map((paper, i) => {
          const first = index.positions[i]![0];
          return {
            title: paper.title!,
            abstract: paper.abstract!,
            topic: paper.topic,
            firstDay: first === undefined ? null : index.calendar[first]!,
          };
        }),
        evolutionOptions ?? DEFAULT_EVOLUTION_OPTIONS,
      )
    : [];

  return {
    calendar: index.calendar,
    dayTotals: index.dayTotals,
    topics: asSeries(topicCounts),
    themes: asSeries(themeCounts),
    test: describeTest(flagOptions, flagScale),
    flags,
    flagScale,
    history,
    periods: periodArtifacts,
    bursts,
    evolution,
    firstSeen: firstSeen(input.papers, index, topicsOf),
  };
}
