/**
 * Quality figures of a topic model, the ones BERTopic reports (arXiv:2203.05794) plus the ones
 * its users ask about: NPMI coherence and diversity of the top-10 words of the fine topics, of
 * the broad topics (clusters of fine topics) and of the fine topics reduced to 10–50 topics (the published protocol), the
 * outlier rate, and the topic-size distribution.
 */
import { countWindows, npmiFromCounts, type WindowCounts } from './npmi.ts';
import { topicDiversity } from './diversity.ts';

/** NPMI and diversity of one set of topics' top 10 words. */
export interface WordScores {
  /** Mean NPMI (gensim `c_npmi`, window 10) of each topic's top 10 words, in [-1, 1]; null when not measured or no topic. */
  npmi: number | null;
  /** Unique words among all topics' top 10 words / (10 × topics), in (0, 1]; null without topics. */
  diversity: number | null;
}

/** The scores of the fine topics reduced to one count. */
export interface ReducedScores extends WordScores {
  /** Topics asked for. */
  target: number;
  /** Topics scored: the target, or all fine topics when there are no more than it. */
  topics: number;
}

/**
 * BERTopic's published protocol: the fine topics reduced to each of 10, 20, 30, 40 and 50 topics
 * (quality/reduce-topics.ts), each scored, and the scores averaged.
 */
export interface ReferenceScores extends WordScores {
  /** One entry per count, ascending; `npmi` and `diversity` above are their means. */
  runs: ReducedScores[];
}

/** How the project's own figures (`npmi`, `diversity`, `broadTopicScores`, `reference`) are computed. */
export const OWN_METHOD =
  "project tokens of title and abstract (plurals folded, stop and generic words out); each topic's " +
  'top 10 single words of its c-TF-IDF ranking (not the displayed keywords); gensim c_npmi ' +
  '(window 10) re-implemented; diversity = unique words / (10 × topics)';

/**
 * The standard evaluator's figures (quality/standard-evaluator.ts): the displayed keywords scored
 * on scikit-learn tokens, comparable with other topic models scored the same way.
 */
export interface StandardQuality extends WordScores {
  /** How they are computed. */
  method: string;
  /** The same for the broad topics. */
  broadTopicScores: WordScores;
}

/** Quality of one run's topics. Top-level `npmi` and `diversity` are the fine topics'. */
export interface TopicQuality extends WordScores {
  /** How `npmi`, `diversity`, `broadTopicScores` and `reference` are computed ({@link OWN_METHOD}). */
  method: string;
  /**
   * The standard evaluator's figures of the displayed keywords; null when coherence was not
   * measured. Absent from figures carried over from a run made before it was reported.
   */
  standard?: StandardQuality | null;
  /** Fine topics. */
  topics: number;
  /** Broad topics (level 1). */
  broadTopics: number;
  /** NPMI and diversity of the broad topics' top 10 words. */
  broadTopicScores: WordScores;
  /** NPMI and diversity under BERTopic's published protocol (reductions to 10–50 topics). */
  reference: ReferenceScores;
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

const round = (x: number) => Math.round(x * 10_000) / 10_000;
const rounded = (x: number) => (Number.isNaN(x) ? null : round(x));

/** Mean of the non-null values, null when there is none. */
function meanOf(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : round(present.reduce((s, v) => s + v, 0) / present.length);
}

/**
 * Figures for fine topics whose top words (word ids, best first) are `topWords`, broad topics whose top
 * words are `broadTopWords` and reductions whose top words are in `reduced`; `texts` are the
 * corpus's token streams for NPMI (omit to skip NPMI). The windows are counted once for the
 * words of every set. Figures are rounded to 4 decimals; the reference means are taken from the
 * unrounded runs. `standard` (the standard evaluator's figures, computed by the caller from the
 * displayed keywords) is passed through.
 */
export function topicQuality(input: {
  topWords: readonly (readonly number[])[];
  broadTopWords?: readonly (readonly number[])[];
  reduced?: readonly { target: number; topWords: readonly (readonly number[])[] }[];
  texts?: readonly ArrayLike<number>[];
  standard?: StandardQuality | null;
  sizes: readonly number[];
  broadTopics: number;
  papers: number;
}): TopicQuality {
  const cut = (sets: readonly (readonly number[])[]) => sets.map((words) => words.slice(0, 10));
  const fine = cut(input.topWords);
  const broad = cut(input.broadTopWords ?? []);
  const reduced = (input.reduced ?? []).map((r) => ({ target: r.target, words: cut(r.topWords) }));
  const allWords = [fine, broad, ...reduced.map((r) => r.words)].flatMap((sets) => sets.flat());
  const counts: WindowCounts | null =
    input.texts && allWords.length > 0 ? countWindows(input.texts, allWords) : null;
  const exact = (sets: number[][]) => ({
    npmi: counts && sets.length > 0 ? npmiFromCounts(counts, sets).mean : Number.NaN,
    diversity: topicDiversity(sets),
  });
  const scores = (sets: number[][]): WordScores => {
    const { npmi, diversity } = exact(sets);
    return { npmi: rounded(npmi), diversity: rounded(diversity) };
  };

  const runs = reduced.map((r) => ({
    target: r.target,
    topics: r.words.length,
    ...exact(r.words),
  }));
  const outliers = input.papers - input.sizes.reduce((sum, s) => sum + s, 0);
  return {
    ...scores(fine),
    method: OWN_METHOD,
    standard: input.standard ?? null,
    topics: input.sizes.length,
    broadTopics: input.broadTopics,
    broadTopicScores: scores(broad),
    reference: {
      npmi: meanOf(runs.map((r) => (Number.isNaN(r.npmi) ? null : r.npmi))),
      diversity: meanOf(runs.map((r) => (Number.isNaN(r.diversity) ? null : r.diversity))),
      runs: runs.map((r) => ({
        target: r.target,
        topics: r.topics,
        npmi: rounded(r.npmi),
        diversity: rounded(r.diversity),
      })),
    },
    outliers,
    outlierRate: input.papers === 0 ? 0 : round(outliers / input.papers),
    size: sizeSummary(input.sizes),
  };
}
