/**
 * The trends stage: per-day counts and shares of every topic (fine and broad) and theme on a
 * gap-aware calendar, rising / fading / new flags as of the last page day, and what each page
 * day brought for the first time. Pure: data in, the `trends.json` body out.
 */
import type { Theme, ThemeScore, Topic, TrendSeries, TrendsFile } from '../schema/artifacts.ts';
import { buildDayIndex, countByDay, toSeries } from './day-counts.ts';
import { firstSeen } from './first-seen.ts';
import {
  checkFlagOptions,
  DEFAULT_FLAG_OPTIONS,
  describeTest,
  flagFamily,
  windowsEndingOn,
  type FlagOptions,
} from './trend-flags.ts';

export { DEFAULT_FLAG_OPTIONS, type FlagOptions } from './trend-flags.ts';

/** Options of {@link computeTrends}; each field defaults as in {@link DEFAULT_FLAG_OPTIONS}. */
export type TrendOptions = Partial<FlagOptions>;

/** A paper as the trend stage needs it. */
export interface TrendPaper {
  id: string;
  /** ISO days the paper appeared on; an undated paper (empty) takes no part in trends. */
  dates: string[];
  /** Fine (level-0) topic id, or null when unassigned. */
  topic: number | null;
  /** Themes the paper belongs to. */
  themes: ThemeScore[];
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
  const flagOptions: FlagOptions = { ...DEFAULT_FLAG_OPTIONS, ...options };
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

  const lastDay = index.calendar.at(-1);
  const windows =
    lastDay === undefined ? null : windowsEndingOn(index, flagOptions.asOf ?? lastDay, flagOptions);
  const flags = windows
    ? [
        ...flagFamily('topic', topicCounts, index, windows, flagOptions),
        ...flagFamily('theme', themeCounts, index, windows, flagOptions),
      ]
    : [];

  return {
    calendar: index.calendar,
    dayTotals: index.dayTotals,
    topics: asSeries(topicCounts),
    themes: asSeries(themeCounts),
    test: describeTest(flagOptions, windows),
    flags,
    firstSeen: firstSeen(input.papers, index, topicsOf),
  };
}
