/**
 * The trends stage: per-day and per-period counts and shares of every topic (fine and broad) and
 * theme on a gap-aware calendar; rising / fading / new flags at every week, month and quarter
 * boundary (the history) and for the latest period; bursts; each topic's keywords per quarter;
 * and what each page day brought for the first time. Pure: data in, the `trends.json` body out.
 */
import type { Theme, ThemeScore, Topic, TrendSeries, TrendsFile } from '../schema/artifacts.ts';
import { DEFAULT_BURST_OPTIONS, type BurstOptions } from './bursts.ts';
import { computeHistory } from './compute-history.ts';
import { buildDayIndex, countByDay, toSeries } from './day-counts.ts';
import { firstSeen } from './first-seen.ts';
import {
  DEFAULT_EVOLUTION_OPTIONS,
  topicEvolution,
  type EvolutionOptions,
} from './topic-evolution.ts';
import {
  checkFlagOptions,
  DEFAULT_FLAG_OPTIONS,
  describeTest,
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

  const { flagScale, flags, history, periods, bursts } = computeHistory(
    index,
    topicCounts,
    themeCounts,
    flagOptions,
    burstOptions ?? DEFAULT_BURST_OPTIONS,
    new Set(input.topics.filter((topic) => topic.level === 1).map((topic) => String(topic.id))),
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
    periods,
    bursts,
    evolution,
    firstSeen: firstSeen(input.papers, index, topicsOf),
  };
}
