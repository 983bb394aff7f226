/**
 * Quality figures of a topic model, the ones BERTopic reports (arXiv:2203.05794) plus the ones
 * its users ask about: NPMI coherence and diversity of the top-10 words, the outlier rate, and
 * the topic-size distribution.
 */
import { npmiCoherence } from './npmi.ts';
import { topicDiversity } from './diversity.ts';

/** Quality of one run's fine topics. */
export interface TopicQuality {
  /** Mean NPMI (gensim `c_npmi`, window 10) of each topic's top 10 words, in [-1, 1]; null when not measured or no topic. */
  npmi: number | null;
  /** Unique words among all topics' top 10 words / (10 × topics), in (0, 1]; null without topics. */
  diversity: number | null;
  /** Fine topics. */
  topics: number;
  /** Broad themes. */
  themes: number;
  /** Papers in no topic. */
  outliers: number;
  /** outliers / papers, in [0, 1]; 0 for an empty corpus. */
  outlierRate: number;
  /** Papers per fine topic; all 0 without topics. */
  size: { min: number; median: number; max: number };
}

/** Minimum, median (lower middle for an even count) and maximum of `sizes`. */
export function sizeSummary(sizes: readonly number[]): TopicQuality['size'] {
  if (sizes.length === 0) return { min: 0, median: 0, max: 0 };
  const sorted = [...sizes].sort((a, b) => a - b);
  return {
    min: sorted[0]!,
    median: sorted[Math.floor((sorted.length - 1) / 2)]!,
    max: sorted[sorted.length - 1]!,
  };
}

/**
 * Figures for fine topics whose top words (word ids, best first) are `topWords`, with `texts`
 * the corpus's token streams for NPMI (omit to skip NPMI). Figures are rounded to 4 decimals.
 */
export function topicQuality(input: {
  topWords: readonly (readonly number[])[];
  texts?: readonly ArrayLike<number>[];
  sizes: readonly number[];
  themes: number;
  papers: number;
}): TopicQuality {
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  const outliers = input.papers - input.sizes.reduce((sum, s) => sum + s, 0);
  const topWords = input.topWords.map((words) => words.slice(0, 10));
  const npmi =
    input.texts && topWords.length > 0 ? npmiCoherence(input.texts, topWords).mean : Number.NaN;
  const diversity = topicDiversity(topWords);
  return {
    npmi: Number.isNaN(npmi) ? null : round(npmi),
    diversity: Number.isNaN(diversity) ? null : round(diversity),
    topics: input.sizes.length,
    themes: input.themes,
    outliers,
    outlierRate: input.papers === 0 ? 0 : round(outliers / input.papers),
    size: sizeSummary(input.sizes),
  };
}
