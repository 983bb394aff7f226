/**
 * The topic record of a manifest written before the broad topics (level 1) got their own name:
 * such a manifest calls them "themes" (`params.themeResolution`, `quality.themes`,
 * `quality.themeScores`, `quality.standard.themeScores`), the word the watch list uses. A run
 * that adds papers to that run's topics carries its parameters and quality figures over, so they
 * are read under today's names rather than written again under the old ones.
 */
import type { TopicParams, TopicQuality } from './discover-topics.ts';

type Renames = Readonly<Record<string, string>>;

const PARAM_NAMES: Renames = { themeResolution: 'broadTopicResolution' };
const QUALITY_NAMES: Renames = { themes: 'broadTopics', themeScores: 'broadTopicScores' };
const STANDARD_NAMES: Renames = { themeScores: 'broadTopicScores' };

/** `record` with each old key renamed; key order kept, so the manifest reads as a new one. */
function renamed<T>(record: T, names: Renames): T {
  if (typeof record !== 'object' || record === null) return record;
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [names[key] ?? key, value]),
  ) as T;
}

/** Topic parameters under today's names (unchanged when they already use them). */
export function currentParams(params: TopicParams): TopicParams {
  return renamed(params, PARAM_NAMES);
}

/** Quality figures under today's names (unchanged when they already use them). */
export function currentQuality(quality: TopicQuality): TopicQuality {
  const figures = renamed(quality, QUALITY_NAMES);
  return figures.standard
    ? { ...figures, standard: renamed(figures.standard, STANDARD_NAMES) }
    : figures;
}
